package dev.knobs.site.render;

import dev.knobs.site.inputs.LessonOutput;
import dev.knobs.site.rubric.Requirement;
import dev.knobs.site.rubric.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * The home page: what Knobs is, every lesson with its headline result (test accuracy, run time,
 * mode), the rubric's tally, and the commands to run it all.
 */
public final class HomePage {
    private final Templates templates;

    public HomePage(Templates templates) {
        this.templates = templates;
    }

    public PageWriter.Page page(List<LessonOutput> lessons, List<Requirement> rubric, boolean tribuoRan) {
        List<View> cards = new ArrayList<>();
        double totalSeconds = 0;
        int ran = 0;
        int smoke = 0;
        for (LessonOutput l : lessons) {
            View c = View.of()
                    .with("id", l.id())
                    .with("number", l.number())
                    .with("title", l.title())
                    .with("href", SiteMap.lessonPage(l.id()))
                    .with("state", PageWriter.state(l))
                    .with("stateLabel", PageWriter.stateLabel(l))
                    .with("ran", l.ran())
                    .with("command", LessonPage.command(l.id()));
            if (l.ran()) {
                ran++;
                smoke += l.smoke() ? 1 : 0;
                totalSeconds += l.result().seconds();
                c.with("accuracy", Format.percent(l.result().testAccuracy()))
                        .with("duration", Format.duration(l.result().seconds()))
                        .with("mode", l.mode())
                        .with("headline", l.result().headline());
            }
            cards.add(c);
        }
        long met = rubric.stream().filter(r -> r.status() == Status.MET).count();
        long notMet = rubric.stream().filter(r -> r.status() == Status.NOT_MET).count();
        long notRun = rubric.stream().filter(r -> r.status() == Status.NOT_RUN).count();
        long notGraded = rubric.stream().filter(r -> r.status() == Status.SMOKE || r.status() == Status.OTHER_DATA).count();
        View v = View.of()
                .with("lessons", cards)
                .with("notGraded", notGraded)
                .with("lessonCount", lessons.size())
                .with("ran", ran)
                .with("smoke", smoke)
                .with("anySmoke", smoke > 0)
                .with("allRan", ran == lessons.size())
                .with("totalTime", Format.duration(totalSeconds))
                .with("met", met)
                .with("notMet", notMet)
                .with("notRun", notRun)
                .with("requirements", rubric.size())
                .with("tribuoRan", tribuoRan);
        return new PageWriter.Page("An MNIST network, one knob at a time",
                "Knobs teaches how a multilayer perceptron learns MNIST, one knob per lesson, with every number measured.",
                "home", null, templates.render("home", v), false, true, List.of(), List.of());
    }
}
