package ddns.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The small stack the operator's scenario tests deploy to the emulator's CloudFormation
 * (src/test/resources/stacks/deployed-shape.yaml) has the shape of template.yaml as AWS deploys it,
 * where the commands read it: the same logical ids with the same types, the same outputs, and
 * function settings the real function has.
 */
class StackShapeTest {
  @Test
  void theEmulatorsStack_hasTheLogicalIdsTypesAndOutputsOfTheRealOne() throws IOException {
    JsonNode shape;
    try (InputStream in = getClass().getResourceAsStream("/stacks/deployed-shape.yaml")) {
      shape = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    Template expanded = Template.expanded();

    shape
        .path("Resources")
        .fields()
        .forEachRemaining(
            e ->
                assertThat(expanded.resource(e.getKey()).path("Type").asText())
                    .as(e.getKey())
                    .isEqualTo(e.getValue().path("Type").asText()));
    shape
        .path("Outputs")
        .fieldNames()
        .forEachRemaining(key -> assertThat(expanded.outputs()).as("output %s", key).contains(key));
    JsonNode variables =
        expanded.resource("DdnsFunction").path("Properties").path("Environment").path("Variables");
    shape
        .path("Resources")
        .path("DdnsFunction")
        .path("Properties")
        .path("Environment")
        .path("Variables")
        .fieldNames()
        .forEachRemaining(name -> assertThat(variables.has(name)).as(name).isTrue());
  }
}
