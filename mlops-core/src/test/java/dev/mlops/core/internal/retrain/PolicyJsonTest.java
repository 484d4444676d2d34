package dev.mlops.core.internal.retrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mlops.api.Comparison;
import dev.mlops.api.retrain.Automation;
import dev.mlops.api.retrain.AutomationRule;
import dev.mlops.api.retrain.PolicyFormatException;
import dev.mlops.api.retrain.RetrainBudget;
import dev.mlops.api.retrain.RetrainPolicyConfig;
import dev.mlops.api.retrain.Trigger;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The JSON form of a policy: every trigger type, round trips, and clear errors for bad input. */
class PolicyJsonTest {
  static final String FULL = """
      {"name": "churn",
       "triggers": [
         {"type": "drift", "enter": 0.3, "exit": 0.2},
         {"type": "drift", "column": "age", "enter": 0.15},
         {"type": "metric", "metric": "auc", "enter": 0.8, "exit": 0.82},
         {"type": "metric", "metric": "auc", "relativeDrop": true, "enter": 0.05},
         {"type": "kpi", "kpi": "lost_payments", "comparison": ">=", "enter": 0.1},
         {"type": "freshness", "measure": "new_rows", "enter": 100000},
         {"type": "schedule", "every": "P7D"}
       ],
       "atLeast": 2, "consecutiveWindows": 3, "cooldown": "PT12H",
       "budget": {"maxRetrains": 2, "period": "P30D"}, "minNewLabelledRows": 1000,
       "approvalTimeout": "P2D",
       "automation": {"rule": "magnitude", "signal": "drift.share", "limit": 0.25}}
      """;

  @Test
  void readsEveryTriggerTypeIntoSignalsWithTheDocumentedDefaults() {
    RetrainPolicyConfig c = PolicyJson.parse(FULL);
    assertEquals(new Trigger("drift.share", Comparison.AT_LEAST, 0.3, 0.2), c.triggers().get(0));
    assertEquals(Trigger.when("drift.age", Comparison.AT_LEAST, 0.15), c.triggers().get(1));
    assertEquals(new Trigger("metric.auc", Comparison.BELOW, 0.8, 0.82), c.triggers().get(2));
    assertEquals(Trigger.when("metric.auc.drop", Comparison.AT_LEAST, 0.05), c.triggers().get(3));
    assertEquals(Trigger.when("kpi.lost_payments", Comparison.AT_LEAST, 0.1), c.triggers().get(4));
    assertEquals(Trigger.when("data.new_rows", Comparison.AT_LEAST, 100000), c.triggers().get(5));
    assertEquals(Trigger.when("schedule.hours_since_retrain", Comparison.AT_LEAST, 168), c.triggers().get(6));
    assertEquals(2, c.minActive());
    assertEquals(3, c.consecutiveWindows());
    assertEquals(Duration.ofHours(12), c.cooldown());
    assertEquals(Optional.of(new RetrainBudget(2, Duration.ofDays(30))), c.budget());
    assertEquals(new AutomationRule.ByMagnitude("drift.share", 0.25, Automation.AUTO, Automation.APPROVAL),
        c.automationRule());
  }

  @Test
  void writesAFormThatReadsBackEqual() {
    RetrainPolicyConfig c = PolicyJson.parse(FULL);
    assertEquals(c, PolicyJson.parse(PolicyJson.write(c)));
    RetrainPolicyConfig fixed = RetrainPolicyConfig.builder().name("n")
        .trigger(Trigger.when("kpi.x", Comparison.BELOW, -3)).automation(Automation.NOTIFY).build();
    assertEquals(fixed, PolicyJson.parse(PolicyJson.write(fixed)));
  }

  @Test
  void hostDefinedRulesHaveNoJsonForm() {
    RetrainPolicyConfig custom = RetrainPolicyConfig.builder().name("n")
        .trigger(Trigger.when("kpi.x", Comparison.BELOW, 1)).automationRule(s -> Automation.AUTO).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyJson.write(custom));
    assertTrue(e.getMessage().contains("host-defined"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown trigger type   | {"name":"p","triggers":[{"type":"weather","enter":1}]}                 | Unknown trigger type "weather"
      missing trigger type   | {"name":"p","triggers":[{"enter":1}]}                                  | Unknown trigger type ""
      negative drift         | {"name":"p","triggers":[{"type":"drift","enter":-0.1}]}                | must not be negative
      negative freshness     | {"name":"p","triggers":[{"type":"freshness","measure":"new_rows","enter":10,"exit":-1}]} | must not be negative
      zero schedule          | {"name":"p","triggers":[{"type":"schedule","every":"PT0S"}]}           | must be positive
      missing threshold      | {"name":"p","triggers":[{"type":"kpi","kpi":"x"}]}                     | numeric "enter"
      text threshold         | {"name":"p","triggers":[{"type":"drift","enter":"high"}]}              | numeric "enter"
      text exit              | {"name":"p","triggers":[{"type":"drift","enter":0.3,"exit":"low"}]}    | non-numeric "exit"
      text row minimum       | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"minNewLabelledRows":"many"} | must be an integer
      negative row minimum   | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"minNewLabelledRows":-5} | must not be negative
      magnitude without limit | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"automation":{"rule":"magnitude"}} | must be finite
      hysteresis backwards   | {"name":"p","triggers":[{"type":"drift","enter":0.3,"exit":0.4}]}      | inactive side
      bad comparison         | {"name":"p","triggers":[{"type":"signal","signal":"x","comparison":"=","enter":1}]} | unknown comparison
      negative cooldown      | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"cooldown":"-PT1H"} | cooldown must not be negative
      bad duration           | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"cooldown":"1 day"} | ISO-8601
      typo in a field        | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"cooldwn":"P1D"} | unknown field "cooldwn"
      typo in a trigger      | {"name":"p","triggers":[{"type":"drift","enter":0.3,"colum":"age"}]}   | unknown field "colum" in a drift trigger
      typo in the budget     | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"budget":{"maxRetrains":1,"perod":"P1D"}} | unknown field "perod"
      typo in automation     | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"automation":{"rule":"fixed","levle":"AUTO"}} | unknown field "levle"
      text for all           | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"all":"yes"}     | "all" must be true or false
      number for a flag      | {"name":"p","triggers":[{"type":"metric","metric":"auc","relativeDrop":1,"enter":0.1}]} | "relativeDrop" must be true or false
      number for a name      | {"name":7,"triggers":[{"type":"drift","enter":0.3}]}                   | must be a string
      text for a limit       | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"automation":{"rule":"magnitude","limit":"0.3"}} | "limit" must be a number
      no triggers            | {"name":"p","triggers":[]}                                             | non-empty array
      bad name               | {"name":"../p","triggers":[{"type":"drift","enter":0.3}]}              | Invalid policy name
      unicode signal         | {"name":"p","triggers":[{"type":"kpi","kpi":"zahlungsausfälle","enter":1}]} | Invalid signal name
      atLeast too large      | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"atLeast":2}     | minActive must be in [1, 1]
      zero budget            | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"budget":{"maxRetrains":0,"period":"P1D"}} | at least 1
      unknown level          | {"name":"p","triggers":[{"type":"drift","enter":0.3}],"automation":{"rule":"fixed","level":"YOLO"}} | unknown automation level
      not an object          | [1,2]                                                                  | must be a JSON object
      truncated              | {"name":"p","triggers":[                                               | not valid JSON
      """)
  void badInputIsAClearPolicyFormatError(String name, String json, String expected) {
    PolicyFormatException e = assertThrows(PolicyFormatException.class, () -> PolicyJson.parse(json));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
