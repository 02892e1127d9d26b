package dev.knobs.tools.runs;

import dev.knobs.data.ProjectPaths;
import dev.knobs.lessons.common.RunFolders;
import dev.knobs.tools.ToolException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns what a user names on the command line into kept runs: a lesson, {@code LESSON/RUN}, or a run folder. */
final class RunSelection {
    private RunSelection() {}

    /** The runs named; nothing named: every run of every lesson. */
    static List<RunFolders.Run> select(List<String> names) {
        List<RunFolders.Run> runs = new ArrayList<>();
        if (names.isEmpty()) {
            for (String lesson : lessons()) {
                runs.addAll(RunFolders.of(lesson));
            }
            return runs;
        }
        for (String name : names) {
            String plain = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            if (lessons().contains(plain)) {
                runs.addAll(RunFolders.of(plain));
            } else {
                runs.add(one(plain));
            }
        }
        return runs;
    }

    /** One run: {@code LESSON/RUN} or a folder holding a {@code result.json}. */
    static RunFolders.Run one(String name) {
        Path folder = Path.of(name);
        if (!Files.isDirectory(folder) && name.contains("/")) {
            String lesson = name.substring(0, name.indexOf('/'));
            folder = dev.knobs.lessons.common.Lesson.runsFolder(lesson).resolve(name.substring(name.indexOf('/') + 1));
        }
        RunFolders.Run run = Files.isDirectory(folder) ? RunFolders.read(folder) : null;
        if (run == null) {
            throw new ToolException("no finished run '" + name + "'" + (Files.isDirectory(folder)
                    ? " (the folder has no readable result.json)" : ""),
                    "name a lesson (e.g. 07-dropout), a run as LESSON/RUN (see: runs list), or a run folder");
        }
        return run;
    }

    static List<String> lessons() {
        try {
            return RunFolders.lessons();
        } catch (RuntimeException e) {
            throw new ToolException(e.getMessage(), "run the command from the Knobs project folder");
        }
    }

    static Path defaultPlotFolder() {
        return ProjectPaths.root().map(r -> r.resolve("tools").resolve("target").resolve("compare"))
                .orElse(Path.of("knobs-compare"));
    }
}
