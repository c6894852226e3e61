package seatablemigrate.core.plan;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import seatablemigrate.core.spi.FileStat;
import seatablemigrate.core.spi.HostBackend;

/**
 * Where the host's Docker engine stores the images it pulls, and the bytes free there.
 *
 * @param root   the engine's image folder on the host ({@code /var/lib/docker})
 * @param usable bytes available on the file system that holds it
 */
public record ImageStore(Path root, long usable) {
    public ImageStore {
        requireNonNull(root, "root is null");
    }

    /**
     * The engine's image folder, when the engine names one ({@link HostBackend#imageRoot()}) and it is a folder on the
     * host: an engine in a virtual machine names a folder of that machine, whose free space this host cannot tell.
     */
    public static Optional<ImageStore> of(HostBackend host) {
        return host.imageRoot().filter(root -> host.stat(root).filter(FileStat::isDirectory).isPresent())
                .map(root -> new ImageStore(root, host.usableSpace(root)));
    }
}
