package seatablemigrate.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
}
