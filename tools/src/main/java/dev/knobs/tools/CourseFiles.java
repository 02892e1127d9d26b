package dev.knobs.tools;

import dev.knobs.data.ProjectPaths;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.RunFolders;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the course keeps the files the tools read, found from the project root
 * ({@link ProjectPaths}: the nearest folder above the working directory whose pom is
 * {@code knobs-parent}). Every such path is made here.
 */
public final class CourseFiles {
    /** The lesson whose network {@code predict} uses by default. */
    public static final String DEFAULT_MODEL_LESSON = "12-towards-99";
    /** The model file a lesson saves in its output folder. */
    public static final String MODEL_FILE = "model.knobs";

    private CourseFiles() {}

    /** The project root, if the working directory is inside the project. */
    public static Optional<Path> root() {
        return ProjectPaths.root();
    }

    /**
     * Lesson 12's saved network, {@code model.knobs} in its reference run
     * ({@code lessons/12-towards-99/runs/reference}, or the full or smoke reference if that is the
     * one that ran), which may not exist yet: the caller checks.
     *
     * @throws ToolException outside the project, where there is no default
     */
    public static Path defaultModel() {
        return root().map(r -> {
            Path runs = r.resolve("lessons").resolve(DEFAULT_MODEL_LESSON).resolve("runs");
            return RunFolders.reference(runs).orElse(runs.resolve(Lesson.referenceName(Mode.STANDARD))).resolve(MODEL_FILE);
        }).orElseThrow(() -> new ToolException("no model given, and the working directory is not inside the "
                        + "Knobs project, where lesson " + DEFAULT_MODEL_LESSON + "'s model would be",
                        "pass one with --model FILE (a .knobs or .onnx file), or run from the project folder"));
    }

    /** The command that trains the default model, for messages. */
    public static String defaultModelCommand() {
        return "mvn -pl lessons/" + DEFAULT_MODEL_LESSON + " exec:java";
    }
}
