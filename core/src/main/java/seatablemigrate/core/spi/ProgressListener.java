package seatablemigrate.core.spi;

/** Receives progress of a long change (a pull, a dump). Called from the applying thread; must not block. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, unit) -> {};

    /**
     * @param done  amount done so far
     * @param total the expected total, or -1 when unknown
     * @param unit  what is counted, e.g. "bytes"
     */
    void progress(long done, long total, String unit);
}
