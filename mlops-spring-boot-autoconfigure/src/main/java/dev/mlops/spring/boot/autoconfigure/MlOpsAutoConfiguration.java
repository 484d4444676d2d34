package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.storage.ObjectStore;
import dev.mlops.core.MlOps;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The {@link MlOps} bean, opened once from {@code mlops.*} and closed with the context; the served
 * models ({@code mlops.models.<name>.ref}) and drift monitors ({@code mlops.drift.<name>.*}) as
 * beans qualified by name. An application's own {@code MlOps} bean replaces the one made here; an
 * application's own {@link ObjectStore} bean is used instead of {@code mlops.store} (and stays the
 * application's to close).
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(MlOps.class)
@EnableConfigurationProperties(MlOpsProperties.class)
@Import(MlOpsBeanRegistrar.class)
public class MlOpsAutoConfiguration {
  static final String STORE_PROPERTY = "mlops.store";
  private static final String MLOPS_BEAN = "mlOps";
  private static final String WORKERS_BEAN = "mlOpsWorkers";

  @Bean(WORKERS_BEAN)
  @ConditionalOnMissingBean(MlOps.class)
  @ConditionalOnProperty(prefix = "mlops", name = "executor-threads")
  MlOpsWorkers mlOpsWorkers(MlOpsProperties properties) {
    Integer threads = properties.getExecutorThreads();
    if (threads == null || threads < 1) {
      throw new MlOpsPropertyException("mlops.executor-threads", String.valueOf(threads),
          "the executor needs at least one thread",
          "Set mlops.executor-threads to 1 or more (one per live run at least), or remove it to use the SDK's own pool.",
          null);
    }
    return new MlOpsWorkers(threads);
  }

  /**
   * Opens the SDK. The context closes it (not the JVM's exit hook), after the beans that use it.
   *
   * @param properties the {@code mlops.*} properties
   * @param stores the application's own store, if any
   * @param meters the application's meter registry, if any: the SDK's meters go there
   * @param workers the fixed pool of {@code mlops.executor-threads}, if set
   * @param beans the bean factory, to close the pool and the host's store after this bean
   * @return the SDK
   */
  @Bean(name = MLOPS_BEAN, destroyMethod = "close")
  @ConditionalOnMissingBean
  public MlOps mlOps(MlOpsProperties properties, ObjectProvider<ObjectStore> stores,
      ObjectProvider<MeterRegistry> meters, ObjectProvider<MlOpsWorkers> workers, ConfigurableListableBeanFactory beans) {
    MlOps.Builder builder = MlOps.builder().closeOnJvmExit(false);
    meters.ifUnique(builder::meterRegistry);
    workers.ifAvailable(w -> {
      builder.executor(w.executor());
      // An ObjectProvider records no dependency: without this the context could stop the pool
      // first, and its shutdown would wait on the SDK's tasks that only MlOps.close() ends.
      beans.registerDependentBean(WORKERS_BEAN, MLOPS_BEAN);
    });
    if (properties.getModelCacheSize() != null) {
      long bytes = properties.getModelCacheSize().toBytes();
      if (bytes <= 0) {
        throw new MlOpsPropertyException("mlops.model-cache-size", properties.getModelCacheSize().toString(),
            "the model cache bound must be positive", "Set mlops.model-cache-size to a size such as 512MB, or remove it"
                + " for the default (1GB).", null);
      }
      builder.modelCacheBytes(bytes);
    }
    if (properties.getAliasPollPeriod() != null) {
      if (properties.getAliasPollPeriod().isNegative() || properties.getAliasPollPeriod().isZero()) {
        throw new MlOpsPropertyException("mlops.alias-poll-period", properties.getAliasPollPeriod().toString(),
            "the period must be positive", "Set mlops.alias-poll-period to a duration such as 5s.", null);
      }
      builder.aliasPollPeriod(properties.getAliasPollPeriod());
    }
    ObjectStore hostStore = stores.getIfUnique();
    if (hostStore != null) {
      // Closing the MlOps flushes open runs to the store: the host's store bean must close after it.
      for (String name : beans.getBeanNamesForType(ObjectStore.class)) {
        if (beans.getBean(name) == hostStore) {
          beans.registerDependentBean(name, MLOPS_BEAN);
        }
      }
      return builder.store(hostStore).build();
    }
    String location = properties.getStore();
    URI uri = storeUri(location);
    try {
      return builder.uri(uri).build();
    } catch (RuntimeException e) {
      throw new MlOpsPropertyException(STORE_PROPERTY, location, "the store did not open: " + e.getMessage(),
          "Set mlops.store to file:/path/to/store, s3://bucket/prefix or a directory; an s3:// store needs"
              + " mlops-storage-s3 on the class path (mlops-spring-boot-starter brings it).", e);
    }
  }

  @Bean
  ModelWarmUp mlOpsModelWarmUp(MlOps mlops, ObjectProvider<ServedModel> models) {
    return new ModelWarmUp(mlops, models.orderedStream().toList());
  }

  private static URI storeUri(@Nullable String location) {
    if (location == null || location.isBlank()) {
      return MlOps.defaultStoreUri(System.getenv());
    }
    try {
      return MlOps.toStoreUri(location.trim());
    } catch (IllegalArgumentException e) {
      throw new MlOpsPropertyException(STORE_PROPERTY, location, "not a URI or a path: " + e.getMessage(),
          "Set mlops.store to file:/path/to/store, s3://bucket/prefix or a directory.", e);
    }
  }
}
