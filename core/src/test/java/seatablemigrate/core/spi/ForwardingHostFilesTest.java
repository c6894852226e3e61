package seatablemigrate.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.model.Sha256;

/** Every {@link HostFiles} query of a {@link ForwardingHostFiles} reaches its {@code files()} with its arguments, and the answer comes back. */
class ForwardingHostFilesTest {
    private static final Path PATH = Path.of("/opt/seatable-compose/.env");

    /** What the delegate was asked, as "method argument...". */
    private final List<String> asked = new ArrayList<>();
    private final HostFiles delegate = (HostFiles) Proxy.newProxyInstance(HostFiles.class.getClassLoader(), new Class<?>[] {HostFiles.class},
            (proxy, method, args) -> {
                asked.add(method.getName() + " " + Arrays.toString(args));
                return answer(method);
            });
    private final ForwardingHostFiles forwarding = () -> delegate;

    private static Object answer(Method method) {
        return switch (method.getName()) {
            case "readFile", "readTail" -> Optional.of(new byte[] {1, 2});
            case "linesStartingWith" -> Optional.of(List.of("line"));
            case "stat", "lstat" -> Optional.of(new FileStat(FileStat.Type.REGULAR, 2, 0600, 0));
            case "userId" -> 1000;
            case "sha256" -> Optional.of(new Sha256("a".repeat(64)));
            case "list" -> List.of(PATH);
            case "usableSpace" -> 4096L;
            default -> null;
        };
    }

    @Test
    void everyQueryOfHostFilesHasAForwardingDefault() throws NoSuchMethodException {
        for (Method m : HostFiles.class.getMethods()) {
            assertThat(ForwardingHostFiles.class.getMethod(m.getName(), m.getParameterTypes()).isDefault()).as(m.getName()).isTrue();
        }
    }

    @Test
    void eachQueryIsHandedOnWithItsArgumentsAndItsAnswerReturned() {
        ProgressListener progress = ProgressListener.NONE;
        assertThat(forwarding.readFile(PATH).orElseThrow()).containsExactly(1, 2);
        assertThat(forwarding.readTail(PATH, 7).orElseThrow()).containsExactly(1, 2);
        assertThat(forwarding.linesStartingWith(PATH, List.of("A="), 9, Duration.ofSeconds(3))).contains(List.of("line"));
        assertThat(forwarding.stat(PATH)).contains(new FileStat(FileStat.Type.REGULAR, 2, 0600, 0));
        assertThat(forwarding.lstat(PATH)).contains(new FileStat(FileStat.Type.REGULAR, 2, 0600, 0));
        assertThat(forwarding.userId()).isEqualTo(1000);
        assertThat(forwarding.sha256(PATH)).contains(new Sha256("a".repeat(64)));
        assertThat(forwarding.list(PATH.getParent())).containsExactly(PATH);
        assertThat(forwarding.usableSpace(PATH)).isEqualTo(4096L);
        forwarding.download(PATH, Path.of("/tmp/copy"), Duration.ofSeconds(5), progress);

        assertThat(asked).containsExactly(
                "readFile [" + PATH + "]",
                "readTail [" + PATH + ", 7]",
                "linesStartingWith [" + PATH + ", [A=], 9, PT3S]",
                "stat [" + PATH + "]",
                "lstat [" + PATH + "]",
                "userId null",
                "sha256 [" + PATH + "]",
                "list [" + PATH.getParent() + "]",
                "usableSpace [" + PATH + "]",
                "download [" + PATH + ", /tmp/copy, PT5S, " + progress + "]");
    }
}
