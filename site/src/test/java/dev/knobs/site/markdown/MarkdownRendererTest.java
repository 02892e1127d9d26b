package dev.knobs.site.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    /** A site that publishes lesson 07's page and one figure of its run. */
    private static final SiteLinks LINKS = new SiteLinks() {
        @Override
        public String sitePath(String projectPath) {
            return switch (projectPath) {
                case "lessons/07-dropout/README.md", "lessons/07-dropout" -> "lessons/07-dropout.html";
                case "lessons/03-mini-batch/README.md" -> "lessons/03-mini-batch.html";
                case "lessons/07-dropout/runs/reference/loss.png" -> "runs/07-dropout/loss.svg";
                default -> null;
            };
        }

        @Override
        public Figure figure(String projectPath) {
            return projectPath.equals("lessons/07-dropout/runs/reference/loss.png")
                    ? new Figure("runs/07-dropout/loss.svg", "Line chart of the loss falling", "Loss", "Lower is better.", 600, 400)
                    : null;
        }

        @Override
        public boolean isRunOutput(String projectPath) {
            return projectPath.startsWith("lessons/07-dropout/runs/reference/");
        }
    };

    private final MarkdownRenderer renderer = new MarkdownRenderer();

    private MarkdownRenderer.Rendered render(String markdown) {
        return renderer.render(markdown, new LinkRewriter("lessons/07-dropout", "lessons/07-dropout.html", LINKS), LINKS);
    }

    @Test
    void inlineMathKeepsUnderscoresAndAsterisks() {
        String html = render("The loss $L = -\\frac{1}{B}\\sum_i \\log p_i[y_i]$ and $a * b_1 * c_2$ here.").html();
        assertTrue(html.contains("<span class=\"math math-inline\">L = -\\frac{1}{B}\\sum_i \\log p_i[y_i]</span>"), html);
        assertTrue(html.contains("<span class=\"math math-inline\">a * b_1 * c_2</span>"), html);
        assertFalse(html.contains("<em>"), "underscores became emphasis: " + html);
    }

    @Test
    void displayMathOnItsOwnLinesInterruptsAParagraph() {
        String html = render("One hidden layer:\n$$\nh = \\mathrm{ReLU}(x W_1^\\top + b_1)\n\\qquad p = \\mathrm{softmax}(z)\n$$\nwith x.").html();
        assertTrue(html.contains("<p>One hidden layer:</p>"), html);
        assertTrue(html.contains("<div class=\"math math-display\">h = \\mathrm{ReLU}(x W_1^\\top + b_1)\n\\qquad p = \\mathrm{softmax}(z)</div>"), html);
        assertTrue(html.contains("<p>with x.</p>"), html);
    }

    @Test
    void displayMathOnOneLineAndInsideText() {
        assertTrue(render("$$ e^{i\\pi} + 1 = 0 $$").html().contains("<div class=\"math math-display\">e^{i\\pi} + 1 = 0</div>"));
        assertTrue(render("so $$x_1$$ follows").html().contains("<span class=\"math math-display\">x_1</span>"));
    }

    @Test
    void pricesCodeAndEscapedDollarsAreNotMath() {
        String html = render("It costs $5 and $10. In code: `a $b_c$ d`. Escaped: \\$x_1\\$.").html();
        assertFalse(html.contains("math"), html);
        assertTrue(html.contains("<code>a $b_c$ d</code>"), html);
        assertFalse(render("```\n$$\nx_1\n$$\n```").html().contains("math"));
    }

    @Test
    void mathIsHtmlEscaped() {
        assertTrue(render("$a < b$").html().contains("<span class=\"math math-inline\">a &lt; b</span>"));
    }

    @Test
    void aloneImageBecomesTheRunsFigureWithItsAltText() {
        MarkdownRenderer.Rendered r = render("Text.\n\n![loss](runs/reference/loss.png)\n");
        assertTrue(r.html().contains("<figure class=\"plot\">"), r.html());
        assertTrue(r.html().contains("src=\"../runs/07-dropout/loss.svg\""), r.html());
        assertTrue(r.html().contains("alt=\"Line chart of the loss falling\""), r.html());
        assertTrue(r.html().contains("<strong>Loss</strong> Lower is better."), r.html());
        assertEquals(List.of("runs/07-dropout/loss.svg"), List.copyOf(r.figuresShown()));
    }

    @Test
    void imageTheRunDidNotMakeBecomesANotice() {
        String html = render("![accuracy per epoch](runs/reference/accuracy.png)").html();
        assertTrue(html.contains("Figure not produced yet: accuracy per epoch"), html);
        assertFalse(html.contains("<img"), html);
    }

    @Test
    void linksGoToSitePagesOrAreDropped() {
        String html = render("See [lesson 03](../03-mini-batch/README.md#results), [this](README.md#the-knob), "
                + "[the code](src/main/java/Dropout.java), [paper](https://arxiv.org/abs/1207.0580) and [top](#top).").html();
        assertTrue(html.contains("<a href=\"03-mini-batch.html#results\">lesson 03</a>"), html);
        assertTrue(html.contains("<a href=\"#the-knob\">this</a>"), html);
        assertTrue(html.contains(", the code, "), html);
        assertFalse(html.contains("Dropout.java\""), "a link to an unpublished file survived: " + html);
        assertTrue(html.contains("href=\"https://arxiv.org/abs/1207.0580\""), html);
        assertTrue(html.contains("class=\"external\""), html);
        assertTrue(html.contains("<a href=\"#top\">top</a>"), html);
    }

    @Test
    void titleLeavesTheBodyAndHeadingsGetIds() {
        MarkdownRenderer.Rendered r = render("# Lesson 07: dropout\n\n## The knob\n\ntext\n\n### 1. The data\n\n## Results\n");
        assertEquals("Lesson 07: dropout", r.title());
        assertFalse(r.html().contains("<h1"), r.html());
        assertTrue(r.html().contains("<h2 id=\"the-knob\">The knob</h2>"), r.html());
        assertEquals(List.of("the-knob", "1-the-data", "results"), r.headings().stream().map(MarkdownRenderer.Heading::id).toList());
        assertNull(render("no heading").title());
    }

    @Test
    void tablesAndRawHtml() {
        String html = render("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n<script>alert(1)</script>").html();
        assertTrue(html.contains("<table>") && html.contains("<td>2</td>"), html);
        assertFalse(html.contains("<script>"), html);
    }
}
