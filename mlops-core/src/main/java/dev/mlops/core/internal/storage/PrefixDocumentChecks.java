package dev.mlops.core.internal.storage;

import java.util.List;

/** {@link DocumentChecks} of a concern that owns every document under a few key prefixes. */
public abstract class PrefixDocumentChecks implements DocumentChecks {
  private final String name;
  private final List<String> prefixes;

  /**
   * Creates the checks.
   *
   * @param name the concern's name, for reports
   * @param prefixes the key prefixes of its documents
   */
  protected PrefixDocumentChecks(String name, String... prefixes) {
    this.name = name;
    this.prefixes = List.of(prefixes);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean owns(String key) {
    return prefixes.stream().anyMatch(key::startsWith);
  }
}
