package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinkHeaderTest {
    private static final URI BASE = URI.create("http://127.0.0.1:5000/v2/seatable/seatable-developer/tags/list?n=100");

    @Test
    void followsTheNextLinkRelativeToThePage() {
        assertThat(LinkHeader.next("</v2/seatable/seatable-developer/tags/list?last=5.3.9&n=100>; rel=\"next\"", BASE))
                .contains(URI.create("http://127.0.0.1:5000/v2/seatable/seatable-developer/tags/list?last=5.3.9&n=100"));
        assertThat(LinkHeader.next("<http://127.0.0.1:5000/v2/x/tags/list?last=a>; type=\"x\"; rel=\"prev next\"", BASE))
                .contains(URI.create("http://127.0.0.1:5000/v2/x/tags/list?last=a"));
        assertThat(LinkHeader.next("</a>; rel=prev, </b>; rel=next", BASE)).contains(URI.create("http://127.0.0.1:5000/b"));
    }

    @Test
    void noNextOrAnotherHostEndsThePaging() {
        assertThat(LinkHeader.next(null, BASE)).isEmpty();
        assertThat(LinkHeader.next("</v2/x?last=1>; rel=\"prev\"", BASE)).isEmpty();
        assertThat(LinkHeader.next("<https://evil.example/v2/x>; rel=\"next\"", BASE)).isEmpty();
        assertThat(LinkHeader.next("<http://127.0.0.1:5001/v2/x>; rel=\"next\"", BASE)).isEmpty();
        assertThat(LinkHeader.next("<not a uri>; rel=\"next\"", BASE)).isEmpty();
    }

    @Test
    void longHeadersAreReadInOnePassWithoutRecursion() {
        String sixKb = "</v2/x?last=a>" + ";a".repeat(3000) + "; rel=\"next\"";
        assertThat(sixKb.length()).isGreaterThan(6000);
        assertThat(LinkHeader.next(sixKb, BASE)).contains(URI.create("http://127.0.0.1:5000/v2/x?last=a"));
        String oneMb = "</v2/x?last=b>" + "; a=\"b;c\"".repeat(120_000) + "; rel=next";
        assertThat(oneMb.length()).isGreaterThan(1 << 20);
        assertThat(LinkHeader.next(oneMb, BASE)).contains(URI.create("http://127.0.0.1:5000/v2/x?last=b"));
        assertThat(LinkHeader.next("</x>; rel=prev, ".repeat(70_000) + "</v2/x?last=c>; rel=next", BASE))
                .contains(URI.create("http://127.0.0.1:5000/v2/x?last=c"));
        assertThat(LinkHeader.next("<".repeat(1 << 20), BASE)).isEmpty();
        assertThat(LinkHeader.next(";".repeat(1 << 20), BASE)).isEmpty();
        assertThat(LinkHeader.next("</x>; rel=\"" + "\\\"".repeat(400_000), BASE)).isEmpty();
    }

    @Test
    void anyHeaderGivesAPageOnTheSameOriginOrNone() {
        Random random = new Random(8288);
        String alphabet = "<>;,=\"\\ \t/:?#%relnxtREL0";
        long start = System.nanoTime();
        for (int run = 0; run < 20_000; run++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(run % 100 == 0 ? 20_000 : 60);
            for (int i = 0; i < length; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String header = random.nextBoolean() ? b.toString() : "</v2/x?last=1>; " + b + "; rel=next";
            LinkHeader.next(header, BASE).ifPresent(u -> assertThat(u.getScheme() + "://" + u.getHost() + ":" + u.getPort()).as(header)
                    .isEqualTo("http://127.0.0.1:5000"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
