package dev.knobs.search.run;

import java.io.Serializable;

/**
 * How a trial's program ended.
 *
 * @param exitCode 0 for success, as a lesson's own {@code main} would exit
 * @param log      everything it printed, standard output and errors together
 */
public record TrialRun(int exitCode, String log) implements Serializable {
    /** The last line that starts with {@code error:}, or the last line, for a one-line failure reason. */
    public String reason() {
        String[] lines = log.strip().split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("error:")) {
                return lines[i].substring("error:".length()).strip();
            }
        }
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "exit code " + exitCode : lines[lines.length - 1];
    }
}
