package dev.knobs.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * nn-core stays a library a student can read in an afternoon: at most {@value #TEACHING_BUDGET}
 * lines of code outside the kernel package, and at most {@value #KERNEL_BUDGET} in it (see the
 * README). Lines of code are the lines that are neither blank nor comments, so documentation never
 * costs budget. A change that breaks the budget must make room first.
 */
class SizeBudgetTest {
    static final int TEACHING_BUDGET = 3_900;
    static final int KERNEL_BUDGET = 2_000;
    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "knobs", "nn");

    @Test
    void theTeachingCoreAndTheKernelStayWithinTheirBudgets() throws IOException {
        Map<String, Integer> perPackage = linesPerPackage(SOURCES);
        int kernel = perPackage.getOrDefault("kernel", 0);
        int rest = perPackage.values().stream().mapToInt(Integer::intValue).sum() - kernel;
        String table = perPackage.toString();
        System.out.println("nn-core lines of code per package: " + table + "; teaching core " + rest + " of "
                + TEACHING_BUDGET + ", kernel " + kernel + " of " + KERNEL_BUDGET);
        assertTrue(rest <= TEACHING_BUDGET, "nn-core outside the kernel has " + rest + " lines of code, over its budget of "
                + TEACHING_BUDGET + ": " + table);
        assertTrue(kernel <= KERNEL_BUDGET, "nn-core's kernel package has " + kernel + " lines of code, over its budget of "
                + KERNEL_BUDGET);
        assertTrue(rest > 1_000 && kernel > 500, "the count found too little code: wrong folder? " + table);
    }

    @Test
    void commentsAndBlankLinesDoNotCount() {
        String source = """
                package a;

                /**
                 * Javadoc, two lines.
                 */
                final class A {   // a trailing comment does not hide code
                    // a comment line
                    int x = 1; /* an inline block */
                    /* a block
                       over two lines */
                }
                """;
        assertEquals(4, codeLines(source));
    }

    static Map<String, Integer> linesPerPackage(Path root) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path relative = root.relativize(file.getParent());
                String pkg = relative.toString().isEmpty() ? "(root)" : relative.toString().replace('/', '.');
                counts.merge(pkg, codeLines(Files.readString(file)), Integer::sum);
            }
        }
        return counts;
    }

    /** Lines that hold code: not blank, not a {@code //} comment, not inside a block comment. */
    static int codeLines(String source) {
        int n = 0;
        boolean inBlock = false;
        for (String raw : source.split("\n")) {
            String line = raw.strip();
            if (inBlock) {
                int end = line.indexOf("*/");
                if (end < 0) {
                    continue;
                }
                inBlock = false;
                line = line.substring(end + 2).strip();
            }
            if (line.startsWith("/*")) {
                int end = line.indexOf("*/", 2);
                if (end < 0) {
                    inBlock = true;
                    continue;
                }
                line = line.substring(end + 2).strip();
            }
            if (!line.isEmpty() && !line.startsWith("//")) {
                n++;
            }
        }
        return n;
    }
}
