package dev.knobs.lessons.common;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * The flags every lesson accepts.
 *
 * <pre>
 *   --mode smoke|standard|full   run size (default standard; also -Dknobs.mode=..., or -Dknobs.full=true)
 *   --epochs N                   override the lesson's number of epochs
 *   --seed N                     the run's random seed (default 42)
 *   --threads N                  threads for the kernels (default: all cores, or -Dknobs.threads)
 *   --data-dir DIR               read an MNIST-format dataset from DIR (e.g. Fashion-MNIST) instead of MNIST
 *   --out DIR                    where to write plots and results (default lessons/NN-name/output)
 *   --help                       print this and exit
 * </pre>
 *
 * @param mode    run size
 * @param epochs  overrides the lesson's epochs when present
 * @param seed    the run seed
 * @param threads kernel threads, or empty for the default
 * @param dataDir a dataset directory, or null for MNIST (fetched and cached)
 * @param out     output directory, or null for the lesson's default
 * @param help    true when --help was given
 */
public record LessonOptions(Mode mode, OptionalInt epochs, long seed, OptionalInt threads, Path dataDir, Path out,
                            boolean help) {

    /** The text printed by {@code --help}. */
    public static final String USAGE = """
            Flags (pass them with -Dexec.args="..."):
              --mode smoke|standard|full   run size: smoke = seconds, standard = the README's numbers (default), full = longest
              --epochs N                   override the lesson's number of epochs (N >= 1)
              --seed N                     random seed (default 42); the same seed and threads give the same numbers
              --threads N                  threads for matrix kernels (default: all cores)
              --data-dir DIR               use an MNIST-format dataset in DIR (e.g. Fashion-MNIST) instead of MNIST
              --out DIR                    write plots and results to DIR (default: the lesson's output/ folder)
              --help                       show this help
            """;

    /** Parses {@code args}; a bad flag is a {@link UsageException} naming it. */
    public static LessonOptions parse(String[] args) {
        Mode mode = defaultMode();
        OptionalInt epochs = OptionalInt.empty();
        long seed = 42;
        OptionalInt threads = OptionalInt.empty();
        Path dataDir = null;
        Path out = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.isBlank()) {
                continue;
            }
            switch (flag) {
                case "--help", "-h" -> help = true;
                case "--full" -> mode = Mode.FULL;
                case "--mode" -> mode = Mode.parse(value(args, ++i, flag));
                case "--epochs" -> epochs = OptionalInt.of(positive(value(args, ++i, flag), flag));
                case "--seed" -> seed = parseLong(value(args, ++i, flag), flag);
                case "--threads" -> threads = OptionalInt.of(positive(value(args, ++i, flag), flag));
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, flag));
                case "--out" -> out = Path.of(value(args, ++i, flag));
                default -> throw new UsageException("unknown flag '" + flag + "'. " + "Known flags: --mode, --epochs, "
                        + "--seed, --threads, --data-dir, --out, --help");
            }
        }
        return new LessonOptions(mode, epochs, seed, threads, dataDir, out, help);
    }

    /** The epochs to run: the override if given, else the lesson's choice for this mode. */
    public int epochsOr(int lessonDefault) {
        return epochs.orElse(lessonDefault);
    }

    private static Mode defaultMode() {
        if (Boolean.getBoolean("knobs.full")) {
            return Mode.FULL;
        }
        String p = System.getProperty("knobs.mode");
        return p == null || p.isBlank() ? Mode.STANDARD : Mode.parse(p);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(flag + " needs a value, e.g. " + flag + " " + example(flag));
        }
        return args[i];
    }

    private static String example(String flag) {
        return switch (flag) {
            case "--mode" -> "smoke";
            case "--data-dir", "--out" -> "some/folder";
            default -> "3";
        };
    }

    private static int positive(String text, String flag) {
        long v = parseLong(text, flag);
        if (v < 1 || v > 1_000_000) {
            throw new UsageException(flag + " must be a whole number from 1 to 1000000, got " + text);
        }
        return (int) v;
    }

    private static long parseLong(String text, String flag) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, got '" + text + "'");
        }
    }
}
