package seatablemigrate.core.spi;

/** A held lock on the host; {@link #close()} releases it and never throws. */
public interface HostLock extends AutoCloseable {
    @Override
    void close();
}
