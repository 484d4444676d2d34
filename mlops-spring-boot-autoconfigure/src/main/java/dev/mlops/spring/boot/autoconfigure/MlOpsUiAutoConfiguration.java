package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.core.MlOps;
import dev.mlops.server.MlOpsWeb;
import dev.mlops.server.http.ServletAdapter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * With {@code mlops-server} on the class path and {@code mlops.ui.enabled=true}: the web UI as a
 * servlet under {@code mlops.ui.path} in the application's own container, reading the
 * application's {@link MlOps}. It sits behind whatever the application's security filter chain
 * does for that path; the user that chain authenticates is who the UI records for writes.
 */
@AutoConfiguration(after = MlOpsAutoConfiguration.class)
@ConditionalOnClass({ServletAdapter.class, ServletRegistrationBean.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "mlops.ui", name = "enabled", havingValue = "true")
@ConditionalOnBean(MlOps.class)
@EnableConfigurationProperties(MlOpsUiProperties.class)
public class MlOpsUiAutoConfiguration {
  @Bean
  ServletRegistrationBean<ServletAdapter> mlopsUiServlet(MlOps mlops, MlOpsUiProperties ui) {
    String path = ui.getPath();
    if (!path.startsWith("/") || path.contains("*")) {
      throw new MlOpsPropertyException("mlops.ui.path", path, "is not a path such as /mlops",
          "set mlops.ui.path to a path that starts with '/' and has no '*'", null);
    }
    String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    ServletRegistrationBean<ServletAdapter> registration = new ServletRegistrationBean<>(
        new ServletAdapter(MlOpsWeb.builder(mlops).uiWrites(ui.isWrites()).build()), base + "/*");
    registration.setName("mlopsUi");
    return registration;
  }
}
