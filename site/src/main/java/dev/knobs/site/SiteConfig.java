package dev.knobs.site;

import dev.knobs.lessons.common.RunFolders;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the generator reads from and writes to. Every input has a default under the project
 * root, and every default can be replaced, so that tests can build a site from smoke runs kept
 * elsewhere.
 *
 * @param root          the project root (holds {@code lessons/}, {@code tribuo-port/}, {@code site/})
 * @param out           the site folder to write, replaced as a whole when generation succeeds
 * @param lessonOutputs output folder per lesson id, replacing the lesson's reference run
 * @param runsDirs      kept-runs folder per lesson id, replacing {@code lessons/<id>/runs}
 * @param tribuoOutput  folder holding one sub-folder per Tribuo experiment, or null for {@code tribuo-port/output}
 * @param model         model file for the digit page, or null for lesson 12's {@code model.knobs}
 * @param mnistDir      folder with the MNIST test files for the sample digits, or null for the data cache
 * @param grades        one student's grading folder ({@code report.json}, {@code report.html}) to show on the
 *                      rubric page, or null for none
 */
public record SiteConfig(Path root, Path out, Map<String, Path> lessonOutputs, Map<String, Path> runsDirs,
                         Path tribuoOutput, Path model, Path mnistDir, Path grades) {

    /** Normalises the paths and copies the maps. */
    public SiteConfig {
        root = root.toAbsolutePath().normalize();
        out = out.toAbsolutePath().normalize();
        lessonOutputs = Map.copyOf(lessonOutputs);
        runsDirs = Map.copyOf(runsDirs);
    }

    /** The defaults for a project root: everything read from the usual places, the site in {@code site/target/site}. */
    public static SiteConfig defaults(Path root) {
        return new SiteConfig(root, root.resolve("site").resolve("target").resolve("site"), Map.of(), Map.of(), null, null,
                null, null);
    }

    /**
     * The run of {@code lessonId} the site shows: the override if one was given, else its reference
     * run in {@link #runsDir}, {@code reference} (standard mode), or if that was never run the full
     * or the smoke reference run. Other kept runs never take its place.
     */
    public Path lessonOutput(String lessonId) {
        Path runs = runsDir(lessonId);
        return lessonOutputs.getOrDefault(lessonId, RunFolders.reference(runs).orElse(runs.resolve("reference")));
    }

    /** The folder of {@code lessonId}'s kept runs: the override if one was given, else {@code lessons/<id>/runs}. */
    public Path runsDir(String lessonId) {
        return runsDirs.getOrDefault(lessonId, root.resolve("lessons").resolve(lessonId).resolve("runs"));
    }

    /** The folder of Tribuo experiment outputs. */
    public Path tribuoOutputDir() {
        return tribuoOutput != null ? tribuoOutput : root.resolve("tribuo-port").resolve("output");
    }

    /** A copy writing to {@code newOut}. */
    public SiteConfig withOut(Path newOut) {
        return new SiteConfig(root, newOut, lessonOutputs, runsDirs, tribuoOutput, model, mnistDir, grades);
    }

    /** A copy reading {@code lessonId}'s output from {@code dir}. */
    public SiteConfig withLessonOutput(String lessonId, Path dir) {
        Map<String, Path> map = new LinkedHashMap<>(lessonOutputs);
        map.put(lessonId, dir);
        return new SiteConfig(root, out, map, runsDirs, tribuoOutput, model, mnistDir, grades);
    }

    /** A copy reading {@code lessonId}'s kept runs from {@code dir} (its reference run too, unless given by {@link #withLessonOutput}). */
    public SiteConfig withRunsDir(String lessonId, Path dir) {
        Map<String, Path> map = new LinkedHashMap<>(runsDirs);
        map.put(lessonId, dir);
        return new SiteConfig(root, out, lessonOutputs, map, tribuoOutput, model, mnistDir, grades);
    }

    /** A copy reading Tribuo experiments from {@code dir}. */
    public SiteConfig withTribuoOutput(Path dir) {
        return new SiteConfig(root, out, lessonOutputs, runsDirs, dir, model, mnistDir, grades);
    }

    /** A copy using {@code file} as the digit page's model. */
    public SiteConfig withModel(Path file) {
        return new SiteConfig(root, out, lessonOutputs, runsDirs, tribuoOutput, file, mnistDir, grades);
    }

    /** A copy showing the grade report in {@code dir} (one student's grading folder) on the rubric page. */
    public SiteConfig withGrades(Path dir) {
        return new SiteConfig(root, out, lessonOutputs, runsDirs, tribuoOutput, model, mnistDir, dir);
    }

    /** A copy reading the sample digits from the MNIST files in {@code dir}. */
    public SiteConfig withMnistDir(Path dir) {
        return new SiteConfig(root, out, lessonOutputs, runsDirs, tribuoOutput, model, dir, grades);
    }
}
