package dev.mlops.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("mlops.models.<name>.ref")
class ModelRefTest {
  @ParameterizedTest(name = "{0} serves model {1}")
  @CsvSource({"churn@production, churn", "churn/3, churn", "churn@3, churn", "team.churn-v2@canary_1, team.churn-v2",
      "' churn@production ', churn"})
  void acceptsTheRegistrysReferences(String ref, String model) {
    assertEquals(model, ModelRef.parse("mlops.models.x.ref", ref).model());
  }

  @ParameterizedTest(name = "''{0}'' is refused")
  @ValueSource(strings = {"", " ", "churn", "@production", "churn@", "churn/", "churn/prod", "churn/0", "churn@0",
      "ch urn@production", "churn@pro duction", "churn/99999999999"})
  void refusesNamingThePropertyAndTheForm(String ref) {
    MlOpsPropertyException e = assertThrows(MlOpsPropertyException.class, () -> ModelRef.parse("mlops.models.x.ref", ref));
    assertEquals("mlops.models.x.ref", e.property());
    assertTrue(e.action().contains("model@alias"), e.action());
  }
}
