package dev.knobs.search.spark;

import dev.knobs.search.run.TrialRun;
import java.io.Serializable;
import java.util.Map;

/**
 * A trial as it comes back from an executor: how its program ended, and every file of its run
 * folder, to be written into the run folder on the driver's machine.
 *
 * @param run     exit code and output
 * @param files   path inside the run folder ({@code /}-separated) to content
 * @param where   the executor's machine
 * @param attempt which attempt of the task this was, from 1
 * @param seconds the trial's wall-clock time on the executor
 * @param cpuSeconds CPU seconds the executor's JVM used meanwhile
 */
public record ShippedRun(TrialRun run, Map<String, byte[]> files, String where, int attempt, double seconds,
                         double cpuSeconds)
        implements Serializable {}
