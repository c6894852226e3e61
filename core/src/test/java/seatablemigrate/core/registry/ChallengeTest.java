package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {
    @Test
    void parsesDockerHubsBearerChallenge() {
        List<Challenge> c = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:seatable/seatable-developer:pull\"");
        assertThat(c).hasSize(1);
        assertThat(c.get(0).scheme()).isEqualTo("bearer");
        assertThat(c.get(0).param("realm")).contains("https://auth.docker.io/token");
        assertThat(c.get(0).param("service")).contains("registry.docker.io");
        assertThat(c.get(0).param("scope")).contains("repository:seatable/seatable-developer:pull");
    }

    @Test
    void parsesSeveralChallengesQuotedCommasEscapesAndBareValues() {
        List<Challenge> c = Challenge.parse("Basic realm=\"Registry, the one\", Bearer  REALM = \"https://t/x?a=1\" , service=reg.example ,"
                + " error=\"insufficient \\\"scope\\\"\"");
        assertThat(c).extracting(Challenge::scheme).containsExactly("basic", "bearer");
        assertThat(c.get(0).param("realm")).contains("Registry, the one");
        assertThat(c.get(1).param("realm")).contains("https://t/x?a=1");
        assertThat(c.get(1).param("service")).contains("reg.example");
        assertThat(c.get(1).param("error")).contains("insufficient \"scope\"");
    }

    @Test
    void brokenHeadersGiveWhatWasReadAndNeverThrow() {
        assertThat(Challenge.parse(null)).isEmpty();
        assertThat(Challenge.parse("")).isEmpty();
        assertThat(Challenge.parse("Basic")).extracting(Challenge::scheme).containsExactly("basic");
        assertThat(Challenge.parse("Bearer realm=\"unterminated")).extracting(Challenge::scheme).containsExactly("bearer");
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[r.nextInt(40)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = "Bearer realm=\"\\,; \t=abc".charAt(r.nextInt(23));
            }
            Challenge.parse(new String(chars)); // must not throw or loop
        }
    }
}
