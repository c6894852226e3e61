package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parses a --json output and validates every line against docs/json-events.schema.json. */
final class JsonEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCHEMA = ComposeProject.EXAMPLE.getParent().getParent().resolve("docs/json-events.schema.json");

    private JsonEvents() {}

    static List<JsonNode> parse(String stdout) throws IOException {
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode event = JSON.readTree(line);
            assertThat(schema.validate(event)).as("schema errors in " + line).isEmpty();
            events.add(event);
        }
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1).path("type").asText()).as("the last event is the result").isEqualTo("result");
        return events;
    }

    static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.path("type").asText().equals(type)).toList();
    }
}
