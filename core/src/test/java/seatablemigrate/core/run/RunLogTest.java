package seatablemigrate.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import seatablemigrate.core.model.EnvFile;
import seatablemigrate.core.model.Secret;
import seatablemigrate.core.plan.CheckResult;
import seatablemigrate.core.plan.Step;
import seatablemigrate.core.plan.StepId;
import seatablemigrate.core.spi.Change;
import seatablemigrate.core.spi.FileEdit;
import seatablemigrate.core.spi.HostBackend;

class RunLogTest {
    @Test
    void masksEverySecretValueAndWritesOnceTheRunFolderExists() {
        HostBackend host = mock(HostBackend.class);
        Reporter screen = mock(Reporter.class);
        RunLog log = new RunLog(screen, host);
        log.secrets(List.of(Secret.of("s3cr3t-Pa55"), Secret.of("s3cr3t-Pa55-longer"), Secret.of("abc")));
        log.runDir(Path.of("/backup/run"));
        Step prepare = new Step(StepId.PREPARE, "create the run folder", List.of(), Optional.empty());
        Step stop = new Step(StepId.STOP, "stop SeaTable", List.of(), Optional.empty());

        log.check(CheckResult.fail("database", "cannot log in with s3cr3t-Pa55-longer"));
        verify(host, org.mockito.Mockito.never()).apply(any(), any(), any());
        log.stepFinished(prepare, Duration.ofMillis(5));
        log.stepFailed(stop, "compose said: password s3cr3t-Pa55 is wrong; abc is short");

        ArgumentCaptor<Change> changes = ArgumentCaptor.forClass(Change.class);
        verify(host, atLeastOnce()).apply(changes.capture(), any(), any());
        List<String> lines = changes.getAllValues().stream().map(c -> ((FileEdit.AppendJournalLine) c).text()).toList();
        assertThat(lines).containsExactly("check database fail: cannot log in with ********", "step prepare finished in 5 ms",
                "step stop FAILED: compose said: password ******** is wrong; ******** is short");
        assertThat(changes.getAllValues()).allSatisfy(c -> assertThat(((FileEdit.AppendJournalLine) c).file()).isEqualTo(Path.of("/backup/run/seatable-migrate.log")));
        verify(screen).stepFailed(stop, "compose said: password s3cr3t-Pa55 is wrong; abc is short");
    }

    @Test
    void everyKeyThatNamesASecretIsMaskedShortValuesAsWords() {
        EnvFile env = EnvFile.parse(("SMTP_PASS=mailpw1\ndb_pass=x9\nJWT_SECRET=jjjjjjjj\nAPI_TOKEN=tttttt\nPRIVATE_KEY=kkkkkk\n"
                + "BASIC_AUTH=aaaaaa\nMYSQL_PWD=pp\nSEATABLE_SERVER_HOSTNAME=example.org\nTIME_ZONE=Europe/Berlin\n").getBytes(StandardCharsets.UTF_8));
        RunLog log = new RunLog(mock(Reporter.class), mock(HostBackend.class));
        log.secrets(env.secretValues());
        assertThat(log.mask("mailpw1 x9 jjjjjjjj tttttt kkkkkk aaaaaa pp example.org Europe/Berlin x99 ppx"))
                .isEqualTo("******** ******** ******** ******** ******** ******** ******** example.org Europe/Berlin x99 ppx");
    }
}
