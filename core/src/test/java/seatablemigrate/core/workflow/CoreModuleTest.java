package seatablemigrate.core.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Recorder;
import seatablemigrate.core.run.RunMode;
import seatablemigrate.core.spi.HostBackend;
import seatablemigrate.core.testing.FakeHost;

/** What core's module binds around a backend's {@link HostBackend}: one of each per injector, live unless a recorder is bound. */
class CoreModuleTest {
    private final FakeHost host = new FakeHost(Path.of("/opt/seatable-compose"));

    private final AbstractModule backend = new AbstractModule() {
        @Override
        protected void configure() {
            bind(HostBackend.class).toInstance(host);
        }
    };

    @Test
    void aLiveInjectorBuildsOneWorkflowWithTheSystemClockInUtc() {
        Injector injector = Guice.createInjector(new CoreModule(), backend);

        assertThat(injector.getInstance(RunMode.class)).isSameAs(RunMode.LIVE);
        assertThat(injector.getInstance(Workflow.class)).isNotNull().isSameAs(injector.getInstance(Workflow.class));
        assertThat(injector.getInstance(Interruption.class)).isSameAs(injector.getInstance(Interruption.class));
        assertThat(injector.getInstance(Clock.class).getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void aBoundRecorderMakesADryRunThatRecordsIntoThatRecorder() {
        Recorder recorder = new Recorder();
        Injector injector = Guice.createInjector(new CoreModule(), backend, new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), Recorder.class).setBinding().toInstance(recorder);
            }
        });

        RunMode mode = injector.getInstance(RunMode.class);
        assertThat(mode.dryRun()).isTrue();
        assertThat(mode.recorder()).containsSame(recorder);
    }

    @Test
    void eachInjectorHasItsOwnStopRequest() {
        Interruption first = Guice.createInjector(new CoreModule(), backend).getInstance(Interruption.class);
        first.request();

        assertThat(Guice.createInjector(new CoreModule(), backend).getInstance(Interruption.class).requested()).isFalse();
    }
}
