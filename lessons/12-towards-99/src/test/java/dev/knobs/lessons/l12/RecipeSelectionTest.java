package dev.knobs.lessons.l12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.lessons.common.Knob;
import dev.knobs.lessons.common.KnobSet;
import dev.knobs.lessons.common.Lesson;
import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.common.Percent;
import dev.knobs.lessons.l12.TowardsNinetyNine.Hyperparams;
import dev.knobs.nn.io.Json;
import dev.knobs.nn.layer.Mlp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --select}: the choice of lesson 12's recipe on validation data, run at smoke size, and the
 * sentence with which a run of the lesson cites it, on hand-made choices; {@code --validate}, a try
 * of any knobs on the same validation data.
 */
class RecipeSelectionTest {
    private static final KnobSet<Hyperparams> KNOBS = KnobSet.of(Hyperparams.class);

    /** What a command printed and returned. */
    record Ran(int code, String out, String err) {}

    private static Ran select(String... args) {
        return run(RecipeSelection::execute, args);
    }

    private static Ran run(Lesson.Command command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSmokeChoiceTrainsTheNineCandidatesAndChoosesTheBestOnValidationData(@TempDir Path runs) throws IOException {
        Path reference = Files.createDirectories(runs.resolve("reference"));
        Files.writeString(reference.resolve("result.json"), "{\"lesson\": \"12-towards-99\"}");
        Files.write(reference.resolve("model.knobs"), new byte[] {1, 2, 3});
        Map<String, String> before = contents(reference);

        Ran ran = select("--select", "--mode", "smoke", "--runs-dir", runs.toString());
        assertEquals(0, ran.code(), ran.err());

        Path folder = runs.resolve("select-smoke");
        Selection s = Selection.read(folder.resolve(Selection.FILE));
        assertEquals("smoke", s.mode());
        assertEquals(42, s.seed());
        // The first 2,000 training images, a tenth of them held out.
        assertEquals(1800, s.trainingImages());
        assertEquals(200, s.validationImages());
        assertEquals(List.of("no augmentation", "heavy dropout", "affine only", "+ elastic", "lighter dropout",
                "three hidden layers", "twice as wide", "lighter dropout, longer", "+ elastic, longer"),
                s.candidates().stream().map(Selection.Scored::name).toList());

        // The chosen one has the most validation images right; nothing beats it.
        Selection.Scored chosen = s.chosenOne();
        for (Selection.Scored c : s.candidates()) {
            assertEquals(200 * (1 - c.validationAccuracy()), c.validationErrors(), 1e-9, c.name());
            assertTrue(c.validationAccuracy() > 0.2, c.name() + " learned nothing: " + c.validationAccuracy());
            assertTrue(c.validationAccuracy() <= chosen.validationAccuracy(), c.name() + " beats the chosen " + chosen.name());
            assertTrue(c.seconds() >= 0);
            assertTrue(c.trainLoss() > 0 && Double.isFinite(c.trainLoss()), c.name() + " ends with a training loss of "
                    + c.trainLoss());
        }
        // Every candidate's knobs are a whole recipe of the lesson, and train the network they claim.
        for (Selection.Scored c : s.candidates()) {
            Hyperparams hp = KNOBS.apply(Hyperparams.defaults(Mode.SMOKE), c.knobs());
            assertEquals(KNOBS.names(), List.copyOf(c.knobs().keySet()));
            assertEquals(c.network(), Mlp.architecture(hp.widths()));
            long parameters = 0;
            for (int i = 0; i + 1 < hp.widths().length; i++) {
                parameters += (long) hp.widths()[i] * hp.widths()[i + 1] + hp.widths()[i + 1];
            }
            assertEquals(parameters, c.parameters(), c.name());
        }

        // The test images were never loaded: no test set in the provenance, only the split of the training images.
        assertNull(s.provenance().testSet(), "a choice must not read the test set");
        assertEquals("mnist-train 1800/200 validation", s.provenance().dataset());
        assertEquals("smoke", s.provenance().mode());
        assertTrue(ran.out().contains("no test image is loaded"), ran.out());

        String md = Files.readString(folder.resolve(Selection.TABLE_FILE));
        assertTrue(md.contains("| run | network | dropout (input / hidden) | augmentation | epochs | validation accuracy |\n"
                + "| --- | --- | --- | --- | --- | --- |\n"), md);
        assertEquals(9, md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| run") && !l.startsWith("| ---"))
                .count(), md);
        assertTrue(md.contains("| " + chosen.name() + " | "), md);
        assertEquals(1, md.lines().filter(l -> l.contains("**" + Percent.pct(
                chosen.validationAccuracy()) + "**")).count(), "the chosen row is in bold: " + md);
        assertTrue(md.contains("--select --mode smoke"), "the command that made it: " + md);

        // The choice has a folder of its own: the reference run is untouched, nothing else is written.
        assertEquals(before, contents(reference));
        try (Stream<Path> in = Files.list(runs)) {
            assertEquals(List.of("reference", "select-smoke"), in.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(folder.resolve("result.json")), "a choice is not a run of the lesson");

        // A smoke run of the lesson cites this choice.
        String citation = RecipeChoice.of(runs, Mode.SMOKE, Hyperparams.defaults(Mode.SMOKE));
        assertTrue(citation.contains("'" + chosen.name() + "'"), citation);

        // --validate trains and scores exactly as --select does: the smoke recipe is candidate 8, to the last digit.
        Selection.Scored longer = s.candidates().get(7);
        Ran tried = run(ValidationTry::execute, "--validate", "--mode", "smoke", "--runs-dir", runs.toString());
        assertEquals(0, tried.code(), tried.err());
        Path tries = runs.resolve("tries");
        ValidationTry.Kept kept;
        try (Stream<Path> in = Files.list(tries)) {
            kept = Json.read(in.findFirst().orElseThrow().resolve(ValidationTry.FILE), ValidationTry.Kept.class);
        }
        assertEquals(longer.validationAccuracy(), kept.scored().validationAccuracy());
        assertEquals(longer.trainLoss(), kept.scored().trainLoss());
        assertEquals(List.of(), KNOBS.differences(KNOBS.apply(Hyperparams.defaults(Mode.SMOKE), longer.knobs()).withMembers(1),
                KNOBS.apply(Hyperparams.defaults(Mode.SMOKE), kept.scored().knobs())), "one network of candidate 8's recipe");
        assertEquals(List.of(), kept.turned());
        assertEquals(2, kept.history().size());
        assertNull(kept.provenance().testSet(), "a try must not read the test set");
        String same = "made " + longer.validationErrors() + " errors on the same 200 images";
        assertTrue(tried.out().contains(same) && tried.out().contains(
                longer == chosen ? "this try made as many." : "this try made "), tried.out());

        // A try with a knob turned is kept next to it, named by the knob; neither is a run of the lesson.
        Ran second = run(ValidationTry::execute, "--validate", "--mode", "smoke", "--hidden-dropout", "0",
                "--runs-dir", runs.toString());
        assertEquals(0, second.code(), second.err());
        try (Stream<Path> in = Files.list(tries)) {
            List<Path> kept2 = in.sorted().toList();
            assertEquals(2, kept2.size());
            assertTrue(kept2.get(1).getFileName().toString().endsWith("-smoke-hidden-dropout-0"), kept2.toString());
            assertFalse(Files.exists(kept2.get(1).resolve("result.json")));
            ValidationTry.Kept turned = Json.read(kept2.get(1).resolve(ValidationTry.FILE), ValidationTry.Kept.class);
            assertEquals(List.of("hidden-dropout"), turned.turned());
        }
        assertEquals(before, contents(reference));
    }

    @Test
    void aChoiceTakesNoKnobsNoFullSizeAndNeverWritesIntoARun(@TempDir Path runs) throws IOException {
        Ran knobs = select("--select", "--mode", "smoke", "--hidden", "32", "--runs-dir", runs.toString());
        assertEquals(2, knobs.code());
        assertTrue(knobs.err().startsWith("error: --select trains the nine fixed candidates"), knobs.err());
        assertEquals(1, knobs.err().lines().filter(l -> l.startsWith("error:")).count(), "one message: " + knobs.err());

        Ran full = select("--select", "--mode", "full", "--runs-dir", runs.toString());
        assertEquals(2, full.code());
        assertTrue(full.err().contains("leave out --mode full"), full.err());

        Path run = Files.createDirectories(runs.resolve("reference"));
        Files.writeString(run.resolve("result.json"), "{}");
        Ran into = select("--select", "--mode", "smoke", "--out", run.toString());
        assertEquals(2, into.code());
        assertTrue(into.err().contains("holds a run of the lesson"), into.err());
        try (Stream<Path> in = Files.list(run)) {
            assertEquals(List.of("result.json"), in.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(select("--select", "--help").out().contains("--select --mode smoke"));

        Ran committee = run(ValidationTry::execute, "--validate", "--members", "3", "--runs-dir", runs.toString());
        assertEquals(2, committee.code());
        assertTrue(committee.err().startsWith("error: --validate scores one network"), committee.err());
        Ran both = run(ValidationTry::execute, "--validate", "--select", "--runs-dir", runs.toString());
        assertEquals(2, both.code());
        assertTrue(both.err().contains("give one of them"), both.err());
        Ran nonsense = run(ValidationTry::execute, "--validate", "--hidden-dropout", "1", "--runs-dir", runs.toString());
        assertEquals(2, nonsense.code());
        assertTrue(nonsense.err().startsWith("error: --hidden-dropout "), nonsense.err());
        assertFalse(Files.exists(runs.resolve("tries")), "a refused try keeps nothing");
    }

    @Test
    void theStandardCandidatesAreTheReadmesTableAndIncludeTheStandardRecipe() {
        List<String> rows = new ArrayList<>();
        for (Candidate c : Candidate.all(Mode.STANDARD)) {
            Hyperparams hp = c.knobs();
            rows.add(String.join(" | ", c.name(), Mlp.architecture(hp.widths()),
                    Knob.format(hp.inputDropout()) + " / "
                            + Knob.format(hp.hiddenDropout()), hp.distortions().kind(),
                    Integer.toString(hp.epochs())));
            // Nesterov 0.9, one-cycle peak 0.1 with a quarter of warm-up, batches of 128, no shear: the same for all.
            List<String> turned = KNOBS.differences(Hyperparams.defaults(Mode.STANDARD), hp);
            assertTrue(List.of("hidden", "input-dropout", "hidden-dropout", "epochs", "degrees", "shift", "zoom",
                    "elastic-alpha").containsAll(turned), c.name() + " turns " + turned);
        }
        assertEquals(List.of(
                "no augmentation | 784-1024-1024-10 | 0 / 0.2 | none | 20",
                "heavy dropout | 784-1024-1024-10 | 0.2 / 0.5 | affine | 20",
                "affine only | 784-1024-1024-10 | 0.1 / 0.3 | affine | 20",
                "+ elastic | 784-1024-1024-10 | 0.1 / 0.3 | elastic + affine | 20",
                "lighter dropout | 784-1024-1024-10 | 0 / 0.2 | elastic + affine | 20",
                "three hidden layers | 784-1024-1024-1024-10 | 0 / 0.2 | elastic + affine | 20",
                "twice as wide | 784-2048-2048-10 | 0 / 0.2 | elastic + affine | 20",
                "lighter dropout, longer | 784-1024-1024-10 | 0 / 0.2 | elastic + affine | 75",
                "+ elastic, longer | 784-1024-1024-10 | 0.1 / 0.3 | elastic + affine | 75"), rows);
        // The standard run's recipe is one of them, so a run can be the chosen one.
        Hyperparams standard = Candidate.all(Mode.STANDARD).get(7).knobs();
        assertEquals(List.of(), KNOBS.differences(Hyperparams.defaults(Mode.STANDARD), standard));
        assertEquals(List.of(), KNOBS.differences(Hyperparams.defaults(Mode.SMOKE), Candidate.all(Mode.SMOKE).get(7).knobs()));
    }

    @Test
    void theMostValidationImagesRightWinThenTheLeastWorkThenTheFirst() {
        Selection.Scored small = scored("small", 100, 1, 0.98, 5000);
        Selection.Scored big = scored("big", 400, 1, 0.98, 5000);
        Selection.Scored better = scored("better", 400, 3, 0.9802, 5000);
        Selection.Scored twin = scored("twin", 100, 1, 0.98, 5000);
        assertEquals("better", Selection.choose(List.of(small, big, better)).name(), "one more image right wins");
        assertEquals("small", Selection.choose(List.of(big, small)).name(), "a tie goes to less work");
        assertEquals("small", Selection.choose(List.of(small, twin)).name(), "then to the first");
        assertEquals("twin", Selection.choose(List.of(twin, small)).name(), "then to the first");
    }

    // ------------------------------------------------------------------ the run's citation, on hand-made choices

    @Test
    void aStandardRunWhoseRecipeWasChosenSaysSo(@TempDir Path runs) {
        write(runs.resolve("select"), "standard", 7, 0.9922);
        String s = RecipeChoice.of(runs, Mode.STANDARD, Hyperparams.defaults(Mode.STANDARD));
        assertTrue(s.startsWith("This recipe is the one chosen on validation data: 'lighter dropout, longer', 99.22% on "
                + "5,000 held-out training images ("), s);
        assertTrue(s.endsWith("selection.md)."), s);
    }

    @Test
    void aRunWhoseRecipeWasNotChosenSaysWhereItDiffers(@TempDir Path runs) {
        write(runs.resolve("select"), "standard", 6, 0.9920);
        String standard = RecipeChoice.of(runs, Mode.STANDARD, Hyperparams.defaults(Mode.STANDARD));
        assertEquals("This recipe is not the one chosen on validation data ('twice as wide', 99.20% on 5,000 held-out "
                + "training images): it differs in hidden (1024,1024; chosen: 2048,2048) and epochs (75; chosen: 20).",
                standard);
        write(runs.resolve("select"), "standard", 7, 0.9922);
        String full = RecipeChoice.of(runs, Mode.FULL, Hyperparams.defaults(Mode.FULL));
        assertTrue(full.endsWith("it differs in hidden-dropout (0; chosen: 0.2), epochs (500; chosen: 75), zoom (0.15; "
                + "chosen: 0.1), elastic-alpha (36; chosen: 10) and elastic-sigma (6; chosen: 4)."), full);
        // A committee's size is not part of the recipe: eight of the chosen recipe are the chosen recipe.
        write(runs.resolve("select"), "standard", 7, 0.9922);
        String committee = RecipeChoice.of(runs, Mode.STANDARD, Hyperparams.defaults(Mode.STANDARD).withMembers(8));
        assertTrue(committee.startsWith("This recipe is the one chosen on validation data"), committee);
    }

    @Test
    void withoutAChoiceOfItsSizeARunGivesTheCommandThatMakesIt(@TempDir Path runs) throws IOException {
        String missing = RecipeChoice.of(runs, Mode.STANDARD, Hyperparams.defaults(Mode.STANDARD));
        assertTrue(missing.startsWith("No choice of the recipe on validation data is kept"), missing);
        assertTrue(missing.endsWith("make it with mvn -pl lessons/12-towards-99 exec:java -Dexec.args=\"--select\""), missing);

        // A smoke choice written where the standard one belongs does not count as the standard choice.
        write(runs.resolve("select"), "smoke", 7, 0.745);
        String smokeOnly = RecipeChoice.of(runs, Mode.STANDARD, Hyperparams.defaults(Mode.STANDARD));
        assertTrue(smokeOnly.contains("holds a choice among smoke-sized candidates, not standard ones"), smokeOnly);
        assertTrue(smokeOnly.endsWith("-Dexec.args=\"--select\""), smokeOnly);

        // A smoke run reads the smoke choice, and only that.
        String smoke = RecipeChoice.of(runs, Mode.SMOKE, Hyperparams.defaults(Mode.SMOKE));
        assertTrue(smoke.endsWith("-Dexec.args=\"--select --mode smoke\""), smoke);

        Files.writeString(runs.resolve("select").resolve(Selection.FILE), "{ not json");
        String broken = RecipeChoice.of(runs, Mode.STANDARD, Hyperparams.defaults(Mode.STANDARD));
        assertTrue(broken.contains("cannot be read") && broken.endsWith("-Dexec.args=\"--select\""), broken);
    }

    /** A hand-made choice: the candidates of that size, the one at {@code chosen} with that validation accuracy. */
    private static void write(Path folder, String mode, int chosen, double accuracy) {
        List<Candidate> candidates = Candidate.all(Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
        int validation = mode.equals("smoke") ? 200 : 5000;
        List<Selection.Scored> scored = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            scored.add(Selection.Scored.of(candidates.get(i), 1000, i == chosen ? accuracy : accuracy - 0.01, validation,
                    0.05, 60));
        }
        Json.write(folder.resolve(Selection.FILE), new Selection(mode, 42, mode.equals("smoke") ? 1800 : 55000, validation,
                Selection.RULE, scored, candidates.get(chosen).name(), 1800, RecipeSelection.command(Mode.STANDARD), null));
    }

    private static Selection.Scored scored(String name, long parameters, int epochs, double accuracy, int images) {
        return new Selection.Scored(name, Map.of(), "784-10", "0 / 0", "none", epochs, parameters, accuracy,
                images - (int) Math.round(accuracy * images), 0.1, 1);
    }

    /** Every file in a folder and its bytes, to tell whether anything changed. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }
}
