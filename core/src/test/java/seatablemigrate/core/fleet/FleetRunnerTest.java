package seatablemigrate.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import seatablemigrate.core.run.Interruption;
import seatablemigrate.core.run.Outcome;

class FleetRunnerTest {
    private static List<FleetHost> hosts(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new FleetHost("h" + i, Map.of(), List.of())).toList();
    }

    private static HostResult ended(FleetHost h, int code) {
        return new HostResult(h, code == 0 ? "done" : "rolled-back", Optional.of(code), "", "", "", "");
    }

    @Test
    void neverMoreThanForksAtOnceAndEveryHostOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        // No host ends before three run at once: the peak is reached whatever the machine's load, not by a sleep's luck.
        CountDownLatch threeRunning = new CountDownLatch(3);
        List<String> waitedInVain = Collections.synchronizedList(new ArrayList<>());
        var result = new FleetRunner(new FleetRunner.Settings(3, Batches.ALL, Optional.empty()), new Interruption()).run(hosts(10), h -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            threeRunning.countDown();
            if (!await(threeRunning)) {
                waitedInVain.add(h.name());
            }
            ran.add(h.name());
            running.decrementAndGet();
            return ended(h, 0);
        }, FleetListener.NONE);
        assertThat(waitedInVain).as("hosts that never saw three running at once").isEmpty();
        assertThat(most.get()).isEqualTo(3);
        assertThat(ran).hasSize(10).doesNotHaveDuplicates();
        assertThat(result.hosts()).extracting(r -> r.host().name()).as("results in inventory order")
                .containsExactly("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8", "h9", "h10");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aBatchStartsOnlyWhenTheOneBeforeHasEnded() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        new FleetRunner(new FleetRunner.Settings(5, Batches.parse("1,100%"), Optional.empty()), new Interruption()).run(hosts(4), h -> {
            events.add("start " + h.name());
            sleep(10);
            events.add("end " + h.name());
            return ended(h, 0);
        }, FleetListener.NONE);
        assertThat(events.subList(0, 2)).containsExactly("start h1", "end h1");
        assertThat(events.subList(2, 8)).filteredOn(e -> e.startsWith("start")).hasSize(3);
    }

    @Test
    void maxFailStopsStartingHostsAndTheWorstExitCodeWins() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        var result = new FleetRunner(new FleetRunner.Settings(1, Batches.ALL, Optional.of(1)), new Interruption()).run(hosts(4), h -> {
            events.add(h.name());
            return ended(h, h.name().equals("h2") ? 4 : 0);
        }, new FleetListener() {
            @Override
            public void hostSkipped(HostResult r) {
                events.add("skipped " + r.host().name());
            }
        });
        assertThat(events).containsExactly("h1", "h2", "skipped h3", "skipped h4");
        assertThat(result.hosts().get(2).outcome()).isEqualTo(HostResult.NOT_STARTED);
        assertThat(result.hosts().get(2).message()).isEqualTo("not started: 1 host failed (--max-fail 1)");
        assertThat(result.exitCode()).isEqualTo(4);
    }

    /** A host that cannot take part (an offline fleet's host without its copy) is skipped with its reason: never run, no failure. */
    @Test
    void aSkippedHostIsNeverRunAndIsNoFailure() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        var result = new FleetRunner(new FleetRunner.Settings(1, Batches.ALL, Optional.of(1)), new Interruption()).run(hosts(4),
                h -> h.name().equals("h2") || h.name().equals("h3") ? Optional.of("skipped: no copy of " + h.name()) : Optional.empty(), h -> {
                    events.add(h.name());
                    return ended(h, 0);
                }, new FleetListener() {
                    @Override
                    public void hostStarted(FleetHost h) {
                        events.add("started " + h.name());
                    }

                    @Override
                    public void hostSkipped(HostResult r) {
                        events.add(r.host().name() + " " + r.message());
                    }
                });
        assertThat(events).containsExactly("started h1", "h1", "h2 skipped: no copy of h2", "h3 skipped: no copy of h3", "started h4", "h4");
        assertThat(result.hosts()).extracting(HostResult::outcome).containsExactly("done", HostResult.SKIPPED, HostResult.SKIPPED, "done");
        assertThat(result.hosts().get(1).started()).isFalse();
        assertThat(result.hosts().get(1).failed()).isFalse();
        assertThat(result.exitCode()).as("--max-fail 1 was not reached: skipping is no failure").isZero();
    }

    @Test
    void aHostThatThrowsIsItsOwnFailureOnly() {
        var result = new FleetRunner(new FleetRunner.Settings(2, Batches.ALL, Optional.empty()), new Interruption()).run(hosts(3), h -> {
            if (h.name().equals("h2")) {
                throw new IllegalStateException("boom");
            }
            return ended(h, 0);
        }, FleetListener.NONE);
        assertThat(result.hosts()).extracting(HostResult::outcome).containsExactly("done", "needs-attention", "done");
        assertThat(result.exitCode()).isEqualTo(5);
    }

    @Test
    void ctrlCLetsRunningHostsEndAndStartsNoMore() throws Exception {
        Interruption interruption = new Interruption();
        CountDownLatch twoRunning = new CountDownLatch(2);
        List<String> ended = Collections.synchronizedList(new ArrayList<>());
        Thread t = new Thread(() -> {
            try {
                twoRunning.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            interruption.request();
        });
        t.start();
        var result = new FleetRunner(new FleetRunner.Settings(2, Batches.ALL, Optional.empty()), interruption).run(hosts(6), h -> {
            twoRunning.countDown();
            while (!interruption.requested()) {
                sleep(5);
            }
            ended.add(h.name());
            return ended(h, 130);
        }, FleetListener.NONE);
        t.join();
        assertThat(ended).containsExactlyInAnyOrder("h1", "h2");
        assertThat(result.interrupted()).isTrue();
        assertThat(result.count(r -> !r.started())).isEqualTo(4);
        assertThat(result.exitCode()).isEqualTo(130);
    }

    @Test
    void sigtermEndsTheFleetWithItsOwnCodeWhenItLeftHostsUnstarted() {
        Interruption interruption = new Interruption();
        var result = new FleetRunner(new FleetRunner.Settings(1, Batches.ALL, Optional.empty()), interruption).run(hosts(3), h -> {
            interruption.request(Outcome.TERMINATED);
            return ended(h, 143);
        }, FleetListener.NONE);
        assertThat(result.stoppedAs()).contains(Outcome.TERMINATED);
        assertThat(result.count(r -> !r.started())).isEqualTo(2);
        assertThat(result.hosts().get(1).message()).contains("not started: the fleet run was terminated");
        assertThat(result.exitCode()).isEqualTo(143);
    }

    @Test
    void batchesFollowAnsiblesSerial() {
        assertThat(Batches.parse("1,100%").split(hosts(5))).extracting(List::size).containsExactly(1, 4);
        assertThat(Batches.parse("2").split(hosts(5))).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(Batches.parse("1, 50%").split(hosts(10))).extracting(List::size).containsExactly(1, 5, 4);
        assertThat(Batches.parse("10%").split(hosts(3))).as("a percentage is at least one host").extracting(List::size).containsExactly(1, 1, 1);
        assertThat(Batches.ALL.split(hosts(3))).extracting(List::size).containsExactly(3);
        for (String bad : List.of("0", "x", "101%", "1,,2", "-1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Batches.parse(bad)).as(bad).hasMessageContaining("--serial");
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
