package dev.mlops.core.internal.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.validation.CategoryCheck;
import dev.mlops.api.validation.CheckResult;
import dev.mlops.api.validation.DuplicateCheck;
import dev.mlops.api.validation.LabelledData;
import dev.mlops.api.validation.NullShareCheck;
import dev.mlops.api.validation.RangeCheck;
import dev.mlops.api.validation.SchemaCheck;
import dev.mlops.api.validation.TrainingOverlapCheck;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Data checks on small tables whose shares are counted by hand in each test. */
class DataChecksTest {
  private static final float NAN = Float.NaN;

  // 5 rows: row 3 repeats row 0 (same features and label); age has one NaN and one value 150.
  private final LabelledData data = LabelledData.of(
      new float[][] {{30, 1}, {NAN, 2}, {150, 3}, {30, 1}, {40, 5}}, new double[] {0, 1, 0, 0, 1})
      .withFeatureNames(List.of("age", "income"))
      .withAttribute("region", new String[] {"north", "south", "", "west", "north"});

  private CheckResult run(dev.mlops.api.validation.Check check) {
    return DataChecks.run(check, new ColumnData(data), null);
  }

  @Test
  void schemaComparesFeatureNamesInOrder() {
    assertTrue(run(new SchemaCheck(List.of("age", "income"))).passed());
    CheckResult swapped = run(new SchemaCheck(List.of("income", "age")));
    assertFalse(swapped.passed());
    assertEquals(2, swapped.observed(), 0);
    assertEquals(1, run(new SchemaCheck(List.of("age", "income", "city"))).observed(), 0);
  }

  @Test
  void nullShareCountsNanFeaturesAndEmptyAttributes() {
    assertEquals(0.2, run(new NullShareCheck("age", 0.2)).observed(), 1e-12); // 1 of 5
    assertTrue(run(new NullShareCheck("age", 0.2)).passed());
    assertFalse(run(new NullShareCheck("region", 0.1)).passed()); // "" is 1 of 5
  }

  @Test
  void rangesIgnoreMissingValuesAndCountTheRest() {
    CheckResult r = run(new RangeCheck("age", 0, 120));
    assertFalse(r.passed());
    assertEquals(0.2, r.observed(), 1e-12); // 150 is 1 of 5; the NaN is not out of range
    assertTrue(run(new RangeCheck("income", 1, 5)).passed());
  }

  @Test
  void categoriesOutsideTheAllowedSetFail() {
    CheckResult r = run(new CategoryCheck("region", Set.of("north", "south")));
    assertFalse(r.passed());
    assertEquals(0.2, r.observed(), 1e-12); // "west" is 1 of 5; "" counts as missing
  }

  @Test
  void duplicateRowsAreCountedOnceEachRepeat() {
    CheckResult r = run(new DuplicateCheck(0.1));
    assertEquals(0.2, r.observed(), 1e-12);
    assertFalse(r.passed());
    assertTrue(run(new DuplicateCheck(0.2)).passed());
  }

  @Test
  void trainingOverlapFindsValidationRowsSeenInTraining() {
    LabelledData training = LabelledData.of(new float[][] {{40, 5}, {99, 9}, {-0f, 0}},
        new double[] {0, 0, 0});
    CheckResult r = DataChecks.run(new TrainingOverlapCheck(0), new ColumnData(data),
        new ColumnData(training));
    assertEquals(0.2, r.observed(), 1e-12); // {40, 5} is 1 of 5 (labels do not matter)
    assertFalse(r.passed());
    CheckResult missing = run(new TrainingOverlapCheck(0));
    assertFalse(missing.passed());
    assertTrue(missing.message().contains("trainingData"), missing.message());
  }
}
