package dev.mlops.cli;

import dev.mlops.api.MlOpsException;
import dev.mlops.api.Remedy;

/**
 * Says the SDK's named remedies in a shell user's terms: the command to run or the flag to add,
 * where the SDK's own message names a Java method. One switch over every remedy, so a new one
 * does not compile until the CLI has its wording.
 */
final class Remedies {
  private Remedies() {}

  /**
   * Returns the failure's message for a CLI user: the problem and the remedy in CLI terms when the
   * remedy is a named one, else the message as it is.
   *
   * @param e the SDK's failure
   * @return the message
   */
  static String describe(MlOpsException e) {
    return e.remedy().map(remedy -> e.problem() + "; " + inCli(remedy)).orElse(e.getMessage());
  }

  /**
   * Returns the remedy in CLI terms.
   *
   * @param remedy the remedy
   * @return what to type
   */
  static String inCli(Remedy remedy) {
    return switch (remedy) {
      case LIST_DATASETS -> "list them with 'mlops data ls'";
      case LIST_DATASET_VERSIONS -> "list its versions with 'mlops data log DATASET'";
      case NAME_TABLE -> "name the table with --table PATH";
      case COMMIT_TABLE -> "commit a CSV file as a table with 'mlops data commit DATASET FILE.csv --table'";
      case REBASE_ON_CONFLICT -> "run the commit again, or add --rebase when the changes touch different paths";
      case LIST_RUNS -> "list runs with 'mlops runs ls'";
      case LIST_RETRAIN_REQUESTS -> "list them with 'mlops retrain status'";
      case LIST_MODELS -> "list models with 'mlops models ls'";
      case LIST_MODEL_VERSIONS -> "list its versions with 'mlops models show MODEL'";
      case SEE_ALIAS_HISTORY -> "see its moves with 'mlops models history MODEL --alias ALIAS'";
      case LIST_PROMOTIONS -> "list them with 'mlops models promotions MODEL'";
      case SET_GATE -> "store one with 'mlops models gate set MODEL ALIAS --suite SUITE.json"
          + " --data DATASET@REF:TABLE --label COLUMN'";
      case SHOW_GATE -> "see the current gate with 'mlops models gate show MODEL ALIAS'";
      case CHECKOUT_CSV_OR_ARROW -> "check it out with --format csv or --format arrow";
    };
  }
}
