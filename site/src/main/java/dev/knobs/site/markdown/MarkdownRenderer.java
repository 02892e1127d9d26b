package dev.knobs.site.markdown;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.IdGenerator;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Renders a README to the HTML of a page body, using commonmark-java with GitHub tables and
 * {@link MathExtension}.
 *
 * <ul>
 *   <li>The first level-1 heading becomes the page title and leaves the body.</li>
 *   <li>Every heading gets a GitHub-style id; levels 2 and 3 are listed for the page's contents.</li>
 *   <li>An image alone in its paragraph becomes a {@link FigureBlock} of the run's figure; an image
 *       inside text points to the published file; either way alt text comes from the run's result.</li>
 *   <li>Links go through {@link LinkRewriter}; external links open as usual and are marked.</li>
 *   <li>Raw HTML in the README is escaped, not passed through: the page is ours.</li>
 * </ul>
 */
public final class MarkdownRenderer {

    /** A heading of the rendered document, for a table of contents. */
    public record Heading(int level, String text, String id) {}

    /**
     * The result of rendering.
     *
     * @param title          the text of the first level-1 heading, or null
     * @param html           the body
     * @param headings       levels 2 and 3, in order
     * @param figuresShown   site paths of the run's figures placed in the body
     */
    public record Rendered(String title, String html, List<MarkdownRenderer.Heading> headings, Set<String> figuresShown) {}

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create(), MathExtension.create());
    private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();

    /**
     * Renders {@code markdown} for the page that {@code rewriter} was made for.
     *
     * @param links what the site publishes, to place the run's figures
     */
    public Rendered render(String markdown, LinkRewriter rewriter, SiteLinks links) {
        Node document = parser.parse(markdown);
        String title = takeTitle(document);
        Map<Node, Map<String, String>> attributes = new IdentityHashMap<>();
        Set<String> figuresShown = new LinkedHashSet<>();
        placeImages(document, rewriter, links, attributes, figuresShown);
        rewriteLinks(document, rewriter, attributes);
        List<MarkdownRenderer.Heading> headings = anchorHeadings(document, attributes);
        HtmlRenderer renderer = HtmlRenderer.builder()
                .extensions(EXTENSIONS)
                .escapeHtml(true)
                .nodeRendererFactory(FigureBlock.Renderer::new)
                .attributeProviderFactory(context -> (node, tag, attrs) -> {
                    Map<String, String> extra = attributes.get(node);
                    if (extra != null) {
                        attrs.putAll(extra);
                    }
                })
                .build();
        return new Rendered(title, renderer.render(document), headings, figuresShown);
    }

    private static String takeTitle(Node document) {
        for (Node n = document.getFirstChild(); n != null; n = n.getNext()) {
            if (n instanceof org.commonmark.node.Heading h && h.getLevel() == 1) {
                String title = textOf(h);
                h.unlink();
                return title;
            }
        }
        return null;
    }

    private static void placeImages(Node document, LinkRewriter rewriter, SiteLinks links,
                                    Map<Node, Map<String, String>> attributes, Set<String> shown) {
        List<Image> images = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Image image) {
                images.add(image);
            }
        });
        for (Image image : images) {
            String alt = textOf(image);
            LinkRewriter.Target target = rewriter.rewrite(image.getDestination());
            String projectPath = target.projectPath();
            SiteLinks.Figure figure = projectPath == null ? null : links.figure(projectPath);
            Paragraph alone = aloneInParagraph(image);
            if (figure != null) {
                shown.add(figure.sitePath());
                String href = rewriter.fromPage(figure.sitePath());
                if (alone != null) {
                    replace(alone, new FigureBlock(figure, href));
                } else {
                    image.setDestination(href);
                    attributes.put(image, Map.of("alt", figure.alt(), "loading", "lazy"));
                }
            } else if (projectPath != null && links.isRunOutput(projectPath)) {
                if (alone != null) {
                    replace(alone, new FigureBlock(alt));
                } else {
                    replace(image, new Text("[figure not produced yet: " + alt + "]"));
                }
            } else if (target.kind() == LinkRewriter.Kind.DROP) {
                replace(image, new Text("[image: " + alt + "]"));
            } else {
                image.setDestination(target.href());
                attributes.put(image, Map.of("alt", alt.isBlank() ? "image" : alt, "loading", "lazy"));
            }
        }
    }

    private static void rewriteLinks(Node document, LinkRewriter rewriter, Map<Node, Map<String, String>> attributes) {
        List<Link> links = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link);
                visitChildren(link);
            }
        });
        for (Link link : links) {
            LinkRewriter.Target target = rewriter.rewrite(link.getDestination());
            switch (target.kind()) {
                case KEEP -> {
                    if (!target.href().startsWith("#")) {
                        attributes.put(link, Map.of("class", "external", "rel", "noopener"));
                    }
                }
                case LOCAL -> link.setDestination(target.href());
                case DROP -> unwrap(link);
            }
        }
    }

    private static List<MarkdownRenderer.Heading> anchorHeadings(Node document, Map<Node, Map<String, String>> attributes) {
        IdGenerator ids = IdGenerator.builder().build();
        List<MarkdownRenderer.Heading> headings = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(org.commonmark.node.Heading heading) {
                String text = textOf(heading);
                String id = ids.generateId(text);
                attributes.put(heading, Map.of("id", id));
                if (heading.getLevel() == 2 || heading.getLevel() == 3) {
                    headings.add(new MarkdownRenderer.Heading(heading.getLevel(), text, id));
                }
            }
        });
        return headings;
    }

    /** The paragraph {@code image} is the only content of, or null. */
    private static Paragraph aloneInParagraph(Image image) {
        if (!(image.getParent() instanceof Paragraph p)) {
            return null;
        }
        for (Node n = p.getFirstChild(); n != null; n = n.getNext()) {
            boolean blank = n instanceof SoftLineBreak || (n instanceof Text t && t.getLiteral().isBlank());
            if (n != image && !blank) {
                return null;
            }
        }
        return p;
    }

    private static void replace(Node old, Node replacement) {
        old.insertBefore(replacement);
        old.unlink();
    }

    private static void unwrap(Node node) {
        Node child = node.getFirstChild();
        while (child != null) {
            Node next = child.getNext();
            node.insertBefore(child);
            child = next;
        }
        node.unlink();
    }

    /** The plain text of a node: its text and code, without markup. */
    static String textOf(Node node) {
        StringBuilder s = new StringBuilder();
        node.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                s.append(text.getLiteral());
            }

            @Override
            public void visit(Code code) {
                s.append(code.getLiteral());
            }

            @Override
            public void visit(SoftLineBreak softLineBreak) {
                s.append(' ');
            }

            @Override
            public void visit(org.commonmark.node.CustomNode custom) {
                if (custom instanceof MathExtension.MathInline m) {
                    s.append(m.tex());
                }
                visitChildren(custom);
            }
        });
        return s.toString().strip();
    }
}
