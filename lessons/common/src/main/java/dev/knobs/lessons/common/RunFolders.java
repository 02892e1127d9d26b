package dev.knobs.lessons.common;

import dev.knobs.data.ProjectPaths;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The kept runs of the course: every lesson keeps its runs in {@code lessons/ID/runs/NAME/}, each
 * with its {@code result.json} and {@code knobs.properties}. The reference runs
 * ({@code reference}, {@code reference-smoke}, {@code reference-full}) are what the site shows and
 * are never removed here.
 */
public final class RunFolders {
    private RunFolders() {}

    /**
     * One kept run.
     *
     * @param lesson the lesson's folder name, e.g. {@code 07-dropout}
     * @param name   the run folder's name
     * @param folder where it is
     * @param result its {@code result.json}
     * @param bytes  the size of everything in it
     */
    public record Run(String lesson, String name, Path folder, LessonResult result, long bytes) {
        /** True for a reference run (the defaults), which the site shows and nothing removes. */
        public boolean reference() {
            return name.equals("reference") || name.startsWith("reference-");
        }
    }

    /** The lessons' folder names, in order: {@code 01-first-network}, ... */
    public static List<String> lessons() {
        Path lessons = root().resolve("lessons");
        try (Stream<Path> s = Files.list(lessons)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("pom.xml")) && p.getFileName().toString().matches("\\d\\d-.*"))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lessons + ": " + e.getMessage(), e);
        }
    }

    /**
     * The reference run the course shows for a lesson: its standard-mode reference if it was run,
     * else the full one, else the smoke one; empty if none finished.
     *
     * @param runs the lesson's runs folder, e.g. {@code lessons/12-towards-99/runs}
     */
    public static Optional<Path> reference(Path runs) {
        for (Mode mode : new Mode[] {Mode.STANDARD, Mode.FULL, Mode.SMOKE}) {
            Path folder = runs.resolve(Lesson.referenceName(mode));
            if (Files.isRegularFile(folder.resolve("result.json"))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /** {@link #reference(Path)} of a lesson of this project, by its folder name. */
    public static Optional<Path> reference(String lesson) {
        return reference(Lesson.runsFolder(lesson));
    }

    /** Every finished run of a lesson (folders without a {@code result.json} are skipped), oldest first, references first. */
    public static List<Run> of(String lesson) {
        return in(Lesson.runsFolder(lesson));
    }

    /** Every finished run kept in the folder {@code runs}, references first. */
    public static List<Run> in(Path runs) {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<Run> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(runs)) {
            for (Path folder : s.filter(Files::isDirectory).sorted().toList()) {
                Run run = read(folder);
                if (run != null) {
                    found.add(run);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing((Run r) -> !r.reference()).thenComparing(Run::name));
        return found;
    }

    /** The run in {@code folder}, or null when it holds no readable {@code result.json} (a run still going, or broken). */
    public static Run read(Path folder) {
        Path file = folder.resolve("result.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            LessonResult r = Json.read(file, LessonResult.class);
            return new Run(r.lesson(), folder.getFileName().toString(), folder, r, size(folder));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Deletes a run. A reference run is refused: it is what the site shows, and running the
     * lesson with its defaults writes it again.
     */
    public static void remove(Run run) {
        if (run.reference()) {
            throw new UsageException(run.lesson() + "/" + run.name() + " is a reference run, which the site shows; it is "
                    + "never removed (run the lesson with its defaults to refresh it)");
        }
        try {
            AtomicFiles.deleteTree(run.folder());
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + run.folder() + ": " + e.getMessage(), e);
        }
    }

    /** Bytes in a folder and everything under it. */
    public static long size(Path folder) {
        try (Stream<Path> s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static Path root() {
        return ProjectPaths.root().orElseThrow(() -> new UsageException("not inside the Knobs project: run this from "
                + "the project folder (the one with the top-level pom.xml)"));
    }
}
