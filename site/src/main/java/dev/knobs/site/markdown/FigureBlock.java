package dev.knobs.site.markdown;

import java.util.Set;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.Node;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * A README image that stood alone in its paragraph, shown as a figure of the run: the plot with
 * the alt text, title and caption from {@code result.json}, linked to its full-size file. When
 * the run did not produce it, a box says so instead of a broken image.
 */
public final class FigureBlock extends CustomBlock {
    private final SiteLinks.Figure figure;
    private final String href;
    private final String missingAlt;

    /** A figure the site ships; {@code href} is its address from the page. */
    FigureBlock(SiteLinks.Figure figure, String href) {
        this.figure = figure;
        this.href = href;
        this.missingAlt = null;
    }

    /** A figure the run has not produced; {@code alt} is the README's description of it. */
    FigureBlock(String alt) {
        this.figure = null;
        this.href = null;
        this.missingAlt = alt;
    }

    /** Writes figures as {@code <figure>} elements. */
    static final class Renderer implements NodeRenderer {
        private final HtmlWriter html;

        Renderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(FigureBlock.class);
        }

        @Override
        public void render(Node node) {
            FigureBlock b = (FigureBlock) node;
            html.line();
            if (b.figure == null) {
                html.raw("<figure class=\"plot missing\"><div class=\"missing-figure\">");
                html.text("Figure not produced yet: " + (b.missingAlt.isBlank() ? "this plot" : b.missingAlt)
                        + ". It appears here once the lesson has run.");
                html.raw("</div></figure>");
                html.line();
                return;
            }
            SiteLinks.Figure f = b.figure;
            html.raw("<figure class=\"plot\"><a class=\"plot-link\" href=\"");
            html.text(b.href);
            html.raw("\"><img src=\"");
            html.text(b.href);
            html.raw("\" alt=\"");
            html.text(f.alt());
            html.raw("\"");
            if (f.width() > 0 && f.height() > 0) {
                html.raw(" width=\"" + f.width() + "\" height=\"" + f.height() + "\"");
            }
            html.raw(" loading=\"lazy\" decoding=\"async\"></a><figcaption>");
            if (!f.title().isBlank()) {
                html.raw("<strong>");
                html.text(f.title());
                html.raw("</strong> ");
            }
            html.text(f.caption());
            html.raw("</figcaption></figure>");
            html.line();
        }
    }
}
