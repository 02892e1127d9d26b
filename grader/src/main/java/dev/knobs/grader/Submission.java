package dev.knobs.grader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A student's clone of the course, only ever read: the grader copies the exercise sources out of
 * it and never writes into it.
 *
 * @param root    the clone's folder
 * @param student the name its grading folder gets (letters, digits, dots, dashes, underscores)
 */
record Submission(Path root, String student) {

    /** The submission in {@code folder}, graded under {@code student} (or the folder's name when null). */
    static Submission open(Path folder, String student) {
        if (!Files.isDirectory(folder)) {
            throw new GraderException("no submission folder " + folder.toAbsolutePath()
                    + ": give the folder of a student's clone of the course");
        }
        Path root = folder.toAbsolutePath().normalize();
        String name = student != null ? student : root.getFileName() == null ? "submission" : root.getFileName().toString();
        return new Submission(root, name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Whether the clone has any exercise folder at all. */
    boolean hasExercises() {
        return Exercises.ALL.stream().anyMatch(e -> Files.isDirectory(root.resolve(e.sourceRoot())));
    }

    /** The regular files (never links) under {@code relativeFolder} ending in {@code .java}, relative to that folder. */
    List<Path> javaFiles(String relativeFolder) {
        Path dir = root.resolve(relativeFolder);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> p.getFileName().toString().endsWith(".java")).map(dir::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir + ": " + e.getMessage(), e);
        }
    }
}
