package dev.mlops.api;

/**
 * What a caller can do about a failure, named once so that every client says it in its own terms.
 * An {@link MlOpsException} that has a remedy keeps it apart from the problem
 * ({@link MlOpsException#problem()}, {@link MlOpsException#remedy()}); its message is the problem
 * followed by the remedy in Java terms ({@link #java()}), and the {@code mlops} command prints the
 * problem followed by its own wording (a command or a flag) for the same remedy.
 */
public enum Remedy {
  /** The dataset does not exist: list the datasets there are. */
  LIST_DATASETS("list them with DatasetStore.datasets()"),

  /** The version reference does not resolve: list the dataset's versions, heads and tags. */
  LIST_DATASET_VERSIONS("list its versions with DatasetStore.history(dataset)"),

  /** A version has several tables and the call needs one: name it. */
  NAME_TABLE("name the table with profile(reference, path)"),

  /** A version has no table where one is needed: commit the data as a table. */
  COMMIT_TABLE("commit CSV or Arrow data as a table with CommitRequest.Builder.addTable"),

  /** Another writer moved the head during a commit: commit again, or let the commit re-parent. */
  REBASE_ON_CONFLICT("commit again on the new head, or set rebaseOnConflict(true) when the changes"
      + " touch different paths"),

  /** The run does not exist: list the runs there are. */
  LIST_RUNS("list runs with ExperimentLogger.search(RunQuery.all())"),

  /** The retrain request does not exist: list the requests there are. */
  LIST_RETRAIN_REQUESTS("list them with Retraining.requests()"),

  /** The model does not exist: list the models there are. */
  LIST_MODELS("list models with ModelRegistry.models()"),

  /** The model version does not exist: list the model's versions. */
  LIST_MODEL_VERSIONS("list its versions with ModelRegistry.versions(model)"),

  /** An alias cannot do what was asked from where it stands: look at its moves. */
  SEE_ALIAS_HISTORY("see its moves with ModelRegistry.aliasHistory(model, alias)"),

  /** The promotion request does not exist: list the model's requests. */
  LIST_PROMOTIONS("list them with ModelRegistry.promotions(model)"),

  /** An alias needs a stored gate and has none: store one. */
  SET_GATE("store one with ModelRegistry.setGate(model, alias, spec, actor)"),

  /** The gate version does not exist: look at the alias's current gate. */
  SHOW_GATE("see the current gate with ModelRegistry.gate(model, alias)"),

  /**
   * A table cannot be written in the format asked for (Parquet, for a column type it does not
   * hold): write it in one that can hold every type.
   */
  CHECKOUT_CSV_OR_ARROW("check it out as CSV or Arrow with checkout(reference, target, paths,"
      + " TableFormat.CSV or TableFormat.ARROW)");

  private final String java;

  Remedy(String java) {
    this.java = java;
  }

  /**
   * Returns the remedy in a Java caller's terms, as the exception's message ends.
   *
   * @return the wording, naming the method to call
   */
  public String java() {
    return java;
  }
}
