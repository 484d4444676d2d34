package dev.mlops.core.internal.onnx;

import ai.onnxruntime.OrtLoggingLevel;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps ONNX Runtime's own output off stderr. Its Java binding (1.23) cannot hand the native
 * log lines to a callback (only the C, C++ and C# APIs can), so the native logger is set to print
 * nothing below FATAL, for the environment and for every session the SDK creates; what ONNX
 * Runtime reports as an error still arrives, as the message of the exception that
 * {@link OnnxModels} and {@link OnnxRunner} log through SLF4J and rethrow. The binding's own Java
 * messages ({@code java.util.logging} loggers under {@code ai.onnxruntime}) are forwarded to SLF4J
 * loggers of the same names, unless the host configured those loggers itself.
 */
final class OrtLogging {
  /**
   * The system property that sets ONNX Runtime's own log level instead ({@code VERBOSE},
   * {@code INFO}, {@code WARNING}, {@code ERROR} or {@code FATAL}): to see its native lines on
   * stderr again while diagnosing a model. Default: {@code FATAL}.
   */
  static final String LEVEL_PROPERTY = "mlops.onnx.log-level";

  /** The binding's java.util.logging root: held, because java.util.logging keeps loggers weakly. */
  private static final java.util.logging.Logger BINDING = java.util.logging.Logger.getLogger("ai.onnxruntime");

  private OrtLogging() {}

  /**
   * Reads the native log level from the system properties. A value that names no level is
   * logged and ignored: the property is a diagnostic aid, read once per process, and must not
   * make model loading fail for good.
   *
   * @param properties the system properties
   * @return the level, FATAL when the property is unset or not a level
   */
  static OrtLoggingLevel level(Properties properties) {
    String value = properties.getProperty(LEVEL_PROPERTY);
    if (value == null || value.isBlank()) {
      return OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
    }
    try {
      return OrtLoggingLevel.valueOf("ORT_LOGGING_LEVEL_" + value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      LoggerFactory.getLogger(OrtLogging.class).warn("-D{}={} is not an ONNX Runtime log level"
          + " (VERBOSE, INFO, WARNING, ERROR or FATAL); using FATAL", LEVEL_PROPERTY, value);
      return OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
    }
  }

  /** Forwards the binding's java.util.logging messages to SLF4J, unless the host set them up. */
  static synchronized void forwardBindingMessages() {
    if (BINDING.getHandlers().length == 0 && BINDING.getUseParentHandlers()) {
      BINDING.addHandler(new ToSlf4j());
      BINDING.setUseParentHandlers(false); // else the console handler prints them on stderr too
      BINDING.setLevel(Level.ALL); // SLF4J's configuration decides what is shown
    }
  }

  /** Hands each record to the SLF4J logger of the record's logger name. */
  private static final class ToSlf4j extends Handler {
    @Override
    public void publish(LogRecord record) {
      Logger logger = LoggerFactory.getLogger(record.getLoggerName() != null ? record.getLoggerName() : "ai.onnxruntime");
      String message = record.getMessage();
      Throwable thrown = record.getThrown();
      int level = record.getLevel().intValue();
      if (level >= Level.SEVERE.intValue()) {
        logger.error(message, thrown);
      } else if (level >= Level.WARNING.intValue()) {
        logger.warn(message, thrown);
      } else if (level >= Level.INFO.intValue()) {
        logger.info(message, thrown);
      } else if (level >= Level.FINE.intValue()) {
        logger.debug(message, thrown);
      } else {
        logger.trace(message, thrown);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
