package dev.mlops.api.drift;

/**
 * Receives each closed window of a {@link DriftMonitor}. Called on the SDK's executor, never on a
 * request thread; an exception it throws is logged and contained.
 */
@FunctionalInterface
public interface DriftListener {
  /**
   * Handles one evaluated window.
   *
   * @param window the window and its drift report
   */
  void onWindow(DriftWindow window);
}
