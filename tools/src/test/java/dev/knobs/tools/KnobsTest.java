package dev.knobs.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The entry point: its commands and its exit statuses. */
class KnobsTest {
    @Test
    void theCommandsAreListed() {
        assertEquals(Set.of("predict", "compare", "runs", "help"), Knobs.commandLine().getSubcommands().keySet());
    }

    @Test
    void versionAndHelpExitWithZero() {
        assertEquals(0, Cli.knobs("--version").code());
        assertTrue(Cli.knobs("--version").out().startsWith("Knobs tools"));
        assertEquals(0, Cli.knobs("help").code());
    }

    @Test
    void noCommandIsBadUsageAndSaysWhichThereAre() {
        Cli.Run run = Cli.knobs();
        assertEquals(Knobs.USAGE, run.code());
        assertTrue(run.err().startsWith("error: name a command: predict, compare, runs\n"), run.err());
        assertTrue(run.err().contains("Usage: knobs"), run.err());
    }

    @Test
    void anUnknownTopLevelOptionIsBadUsage() {
        Cli.Run run = Cli.knobs("--verbose");
        assertEquals(Knobs.USAGE, run.code());
        assertTrue(run.err().startsWith("error: Unknown option: '--verbose'"), run.err());
        assertTrue(run.err().contains("exec.args=\"--help\""), run.err());
    }
}
