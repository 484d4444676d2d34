package dev.mlops.spring.boot.autoconfigure;

import dev.mlops.api.Names;
import org.jspecify.annotations.Nullable;

/**
 * A model reference from {@code mlops.models.<name>.ref}, checked when the context starts so a typo
 * fails there and names the property: {@code model@alias}, {@code model/N} or {@code model@N}.
 *
 * @param text the reference as written (trimmed)
 * @param model the model's name
 */
record ModelRef(String text, String model) {
  static ModelRef parse(String property, @Nullable String value) {
    String fix = "Set " + property + " to model@alias (follows the alias), model/N or model@N, such as churn@production.";
    if (value == null || value.isBlank()) {
      throw new MlOpsPropertyException(property, value, "a served model needs a reference", fix, null);
    }
    String text = value.trim();
    int split = Math.max(text.lastIndexOf('@'), text.lastIndexOf('/'));
    if (split <= 0 || split == text.length() - 1) {
      throw new MlOpsPropertyException(property, value, "'" + text + "' is not model@alias, model/N or model@N", fix, null);
    }
    String model = text.substring(0, split);
    String rest = text.substring(split + 1);
    boolean version = rest.chars().allMatch(Character::isDigit);
    if (!Names.isValid(model) || (!version && (text.charAt(split) == '/' || !Names.isValid(rest)))
        || (version && (rest.length() > 9 || Integer.parseInt(rest) < 1))) {
      throw new MlOpsPropertyException(property, value, "'" + text + "' is not model@alias, model/N or model@N"
          + " with valid names (letters, digits, '.', '_' and '-')", fix, null);
    }
    return new ModelRef(text, model);
  }
}
