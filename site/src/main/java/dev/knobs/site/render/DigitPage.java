package dev.knobs.site.render;

import dev.knobs.site.digit.ExportedModel;
import dev.knobs.site.digit.TestDigits;
import java.util.List;

/**
 * The draw-a-digit page: a canvas, the lesson-12 network's 10 probabilities computed in the
 * browser ({@code assets/digit.js}) from the exported weights ({@code assets/model.js}), and
 * buttons that draw real test digits ({@code assets/digits.js}) onto the canvas. Without a
 * model, the page says how to make one.
 */
public final class DigitPage {
    private final Templates templates;

    public DigitPage(Templates templates) {
        this.templates = templates;
    }

    /**
     * @param model        the exported model, or null
     * @param problem      why there is no model (when {@code model} is null)
     * @param modelSource  where the model came from, e.g. {@code lessons/12-towards-99/runs/reference/model.knobs}
     * @param accuracy     the lesson's test accuracy, formatted, or null
     * @param mode         the lesson's run mode, or null
     * @param digits       the sample test digits (may be empty)
     */
    public PageWriter.Page page(ExportedModel model, String problem, String modelSource, String accuracy, String mode,
                                List<TestDigits.Digit> digits) {
        View v = View.of()
                .with("hasModel", model != null)
                .with("problem", problem)
                .with("command", LessonPage.command("12-towards-99"))
                .with("hasDigits", !digits.isEmpty())
                .with("digitCount", digits.size());
        if (model != null) {
            v.with("architecture", model.architecture())
                    .with("parameters", Format.number(model.parameters()))
                    .with("dtype", model.dtype())
                    .with("standardised", model.input().standardised())
                    .with("source", modelSource)
                    .with("accuracy", accuracy)
                    .with("mode", mode)
                    .with("smoke", "smoke".equals(mode));
        }
        List<String> scripts = model != null ? List.of("assets/model.js", "assets/digits.js", "assets/digit.js") : List.of();
        return new PageWriter.Page("Draw a digit", "Draw a digit and watch the trained network's 10 probabilities, computed in your browser.",
                "digit", null, templates.render("digit", v), false, false, List.of(), scripts);
    }
}
