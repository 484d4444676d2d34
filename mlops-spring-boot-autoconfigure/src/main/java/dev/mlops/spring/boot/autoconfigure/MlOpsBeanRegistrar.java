package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.Names;
import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.core.MlOps;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.GenericBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers a bean per {@code mlops.models.<name>} (a {@link ServedModel}, injected as
 * {@code @Qualifier("<name>") ModelHandle}) and per {@code mlops.drift.<name>} (a
 * {@link DriftMonitor}, injected as {@code @Qualifier("<name>") DriftMonitor}). The names come
 * from the properties, so the beans are registered before the context instantiates anything; a
 * malformed reference or name fails here, naming its property.
 */
class MlOpsBeanRegistrar implements ImportBeanDefinitionRegistrar {
  /** Bean names are {@code mlops.models.<name>} and {@code mlops.drift.<name>}, the qualifier is {@code <name>}. */
  static final String MODEL_BEAN_PREFIX = "mlops.models.";
  static final String DRIFT_BEAN_PREFIX = "mlops.drift.";

  private final Environment environment;
  private final BeanFactory beanFactory;

  MlOpsBeanRegistrar(Environment environment, BeanFactory beanFactory) {
    this.environment = environment;
    this.beanFactory = beanFactory;
  }

  @Override
  public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    Binder binder = Binder.get(environment);
    Map<String, MlOpsProperties.Model> models = binder.bind("mlops.models",
        Bindable.mapOf(String.class, MlOpsProperties.Model.class)).orElse(Map.of());
    models.forEach((name, model) -> {
      String property = MODEL_BEAN_PREFIX + requireName(name, MODEL_BEAN_PREFIX) + ".ref";
      ModelRef ref = ModelRef.parse(property, model.getRef());
      register(registry, MODEL_BEAN_PREFIX + name, name, ServedModel.class, () -> new ServedModel(name, ref));
    });
    Map<String, MlOpsProperties.Drift> monitors = binder.bind("mlops.drift",
        Bindable.mapOf(String.class, MlOpsProperties.Drift.class)).orElse(Map.of());
    monitors.forEach((name, drift) -> {
      requireName(name, DRIFT_BEAN_PREFIX);
      register(registry, DRIFT_BEAN_PREFIX + name, name, DriftMonitor.class,
          () -> DriftMonitors.start(beanFactory.getBean(MlOps.class), name, drift));
    });
  }

  private static <T> void register(BeanDefinitionRegistry registry, String beanName, String qualifier,
      Class<T> type, java.util.function.Supplier<T> supplier) {
    GenericBeanDefinition definition = new GenericBeanDefinition();
    definition.setBeanClass(type);
    definition.setInstanceSupplier(supplier);
    definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, qualifier));
    definition.setDestroyMethodName(AbstractBeanDefinition.INFER_METHOD);
    registry.registerBeanDefinition(beanName, definition);
  }

  private static String requireName(String name, String prefix) {
    if (!Names.isValid(name)) {
      throw new MlOpsPropertyException(prefix + name, name, "'" + name + "' is not a valid name",
          "Rename " + prefix + name + " with 1-128 of A-Z a-z 0-9 _ - . (the name is the bean's qualifier).", null);
    }
    return name;
  }
}
