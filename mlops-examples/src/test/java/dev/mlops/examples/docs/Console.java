package dev.mlops.examples.docs;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a page's code prints, captured so its test can check the page's sample output. */
final class Console {
  private Console() {}

  /**
   * Runs code and returns what it printed on {@code System.out}.
   *
   * @param code the code
   * @return the printed text
   */
  static String printed(Runnable code) {
    PrintStream console = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      code.run();
    } finally {
      System.setOut(console);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
