package dev.mlops.core.internal.storage;

/**
 * One concern's stored documents and how to check that one reads: {@code mlops store verify}
 * parses every document under {@code refs/} and {@code logs/} with the codec of the concern that
 * {@link #owns} its key, after the seal is checked. Each concern registers an implementation as a
 * service ({@code META-INF/services/dev.mlops.core.internal.storage.DocumentChecks} in
 * mlops-core). A document no concern owns has only its seal checked.
 */
public interface DocumentChecks {
  /**
   * Names the concern, for reports.
   *
   * @return a short name such as {@code runs}
   */
  String name();

  /**
   * Tells whether a key is one of this concern's documents.
   *
   * @param key a key under {@code refs/} or {@code logs/}
   * @return {@code true} if {@link #check} knows how to read it
   */
  boolean owns(String key);

  /**
   * Reads a document with its codec, as the concern would.
   *
   * @param key the document's key
   * @param body the document without its seal
   * @throws dev.mlops.api.IntegrityException if it does not read
   */
  void check(String key, byte[] body);

  /**
   * Tells whether a document of this kind was written empty before seals existed, so an empty
   * object under this key is an old document rather than a damaged one. Default: no kind was.
   *
   * @param key a key this concern owns
   * @return {@code true} if an empty object is a document from before seals
   */
  default boolean wasEmptyBeforeSeals(String key) {
    return false;
  }
}
