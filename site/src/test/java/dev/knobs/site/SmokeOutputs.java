package dev.knobs.site;

import dev.knobs.site.inputs.Course;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Smoke-mode outputs of every lesson, for building the test site.
 *
 * <p>Each lesson's own test writes {@code lessons/<id>/target/smoke-output} earlier in the same
 * {@code mvn verify}; that folder is reused when it is newer than the lesson's compiled classes.
 * Otherwise one run into the scratch folder by an earlier test class is reused the same way, else
 * the lesson's main class runs here in a child JVM, in smoke mode, with this test's
 * classpath (the site module has a test dependency on every lesson for that).
 */
public final class SmokeOutputs {
    private static final Pattern MAIN_CLASS = Pattern.compile("<lesson\\.mainClass>\\s*([\\w.$]+)\\s*</lesson\\.mainClass>");

    private SmokeOutputs() {}

    /** Output folder per lesson id, for every lesson folder that exists under {@code lessons/}. */
    public static Map<String, Path> prepare(Path root, Path scratch) throws IOException, InterruptedException {
        Map<String, Path> outputs = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String id : lessonFolders(root)) {
            Path module = root.resolve("lessons").resolve(id);
            Path reused = module.resolve("target/smoke-output");
            if (fresh(reused, module.resolve("target/classes"))) {
                outputs.put(id, reused);
                continue;
            }
            Path earlier = scratch.resolve(id);
            if (fresh(earlier, module.resolve("target/classes"))) {
                outputs.put(id, earlier);                    // run here by another test class of this build
                continue;
            }
            String mainClass = mainClass(module.resolve("pom.xml"));
            if (mainClass == null) {
                problems.add(id + ": its pom.xml has no <lesson.mainClass>");
                continue;
            }
            try {
                Class.forName(mainClass, false, SmokeOutputs.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                problems.add(id + ": " + mainClass + " is not on the site's test classpath; add a test dependency on "
                        + "lesson-" + id + " to site/pom.xml");
                continue;
            }
            Path out = scratch.resolve(id);
            String error = run(mainClass, List.of("--out", out.toString()), scratch.resolve(id + ".log"));
            if (error != null) {
                problems.add(id + ": " + error);
            } else {
                outputs.put(id, out);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("smoke outputs missing for the test site:\n  " + String.join("\n  ", problems));
        }
        return outputs;
    }

    /**
     * A kept run of lesson {@code id} in smoke mode with {@code flags} (a knob turned), in its own
     * folder under {@code runsDir}, as a student's run would be under {@code lessons/ID/runs}. A
     * finished smoke run already there that is newer than the lesson's classes is reused.
     *
     * @return the run's folder
     */
    static Path keptRun(Path root, String id, Path runsDir, String... flags) throws IOException, InterruptedException {
        Path module = root.resolve("lessons").resolve(id);
        if (Files.isDirectory(runsDir)) {
            try (Stream<Path> s = Files.list(runsDir)) {
                for (Path run : s.filter(Files::isDirectory).sorted().toList()) {
                    if (fresh(run, module.resolve("target/classes"))) {
                        return run;
                    }
                }
            }
            dev.knobs.nn.io.AtomicFiles.deleteTree(runsDir);
        }
        String mainClass = mainClass(module.resolve("pom.xml"));
        if (mainClass == null) {
            throw new AssertionError(id + ": its pom.xml has no <lesson.mainClass>");
        }
        List<String> args = new ArrayList<>(List.of("--runs-dir", runsDir.toString()));
        args.addAll(List.of(flags));
        String error = run(mainClass, args, runsDir.resolveSibling(id + ".log"));
        if (error != null) {
            throw new AssertionError(id + ": " + error);
        }
        try (Stream<Path> s = Files.list(runsDir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("result.json"))).findFirst()
                    .orElseThrow(() -> new AssertionError(id + " ran but left no run in " + runsDir));
        }
    }

    /** The lesson folders present, in order. */
    static List<String> lessonFolders(Path root) throws IOException {
        Path dir = root.resolve("lessons");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("pom.xml")))
                    .map(p -> p.getFileName().toString()).filter(Course::looksLikeLesson).sorted().toList();
        }
    }

    /** True when {@code output} has a result newer than every compiled class of the lesson. */
    static boolean fresh(Path output, Path classes) throws IOException {
        Path result = output.resolve("result.json");
        if (!Files.isRegularFile(result) || !Files.isDirectory(classes)) {
            return false;
        }
        if (!Files.readString(result).contains("\"mode\": \"smoke\"")) {
            return false;
        }
        FileTime written = Files.getLastModifiedTime(result);
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(Files::isRegularFile).allMatch(p -> {
                try {
                    return Files.getLastModifiedTime(p).compareTo(written) <= 0;
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }

    private static String mainClass(Path pom) throws IOException {
        if (!Files.isRegularFile(pom)) {
            return null;
        }
        Matcher m = MAIN_CLASS.matcher(Files.readString(pom));
        return m.find() ? m.group(1) : null;
    }

    /** Runs a lesson in smoke mode in a child JVM; returns null on success, else what went wrong. */
    private static String run(String mainClass, List<String> args, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx3g"));
        String data = System.getProperty("knobs.data");
        if (data != null) {
            cmd.add("-Dknobs.data=" + data);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, "--mode", "smoke"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return "the smoke run took more than 5 minutes (log: " + log + ")";
        }
        return p.exitValue() == 0 ? null : "the smoke run failed with exit code " + p.exitValue() + " (log: " + log + ")";
    }
}
