package dev.knobs.lessons.common;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of text cells: printed aligned on the console, written to {@code result.json}, and
 * rendered by the site.
 */
public final class TextTable {
    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    /** An empty table with a title and its column names. */
    public TextTable(String title, String... columns) {
        this.title = title;
        this.columns = List.of(columns);
    }

    /** Adds a row; cells are formatted with {@code String.valueOf}. */
    public TextTable row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("table '" + title + "' has " + columns.size() + " columns, got a row of "
                    + cells.length);
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** The table as it is written to {@code result.json}. */
    public LessonResult.Table toResult() {
        return new LessonResult.Table(title, columns, List.copyOf(rows));
    }

    /** The table's title. */
    public String title() {
        return title;
    }

    /**
     * The table as Markdown, the way the READMEs write their tables: a header row, a row of
     * {@code ---}, then one line per row, cells separated by {@code |} (a {@code |} inside a cell is
     * escaped). No title: the text around the table says what it is.
     */
    public String markdown() {
        StringBuilder s = new StringBuilder();
        markdownRow(s, columns);
        markdownRow(s, columns.stream().map(c -> "---").toList());
        for (List<String> r : rows) {
            markdownRow(s, r);
        }
        return s.toString();
    }

    private static void markdownRow(StringBuilder s, List<String> cells) {
        s.append("| ").append(String.join(" | ", cells.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
    }

    /** The table as aligned text with a title line. */
    @Override
    public String toString() {
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], r.get(c).length());
            }
        }
        StringBuilder s = new StringBuilder(title).append('\n');
        appendRow(s, columns, width);
        StringBuilder rule = new StringBuilder();
        for (int w : width) {
            rule.append("-".repeat(w)).append("  ");
        }
        s.append("  ").append(rule.toString().stripTrailing()).append('\n');
        for (List<String> r : rows) {
            appendRow(s, r, width);
        }
        return s.toString();
    }

    private static void appendRow(StringBuilder s, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder("  ");
        for (int c = 0; c < cells.size(); c++) {
            line.append(String.format("%-" + width[c] + "s  ", cells.get(c)));
        }
        s.append(line.toString().stripTrailing()).append('\n');
    }
}
