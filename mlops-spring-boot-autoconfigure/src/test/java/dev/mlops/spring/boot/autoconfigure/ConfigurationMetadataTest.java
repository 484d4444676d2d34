package dev.mlops.spring.boot.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** IDEs complete the properties from the metadata the configuration processor writes into the jar. */
class ConfigurationMetadataTest {
  @Test
  @DisplayName("the jar's configuration metadata names and describes every top-level mlops property")
  void metadataDescribesTheProperties() throws Exception {
    Map<String, JsonNode> properties = new HashMap<>();
    try (InputStream in = MlOpsProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertNotNull(in, "spring-boot-configuration-processor wrote no metadata");
      new ObjectMapper().readTree(in).path("properties").forEach(p -> properties.put(p.path("name").asText(), p));
    }
    for (String name : List.of("mlops.store", "mlops.executor-threads", "mlops.model-cache-size",
        "mlops.alias-poll-period", "mlops.models", "mlops.drift")) {
      JsonNode property = properties.get(name);
      assertNotNull(property, name + " is missing from " + properties.keySet());
      assertFalse(property.path("description").asText().isBlank(), name + " has no description");
    }
    assertEquals("org.springframework.util.unit.DataSize", properties.get("mlops.model-cache-size").path("type").asText());
    assertEquals("java.time.Duration", properties.get("mlops.alias-poll-period").path("type").asText());
    // A map's values are described by their type, whose documented fields (record-windows among them) IDEs complete.
    assertEquals("java.util.Map<java.lang.String,dev.mlops.spring.boot.autoconfigure.MlOpsProperties$Drift>",
        properties.get("mlops.drift").path("type").asText());
  }
}
