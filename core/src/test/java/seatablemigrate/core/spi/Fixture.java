package seatablemigrate.core.spi;

import java.nio.file.Path;
import java.util.List;
import seatablemigrate.core.model.ComposeCli;

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

    /**
     * A Compose project of two services in {@code dir}, written (nothing started): {@code service} depends on
     * {@code otherService}, both run images the host has, and {@code service}'s container writes {@code logLine} to its
     * log when it starts. Containers have these names.
     */
    record Project(Path dir, ComposeCli cli, String service, String container, String otherService, String otherContainer,
                   String logLine) {}

    /** Writes {@link Project} into {@code dir}. */
    Project composeProject(Path dir) throws Exception;

    /** Starts the project's containers ({@code up -d}) behind the backend's back. */
    void up(Project project) throws Exception;

    /** Removes the project's containers (and what else Compose made for it); nothing when there are none. */
    void down(Project project) throws Exception;

    /** An image a registry the host reaches holds; the test removes it from the host before pulling it. */
    String publishedImage();

    /** An image reference no registry the host reaches holds: pulling it fails. */
    String unpublishedImage();
}
