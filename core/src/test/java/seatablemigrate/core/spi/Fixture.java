package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.util.List;

/**
 * What the contract suite does to a host behind the backend's back: put files and engine objects there, and look at
 * files the backend changed. Each backend's test names the fixture of the host it reaches.
 */
public interface Fixture {
    /** Writes a file (parents created) with these bytes and permission bits. */
    void write(Path path, byte[] bytes, int mode) throws Exception;

    /** Creates a symlink at {@code link} to {@code target}. */
    void symlink(Path link, Path target) throws Exception;

    /** A file's bytes. */
    byte[] read(Path path) throws Exception;

    /** The names in a directory. */
    List<String> names(Path dir) throws Exception;

    /** Creates a container that exists and does not run. */
    void stoppedContainer(String name, String image) throws Exception;

    /** Removes a container; nothing when there is none. */
    void removeContainer(String name) throws Exception;

    /** Gives an image another tag. */
    void tag(String image, String repoTag) throws Exception;

    /** Removes tags. */
    void untag(String... repoTags) throws Exception;

    /** The engine's id of an image. */
    String imageId(String reference) throws Exception;
}
