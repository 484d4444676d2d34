package dev.mlops.core.internal;

/**
 * Core's name for {@link dev.mlops.core.input.Excerpt}, kept so that the many internal callers
 * need no change; new code uses the public class.
 */
public final class Excerpt {
  /** How many characters of a value a message quotes. */
  public static final int QUOTED_CHARS = dev.mlops.core.input.Excerpt.QUOTED_CHARS;

  private Excerpt() {}

  /**
   * See {@link dev.mlops.core.input.Excerpt#of(CharSequence)}.
   *
   * @param value what the user gave
   * @return the excerpt
   */
  public static String of(CharSequence value) {
    return dev.mlops.core.input.Excerpt.of(value);
  }
}
