package seatablemigrate.core.testing;

import java.nio.file.Path;
import java.util.List;
import seatablemigrate.core.model.ComposeCli;
import seatablemigrate.core.spi.AbstractHostBackendContractTest;
import seatablemigrate.core.spi.Fixture;
import seatablemigrate.core.spi.HostBackend;

/** The in-memory fake keeps the same contract as the real backends, so that what unit tests learn from it holds. */
class FakeHostContractTest extends AbstractHostBackendContractTest {
    private static final String PUBLISHED = "registry.example.com/seatable/seatable-developer:5.3.0";
    private static final String UNPUBLISHED = "registry.example.com/seatable-migrate-contract/none:1";
    private FakeHost fake;

    @Override
    protected HostBackend backend() {
        fake = new FakeHost(dir).image("sha256:idle", IDLE_IMAGE).unpublished(UNPUBLISHED);
        return fake;
    }

    @Override
    protected Fixture fixture() {
        return new Fixture() {
            @Override
            public void write(Path path, byte[] bytes, int mode) {
                fake.file(path, bytes, mode);
            }

            @Override
            public void symlink(Path link, Path target) {
                fake.symlink(link, target);
            }

            @Override
            public byte[] read(Path path) {
                return fake.readFile(path).orElseThrow(() -> new AssertionError(path + " does not exist on the fake host"));
            }

            @Override
            public List<String> names(Path dir) {
                return fake.list(dir).stream().map(p -> p.getFileName().toString()).toList();
            }

            @Override
            public void stoppedContainer(String name, String image) {
                fake.stoppedContainer(name, image);
            }

            @Override
            public void removeContainer(String name) {
                fake.removeContainer(name);
            }

            @Override
            public void tag(String image, String repoTag) {
                fake.image(fake.image(image).orElseThrow().id(), repoTag);
            }

            @Override
            public void untag(String... repoTags) {
                fake.untag(repoTags);
            }

            @Override
            public String imageId(String reference) {
                return fake.image(reference).orElseThrow().id();
            }

            /** The fake's own project (its compose directory is the test's), whose SeaTable runs what {@code .env} names. */
            @Override
            public Project composeProject(Path dir) {
                fake.file(dir.resolve(".env"), "SEATABLE_IMAGE=seatable/seatable-developer:5.3.0\n");
                return new Project(dir, ComposeCli.PLUGIN, "seatable-server", "seatable-server", "mariadb", "mariadb", "seatable-server started");
            }

            @Override
            public void up(Project project) {
                fake.started();
            }

            @Override
            public void down(Project project) {
                fake.compose(List.of("down"));
            }

            @Override
            public String publishedImage() {
                return PUBLISHED;
            }

            @Override
            public String unpublishedImage() {
                return UNPUBLISHED;
            }
        };
    }

}
