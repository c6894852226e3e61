package seatablemigrate.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.runfolder.RunFolder;
import seatablemigrate.core.spi.HostBackend;

class JournalTest {
    private static final Path RUN = Path.of("/backup/run 1");
    private static final Path COMPOSE = Path.of("/opt/seatable compose");
    private static final String CUT = """
            2026-11-25T10:00:00Z RUN run composeDir=/opt/seatable compose from=enterprise:5.3.4 to=developer:5.3.0
            2026-11-25T10:00:01Z BEGIN backup
            2026-11-25T10:00:05Z DONE backup 3 files
            2026-11-25T10:00:05Z BEGIN stop
            """;

    private static HostBackend hostWithJournal(String text) {
        HostBackend host = mock(HostBackend.class);
        when(host.readFile(RUN.resolve(RunFolder.JOURNAL))).thenReturn(Optional.of(text.getBytes(StandardCharsets.UTF_8)));
        return host;
    }

    @Test
    void aRunCutOffMidStepIsUnfinishedWithTheStepsDoneAndBegun() {
        Optional<Journal.Unfinished> u = Journal.unfinished(hostWithJournal(CUT), RUN, COMPOSE);
        assertThat(u).hasValueSatisfying(x -> {
            assertThat(x.stepsDone()).containsExactly("backup");
            assertThat(x.stepsBegun()).containsExactly("backup", "stop");
            assertThat(x.stackTouched()).isTrue();
        });
        assertThat(Journal.outcome(Journal.read(hostWithJournal(CUT), RUN))).isEmpty();
    }

    @Test
    void anEndedRunIsNotUnfinishedAndItsLastEndGivesTheOutcome() {
        String text = CUT + "2026-11-25T10:01:00Z END NEEDS_ATTENTION\n2026-11-25T10:05:00Z END DONE completed by a later run\n";
        assertThat(Journal.unfinished(hostWithJournal(text), RUN, COMPOSE)).isEmpty();
        assertThat(Journal.outcome(Journal.read(hostWithJournal(text), RUN))).contains("DONE");
    }

    @Test
    void aRollbackToThisBackupThatWasCutOffAfterItsEndIsUnfinishedAgain() {
        String text = CUT + "2026-11-25T10:01:00Z DONE stop\n2026-11-25T10:02:00Z END DONE\n"
                + "2026-11-26T09:00:00Z BEGIN rollback-stop stop SeaTable\n2026-11-26T09:00:02Z DONE rollback-stop\n"
                + "2026-11-26T09:00:02Z BEGIN rollback-restore restore .env\n";
        Journal.Unfinished u = Journal.unfinished(hostWithJournal(text), RUN, COMPOSE).orElseThrow();
        assertThat(u.stepsDone()).containsExactly("rollback-stop");
        assertThat(u.stepsBegun()).containsExactly("rollback-stop", "rollback-restore");
        assertThat(u.stackTouched()).isTrue();
        assertThat(u.needsAttention()).isFalse();
        assertThat(Journal.outcome(Journal.read(hostWithJournal(text), RUN))).as("the backup's outcome is open again").isEmpty();

        String verified = text + "2026-11-26T09:00:05Z DONE rollback-restore\n2026-11-26T09:00:05Z BEGIN rollback-start\n"
                + "2026-11-26T09:00:09Z DONE rollback-start\n2026-11-26T09:00:09Z BEGIN rollback-verify\n"
                + "2026-11-26T09:00:20Z DONE rollback-verify\n";
        assertThat(Journal.unfinished(hostWithJournal(verified), RUN, COMPOSE)).as("a rollback that ended verified, without an END"
                + " (as earlier versions wrote it), is finished").isEmpty();
        String failed = text + "2026-11-26T09:00:05Z FAILED rollback-restore disk full\n";
        assertThat(Journal.unfinished(hostWithJournal(failed), RUN, COMPOSE)).hasValueSatisfying(f -> assertThat(f.failures())
                .containsExactly("rollback-restore: disk full"));

        String finished = text + "2026-11-26T09:00:30Z END ROLLED_BACK\n";
        assertThat(Journal.unfinished(hostWithJournal(finished), RUN, COMPOSE)).isEmpty();
        assertThat(Journal.outcome(Journal.read(hostWithJournal(finished), RUN))).contains("ROLLED_BACK");
    }

    @Test
    void aRunWhoseRollbackFailedStaysUnresolvedAndSaysWhereItFailed() {
        String text = CUT + "2026-11-25T10:00:09Z FAILED stop engine gone\n2026-11-25T10:00:10Z BEGIN rollback-stop\n"
                + "2026-11-25T10:00:11Z FAILED rollback-stop engine gone\n2026-11-25T10:01:00Z END NEEDS_ATTENTION\n";
        Journal.Unfinished u = Journal.unfinished(hostWithJournal(text), RUN, COMPOSE).orElseThrow();
        assertThat(u.needsAttention()).isTrue();
        assertThat(u.stackTouched()).isTrue();
        assertThat(u.describe()).isEqualTo("run run 1 ended NEEDS ATTENTION; steps done: backup; failed: stop: engine gone; "
                + "rollback-stop: engine gone");
    }

    @Test
    void aJournalOfAnotherComposeDirectoryOrNoneIsNotOurs() {
        assertThat(Journal.unfinished(hostWithJournal(CUT), RUN, Path.of("/opt/seatable"))).isEmpty();
        HostBackend none = mock(HostBackend.class);
        when(none.readFile(RUN.resolve(RunFolder.JOURNAL))).thenReturn(Optional.empty());
        assertThat(Journal.read(none, RUN)).isEqualTo(List.of());
        assertThat(Journal.unfinished(none, RUN, COMPOSE)).isEmpty();
    }
}
