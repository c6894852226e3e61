package seatablemigrate.core.plan;

import java.util.Optional;
import seatablemigrate.core.model.Bytes;
import seatablemigrate.core.registry.ImageCatalog;

/**
 * Room for the target image where the engine stores images. The registry lists the compressed size of what a pull
 * downloads; how much more the layers take unpacked it does not say (layers the host already has are neither
 * downloaded nor unpacked again). So less room than the download is a failure (the pull fills the file system, which
 * the running SeaTable may share, before it fails), less than {@link #UNPACKED} times that a warning, and where no size
 * or no folder is known the check says so as a warning instead of guessing. The pull precedes every change, and a
 * pull that fails changes nothing; this check keeps it from filling the disk.
 */
final class ImageSpace implements PreflightCheck {
    /** Unpacked, layers usually take about this many times their compressed size: below it the room may not do. */
    static final int UNPACKED = 2;

    @Override
    public String name() { return "image-space"; }

    @Override
    public CheckResult evaluate(PlanContext c) {
        if (c.target().isEmpty()) {
            return c.installation().engine().silent()
                    ? CheckResult.noEngine(name(), "the room for the target image is measured")
                    : CheckResult.fail(name(), "no target image (see target-version)");
        }
        Target t = c.target().get();
        String pulled = " (it is pulled before anything stops)";
        if (c.request().offline()) {
            return CheckResult.warn(name(), "not observed (offline): make sure the host's Docker engine has room for " + t.image() + pulled);
        }
        if (t.presentLocally()) {
            return CheckResult.pass(name(), t.image().withoutDigest() + " is present locally: no room is needed for it");
        }
        Optional<ImageStore> store = c.imageStore();
        if (store.isEmpty()) {
            return CheckResult.warn(name(), "the Docker engine does not name a folder of this host where it stores images (containerd's image"
                    + " store, or an engine in a virtual machine): make sure it has room for " + t.image() + pulled);
        }
        ImageStore s = store.get();
        String free = s.root() + " has " + Bytes.human(s.usable()) + " free";
        ImageCatalog.Lookup l = t.lookup();
        if (l.layerBytes().isEmpty()) {
            return CheckResult.warn(name(), free + "; " + l.answeredBy() + " did not say how big " + t.image()
                    + " is: make sure that is enough" + pulled);
        }
        long download = l.layerBytes().getAsLong();
        String size = t.image() + " is " + Bytes.human(download) + " compressed in " + l.answeredBy();
        if (s.usable() < download) {
            return CheckResult.fail(name(), free + ", less than " + size + ": free space there, or pull it first (layers the host"
                    + " already has are not pulled again, and a present image needs no room)");
        }
        if (s.usable() / UNPACKED < download) {
            return CheckResult.warn(name(), free + "; " + size + ", and unpacked layers usually take about " + UNPACKED
                    + " times that: the pull may fill it" + pulled);
        }
        return CheckResult.pass(name(), free + "; " + size + ", more unpacked");
    }
}
