package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.core.MlOps;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * With Spring Boot Actuator on the class path: the {@code mlops} health indicator and the
 * read-only {@code /actuator/mlops} endpoint (expose it with
 * {@code management.endpoints.web.exposure.include}).
 */
@AutoConfiguration(after = MlOpsAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(MlOps.class)
public class MlOpsActuatorAutoConfiguration {
  @Bean
  @ConditionalOnEnabledHealthIndicator("mlops")
  HealthIndicator mlopsHealthIndicator(MlOps mlops, ObjectProvider<ServedModel> models) {
    return new MlOpsHealthIndicator(mlops, models);
  }

  @Bean
  @ConditionalOnAvailableEndpoint
  MlOpsEndpoint mlopsEndpoint(MlOps mlops, ObjectProvider<ServedModel> models, ListableBeanFactory beans) {
    return new MlOpsEndpoint(mlops, models, () -> beans.getBeansOfType(DriftMonitor.class));
  }
}
