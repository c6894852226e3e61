package seatablemigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a change board opens it: rendered by a real browser (Debian's Chromium, headless, installed by the
 * test environment), from {@code plan --report} and from {@code migrate --dry-run --report}. The rendered DOM has the
 * banner and every section, the shell forms after the sign-off; the screenshot shows text, the banner's and the checks'
 * colours; and printing gives a PDF of several pages.
 */
class ReportBrowserIT {
    private static final String EXAMPLE = ComposeProject.EXAMPLE.toString();

    private static ComposeProject.Docker.Result chromium(Path profile, String... args) {
        List<String> argv = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile));
        argv.addAll(List.of(args));
        return ComposeProject.Docker.run(profile.getParent(), 120, argv.toArray(String[]::new));
    }

    private static boolean near(int r, int g, int b, int wr, int wg, int wb) {
        return Math.abs(r - wr) <= 4 && Math.abs(g - wg) <= 4 && Math.abs(b - wb) <= 4;
    }

    @Test
    void theReportRendersAndPrintsInARealBrowser(@TempDir Path dir) throws Exception {
        Path fromPlan = dir.resolve("plan.html");
        Path fromDryRun = dir.resolve("dry-run.html");
        LocalMigrationIT.Run plan = LocalMigrationIT.cli("plan", "--offline", "--from", EXAMPLE, "--to", "developer", "--version", "5.3.0",
                "--report", fromPlan.toString());
        assertThat(plan.exit()).as(plan.out() + plan.err()).isZero();
        LocalMigrationIT.Run dry = LocalMigrationIT.cli("migrate", "--dry-run", "--offline", "--from", EXAMPLE, "--to", "developer", "--version", "5.3.0",
                "--script", dir.resolve("audit.sh").toString(), "--report", fromDryRun.toString());
        assertThat(dry.exit()).as(dry.out() + dry.err()).isZero();
        assertThat(dry.out()).contains("Report written to " + fromDryRun);

        for (Path report : List.of(fromPlan, fromDryRun)) {
            Path profile = Files.createDirectory(dir.resolve("profile-" + report.getFileName()));
            ComposeProject.Docker.Result dom = chromium(profile, "--dump-dom", report.toUri().toString());
            assertThat(dom.exit()).as(dom.stderr()).isZero();
            assertThat(dom.stdout()).as("the browser's DOM after rendering")
                    .contains("<div class=\"banner deferred\" role=\"status\"><p class=\"verdict\">READY WITH 7 CHECKS DEFERRED TO THE HOST</p>")
                    .contains("<h2>About this document</h2>").contains("<h2>The change</h2>")
                    .contains("<h2>Expected downtime (an estimate) and what users see</h2>").contains("<h2>The way back</h2>")
                    .contains("<h2>Pre-flight checks</h2>").contains("<h2>What the Developer Edition does not have</h2>")
                    .contains("<h2>Steps (their shell forms: appendix A)</h2>").contains("<h2>Sign-off</h2>")
                    .contains("<h2 class=\"appendix\">Appendix A: the steps, exactly as a run performs them</h2>")
                    .contains("<h2>Appendix B: the rollback, if a step after the first change fails</h2>")
                    .contains("<td class=\"status deferred\">deferred</td>").contains("seatable-migrate rollback --compose-dir ")
                    .contains("docker compose").contains("SHA256SUMS").doesNotContain("break-all").doesNotContain("Example-Db-Pa55word-7f3a");
            assertThat(dom.stdout().indexOf("<h2>Sign-off</h2>")).as("the shell forms come after the sign-off")
                    .isLessThan(dom.stdout().indexOf("Appendix A: the steps"));

            Path png = dir.resolve(report.getFileName() + ".png");
            ComposeProject.Docker.Result shot = chromium(profile, "--window-size=1200,1600", "--screenshot=" + png, report.toUri().toString());
            assertThat(shot.exit()).as(shot.stderr()).isZero();
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(1200);
            assertThat(image.getHeight()).isEqualTo(1600);
            long ink = 0;
            long pass = 0;
            long deferred = 0;
            long banner = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (r + g + b < 300) {
                        ink++;
                    }
                    if (near(r, g, b, 0xe3, 0xf2, 0xe6)) {
                        pass++;
                    }
                    if (near(r, g, b, 0xe4, 0xeb, 0xf5)) {
                        deferred++;
                    }
                    if (near(r, g, b, 0xdd, 0xe7, 0xf6)) {
                        banner++;
                    }
                }
            }
            long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
            assertThat(ink).as("text is drawn (dark pixels) in " + png).isGreaterThan(sampled / 200);
            assertThat(pass).as("the stylesheet applies: passed checks are green in " + png).isGreaterThan(sampled / 1000);
            assertThat(deferred).as("deferred checks (offline) are blue in " + png).isGreaterThan(sampled / 1000);
            assertThat(banner).as("the banner (ready with checks deferred to the host) is blue at the top of " + png).isGreaterThan(sampled / 200);

            Path pdf = dir.resolve(report.getFileName() + ".pdf");
            ComposeProject.Docker.Result print = chromium(profile, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, report.toUri().toString());
            assertThat(print.exit()).as(print.stderr()).isZero();
            String pdfText = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
            assertThat(pdfText).startsWith("%PDF-");
            assertThat(pdfText.split("/Type\\s*/Page[^s]", -1).length - 1).as("printable: pages in " + pdf).isGreaterThanOrEqualTo(2);
        }
    }
}
