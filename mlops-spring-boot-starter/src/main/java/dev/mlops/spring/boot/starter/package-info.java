/**
 * The starter has no code: it is one dependency that brings {@code mlops-spring-boot-autoconfigure}
 * (the {@code MlOps} bean, served models, drift monitors, health and {@code /actuator/mlops}), the
 * file and S3 stores, and Spring Boot's starter. This package exists so the published jar has
 * sources and javadoc, as Maven Central asks of every jar. See {@code docs/spring-boot.md}.
 */
package dev.mlops.spring.boot.starter;
