package dev.mlops.server.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** MLflow's filter grammar as this server parses and evaluates it. */
class SearchFilterTest {
  private static final Set<String> ATTRIBUTES = Set.of("run_name", "start_time", "status");
  private static final Set<String> TIMES = Set.of("start_time");

  private static boolean matches(String filter, Map<String, Object> fields) {
    return SearchFilter.parse(filter, TIMES, ATTRIBUTES).matches((entity, key) -> fields.get(entity + "." + key));
  }

  @Test
  void entitiesHaveMlflowsSingularAndShortFormsAndQuotedKeys() {
    Map<String, Object> run = Map.of("metrics.f1 score", 0.8, "params.model", "lr", "tags.mlflow.runName", "x",
        "attributes.run_name", "x");
    assertTrue(matches("metric.`f1 score` >= 0.8", run));
    assertTrue(matches("parameter.model = 'lr' AND tag.\"mlflow.runName\" = 'x'", run));
    assertTrue(matches("run_name = 'x' and attr.run_name != 'y'", run));
    assertFalse(matches("params.missing = 'lr'", run)); // a run without the field does not match
    assertTrue(matches("params.missing IS NULL and params.model IS NOT NULL", run));
  }

  @Test
  void likeIsCaseSensitiveIlikeIsNotAndRegexCharactersAreLiteral() {
    Map<String, Object> run = Map.of("tags.path", "a.b(c)*");
    assertTrue(matches("tags.path LIKE 'a.b(c)*'", run));
    assertFalse(matches("tags.path LIKE 'a_b(c)%x'", run));
    assertTrue(matches("tags.path LIKE 'a_b%'", run));
    assertFalse(matches("tags.path LIKE 'A%'", run));
    assertTrue(matches("tags.path ILIKE 'A%'", run));
  }

  @Test
  void badFiltersNameWhatIsWrong() {
    assertEquals("INVALID_PARAMETER_VALUE", assertThrows(ApiError.class,
        () -> SearchFilter.parse("metrics.auc > 'x'", TIMES, ATTRIBUTES)).code());
    assertTrue(assertThrows(ApiError.class, () -> SearchFilter.parse("params.a = 'x' OR params.b = 'y'", TIMES,
        ATTRIBUTES)).getMessage().contains("OR is not supported"));
    assertTrue(assertThrows(ApiError.class, () -> SearchFilter.parse("attributes.color = 'x'", TIMES, ATTRIBUTES))
        .getMessage().contains("Invalid attribute key 'color'"));
    assertTrue(assertThrows(ApiError.class, () -> SearchFilter.parse("params.a = 'x", TIMES, ATTRIBUTES))
        .getMessage().contains("is not closed"));
    assertTrue(assertThrows(ApiError.class, () -> SearchFilter.parse("params.a = x", TIMES, ATTRIBUTES))
        .getMessage().contains("quoted string"));
  }

  @Test
  void theTranslatablePartGoesToOurSearchAndTheRestStaysHere() {
    assertEquals("metrics.`auc` > 0.9 and params.`model` = 'lr' and tags.`owner` = 'o''brien'",
        SearchFilter.parse("metrics.auc > 0.9 and params.model = 'lr' and tags.owner = 'o''brien' and tags.team LIKE 'r%'",
            TIMES, ATTRIBUTES).pushdown());
    assertEquals("metrics.`loss` <= 0.00001 and metrics.`f1 score` > 0", SearchFilter.parse("metrics.loss <= 1e-5"
        + " and params.model != 'lr' and metrics.`f1 score` > 0", TIMES, ATTRIBUTES).pushdown());
    assertEquals("metrics.`train/loss` < 0.5 and params.`\u6e29\u5ea6` = '0.7'", SearchFilter.parse(
        "metrics.`train/loss` < 0.5 and params.`\u6e29\u5ea6` = '0.7' and tags.`../x` = 'y'", TIMES, ATTRIBUTES)
        .pushdown());
    assertEquals(null, SearchFilter.parse("run_name IN ('a', 'b')", TIMES, ATTRIBUTES).pushdown());
  }

  @Property
  void aLikePatternWithoutWildcardsIsEquality(@ForAll @AlphaChars @StringLength(max = 12) String value,
      @ForAll @AlphaChars @StringLength(max = 12) String pattern) {
    Map<String, Object> run = Map.of("params.p", value);
    assertEquals(value.equals(pattern), matches("params.p LIKE '" + pattern + "'", run));
    assertEquals(value.equalsIgnoreCase(pattern), matches("params.p ILIKE '" + pattern + "'", run));
  }

  @Property
  void quotesDoubledInsideAStringStandForOneQuote(@ForAll @StringLength(max = 20) String value) {
    Map<String, Object> run = Map.of("tags.t", value);
    assertTrue(matches("tags.t = '" + value.replace("'", "''") + "'", run));
  }
}
