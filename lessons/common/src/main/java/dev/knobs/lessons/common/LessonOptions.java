package dev.knobs.lessons.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * A lesson's command line, parsed with picocli: the options every lesson has, plus one flag per
 * knob of the lesson ({@link KnobSet}), plus the knobs of a {@code --config} file, which flags
 * override.
 *
 * <pre>
 *   mvn -pl lessons/07-dropout exec:java -Dexec.args="--hidden-dropout 0.5 --hidden 512,512 --lr 0.05"
 *   mvn -pl lessons/07-dropout exec:java -Dexec.args="--config my-run.properties --seed 7"
 * </pre>
 *
 * @param mode      run size: smoke (seconds), standard (the README's numbers), full
 * @param seed      the run's random seed
 * @param threads   kernel threads, or empty for all cores
 * @param dataDir   an MNIST-format dataset folder, or null for MNIST (fetched and cached)
 * @param out       the output folder, or null for a run folder under the lesson's {@code runs/}
 * @param runsDir   where the lesson keeps its runs, or null for {@code lessons/ID/runs}
 * @param name      a name for the run folder, or null
 * @param saveModel where to save the chosen model: null for nowhere, {@link #IN_RUN_FOLDER} for the run folder
 * @param epochs    an epoch count for a lesson whose epochs are not a knob (empty otherwise)
 * @param help      true when --help was given
 * @param knobs     knob name to value text, from the config file then the flags
 * @param useExercises true when --use-exercises was given: train with the student's exercises
 */
public record LessonOptions(Mode mode, long seed, OptionalInt threads, Path dataDir, Path out, Path runsDir, String name,
                            Path saveModel,
                            OptionalInt epochs, boolean help, Map<String, String> knobs, boolean useExercises) {

    /** The seed every reference run uses. */
    public static final long DEFAULT_SEED = 42;
    /** {@code --save-model} without a file: save {@code model.knobs} in the run folder. */
    public static final Path IN_RUN_FOLDER = Path.of("model.knobs");

    /** The options of a lesson with the given knobs; a bad flag or value is a {@link UsageException}. */
    public static LessonOptions parse(String[] args, KnobSet<?> knobs) {
        CommandSpec spec = spec(knobs);
        ParseResult parsed;
        try {
            parsed = new CommandLine(spec).parseArgs(withoutBlanks(args));
        } catch (CommandLine.UnmatchedArgumentException e) {
            String flag = e.getUnmatched().isEmpty() ? "?" : e.getUnmatched().get(0);
            List<String> near = KnobCatalog.closest(flag.replaceFirst("^-+", ""), names(spec));
            throw new UsageException("unknown flag '" + flag + "'" + (near.isEmpty() ? "" : "; did you mean --"
                    + near.get(0) + "?"));
        } catch (CommandLine.ParameterException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        Path config = parsed.matchedOptionValue("--config", null);
        Mode mode = null;
        Long seed = null;
        if (config != null) {
            Map<String, String> file = readConfig(config, knobs);
            String fileMode = file.remove("mode");
            String fileSeed = file.remove("seed");
            mode = fileMode == null ? null : Mode.parse(fileMode);
            seed = fileSeed == null ? null : parseSeed(fileSeed, "seed in " + config);
            values.putAll(file);
        }
        for (KnobSet.Entry e : knobs.entries()) {
            String v = parsed.matchedOptionValue("--" + e.name(), null);
            if (v != null) {
                values.put(e.name(), v);
            }
        }
        String modeFlag = parsed.matchedOptionValue("--mode", null);
        if (modeFlag != null) {
            mode = Mode.parse(modeFlag);
        }
        String seedFlag = parsed.matchedOptionValue("--seed", null);
        if (seedFlag != null) {
            seed = parseSeed(seedFlag, "--seed");
        }
        String threads = parsed.matchedOptionValue("--threads", null);
        String epochs = knobs.names().contains("epochs") ? null : parsed.matchedOptionValue("--epochs", null);
        Path saveModel = parsed.hasMatchedOption("--save-model")
                ? Path.of(parsed.matchedOptionValue("--save-model", IN_RUN_FOLDER.toString())) : null;
        return new LessonOptions(mode != null ? mode : defaultMode(), seed != null ? seed : DEFAULT_SEED,
                threads == null ? OptionalInt.empty() : OptionalInt.of(positive(threads, "--threads", 4096)),
                parsed.matchedOptionValue("--data-dir", null), parsed.matchedOptionValue("--out", null),
                parsed.matchedOptionValue("--runs-dir", null), runName(parsed.matchedOptionValue("--name", null)), saveModel,
                epochs == null ? OptionalInt.empty() : OptionalInt.of(positive(epochs, "--epochs", 1_000_000)),
                parsed.hasMatchedOption("--help"), values, parsed.hasMatchedOption("--use-exercises"));
    }

    /** {@code --help}: every option, then every knob of this lesson with its default for {@code defaults}' mode. */
    public static <H extends Record> String help(String id, String title, KnobSet<H> knobs, H defaults, Mode mode) {
        StringBuilder s = new StringBuilder();
        s.append("Lesson ").append(id).append(": ").append(title).append("\n\n");
        s.append("  mvn -pl lessons/").append(id).append(" exec:java -Dexec.args=\"--mode smoke --seed 7\"\n\n");
        s.append(optionsHelp(!knobs.names().contains("epochs")));
        s.append("\nKnobs (defaults for ").append(mode).append(" mode; --mode smoke --help shows smoke's):\n");
        Map<String, String> values = knobs.values(defaults);
        for (KnobSet.Entry e : knobs.entries()) {
            Knob k = e.knob();
            boolean list = k.isSweep(e.component().getType());
            s.append(String.format("  --%-26s %s%n", e.name() + " " + label(e), k.description()
                    + (list ? "; the values to try" + (k.listValued() ? ", separated by |" : "") : "")));
            s.append(String.format("  %-28s default %s; allowed %s%s%n", "", values.get(e.name()), k.allowed(),
                    k.unit().isEmpty() ? "" : ", in " + k.unit()));
        }
        s.append("""

                A knob file (--config FILE) has one line per knob, e.g. "hidden-dropout = 0.5", and may set
                mode and seed; flags override it. Every run folder holds the knobs.properties of its run.
                Java properties: -Dknobs.mode=MODE sets the default mode, -Dknobs.threads=N and
                -Dknobs.kernel=auto|vector|scalar the default threads and kernel, -Dknobs.data=DIR (or the
                environment variable KNOBS_DATA) where MNIST is cached.
                """);
        return s.toString();
    }

    /** The options every lesson has, one line each; {@code --epochs} only where epochs are not a knob. */
    public static String optionsHelp(boolean withEpochs) {
        StringBuilder s = new StringBuilder("Options:\n");
        for (String[] o : COMMON) {
            if (withEpochs || !o[0].equals("--epochs N")) {
                s.append(String.format("  %-28s %s%n", o[0], o[1]));
            }
        }
        return s.toString();
    }

    private static final String[][] COMMON = {
        {"--mode smoke|standard|full", "run size: smoke = seconds, standard = the README's numbers (default), full = longest"},
        {"--seed N", "random seed (default 42); the same seed and threads give the same numbers"},
        {"--threads N", "threads for the matrix kernels (default: all cores)"},
        {"--config FILE", "read knobs from a file (one 'knob = value' per line); flags override it"},
        {"--name NAME", "name of this run's folder under runs/ (default: the date, time and the knobs you turned)"},
        {"--out DIR", "write this run to DIR instead of a run folder"},
        {"--runs-dir DIR", "keep this lesson's runs in DIR instead of lessons/ID/runs"},
        {"--save-model [FILE]", "save the chosen model (default: model.knobs in the run folder)"},
        {"--data-dir DIR", "use an MNIST-format dataset in DIR (e.g. Fashion-MNIST) instead of MNIST"},
        {"--epochs N", "override the experiment's number of epochs"},
        {"--use-exercises", "train with your exercises (lessons/ID/exercises) instead of nn-core's parts, where the lesson has them"},
        {"--help", "show this help"},
    };

    private static CommandSpec spec(KnobSet<?> knobs) {
        CommandSpec spec = CommandSpec.create();
        spec.addOption(OptionSpec.builder("--mode").paramLabel("MODE").type(String.class).build());
        spec.addOption(OptionSpec.builder("--seed").paramLabel("N").type(String.class).build());
        spec.addOption(OptionSpec.builder("--threads").paramLabel("N").type(String.class).build());
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class).build());
        spec.addOption(OptionSpec.builder("--name").paramLabel("NAME").type(String.class).build());
        spec.addOption(OptionSpec.builder("--out").paramLabel("DIR").type(Path.class).build());
        spec.addOption(OptionSpec.builder("--runs-dir").paramLabel("DIR").type(Path.class).build());
        spec.addOption(OptionSpec.builder("--save-model").paramLabel("FILE").type(String.class).arity("0..1")
                .fallbackValue(IN_RUN_FOLDER.toString()).build());
        spec.addOption(OptionSpec.builder("--data-dir").paramLabel("DIR").type(Path.class).build());
        spec.addOption(OptionSpec.builder("--help", "-h").usageHelp(true).build());
        spec.addOption(OptionSpec.builder("--use-exercises").arity("0").build());
        if (!knobs.names().contains("epochs")) {
            spec.addOption(OptionSpec.builder("--epochs").paramLabel("N").type(String.class).build());
        }
        for (KnobSet.Entry e : knobs.entries()) {
            spec.addOption(OptionSpec.builder("--" + e.name()).paramLabel(label(e)).type(String.class).build());
        }
        return spec;
    }

    private static List<String> names(CommandSpec spec) {
        List<String> names = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            names.add(o.longestName().replaceFirst("^-+", ""));
        }
        return names;
    }

    private static String label(KnobSet.Entry e) {
        Class<?> t = e.component().getType();
        String one = !e.knob().choices().isEmpty() ? "NAME" : (t == int.class || t == int[].class || t == int[][].class
                || t == long.class) ? "N" : "X";
        return t.isArray() && t.getComponentType().isArray() ? one + ",... | ..." : t.isArray() ? one + ",..." : one;
    }

    /** A {@code --config} file's knobs; unknown keys are refused with the closest known one. */
    static Map<String, String> readConfig(Path file, KnobSet<?> knobs) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (NoSuchFileException e) {
            throw new UsageException("--config: no file " + file.toAbsolutePath() + "; write one line per knob, e.g. "
                    + "'hidden-dropout = 0.5' (every run folder has a knobs.properties to start from)");
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("--config: cannot read " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new TreeMap<>();
        List<String> known = new ArrayList<>(knobs.names());
        known.add("mode");
        known.add("seed");
        for (String key : p.stringPropertyNames()) {
            if (!known.contains(key)) {
                List<String> near = KnobCatalog.closest(key, known);
                throw new UsageException("--config " + file + ": unknown knob '" + key + "'" + (near.isEmpty() ? ""
                        : "; did you mean '" + near.get(0) + "'?") + " This lesson's knobs: " + String.join(", ", known));
            }
            values.put(key, p.getProperty(key).strip());
        }
        return values;
    }

    private static String[] withoutBlanks(String[] args) {
        return java.util.Arrays.stream(args).filter(a -> !a.isBlank()).toArray(String[]::new);
    }

    private static String runName(String name) {
        if (name == null) {
            return null;
        }
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new UsageException("--name must be 1 to 64 letters, digits, dots, dashes or underscores (it names a "
                    + "folder), got '" + name + "'");
        }
        return name;
    }

    private static Mode defaultMode() {
        String p = System.getProperty("knobs.mode");
        return p == null || p.isBlank() ? Mode.STANDARD : Mode.parse(p);
    }

    private static long parseSeed(String text, String what) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(what + " must be a whole number, got '" + text + "'");
        }
    }

    private static int positive(String text, String flag, int max) {
        long v;
        try {
            v = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number from 1 to " + max + ", got '" + text + "'");
        }
        if (v < 1 || v > max) {
            throw new UsageException(flag + " must be a whole number from 1 to " + max + ", got " + text);
        }
        return (int) v;
    }
}
