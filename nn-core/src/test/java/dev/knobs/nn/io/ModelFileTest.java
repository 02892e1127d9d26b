package dev.knobs.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Mlp;
import dev.knobs.nn.layer.Sequential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    @TempDir
    Path dir;

    private static Sequential net(long seed) {
        return new Mlp(new int[] {12, 8, 6, 3}, "leaky_relu", 0.1f, new float[] {0.3f}, new HeNormal())
                .build(new SplittableRandom(seed));
    }

    @Test
    void roundTripKeepsArchitectureWeightsMetadataAndOutputs() throws IOException {
        Sequential original = net(1);
        Path file = dir.resolve("model.knobs");
        ModelFile.save(original, Map.of("seed", "1", "scaling", "x/255"), file);
        ModelFile.Loaded loaded = ModelFile.load(file);
        assertEquals(original.layers().toString(), loaded.model().layers().toString());
        assertEquals(Map.of("seed", "1", "scaling", "x/255"), loaded.metadata());
        for (int i = 0; i < original.parameters().size(); i++) {
            assertArrayEquals(original.parameters().get(i).value(), loaded.model().parameters().get(i).value());
        }
        float[] x = new float[2 * 12];
        Arrays.fill(x, 0.5f);
        assertArrayEquals(original.forward(x, 2, false).clone(), loaded.model().forward(x, 2, false));
        assertEquals(0, Files.list(dir).filter(p -> p.toString().endsWith(".tmp")).count());
    }

    /**
     * format-1.knobs was written by the first version of the format: 5-4-3-2 with every kind of
     * layer, weight k equal to ±k/8 (+ for even k), and three metadata entries. It must keep loading.
     */
    @Test
    void aFileOfFormatOneStillLoadsIdentically() throws Exception {
        Path file = Path.of(ModelFileTest.class.getResource("format-1.knobs").toURI());
        ModelFile.Loaded loaded = ModelFile.load(file);
        assertEquals("[Dropout(0.2), Dense(5 -> 4), LeakyReLU(0.1), Dropout(0.5), Dense(4 -> 3), Tanh, Dense(3 -> 2), "
                + "ReLU, Sigmoid]", loaded.model().layers().toString());
        assertEquals("{seed=7, scaling=x/255, note=written by format 1}", loaded.metadata().toString());
        int k = 0;
        for (var p : loaded.model().parameters()) {
            for (float w : p.value()) {
                assertEquals((k % 2 == 0 ? 1 : -1) * k / 8f, w, "weight " + k);
                k++;
            }
        }
        assertEquals(47, k);
    }

    @Test
    void aFlippedByteIsReportedAsCorrupt() throws IOException {
        Path file = dir.resolve("m.knobs");
        ModelFile.save(net(2), Map.of(), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 1;
        Files.write(file, bytes);
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.load(file));
        assertTrue(e.getMessage().contains("corrupt") && e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void truncatedWrongMagicNewerVersionAndMissingFilesEachSaySo() throws IOException {
        Path file = dir.resolve("m.knobs");
        ModelFile.save(net(3), Map.of(), file);
        byte[] bytes = Files.readAllBytes(file);

        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage().contains("corrupt"));

        Files.write(file, Arrays.copyOf(bytes, 20));
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage().contains("truncated"));

        Files.writeString(file, "{\"not\": \"a model\"}");
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage().contains("not a Knobs model"));

        byte[] newer = bytes.clone();
        newer[ModelFile.MAGIC.length + 3] = 9;
        Files.write(file, newer);
        assertTrue(assertThrows(ModelFileException.class, () -> ModelFile.load(file)).getMessage().contains("newer Knobs"));

        ModelFileException missing = assertThrows(ModelFileException.class, () -> ModelFile.load(dir.resolve("none.knobs")));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }

    @Test
    void loadingIntoADifferentArchitectureIsRefused() {
        Path file = dir.resolve("m.knobs");
        ModelFile.save(net(4), Map.of(), file);
        Sequential other = Mlp.relu(new HeNormal(), 12, 9, 3).build(new SplittableRandom(4));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelFile.loadInto(file, other));
        assertTrue(e.getMessage().contains("12-8-6-3") && e.getMessage().contains("12-9-3"), e.getMessage());
        Sequential same = net(99);
        ModelFile.loadInto(file, same);
        assertArrayEquals(net(4).parameters().get(0).value(), same.parameters().get(0).value());
    }
}
