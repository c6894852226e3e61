package seatablemigrate.backend.local;

import seatablemigrate.core.spi.AbstractHostBackendContractTest;
import seatablemigrate.core.spi.HostBackend;

class LocalBackendContractIT extends AbstractHostBackendContractTest {
    @Override
    protected HostBackend backend() {
        return new LocalHostBackend();
    }
}
