package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.esc;

import dev.mlops.api.NotFoundException;
import dev.mlops.api.experiment.ArtifactInfo;
import dev.mlops.api.experiment.ExperimentLogger;
import dev.mlops.api.experiment.RunInfo;
import dev.mlops.server.http.WebRequest;
import dev.mlops.server.http.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A run's artifacts: download and preview. Only a path the run lists can be opened, and it is
 * opened through the API, so no request reaches a file outside the run's artifacts (the adapters
 * already refuse {@code ..}, {@code .} and encoded slashes before we see the path).
 */
final class Artifacts {
  static final int PREVIEW_BYTES = 256 * 1024;
  static final int PREVIEW_ROWS = 200;
  private static final Map<String, String> IMAGES = Map.of("png", "image/png", "jpg", "image/jpeg",
      "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");
  private static final List<String> TEXT = List.of("txt", "log", "json", "md", "yaml", "yml", "py", "java", "sql",
      "properties", "toml", "ini", "xml", "html", "svg");

  private Artifacts() {}

  static String encodePath(String path) {
    return Stream.of(path.split("/")).map(Html::enc).collect(Collectors.joining("/"));
  }

  private static String extension(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  static boolean previewable(String path) {
    String extension = extension(path);
    return IMAGES.containsKey(extension) || TEXT.contains(extension) || isTable(extension);
  }

  private static boolean isTable(String extension) {
    return extension.equals("csv") || extension.equals("tsv");
  }

  private static ArtifactInfo listed(RunInfo run, String path) {
    return run.artifacts().stream().filter(artifact -> artifact.path().equals(path)).findFirst()
        .orElseThrow(() -> new NotFoundException("run '" + run.id() + "' has no artifact '" + path
            + "'; its page lists the artifacts it has"));
  }

  /** Sends an artifact: raster images inline when asked (for previews), anything else as a download. */
  static void download(ExperimentLogger experiments, RunInfo run, WebRequest request, WebResponse response)
      throws IOException {
    ArtifactInfo artifact = listed(run, request.pathParameter("path"));
    String image = IMAGES.get(extension(artifact.path()));
    boolean inline = image != null && "1".equals(request.query("inline"));
    String name = artifact.path().substring(artifact.path().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    response.header("Content-Security-Policy", "default-src 'none'; sandbox")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\"" + name + "\"");
    try (InputStream in = experiments.openArtifact(run.id(), artifact.path());
         OutputStream out = response.stream(200, inline ? image : "application/octet-stream")) {
      in.transferTo(out);
    }
  }

  /** The body of a preview page: an image, a table of a CSV's first rows, or the text's beginning. */
  static String preview(ExperimentLogger experiments, RunInfo run, String path, WebRequest request) throws IOException {
    ArtifactInfo artifact = listed(run, path);
    String extension = extension(path);
    String download = Page.href(request, "/runs/" + Html.enc(run.id()) + "/artifacts/" + encodePath(path));
    StringBuilder body = new StringBuilder("<p><a href=\"").append(Page.href(request, "/runs/" + Html.enc(run.id())))
        .append("\">&larr; run</a> · <a href=\"").append(download).append("\">download</a> (")
        .append(Html.bytes(artifact.size())).append(")</p>");
    if (IMAGES.containsKey(extension)) {
      return body.append("<img class=\"preview\" alt=\"").append(esc(path)).append("\" src=\"").append(download)
          .append("?inline=1\">").toString();
    }
    if (!previewable(path)) {
      return body.append("<p>No preview for this kind of file.</p>").toString();
    }
    byte[] bytes;
    try (InputStream in = experiments.openArtifact(run.id(), path)) {
      bytes = in.readNBytes(PREVIEW_BYTES);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    boolean truncated = artifact.size() > bytes.length;
    if (isTable(extension)) {
      char separator = extension.equals("tsv") ? '\t' : ',';
      List<List<String>> rows = csvRows(text, separator, PREVIEW_ROWS + 1);
      body.append("<table id=\"preview\" class=\"grid\">");
      for (int r = 0; r < rows.size(); r++) {
        body.append("<tr>");
        for (String cell : rows.get(r)) {
          body.append(r == 0 ? "<th>" : "<td>").append(esc(cell)).append(r == 0 ? "</th>" : "</td>");
        }
        body.append("</tr>");
      }
      body.append("</table>");
      if (rows.size() > PREVIEW_ROWS || truncated) {
        body.append("<p>Only the first rows are shown; download the file for the rest.</p>");
      }
      return body.toString();
    }
    body.append("<pre id=\"preview\">").append(esc(text)).append("</pre>");
    if (truncated) {
      body.append("<p>Only the first ").append(PREVIEW_BYTES / 1024).append(" KB are shown.</p>");
    }
    return body.toString();
  }

  /** Splits CSV text into rows, honouring double-quoted fields (RFC 4180), up to a number of rows. */
  static List<List<String>> csvRows(String text, char separator, int maxRows) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length() && rows.size() < maxRows; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == separator) {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
      } else if (c != '\r') {
        field.append(c);
      }
    }
    if ((field.length() > 0 || !row.isEmpty()) && rows.size() < maxRows) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
