package dev.mlops.server.ui;

import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Serves the pages' scripts and styles from the classpath: nothing is fetched from a CDN. */
final class Assets {
  /** The uPlot WebJar's version; it matches {@code uplot.version} in mlops-server's pom. */
  static final String UPLOT_VERSION = "1.6.30";
  private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/dist/";
  private static final String OURS = "dev/mlops/server/ui/";

  /** The only names served: a fixed list, so no request can name another classpath resource. */
  private static final Map<String, String[]> FILES = Map.of(
      "uPlot.iife.min.js", new String[] {UPLOT + "uPlot.iife.min.js", "text/javascript; charset=utf-8"},
      "uPlot.min.css", new String[] {UPLOT + "uPlot.min.css", "text/css; charset=utf-8"},
      "ui.js", new String[] {OURS + "ui.js", "text/javascript; charset=utf-8"},
      "ui.css", new String[] {OURS + "ui.css", "text/css; charset=utf-8"});

  private Assets() {}

  static void serve(WebRequest request, WebResponse response) throws IOException {
    String[] file = FILES.get(request.pathParameter("name"));
    InputStream in = file == null ? null : Assets.class.getClassLoader().getResourceAsStream(file[0]);
    if (in == null) {
      response.sendText(404, "text/plain", "no such asset: " + request.pathParameter("name"));
      return;
    }
    byte[] bytes;
    try (in) {
      bytes = in.readAllBytes();
    }
    response.header("Cache-Control", "max-age=3600").header("X-Content-Type-Options", "nosniff")
        .send(200, file[1], bytes);
  }
}
