package dev.mlops.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code mlops.ui.*} properties: the web UI of {@code mlops-server}, mounted in the
 * application's own Servlet container when that module is on the class path.
 */
@ConfigurationProperties(prefix = "mlops.ui")
public class MlOpsUiProperties {
  /** Whether to mount the web UI (needs mlops-server on the class path). */
  private boolean enabled;

  /** The path the UI is mounted under. */
  private String path = "/mlops";

  /**
   * Whether users the application authenticated (Spring Security's principal) may approve or
   * reject requests and move aliases through the gate from the UI.
   */
  private boolean writes;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }

  public boolean isWrites() {
    return writes;
  }

  public void setWrites(boolean writes) {
    this.writes = writes;
  }
}
