package dev.knobs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.search.run.Lessons;
import dev.knobs.search.space.Choice;
import dev.knobs.search.space.LessonKnobs;
import dev.knobs.search.space.LogUniform;
import dev.knobs.search.space.Space;
import dev.knobs.search.space.SpaceParser;
import dev.knobs.search.space.Uniform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spaces are written with the lessons' knob names and value syntax, and checked by the knobs' own rules. */
class SpaceTest {
    static final LessonKnobs L12 = LessonKnobs.of(Lessons.byId("12-towards-99"), Mode.SMOKE);

    @Test
    void readsTheFourKindsWithTheFlagsSyntax() {
        Space s = SpaceParser.parse("peak-lr=log(0.01,0.5) hidden-dropout=choice(0.1,0.2,0.3,0.5) "
                + "hidden=choice(512,512 | 1024,1024 | 1024,1024,1024) batch-size=int(32,256) degrees = uniform(0, 15)", L12);
        assertEquals(List.of("peak-lr", "hidden-dropout", "hidden", "batch-size", "degrees"), s.knobs());
        assertEquals(new LogUniform(0.01, 0.5), s.dimension("peak-lr").distribution());
        assertEquals(List.of("0.1", "0.2", "0.3", "0.5"), ((Choice) s.dimension("hidden-dropout").distribution()).values());
        assertEquals(List.of("512,512", "1024,1024", "1024,1024,1024"),
                ((Choice) s.dimension("hidden").distribution()).values());
        assertEquals(new Uniform(0, 15), s.dimension("degrees").distribution());
        assertTrue(s.dimension("batch-size").whole());
        assertEquals(s.text(), SpaceParser.parse(s.text(), L12).text(), "the canonical text reads back the same");
    }

    @Test
    void aFileMayHaveOneKnobPerLineAndComments() {
        Space s = SpaceParser.parse("""
                # lesson 12's learning rate and dropout
                peak-lr = log(0.02, 0.3)     # a factor of 15
                hidden-dropout = uniform(0, 0.5)
                """, L12);
        assertEquals(List.of("peak-lr", "hidden-dropout"), s.knobs());
    }

    @Test
    void refusesABadRangeOrAnUnknownKnobWithOneLine() {
        for (String bad : List.of("hidden-dropout=uniform(0,1.5)", "hiden-dropout=uniform(0,0.5)",
                "peak-lr=log(0,0.5)", "peak-lr=log(0.5,0.1)", "hidden=uniform(1,2)", "batch-size=int(0,64)",
                "peak-lr=gauss(0.1,0.2)", "peak-lr=log(0.01,0.5", "peak-lr=log(0.01,0.5) peak-lr=log(0.1,0.2)",
                "hidden=choice(512,512 | 0)", "momentum=int(0,1)", "")) {
            UsageException e = assertThrows(UsageException.class, () -> SpaceParser.parse(bad, L12), bad);
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertTrue(e.getMessage().startsWith("space") || e.getMessage().startsWith("unknown knob"), e.getMessage());
        }
        assertTrue(assertThrows(UsageException.class, () -> SpaceParser.parse("hidden-dropout=uniform(0,1.5)", L12))
                .getMessage().contains("[0, 1)"), "names what the knob allows");
        assertTrue(assertThrows(UsageException.class, () -> SpaceParser.parse("hiden-dropout=uniform(0,0.5)", L12))
                .getMessage().contains("did you mean 'hidden-dropout'"), "suggests the closest knob");
    }

    @Test
    void drawnValuesStayInTheirRangeAndPassTheKnobs() {
        Space s = SpaceParser.parse("peak-lr=log(0.01,0.5) hidden-dropout=uniform(0,0.5) batch-size=int(32,256) "
                + "hidden=choice(64 | 64,64)", L12);
        var configurations = dev.knobs.search.strategy.Configurations.random(s, 7);
        for (int i = 1; i <= 500; i++) {
            Map<String, String> c = configurations.get(i);
            double lr = Double.parseDouble(c.get("peak-lr"));
            double dropout = Double.parseDouble(c.get("hidden-dropout"));
            int batch = Integer.parseInt(c.get("batch-size"));
            assertTrue(lr >= 0.01 && lr <= 0.5 && dropout >= 0 && dropout <= 0.5 && batch >= 32 && batch <= 256, c.toString());
            L12.check(c);
        }
    }
}
