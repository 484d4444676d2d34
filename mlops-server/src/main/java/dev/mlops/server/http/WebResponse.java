package dev.mlops.server.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The response a {@link WebHandler} writes: headers first, then exactly one of {@link #send} or
 * {@link #stream}.
 */
public interface WebResponse {
  /**
   * Adds a response header; call before {@link #send} or {@link #stream}.
   *
   * @param name the header's name
   * @param value its value
   * @return this response
   */
  WebResponse header(String name, String value);

  /**
   * Sends a whole body with its status and content type.
   *
   * @param status the HTTP status
   * @param contentType e.g. {@code text/html; charset=utf-8}
   * @param body the bytes
   * @throws IOException if the client went away
   */
  void send(int status, String contentType, byte[] body) throws IOException;

  /**
   * Starts a body of unknown length (chunked); the caller closes the stream.
   *
   * @param status the HTTP status
   * @param contentType the content type
   * @return the body's stream
   * @throws IOException if the client went away
   */
  OutputStream stream(int status, String contentType) throws IOException;

  /**
   * Tells whether {@link #send} or {@link #stream} was called.
   *
   * @return true once the status is sent
   */
  boolean committed();

  /**
   * Sends UTF-8 text.
   *
   * @param status the HTTP status
   * @param contentType the content type, without charset
   * @param text the text
   * @throws IOException if the client went away
   */
  default void sendText(int status, String contentType, String text) throws IOException {
    send(status, contentType + "; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }
}
