package seatablemigrate.backend.local;

import static java.util.Objects.requireNonNull;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import seatablemigrate.core.ChangeFailedException;
import seatablemigrate.core.model.ImageRef;
import seatablemigrate.core.spi.ProgressListener;
import seatablemigrate.core.spi.PullLayers;

/** Pulls an image through the engine with progress in bytes and a note per layer state; bounded by its timeout. */
final class ImagePull {
    private final Engine engine;

    ImagePull(Engine engine) {
        this.engine = requireNonNull(engine, "engine is null");
    }

    /** Pulls {@code image}, reporting bytes; a pinned image by its digest. The caller checks the image is there. */
    void pull(ImageRef image, Duration timeout, ProgressListener progress) {
        Map<String, long[]> bytes = new HashMap<>();
        PullLayers layers = new PullLayers();
        ResultCallback.Adapter<PullResponseItem> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PullResponseItem item) {
                if (item.getId() != null && item.getStatus() != null) {
                    layers.status(item.getId(), item.getStatus());
                }
                if (item.getId() != null && item.getProgressDetail() != null && item.getProgressDetail().getTotal() != null
                        && item.getProgressDetail().getCurrent() != null) {
                    bytes.put(item.getId(), new long[] {item.getProgressDetail().getCurrent(), item.getProgressDetail().getTotal()});
                }
                progress.progress(bytes.values().stream().mapToLong(l -> l[0]).sum(), bytes.values().stream().mapToLong(l -> l[1]).sum(),
                        "bytes", layers.note());
            }
        };
        try {
            var cmd = engine.client().pullImageCmd(image.repository());
            // The engine's "tag" parameter takes a digest too: a pinned image is pulled by its digest.
            image.digest().or(image::tag).ifPresent(cmd::withTag);
            cmd.exec(cb);
            if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                cb.close();
                throw new ChangeFailedException("pulling " + image + " timed out after " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChangeFailedException("pulling " + image + " was interrupted");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ChangeFailedException cfe) {
                throw cfe;
            }
            throw new ChangeFailedException("pulling " + image + " failed: " + Engine.message(Engine.rootMessage(e)), e);
        }
    }

}
