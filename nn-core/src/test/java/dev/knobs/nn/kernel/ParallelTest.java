package dev.knobs.nn.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void forEachRunsEveryTaskExactlyOnce() {
        for (int threads : new int[] {1, 2, 3, 5}) {
            Compute.of(threads).run(() -> everyTaskOnce(threads));
        }
    }

    private static void everyTaskOnce(int threads) {
        for (int tasks : new int[] {0, 1, 2, 3, 7, 1000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
            for (int repeat = 0; repeat < 20; repeat++) {
                Parallel.forEach(tasks, runs::incrementAndGet);
            }
            for (int t = 0; t < tasks; t++) {
                assertEquals(20, runs.get(t), "task " + t + " of " + tasks + " with " + threads + " threads");
            }
        }
    }

    @Test
    void theCallerClaimsTasksFromTheFrontAndTheWorkersFromTheBack() {
        for (int threads : new int[] {2, 3}) {
            Compute.of(threads).run(() -> {
                Thread caller = Thread.currentThread();
                for (int repeat = 0; repeat < 200; repeat++) {
                    int tasks = 2 + repeat % 40;
                    boolean[] byCaller = new boolean[tasks];
                    Parallel.forEach(tasks, t -> {
                        byCaller[t] = Thread.currentThread() == caller;
                        if (t % 4 == 0) {
                            Thread.yield();                     // let the other threads claim in between
                        }
                    });
                    int front = 0;
                    while (front < tasks && byCaller[front]) {
                        front++;
                    }
                    for (int t = front; t < tasks; t++) {
                        assertFalse(byCaller[t], "with " + threads + " threads the caller ran task " + t
                                + " of " + tasks + " after a worker ran task " + front + ": the caller's tasks"
                                + " must be the first ones");
                    }
                }
            });
        }
    }

    @Test
    void rangeCoversEveryIndexOnceInContiguousChunks() {
        for (int threads : new int[] {1, 2, 3}) {
            Compute.of(threads).run(() -> everyIndexOnce(threads));
        }
    }

    private static void everyIndexOnce(int threads) {
        for (int n : new int[] {0, 1, 5, 99, 100_000}) {
            for (int grain : new int[] {1, 10, 1000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
                List<int[]> chunks = java.util.Collections.synchronizedList(new ArrayList<>());
                Parallel.range(n, grain, (from, to) -> {
                    chunks.add(new int[] {from, to});
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertEquals(1, hits.get(i), "index " + i + " of " + n);
                }
                assertTrue(chunks.size() <= threads, chunks.size() + " chunks for " + threads + " threads");
                for (int[] c : chunks) {
                    assertTrue(c[1] - c[0] >= Math.min(n, grain), "chunk " + c[0] + ".." + c[1] + " smaller than grain " + grain);
                }
            }
        }
    }

    @Test
    void aTaskExceptionReachesTheCallerUnchanged() {
        Compute.of(2).run(ParallelTest::exceptionReachesCaller);
    }

    private static void exceptionReachesCaller() {
        IllegalStateException boom = new IllegalStateException("task 7 found a NaN");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Parallel.forEach(50, t -> {
                    if (t == 7) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
        assertEquals("task 7 found a NaN", thrown.getMessage());
        AtomicIntegerArray runs = new AtomicIntegerArray(10);
        Parallel.forEach(10, runs::incrementAndGet);
        for (int t = 0; t < 10; t++) {
            assertEquals(1, runs.get(t), "the pool still works after a failure");
        }
    }

    @Test
    void workForLaterRunsEveryTaskOnceByTheJoinWithOtherJobsInBetween() {
        for (int threads : new int[] {1, 2, 3}) {
            Compute.of(threads).run(() -> {
                for (int tasks : new int[] {0, 1, 5, 300}) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
                    AtomicIntegerArray between = new AtomicIntegerArray(100);
                    Parallel.Later later = Parallel.later(tasks, runs::incrementAndGet);
                    Parallel.forEach(100, between::incrementAndGet);     // a job of the caller's while it runs
                    later.join();
                    for (int t = 0; t < tasks; t++) {
                        assertEquals(1, runs.get(t), "task " + t + " of " + tasks + " with " + threads + " threads");
                    }
                    for (int t = 0; t < 100; t++) {
                        assertEquals(1, between.get(t), "the job in between, task " + t);
                    }
                    later.join();                                        // a second join has nothing left to do
                    assertEquals(tasks == 0 ? 0 : 1, runs.get(0), "no task runs twice");
                }
            });
        }
    }

    @Test
    void workForLaterHandsOutTheOneBeforeItAndReportsAFailureAtTheJoin() {
        Compute.of(2).run(() -> {
            AtomicIntegerArray first = new AtomicIntegerArray(50);
            Parallel.Later one = Parallel.later(50, first::incrementAndGet);
            Parallel.Later two = Parallel.later(50, t -> {
                if (t == 9) {
                    throw new IllegalStateException("row 9 is missing");
                }
            });
            one.join();
            for (int t = 0; t < 50; t++) {
                assertEquals(1, first.get(t), "the first job's task " + t);
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, two::join);
            assertEquals("row 9 is missing", e.getMessage());
        });
    }

    @Test
    void rejectsFewerThanOneThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Compute.of(0));
        assertTrue(e.getMessage().contains("at least 1") && e.getMessage().contains("got 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Compute.of(-3));
    }

    @Test
    void theThreadCountIsReportedInsideItsScopeOnly() {
        int outside = Parallel.threads();
        assertEquals(Compute.defaults().threads(), outside);
        Compute.of(3).run(() -> {
            assertEquals(3, Parallel.threads());
            Compute.of(1).run(() -> assertEquals(1, Parallel.threads(), "the innermost scope wins"));
            assertEquals(3, Parallel.threads(), "back to the outer scope");
        });
        assertEquals(outside, Parallel.threads(), "nothing leaks out of a scope");
    }

    @Test
    void theSameSettingsGiveTheSameCompute() {
        assertSame(Compute.of(3, Compute.Kernel.SCALAR), Compute.of(3, Compute.Kernel.SCALAR));
        assertEquals(Compute.Kernel.SCALAR, Compute.of(2, Compute.Kernel.SCALAR).kernel());
    }

    /** Tasks run on the workers see the caller's Compute, so a kernel called inside a task uses the same settings. */
    @Test
    void theScopeReachesTheWorkerThreads() {
        Compute three = Compute.of(3, Compute.Kernel.SCALAR);
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<Compute> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        three.run(() -> {
            for (int round = 0; round < 200 && threads.size() < 2; round++) {
                Parallel.forEach(64, t -> {
                    threads.add(Thread.currentThread());
                    seen.add(Compute.current());
                    long spin = System.nanoTime();
                    while (System.nanoTime() - spin < 20_000) {
                        Thread.onSpinWait();
                    }
                });
            }
        });
        assertTrue(threads.size() >= 2, "tasks ran on " + threads.size() + " thread(s) only");
        assertEquals(java.util.Set.of(three), seen, "every task, on every thread, saw the caller's Compute");
    }

    /** Two threads using different Computes at the same time do not affect each other. */
    @Test
    void twoComputesAtOnceStayApart() throws InterruptedException {
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> callers = new ArrayList<>();
        for (int threads : new int[] {1, 3}) {
            Thread t = new Thread(() -> Compute.of(threads).run(() -> {
                for (int r = 0; r < 500; r++) {
                    Parallel.forEach(8, task -> {
                        if (Parallel.threads() != threads) {
                            problems.add("expected " + threads + " threads, saw " + Parallel.threads());
                        }
                    });
                }
            }));
            callers.add(t);
            t.start();
        }
        for (Thread t : callers) {
            t.join(60_000);
        }
        assertTrue(problems.isEmpty(), problems.isEmpty() ? "" : problems.get(0));
    }

    /** A task that itself calls forEach runs the inner tasks serially instead of deadlocking. */
    @Test
    void nestedCallsComplete() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4 * 5);
        Compute.of(2).run(() -> Parallel.forEach(4,
                outer -> Parallel.forEach(5, inner -> runs.incrementAndGet(outer * 5 + inner))));
        for (int i = 0; i < 20; i++) {
            assertEquals(1, runs.get(i));
        }
    }

    /** Two threads calling at once: one gets the workers, the other runs serially; both finish. */
    @Test
    void concurrentCallersBothComplete() throws InterruptedException {
        int rounds = 2000;
        AtomicIntegerArray runs = new AtomicIntegerArray(2 * 8);
        List<Thread> callers = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            int caller = c;
            Thread t = new Thread(() -> Compute.of(2).run(() -> {
                for (int r = 0; r < rounds; r++) {
                    Parallel.forEach(8, task -> runs.incrementAndGet(caller * 8 + task));
                }
            }));
            callers.add(t);
            t.start();
        }
        for (Thread t : callers) {
            t.join(60_000);
        }
        for (int i = 0; i < 16; i++) {
            assertEquals(rounds, runs.get(i), "slot " + i);
        }
    }
}
