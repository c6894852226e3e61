package seatablemigrate.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageRef#parse} on references of every form, generated and hostile: it accepts what Docker's grammar accepts
 * (the regular expressions it used before, kept here as the oracle for inputs short enough for them), within Docker's
 * length limits, and answers any input, however long, with a value or empty, never an error.
 */
class ImageRefTest {
    /** The grammar as the parser had it before it became linear: recursive regular expressions, fine on short input. */
    private static final class Oracle {
        static final Pattern PATH = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
        static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
        static final Pattern REGISTRY = Pattern.compile(
                "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");
        static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}");

        static Optional<ImageRef> parse(String text) {
            String s = text.trim();
            if (s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
                return Optional.empty();
            }
            Optional<String> digest = Optional.empty();
            int at = s.indexOf('@');
            if (at >= 0) {
                digest = Optional.of(s.substring(at + 1));
                s = s.substring(0, at);
                if (!DIGEST.matcher(digest.get()).matches()) {
                    return Optional.empty();
                }
            }
            Optional<String> registry = Optional.empty();
            int slash = s.indexOf('/');
            if (slash > 0) {
                String first = s.substring(0, slash);
                if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                    if (!REGISTRY.matcher(first).matches()) {
                        return Optional.empty();
                    }
                    registry = Optional.of(first);
                    s = s.substring(slash + 1);
                }
            }
            Optional<String> tag = Optional.empty();
            int colon = s.lastIndexOf(':');
            if (colon >= 0) {
                tag = Optional.of(s.substring(colon + 1));
                s = s.substring(0, colon);
                if (!TAG.matcher(tag.get()).matches()) {
                    return Optional.empty();
                }
            }
            return PATH.matcher(s).matches() ? Optional.of(new ImageRef(registry, s, tag, digest)) : Optional.empty();
        }
    }

    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void everyFormDockerAcceptsIsParsedAsBefore() {
        List<String> valid = List.of("nginx", "nginx:1.27", "library/nginx", "seatable/seatable-enterprise:6.1.8", "a", "a0", "0a",
                "a.b", "a_b", "a__b", "a---b", "a/b/c/d", "my-org/sub.group/img_name__x:tag", "localhost/x", "localhost:5000/x:y",
                "registry.local/seatable/seatable-developer", "registry.local:5000/seatable/seatable-developer:5.3.0",
                "REGISTRY.Example.COM:443/path/to/image:Tag_1.2-rc", "10.0.0.5:5000/seatable/seatable-developer:5.3.0",
                "[::1]:5000/seatable/seatable-developer:5.3.0", "[fe80::1]/x", "[2001:db8::1]:5000/a/b:c", "host-with-dash.example:1/x",
                "x@" + DIGEST, "x:tag@" + DIGEST, "registry.local:5000/a/b:c@" + DIGEST, "[::1]:5000/a@" + DIGEST,
                "x@sha512:" + "ab".repeat(64), "x@multihash+base58:" + "a".repeat(32), "x@sha256:" + "A".repeat(64),
                "x:" + "t".repeat(128), "x:_", "x:" + "a".repeat(1) + ".-_");
        for (String ref : valid) {
            Optional<ImageRef> parsed = ImageRef.parse(ref);
            assertThat(parsed).as(ref).isPresent().isEqualTo(Oracle.parse(ref));
            assertThat(parsed.get().toString()).as(ref).isEqualTo(ref);
        }
    }

    @Test
    void whatDockerRefusesIsRefused() {
        for (String ref : List.of("", " ", "Nginx", "a-", "-a", "a..b", "a___b", "a/", "/a", "a//b", "a:", "a:-x", "a:.x", "a@", "a@sha256:",
                "a@sha256:" + "a".repeat(31), "a@sha256:" + "g".repeat(64), "a@SHA256:" + "a".repeat(64), "reg.local:/x", "reg.local:123456/x",
                "-reg.local/x", "reg-.local/x", "reg..local/x", "[::1/x", "[]/x", "[::1]x/y", "a b", "a\tb", "a\nb", "x:" + "t".repeat(129),
                "$(x).local/a", "reg'istry.local/a", "a;b", "a/b:c:d", "a@b@" + DIGEST)) {
            assertThat(ImageRef.parse(ref)).as(ref).isEmpty();
            assertThat(Oracle.parse(ref)).as(ref).isEmpty();
        }
    }

    @Test
    void generatedReferencesAgreeWithTheGrammar() {
        Random random = new Random(20261201);
        for (int i = 0; i < 20_000; i++) {
            String ref = random.nextInt(4) == 0 ? mutate(random, reference(random)) : reference(random);
            Optional<ImageRef> expected = Oracle.parse(ref);
            assertThat(ImageRef.parse(ref)).as(ref).isEqualTo(expected.filter(ImageRefTest::withinDockersLimits));
        }
    }

    @Test
    void hostileCharactersAreRefusedNeverThrown() {
        Random random = new Random(7);
        String alphabet = "aZ09._-/:@[]+$`'\"\\;|&<>(){}*?!# \t\n\r\0\u001b\u00e9\u202e\ud83d\ude00";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String ref = b.toString();
            assertThat(ImageRef.parse(ref)).as(ref).isEqualTo(Oracle.parse(ref).filter(ImageRefTest::withinDockersLimits));
        }
    }

    @Test
    void longNamesAreAPlainRefusalWithinDockersLimits() {
        for (String hostile : List.of("a".repeat(3000), "a-".repeat(1500) + "a", "a/".repeat(1500) + "a", "a".repeat(1 << 20),
                "a.".repeat(1 << 19) + "a", "seatable/seatable-enterprise:" + "1".repeat(1 << 20), "x@sha256:" + "a".repeat(1 << 20),
                "r" + ".r".repeat(1 << 18) + "/x", "[" + ":".repeat(1 << 20) + "]/x", "x:" + "-".repeat(1 << 20))) {
            assertThat(ImageRef.parse(hostile)).as("%d characters", hostile.length()).isEmpty();
        }
        String name255 = "a/".repeat(127) + "b";
        assertThat(ImageRef.parse(name255)).isPresent();
        assertThat(ImageRef.parse(name255 + "c")).as("a name of 256 characters").isEmpty();
        assertThat(ImageRef.parse("registry.local:5000/" + "a".repeat(235))).as("255 with the registry").isPresent();
        assertThat(ImageRef.parse("registry.local:5000/" + "a".repeat(236))).as("256 with the registry").isEmpty();
        assertThat(ImageRef.parse(name255 + ":" + "t".repeat(128) + "@sha512:" + "ab".repeat(64))).as("the longest valid reference").isPresent();
        assertThat(ImageRef.parse("x@sha256:" + "a".repeat(129))).as("a digest longer than any algorithm's").isEmpty();
    }

    /** Docker's limits, which the grammar alone does not say: a name of at most 255 characters, a digest of a known size. */
    private static boolean withinDockersLimits(ImageRef ref) {
        return ref.repository().length() <= 255
                && ref.digest().map(d -> d.indexOf(':') <= 32 && d.length() - d.indexOf(':') - 1 <= 128).orElse(true);
    }

    /** A reference of a random form: registry (name, IPv4, IPv6, port) or none, path, tag, digest. */
    private static String reference(Random random) {
        StringBuilder b = new StringBuilder();
        switch (random.nextInt(6)) {
            case 0 -> b.append(component(random, "abcXYZ019-", 1)).append('.').append(component(random, "abc019-", 1)).append('/');
            case 1 -> b.append("localhost").append(random.nextBoolean() ? ":" + (1 + random.nextInt(65535)) : "").append('/');
            case 2 -> b.append(random.nextInt(256)).append('.').append(random.nextInt(256)).append(":").append(random.nextInt(100_000)).append('/');
            case 3 -> b.append("[").append(random.nextBoolean() ? "::1" : "2001:db8::" + Integer.toHexString(random.nextInt(65536))).append("]")
                    .append(random.nextBoolean() ? ":5000" : "").append('/');
            default -> { }
        }
        int parts = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 4);
        for (int p = 0; p < parts; p++) {
            b.append(p == 0 ? "" : "/").append(pathComponent(random));
        }
        if (random.nextBoolean()) {
            b.append(':').append(component(random, "aZ09_.-", random.nextInt(10) == 0 ? 140 : 12));
        }
        if (random.nextInt(3) == 0) {
            b.append('@').append(random.nextBoolean() ? "sha256" : component(random, "a0+._-", 6)).append(':')
                    .append(component(random, "0123456789abcdefABCDEF", random.nextInt(5) == 0 ? 140 : 64));
        }
        return b.toString();
    }

    private static String pathComponent(Random random) {
        StringBuilder b = new StringBuilder(component(random, "abz09", 1 + random.nextInt(6)));
        for (int n = random.nextInt(3); n > 0; n--) {
            b.append(List.of(".", "_", "__", "-", "--", "---").get(random.nextInt(6))).append(component(random, "abz09", 1 + random.nextInt(4)));
        }
        return b.toString();
    }

    /** Mostly alphanumeric text of about {@code length} characters from {@code chars} (which may start with a separator). */
    private static String component(Random random, String chars, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }

    /** One random edit: a character inserted, removed or replaced by one that matters to the grammar. */
    private static String mutate(Random random, String ref) {
        String special = "./:@-_[]+ A$";
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i <= ref.length(); i++) {
            positions.add(i);
        }
        int at = positions.get(random.nextInt(positions.size()));
        char c = special.charAt(random.nextInt(special.length()));
        return switch (random.nextInt(3)) {
            case 0 -> ref.substring(0, at) + c + ref.substring(at);
            case 1 -> at < ref.length() ? ref.substring(0, at) + ref.substring(at + 1) : ref;
            default -> at < ref.length() ? ref.substring(0, at) + c + ref.substring(at + 1) : ref + c;
        };
    }

    @Test
    void knownReferencesAndTheirParts() {
        ImageRef plain = ImageRef.parse("seatable/seatable-enterprise:6.1.8").orElseThrow();
        assertThat(plain.registry()).isEmpty();
        assertThat(plain.edition()).contains(Edition.ENTERPRISE);
        assertThat(plain.version()).contains(new SeaTableVersion(6, 1, 8));

        ImageRef prefixed = ImageRef.parse("registry.local:5000/seatable/seatable-enterprise:6.1.8").orElseThrow();
        assertThat(prefixed.registry()).contains("registry.local:5000");
        assertThat(prefixed.repository()).isEqualTo("registry.local:5000/seatable/seatable-enterprise");
        assertThat(prefixed.forEdition(Edition.DEVELOPER, new SeaTableVersion(6, 1, 0)).toString())
                .isEqualTo("registry.local:5000/seatable/seatable-developer:6.1.0");

        String digest = "sha256:" + "a".repeat(64);
        ImageRef pinned = ImageRef.parse("seatable/seatable-developer@" + digest).orElseThrow();
        assertThat(pinned.digest()).contains(digest);
        assertThat(pinned.tag()).isEmpty();
        assertThat(pinned.isFloating()).isFalse();
        assertThat(pinned.toString()).isEqualTo("seatable/seatable-developer@" + digest);

        assertThat(ImageRef.parse("seatable/seatable-developer:latest").orElseThrow().isFloating()).isTrue();
        for (String db : new String[] {"mariadb:11.8.3", "mariadb", "registry.local:5000/library/mariadb:10.11", "mysql:8.0",
                "seatable-migrate-test/mariadb:10.11"}) {
            assertThat(ImageRef.parse(db).orElseThrow().isDatabaseServer()).as(db).isTrue();
        }
        assertThat(ImageRef.parse("seatable/seatable-enterprise:5.3.4").orElseThrow().isDatabaseServer()).isFalse();
        assertThat(ImageRef.parse("redis:8").orElseThrow().isDatabaseServer()).isFalse();
        assertThat(ImageRef.parse("seatable/seatable-ee:2.7.0").orElseThrow().edition()).contains(Edition.ENTERPRISE);
        assertThat(ImageRef.parse("seatable/seatable:2.7.0").orElseThrow().edition()).contains(Edition.DEVELOPER);
        assertThat(ImageRef.parse("localhost/seatable/seatable-developer:1.0.0").orElseThrow().registry()).contains("localhost");
        assertThat(ImageRef.parse("nginx").orElseThrow().edition()).isEmpty();
        assertThat(ImageRef.parse("Bad Image")).isEmpty();
        // A registry prefix is a host name (or address) with an optional port: nothing a shell or .env would interpret.
        for (String hostile : new String[] {"reg#istry.local/seatable/seatable-developer:5.3.0", "reg'istry.local:5000/seatable/seatable-developer:5.3.0",
                "reg\\istry.local/seatable/seatable-developer:5.3.0", "$(x).local/seatable/seatable-developer:5.3.0",
                "registry.local:50a0/seatable/seatable-developer:5.3.0", "-registry.local/seatable/seatable-developer:5.3.0"}) {
            assertThat(ImageRef.parse(hostile)).as(hostile).isEmpty();
        }
        assertThat(ImageRef.parse("[::1]:5000/seatable/seatable-developer:5.3.0").orElseThrow().registry()).contains("[::1]:5000");
        assertThat(ImageRef.parse("10.0.0.5:5000/seatable/seatable-developer:5.3.0").orElseThrow().registry()).contains("10.0.0.5:5000");
        assertThat(ImageRef.parse("seatable/seatable-enterprise:")).isEmpty();
    }
}
