package dev.knobs.site.render;

import dev.knobs.site.inputs.LessonOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A lesson's Java source as a page, so that the site shows the code the lesson explains. */
public final class CodePage {
    private final Templates templates;

    public CodePage(Templates templates) {
        this.templates = templates;
    }

    /**
     * @param lesson        the lesson the source belongs to
     * @param projectSource the source file, relative to the project root
     * @param root          the project root
     */
    public PageWriter.Page page(LessonOutput lesson, Path projectSource, Path root) throws IOException {
        String source = Files.readString(root.resolve(projectSource));
        View v = View.of()
                .with("file", projectSource.getFileName().toString())
                .with("path", projectSource.toString().replace('\\', '/'))
                .with("lines", source.lines().count())
                .with("source", source)
                .with("lessonHref", "../../" + SiteMap.lessonPage(lesson.id()))
                .with("lessonTitle", "Lesson " + lesson.number() + ": " + lesson.title());
        return new PageWriter.Page(projectSource.getFileName().toString(), "The source of lesson " + lesson.number() + ".",
                "lesson", lesson.id(), templates.render("code", v), false, true, List.of(), List.of());
    }
}
