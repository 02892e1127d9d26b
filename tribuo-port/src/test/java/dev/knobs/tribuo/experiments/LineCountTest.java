package dev.knobs.tribuo.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Code lines, not comments or blanks. */
class LineCountTest {

    @Test
    void javaCommentsAndBlanksDoNotCount() {
        List<String> java = List.of(
                "/**", " * Javadoc.", " */", "final class A {", "", "    // a comment", "    int x; // trailing",
                "    /* block */ int y;", "    /* open", "       still comment */", "}");
        assertEquals(4, LineCount.count(java, false));
    }

    @Test
    void xmlCommentsDoNotCount() {
        List<String> xml = List.of("<?xml version=\"1.0\"?>", "<!--", "  about", "-->", "<config>",
                "    <!-- one line -->", "    <component name=\"a\"/>", "</config>");
        assertEquals(4, LineCount.count(xml, true));
    }
}
