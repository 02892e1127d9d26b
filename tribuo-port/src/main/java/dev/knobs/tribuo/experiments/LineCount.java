package dev.knobs.tribuo.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lines of code, counted the usual way: lines that hold something other than blanks and
 * comments. Java comments are {@code //} lines and {@code /* ... * /} blocks (Javadoc included);
 * XML comments are {@code <!-- ... -->} blocks.
 */
public final class LineCount {
    private LineCount() {}

    /** Code lines of every {@code .java} and {@code .xml} file under {@code dir} (0 if it does not exist). */
    public static int of(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".xml"))
                    .mapToInt(LineCount::file).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Code lines of one file. */
    public static int file(Path file) {
        try {
            return count(Files.readAllLines(file), file.toString().endsWith(".xml"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Code lines among {@code lines}, with XML or Java comment syntax. */
    static int count(List<String> lines, boolean xml) {
        String open = xml ? "<!--" : "/*";
        String close = xml ? "-->" : "*/";
        boolean inComment = false;
        int code = 0;
        for (String raw : lines) {
            String line = raw.strip();
            boolean hasCode = false;
            while (!line.isEmpty()) {
                if (inComment) {
                    int end = line.indexOf(close);
                    if (end < 0) {
                        line = "";
                    } else {
                        inComment = false;
                        line = line.substring(end + close.length()).strip();
                    }
                } else if (line.startsWith(open)) {
                    inComment = true;
                    line = line.substring(open.length());
                } else if (!xml && line.startsWith("//")) {
                    line = "";
                } else {
                    hasCode = true;
                    int start = line.indexOf(open);
                    line = start < 0 ? "" : line.substring(start);
                }
            }
            code += hasCode ? 1 : 0;
        }
        return code;
    }
}
