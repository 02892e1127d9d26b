package dev.knobs.site.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class LinkRewriterTest {
    private static final SiteLinks LINKS = new SiteLinks() {
        @Override
        public String sitePath(String projectPath) {
            return switch (projectPath) {
                case "index.md", "README.md" -> "index.html";
                case "lessons/07-dropout/README.md" -> "lessons/07-dropout.html";
                case "lessons/07-dropout/runs/reference/sweep.json" -> "runs/07-dropout/sweep.json";
                case "tribuo-port/README.md" -> "tribuo/index.html";
                default -> null;
            };
        }

        @Override
        public Figure figure(String projectPath) {
            return null;
        }

        @Override
        public boolean isRunOutput(String projectPath) {
            return false;
        }
    };

    @Test
    void relativeAddressesBetweenSitePaths() {
        assertEquals("07-dropout.html", LinkRewriter.relative("lessons/03-mini-batch.html", "lessons/07-dropout.html"));
        assertEquals("../index.html", LinkRewriter.relative("lessons/03-mini-batch.html", "index.html"));
        assertEquals("lessons/07-dropout.html", LinkRewriter.relative("index.html", "lessons/07-dropout.html"));
        assertEquals("../../runs/07-dropout/a.svg", LinkRewriter.relative("code/07-dropout/Dropout.html", "runs/07-dropout/a.svg"));
    }

    @Test
    void normalisesAndRefusesToClimbOut() {
        assertEquals("lessons/07-dropout/README.md", LinkRewriter.normalise("lessons/03-mini-batch/../07-dropout/./README.md"));
        assertNull(LinkRewriter.normalise("../outside.md"));
    }

    @Test
    void rewritesFromTheReadmesFolder() {
        LinkRewriter r = new LinkRewriter("lessons/03-mini-batch", "lessons/03-mini-batch.html", LINKS);
        assertEquals(new LinkRewriter.Target(LinkRewriter.Kind.LOCAL, "07-dropout.html#results", "lessons/07-dropout/README.md"),
                r.rewrite("../07-dropout/README.md#results"));
        assertEquals("../runs/07-dropout/sweep.json", r.rewrite("../07-dropout/runs/reference/sweep.json").href());
        assertEquals("../index.html", r.rewrite("../../README.md").href());
        assertEquals("../tribuo/index.html", r.rewrite("../../tribuo-port/README.md").href());
        assertEquals(LinkRewriter.Kind.KEEP, r.rewrite("https://example.org/x").kind());
        assertEquals(LinkRewriter.Kind.KEEP, r.rewrite("#section").kind());
        assertEquals(LinkRewriter.Kind.DROP, r.rewrite("src/main/java/X.java").kind());
        assertEquals(LinkRewriter.Kind.DROP, r.rewrite("../../../etc/passwd").kind());
        assertEquals(LinkRewriter.Kind.DROP, r.rewrite("/absolute/path").kind());
    }
}
