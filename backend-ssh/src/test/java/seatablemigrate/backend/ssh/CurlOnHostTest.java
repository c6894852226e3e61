package seatablemigrate.backend.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.registry.RegistryLimits;
import seatablemigrate.core.spi.HttpTransport;

/** Reading what the host's curl printed: the answer after informational and proxy blocks, headers, body. */
class CurlOnHostTest {
    private static HttpTransport.Answer parse(String output, boolean head) throws IOException {
        return CurlOnHost.parse(output.getBytes(StandardCharsets.ISO_8859_1), head, RegistryLimits.DEFAULT.maxAnswerBytes());
    }

    @Test
    void aGetAnswersStatusHeadersAndBody() throws IOException {
        HttpTransport.Answer a = parse("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nLink: </v2/x/tags/list?last=a>; rel=\"next\"\r\n"
                + "Link: <other>\r\n\r\n{\"tags\":[\"5.3.0\"]}", false);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.header("content-type")).contains("application/json");
        assertThat(a.headers("LINK")).containsExactly("</v2/x/tags/list?last=a>; rel=\"next\"", "<other>");
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"tags\":[\"5.3.0\"]}");
    }

    @Test
    void informationalAndProxyConnectBlocksAreSkipped() throws IOException {
        HttpTransport.Answer a = parse("HTTP/1.1 200 Connection established\r\nProxy-Agent: squid\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n"
                + "HTTP/2 404 \r\ncontent-type: application/json\r\n\r\n{\"errors\":[]}", false);
        assertThat(a.status()).isEqualTo(404);
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"errors\":[]}");

        HttpTransport.Answer head = parse("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 401 Unauthorized\r\n"
                + "WWW-Authenticate: Bearer realm=\"http://127.0.0.1:5010/token\"\r\n\r\n", true);
        assertThat(head.status()).isEqualTo(401);
        assertThat(head.header("www-authenticate")).contains("Bearer realm=\"http://127.0.0.1:5010/token\"");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aBodyThatLooksLikeAStatusLineStaysTheBody() throws IOException {
        HttpTransport.Answer a = parse("HTTP/1.1 200 OK\nContent-Length: 20\n\nHTTP/1.1 500 nonsense", false);
        assertThat(a.status()).isEqualTo(200);
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("HTTP/1.1 500 nonsense");
    }

    @Test
    void aBodyOverTheCapIsRefusedNotCut() throws IOException {
        String ok = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n";
        assertThat(CurlOnHost.parse((ok + "0123456789").getBytes(StandardCharsets.ISO_8859_1), false, 10).body()).hasSize(10);
        assertThatThrownBy(() -> CurlOnHost.parse((ok + "0123456789a").getBytes(StandardCharsets.ISO_8859_1), false, 10))
                .isInstanceOf(HttpTransport.TooLarge.class).hasMessage("an answer larger than 10 bytes");
    }

    /** Whatever the host prints, reading it gives an answer or an IOException, never another failure. */
    @Test
    void anyOutputIsAnAnswerOrAnIoErrorNeverACrash() {
        java.util.Random random = new java.util.Random(20261130);
        String[] pieces = {"HTTP/1.1 ", "HTTP/2 ", "200", "404 Not Found", "100 Continue", "99999999999", "abc", "\r\n", "\n", "\r",
                "Link: <x>; rel=\"next\"", "Content-Type: application/json", ":", " ", "{\"tags\":[]}", "\u00ff", "Connection established"};
        for (int round = 0; round < 5000; round++) {
            StringBuilder out = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                out.append(random.nextInt(8) == 0 ? String.valueOf((char) random.nextInt(256)) : pieces[random.nextInt(pieces.length)]);
            }
            boolean head = random.nextBoolean();
            try {
                HttpTransport.Answer a = parse(out.toString(), head);
                assertThat(a.body().length).as(out.toString()).isLessThanOrEqualTo(RegistryLimits.DEFAULT.maxAnswerBytes());
                if (head) {
                    assertThat(a.body()).isEmpty();
                }
            } catch (IOException expected) {
                // not an HTTP answer: the client reports it
            }
        }
    }

    @Test
    void outputThatIsNoHttpAnswerIsAnError() {
        assertThatThrownBy(() -> parse("curl: something odd", false)).isInstanceOf(IOException.class).hasMessageContaining("no HTTP answer");
        assertThatThrownBy(() -> parse("HTTP/1.1 abc\r\n\r\n", false)).isInstanceOf(IOException.class).hasMessageContaining("malformed");
    }
}
