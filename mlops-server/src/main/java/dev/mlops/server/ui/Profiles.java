package dev.mlops.server.ui;

import static dev.mlops.server.ui.Html.esc;

import dev.mlops.api.dataset.ColumnProfile;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A column's stored profile as a card: its summary and a histogram drawn as inline SVG from the
 * stored quantile sketch (no raw data is read): each bin's share is the difference of the sketch's
 * CDF at the bin's edges, the CDF interpolated linearly between the stored quantiles.
 */
final class Profiles {
  static final int BINS = 20;

  private Profiles() {}

  static String mean(@Nullable ColumnProfile profile) {
    return profile == null || profile.mean().isEmpty() ? "" : esc(Html.number(profile.mean().getAsDouble()));
  }

  /**
   * Names an Arrow type as data people do ({@code int64}, {@code float64}, {@code string});
   * other types keep Arrow's own text.
   */
  static String typeName(String arrowType) {
    java.util.regex.Matcher integer = java.util.regex.Pattern.compile("Int\\((\\d+), (true|false)\\)").matcher(arrowType);
    if (integer.matches()) {
      return (integer.group(2).equals("true") ? "int" : "uint") + integer.group(1);
    }
    return switch (arrowType) {
      case "FloatingPoint(DOUBLE)" -> "float64";
      case "FloatingPoint(SINGLE)" -> "float32";
      case "FloatingPoint(HALF)" -> "float16";
      case "Utf8", "LargeUtf8", "Utf8View" -> "string";
      case "Bool" -> "bool";
      default -> arrowType;
    };
  }

  static String card(String column, ColumnProfile profile) {
    StringBuilder card = new StringBuilder("<figure class=\"profile\" data-column=\"").append(esc(column))
        .append("\"><figcaption><b>").append(esc(column)).append("</b> <span title=\"").append(esc(profile.type())).append("\">")
        .append(esc(typeName(profile.type()))).append("</span></figcaption>")
        .append("<small>").append(profile.count()).append(" values, ").append(profile.nulls()).append(" null");
    profile.min().ifPresent(min -> card.append(", min ").append(esc(Html.number(min))));
    profile.max().ifPresent(max -> card.append(", max ").append(esc(Html.number(max))));
    profile.mean().ifPresent(mean -> card.append(", mean ").append(esc(Html.number(mean))));
    profile.std().ifPresent(std -> card.append(", std ").append(esc(Html.number(std))));
    card.append("</small>");
    double[] shares = shares(profile);
    if (shares.length > 0) {
      card.append(svg(shares, profile.min().getAsDouble(), profile.max().getAsDouble()));
    } else if (!profile.frequentItems().isEmpty()) {
      long top = profile.frequentItems().get(0).estimate();
      card.append("<table class=\"items\">");
      profile.frequentItems().stream().limit(10).forEach(item -> card.append("<tr><td>").append(esc(item.value()))
          .append("</td><td><span class=\"bar\" style=\"width:").append(Math.round(100.0 * item.estimate() / Math.max(1, top)))
          .append("px\"></span> ").append(item.estimate()).append("</td></tr>"));
      card.append("</table>");
    }
    return card.append("</figure>").toString();
  }

  /** The share of values in each of {@link #BINS} equal-width bins, or none when there is no sketch. */
  static double[] shares(ColumnProfile profile) {
    if (profile.quantiles().size() < 2 || profile.min().isEmpty() || profile.max().isEmpty()) {
      return new double[0];
    }
    double min = profile.min().getAsDouble();
    double max = profile.max().getAsDouble();
    if (!(max > min)) {
      return new double[0];
    }
    double[] shares = new double[BINS];
    double previous = cdf(profile.quantiles(), min);
    for (int i = 0; i < BINS; i++) {
      double edge = i == BINS - 1 ? max : min + (max - min) * (i + 1) / BINS;
      double next = cdf(profile.quantiles(), edge);
      shares[i] = Math.max(0, next - previous);
      previous = next;
    }
    // Mass at the minimum itself (the CDF's jump there) belongs to the first bin.
    shares[0] += cdf(profile.quantiles(), min);
    return shares;
  }

  /** The rank of x: the highest rank whose quantile is at most x, interpolated to the next quantile. */
  static double cdf(Map<Double, Double> quantiles, double x) {
    double rank = 0;
    double value = Double.NEGATIVE_INFINITY;
    for (Map.Entry<Double, Double> entry : quantiles.entrySet()) {
      double q = entry.getValue();
      if (q <= x) {
        rank = entry.getKey();
        value = q;
      } else {
        return value == Double.NEGATIVE_INFINITY ? 0 : rank + (entry.getKey() - rank) * (x - value) / (q - value);
      }
    }
    return rank;
  }

  private static String svg(double[] shares, double min, double max) {
    double top = 0;
    for (double share : shares) {
      top = Math.max(top, share);
    }
    int width = 240;
    int height = 80;
    double bar = (double) width / shares.length;
    StringBuilder svg = new StringBuilder("<svg class=\"histogram\" width=\"").append(width).append("\" height=\"")
        .append(height + 14).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height + 14)
        .append("\" role=\"img\">");
    for (int i = 0; i < shares.length; i++) {
      double h = top == 0 ? 0 : height * shares[i] / top;
      double low = min + (max - min) * i / shares.length;
      double high = min + (max - min) * (i + 1) / shares.length;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">", i * bar + 1,
          height - h, bar - 2, h)).append("<title>").append(esc(Html.number(low) + " to " + Html.number(high) + ": "
              + String.format(Locale.ROOT, "%.1f%%", 100 * shares[i]))).append("</title></rect>");
    }
    svg.append("<text x=\"0\" y=\"").append(height + 12).append("\">").append(esc(Html.number(min)))
        .append("</text><text x=\"").append(width).append("\" y=\"").append(height + 12)
        .append("\" text-anchor=\"end\">").append(esc(Html.number(max))).append("</text></svg>");
    return svg.toString();
  }
}
