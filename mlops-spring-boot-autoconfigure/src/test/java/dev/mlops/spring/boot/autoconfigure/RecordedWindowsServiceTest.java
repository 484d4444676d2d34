package dev.mlops.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mlops.api.drift.DriftMonitor;
import dev.mlops.api.drift.DriftRecord;
import dev.mlops.api.drift.DriftWindow;
import dev.mlops.core.MlOps;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A service on a real port whose drift monitor has {@code mlops.drift.churn.record-windows=true}:
 * the windows its requests close are in the store's drift history {@code churn}, which another
 * process (the UI, the CLI) reads.
 */
@SpringBootTest(classes = TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "mlops.models.churn.ref=churn@production",
    "mlops.drift.churn.reference=churn-training@v1",
    "mlops.drift.churn.window-size=10",
    "mlops.drift.churn.record-windows=true"})
@DisplayName("a Spring Boot service with mlops.drift.<name>.record-windows")
class RecordedWindowsServiceTest {
  static final int WINDOWS = 2;
  static final int WINDOW_SIZE = 10;

  @TempDir static Path dir;
  private static Path store;

  @LocalServerPort int port;
  @Autowired @Qualifier("churn") DriftMonitor monitor;

  @BeforeAll
  static void writeStore() {
    store = TestStore.write(dir);
  }

  @DynamicPropertySource
  static void storeProperty(DynamicPropertyRegistry registry) {
    registry.add("mlops.store", () -> store.toUri().toString());
  }

  @Test
  @DisplayName("each window the requests close is recorded under the monitor's name, as the monitor reported it")
  void windowsAreRecorded() {
    for (int i = 0; i < WINDOWS * WINDOW_SIZE; i++) {
      assertEquals(200, Http.get(port, "/predict?tenure=" + i + "&spend=" + (2 * i)).status());
    }
    // Windows are compared and recorded on the executor, after the request that filled them; read
    // them as another process would, from the store.
    List<DriftRecord> records;
    try (MlOps reader = TestStore.open(store)) {
      records = Http.await("two recorded windows", () -> reader.drift().history("churn").list(),
          list -> list.size() >= WINDOWS);
    }
    assertEquals(WINDOWS, records.size(), records.toString());
    for (DriftRecord record : records) {
      assertEquals(WINDOW_SIZE, record.observations(), record.toString());
      assertEquals(List.of("tenure", "spend"), record.columns().stream().map(DriftRecord.Column::column).toList());
    }
    // The record is the window the monitor reported last: same close, same statistics.
    DriftWindow last = Http.await("the monitor's second window", () -> monitor.lastWindow(),
        window -> window.isPresent() && window.get().sequence() == WINDOWS).orElseThrow();
    DriftRecord recorded = records.get(WINDOWS - 1);
    assertEquals(last.closedAt(), recorded.to());
    assertEquals(last.report().columns().get(0).statistic(), recorded.columns().get(0).statistic());
    assertEquals(last.report().driftedShare(), recorded.driftedShare());
  }
}
