package dev.knobs.site.markdown;

import java.util.Set;
import org.commonmark.Extension;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;
import org.commonmark.parser.block.AbstractBlockParser;
import org.commonmark.parser.block.AbstractBlockParserFactory;
import org.commonmark.parser.block.BlockContinue;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * TeX math in Markdown, as the lessons write it: {@code $...$} inline and {@code $$...$$} for
 * display, on lines of their own or inside a paragraph.
 *
 * <p>Without this, Markdown would read the underscores and asterisks of {@code $x_i * w_i$} as
 * emphasis and mangle the formula. Here the parser takes a formula as one unit, before emphasis
 * is looked for (a formula never reaches across a code span), and the HTML keeps its TeX source untouched in an element of class
 * {@code math}, which KaTeX renders in the browser:
 * <pre>
 *   $a_i$                 &lt;span class="math math-inline"&gt;a_i&lt;/span&gt;
 *   $$ ... $$ (own lines) &lt;div class="math math-display"&gt;...&lt;/div&gt;
 * </pre>
 * The rules for an inline {@code $} follow Pandoc, so that prices are left alone: the opening
 * {@code $} must be followed by a non-space, the closing one preceded by a non-space and not
 * followed by a digit ({@code from $5 to $10} is not math). Math inside code spans and code
 * blocks is never touched, because those are parsed first. {@code \$} is a literal dollar.
 */
public final class MathExtension implements Parser.ParserExtension, HtmlRenderer.HtmlRendererExtension {

    private MathExtension() {}

    public static Extension create() {
        return new MathExtension();
    }

    /** A formula on lines of its own. */
    public static final class MathBlock extends CustomBlock {
        private String tex = "";

        public String tex() {
            return tex;
        }
    }

    /** A formula inside a paragraph; {@code display} for {@code $$...$$}. */
    public static final class MathInline extends CustomNode {
        private final String tex;
        private final boolean display;

        MathInline(String tex, boolean display) {
            this.tex = tex;
            this.display = display;
        }

        public String tex() {
            return tex;
        }

        public boolean display() {
            return display;
        }
    }

    @Override
    public void extend(Parser.Builder builder) {
        builder.customBlockParserFactory(new BlockFactory());
        builder.customInlineContentParserFactory(new InlineFactory());
    }

    @Override
    public void extend(HtmlRenderer.Builder builder) {
        builder.nodeRendererFactory(MathRenderer::new);
    }

    // ------------------------------------------------------------------ display blocks

    private static final class BlockFactory extends AbstractBlockParserFactory {
        @Override
        public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
            if (state.getIndent() >= 4) {
                return BlockStart.none();
            }
            CharSequence line = state.getLine().getContent();
            int start = state.getNextNonSpaceIndex();
            String rest = line.subSequence(start, line.length()).toString();
            if (!rest.startsWith("$$")) {
                return BlockStart.none();
            }
            String afterOpening = rest.substring(2);
            String trimmed = afterOpening.strip();
            BlockParser parser = new BlockParser();
            if (trimmed.endsWith("$$")) {
                // $$ x $$ on one line
                parser.content.append(trimmed, 0, trimmed.length() - 2);
                parser.closed = true;
            } else if (trimmed.contains("$$")) {
                // "$$a$$ and more text" is inline math inside a paragraph, not a block
                return BlockStart.none();
            } else {
                parser.content.append(afterOpening.strip());
            }
            return BlockStart.of(parser).atIndex(line.length());
        }
    }

    private static final class BlockParser extends AbstractBlockParser {
        private final MathBlock block = new MathBlock();
        private final StringBuilder content = new StringBuilder();
        private boolean closed;

        @Override
        public MathBlock getBlock() {
            return block;
        }

        @Override
        public BlockContinue tryContinue(ParserState state) {
            if (closed) {
                return BlockContinue.none();
            }
            String line = state.getLine().getContent().toString();
            String trimmed = line.strip();
            if (trimmed.endsWith("$$")) {
                appendLine(trimmed.substring(0, trimmed.length() - 2));
                closed = true;
                return BlockContinue.finished();
            }
            return BlockContinue.atIndex(state.getIndex());
        }

        @Override
        public void addLine(SourceLine line) {
            appendLine(line.getContent().toString());
        }

        private void appendLine(String text) {
            if (text.isBlank()) {
                return;
            }
            if (!content.isEmpty()) {
                content.append('\n');
            }
            content.append(text.strip());
        }

        @Override
        public void closeBlock() {
            block.tex = content.toString().strip();
        }
    }

    // ------------------------------------------------------------------ inline formulas

    private static final class InlineFactory implements InlineContentParserFactory {
        @Override
        public Set<Character> getTriggerCharacters() {
            return Set.of('$');
        }

        @Override
        public InlineContentParser create() {
            return InlineFactory::parse;
        }

        private static ParsedInline parse(InlineParserState state) {
            Scanner scanner = state.scanner();
            int dollars = scanner.matchMultiple('$');
            if (dollars > 2) {
                return ParsedInline.none();
            }
            Position contentStart = scanner.position();
            char first = scanner.peek();
            if (first == Scanner.END || (dollars == 1 && Character.isWhitespace(first))) {
                return ParsedInline.none();
            }
            char previous = 0;
            while (scanner.hasNext()) {
                char c = scanner.peek();
                if (c == '\\') {
                    scanner.next();
                    previous = scanner.peek();
                    scanner.next();
                    continue;
                }
                if (c == '`') {
                    return ParsedInline.none();                // a code span starts: it binds tighter than math
                }
                if (c != '$') {
                    previous = c;
                    scanner.next();
                    continue;
                }
                Position contentEnd = scanner.position();
                int closing = scanner.matchMultiple('$');
                // Pandoc's rule for a single closing $: no space before it, no digit after it
                boolean closes = closing == dollars
                        && (dollars == 2 || (!Character.isWhitespace(previous) && !Character.isDigit(scanner.peek())));
                if (closes) {
                    String tex = scanner.getSource(contentStart, contentEnd).getContent();
                    return tex.isBlank() ? ParsedInline.none()
                            : ParsedInline.of(new MathInline(tex.strip(), dollars == 2), scanner.position());
                }
                previous = '$';
            }
            return ParsedInline.none();
        }
    }

    // ------------------------------------------------------------------ HTML

    private static final class MathRenderer implements NodeRenderer {
        private final HtmlWriter html;

        MathRenderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(MathBlock.class, MathInline.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof MathBlock block) {
                html.line();
                html.raw("<div class=\"math math-display\">");
                html.text(block.tex());
                html.raw("</div>");
                html.line();
            } else if (node instanceof MathInline inline) {
                html.raw(inline.display() ? "<span class=\"math math-display\">" : "<span class=\"math math-inline\">");
                html.text(inline.tex());
                html.raw("</span>");
            }
        }
    }
}
