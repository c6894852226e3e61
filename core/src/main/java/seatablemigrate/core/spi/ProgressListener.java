package seatablemigrate.core.spi;

/** Receives progress of a long change (a pull, a dump). Called from the applying thread; must not block. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, unit, note) -> {};

    /**
     * @param done  amount done so far
     * @param total the expected total, or -1 when unknown
     * @param unit  what is counted, e.g. "bytes"
     * @param note  a short word on the parts, e.g. "3 of 7 layers"; empty when there is none
     */
    void progress(long done, long total, String unit, String note);
}
