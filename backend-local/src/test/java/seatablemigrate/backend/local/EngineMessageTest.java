package seatablemigrate.backend.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A failed pull says what the engine said, not docker-java's exception text around it. */
class EngineMessageTest {
    @Test
    void takesTheEnginesOwnWordsFromAnErrorBody() {
        assertThat(Engine.message("Status 500: {\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\": dial tcp: lookup"
                + " registry-1.docker.io: no such host\"}\n"))
                .isEqualTo("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host");
        assertThat(Engine.message("Status 404: {\"message\":\"manifest for x:1 not found: a \\\\ b\"}"))
                .isEqualTo("manifest for x:1 not found: a \\ b");
    }

    @Test
    void otherTextStaysAsItIs() {
        assertThat(Engine.message("Connection refused")).isEqualTo("Connection refused");
        assertThat(Engine.message("{\"error\":\"x\"}")).isEqualTo("{\"error\":\"x\"}");
    }
}
