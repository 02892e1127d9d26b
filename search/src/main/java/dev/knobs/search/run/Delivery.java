package dev.knobs.search.run;

import dev.knobs.search.strategy.TrialSpec;

/**
 * A trial handed back by a {@link TrialBackend}: its run folder is in place (if it ran), or it
 * could not be run.
 *
 * @param spec     the trial
 * @param run      how its program ended, or null when it could not be run at all
 * @param failure  why it could not be run (after every retry), or null
 * @param attempts how many times it was started
 * @param where    the machine that ran it (the last attempt)
 * @param seconds  wall-clock seconds of the last attempt, shipping included
 * @param cpuSeconds CPU seconds the JVM that ran it used meanwhile (the trial's own when it ran alone), NaN if unknown
 */
public record Delivery(TrialSpec spec, TrialRun run, String failure, int attempts, String where, double seconds,
                       double cpuSeconds) {}
