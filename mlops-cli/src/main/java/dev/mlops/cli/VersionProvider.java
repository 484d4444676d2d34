package dev.mlops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Prints {@code mlops <version>}; the version comes from a resource filtered by the build, so it is
 * the same in the shaded jar, the plain jar and the test class path.
 */
final class VersionProvider implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    return new String[] {"mlops " + version()};
  }

  /**
   * Returns this build's version, or {@code unknown} if the build did not record it.
   *
   * @return the version
   */
  static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + RESOURCE + " from the mlops jar", e);
    }
  }
}
