package dev.knobs.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.knobs.nn.init.HeNormal;
import dev.knobs.nn.layer.Activations;
import dev.knobs.nn.layer.Dense;
import dev.knobs.nn.layer.Dropout;
import dev.knobs.nn.layer.Layer;
import dev.knobs.nn.layer.LeakyReLU;
import dev.knobs.nn.layer.Parameter;
import dev.knobs.nn.layer.Sequential;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile model files. Whatever the bytes, {@link ModelFile#load} either returns a consistent
 * model or throws a {@link ModelFileException} with one readable line that names the file; never
 * another exception, and never a large allocation the file's own bytes do not justify.
 *
 * <p>The SHA-256 at the end covers every byte before it, so no truncation and no single changed
 * byte of a saved file can load: each must be rejected. To reach the header and size checks
 * behind the checksum, the other tests write crafted headers with a correct checksum, as an
 * attacker (or a buggy writer) would; those may load, and then the model must be consistent.
 * Every random choice comes from a fixed seed, so a failure repeats. The tests hand the bytes to
 * {@link ModelFile#read}, the part of {@code load} after the file is read, to stay fast.
 */
class ModelFileFuzzTest {
    private static final long SEED = 20_240_611L;

    @TempDir
    Path dir;
    private Path file;
    private byte[] saved;
    private JsonObject header;
    private int weightBytes;

    @BeforeEach
    void saveASmallModel() throws IOException {
        SplittableRandom rng = new SplittableRandom(SEED);
        Sequential net = Sequential.of(6, Dropout.forEvaluation(0.2f), new Dense(6, 4, new HeNormal(), rng),
                new LeakyReLU(0.1f), new Dense(4, 3, new HeNormal(), rng), Activations.create("tanh"),
                new Dense(3, 2, new HeNormal(), rng));
        file = dir.resolve("fuzz.knobs");
        ModelFile.save(net, Map.of("seed", "7"), file);
        saved = Files.readAllBytes(file);
        int headerLength = ByteBuffer.wrap(saved, ModelFile.MAGIC.length + 4, 4).getInt();
        int headerStart = ModelFile.MAGIC.length + 8;
        header = JsonParser.parseString(new String(saved, headerStart, headerLength, StandardCharsets.UTF_8))
                .getAsJsonObject();
        weightBytes = saved.length - 32 - headerStart - headerLength;
        assertEquals(4 * net.parameterCount(), weightBytes);
    }

    @Test
    void everyTruncationIsRejected() {
        for (int length = 0; length < saved.length; length++) {
            int n = length;
            assertNull(attempt(Arrays.copyOf(saved, length), () -> "the first " + n + " bytes"));
        }
    }

    @Test
    void everySingleChangedByteIsRejected() {
        for (int position = 0; position < saved.length; position++) {
            for (int mask : new int[] {0x01, 0x10, 0x80, 0xff}) {
                int p = position;
                byte[] bytes = saved.clone();
                bytes[position] ^= (byte) mask;
                assertNull(attempt(bytes, () -> "byte " + p + " xor " + mask));
            }
        }
    }

    @Test
    void randomHeadersWithACorrectChecksumLoadConsistentlyOrAreRejected() {
        SplittableRandom rng = new SplittableRandom(SEED);
        int loadedCount = 0;
        for (int i = 0; i < 2_000; i++) {
            JsonObject h = header.deepCopy();
            for (int m = 1 + rng.nextInt(3); m > 0; m--) {
                mutate(h, rng);
            }
            long floats = switch (rng.nextInt(4)) {
                case 0 -> weightBytes / 4;
                case 1 -> rng.nextInt(200);
                case 2 -> naiveWeightCount(h, false);
                default -> naiveWeightCount(h, true);
            };
            int count = (int) Math.max(0, Math.min(floats, 1 << 16));
            loadedCount += check(attempt(file(h.toString(), count), () -> "header " + h + " with " + count + " weights"), count);
        }
        assertTrue(loadedCount > 100, "too few random headers loaded (" + loadedCount + "): the fuzzer is too rough");
    }

    private static final String SYNTAX = "{}[]\",:-019e.";

    @Test
    void randomBytesInTheHeaderWithACorrectChecksumLoadConsistentlyOrAreRejected() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        byte[] text = header.toString().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 2_000; i++) {
            byte[] h = text.clone();
            for (int m = 1 + rng.nextInt(4); m > 0; m--) {
                h[rng.nextInt(h.length)] = (byte) (rng.nextBoolean() ? rng.nextInt(256) : SYNTAX.charAt(rng.nextInt(SYNTAX.length())));
            }
            int count = rng.nextBoolean() ? weightBytes / 4 : rng.nextInt(100);
            check(attempt(file(h, count), () -> "header " + new String(h, StandardCharsets.UTF_8)), count);
        }
    }

    @Test
    void hugeAndNonsensicalDeclaredSizesAreRejectedWithoutAllocating() {
        String[] hostile = {
            // sizes whose product overflows an int (65537 * 65536 wraps to 65536, 46341 squared to a negative)
            "{'inputWidth':65536,'layers':[{'type':'dense','settings':{'in':65536,'out':65537}}]}",
            "{'inputWidth':46341,'layers':[{'type':'dense','settings':{'in':46341,'out':46341}}]}",
            "{'inputWidth':2147483647,'layers':[{'type':'dense','settings':{'in':2147483647,'out':2147483647}}]}",
            "{'inputWidth':100000,'layers':[{'type':'dense','settings':{'in':100000,'out':100000}}]}",
            "{'inputWidth':4,'layers':[{'type':'dense','settings':{'in':4,'out':1000000000}}]}",
            // numbers that are not sizes, and sizes that do not chain
            "{'inputWidth':4294967297,'layers':[{'type':'dense','settings':{'in':1,'out':2}}]}",
            "{'inputWidth':1.5,'layers':[{'type':'dense','settings':{'in':1,'out':2}}]}",
            "{'inputWidth':-4,'layers':[{'type':'dense','settings':{'in':-4,'out':2}}]}",
            "{'inputWidth':0,'layers':[{'type':'dense','settings':{'in':0,'out':2}}]}",
            "{'inputWidth':4,'layers':[{'type':'dense','settings':{'in':4,'out':-1}}]}",
            "{'inputWidth':4,'layers':[{'type':'dense','settings':{'in':4,'out':1e999999999}}]}",
            "{'inputWidth':4,'layers':[{'type':'dense','settings':{'in':3,'out':2}}]}",
            "{'inputWidth':4,'layers':[{'type':'dense','settings':{'in':4,'out':2}},{'type':'dense','settings':{'in':3,'out':2}}]}",
            // wrong types and unknown layers
            "{'inputWidth':'4','layers':[{'type':'dense','settings':{'in':4,'out':2}}]}",
            "{'inputWidth':[4],'layers':[{'type':'dense','settings':{'in':4,'out':2}}]}",
            "{'inputWidth':4,'layers':[{'type':'dense','settings':{'in':[4],'out':2}}]}",
            "{'inputWidth':4,'layers':[{'type':['dense'],'settings':{'in':4,'out':2}}]}",
            "{'inputWidth':4,'layers':[{'type':'conv2d','settings':{'in':4,'out':2}}]}",
            "{'inputWidth':4,'layers':[{'type':'dropout','settings':{'rate':'half'}}]}",
            "{'inputWidth':4,'layers':[{'type':'dropout','settings':{'rate':NaN}}]}",
            "{'inputWidth':4,'layers':[{'type':'leaky_relu','settings':{'alpha':1e40}}]}",
            "{'inputWidth':4,'layers':{'type':'relu','settings':{}}}",
            "{'inputWidth':4,'layers':[]}",
            "{'inputWidth':4,'layers':[null]}",
            "{'inputWidth':4,'layers':[{'type':'relu'}]}",
            "{'inputWidth':4,'layers':[{'type':'relu','settings':{}}],'metadata':{'seed':{'a':1}}}",
            "{'inputWidth':4,'layers':[{'type':'relu','settings':{}}],'metadata':[1]}",
            "[4]", "4", "null", "{}", "{'inputWidth':4,'layers':[" + "[".repeat(5_000) + "]",
        };
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String h : hostile) {
            String json = h.replace('\'', '"');
            for (int floats : new int[] {0, 10, 65536 + 65537, 131_072}) {
                long before = threads.getCurrentThreadAllocatedBytes();
                assertNull(attempt(file(json, floats), () -> "header " + json + " with " + floats + " weights"));
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                assertTrue(allocated < 16 << 20, "loading " + json + " allocated " + allocated + " bytes");
            }
        }
    }

    /** Loads {@code bytes}; null for a well-formed {@link ModelFileException}, any other outcome fails. */
    private ModelFile.Loaded attempt(byte[] bytes, Supplier<String> what) {
        try {
            return ModelFile.read(file, bytes);
        } catch (ModelFileException e) {
            String message = e.getMessage();
            assertTrue(message.contains(file.toString()), what.get() + ": the message does not name the file: " + message);
            assertTrue(!message.contains("\n") && message.length() < 400, what.get() + ": not one short line: " + message);
            return null;
        } catch (Throwable t) {
            return fail(what.get() + ": " + t, t);
        }
    }

    /** A model that loaded must hold exactly the file's weights, in shapes that multiply out. */
    private static int check(ModelFile.Loaded loaded, int floats) {
        if (loaded == null) {
            return 0;
        }
        Sequential model = loaded.model();
        long total = 0;
        for (Parameter p : model.parameters()) {
            assertEquals((long) p.rows() * p.cols(), p.value().length, p.name() + " of " + model);
            total += p.size();
        }
        assertEquals(floats, total, "weights of " + model);
        int width = model.inputWidth();
        for (Layer layer : model.layers()) {
            if (layer instanceof Dense d) {
                assertEquals(width, d.in(), "widths of " + model);
                width = d.out();
            }
        }
        float[] out = model.forward(new float[model.inputWidth()], 1, false);
        assertEquals(model.outputWidth(), out.length);
        loaded.metadata().values().forEach(v -> assertTrue(v == null || v instanceof String));
        return 1;
    }

    private static final JsonElement[] VALUES = {
        new JsonPrimitive(-1), new JsonPrimitive(0), new JsonPrimitive(1), new JsonPrimitive(2), new JsonPrimitive(3),
        new JsonPrimitive(4), new JsonPrimitive(6), new JsonPrimitive(65536), new JsonPrimitive(65537),
        new JsonPrimitive(46341), new JsonPrimitive(Integer.MAX_VALUE), new JsonPrimitive(1L << 31),
        new JsonPrimitive((1L << 32) + 3), new JsonPrimitive(Integer.MIN_VALUE), new JsonPrimitive(0.5),
        new JsonPrimitive(1.5), new JsonPrimitive(1e300), new JsonPrimitive(-0.0), new JsonPrimitive("4"),
        new JsonPrimitive("dense"), new JsonPrimitive("relu"), new JsonPrimitive("dropout"), new JsonPrimitive("lstm"),
        new JsonPrimitive(""), new JsonPrimitive(true), JsonNull.INSTANCE, new JsonArray(), new JsonObject(),
        JsonParser.parseString("[4]"), JsonParser.parseString("{\"in\":4,\"out\":2}"),
        JsonParser.parseString("{\"type\":\"dense\",\"settings\":{\"in\":2,\"out\":3}}"),
        JsonParser.parseString("{\"type\":\"sigmoid\",\"settings\":{}}"),
    };

    /** Replaces, removes or inserts one random node of {@code root}. */
    private static void mutate(JsonObject root, SplittableRandom rng) {
        List<JsonElement> containers = new ArrayList<>();
        collect(root, containers);
        JsonElement target = containers.get(rng.nextInt(containers.size()));
        JsonElement value = VALUES[rng.nextInt(VALUES.length)].deepCopy();
        if (target instanceof JsonObject o) {
            List<String> keys = new ArrayList<>(o.keySet());
            String key = keys.isEmpty() || rng.nextInt(8) == 0 ? "extra" : keys.get(rng.nextInt(keys.size()));
            if (rng.nextInt(5) == 0) {
                o.remove(key);
            } else {
                o.add(key, value);
            }
        } else if (target instanceof JsonArray a && !a.isEmpty()) {
            int index = rng.nextInt(a.size());
            switch (rng.nextInt(3)) {
                case 0 -> a.remove(index);
                case 1 -> a.add(a.get(index).deepCopy());
                default -> a.set(index, value);
            }
        }
    }

    private static void collect(JsonElement e, List<JsonElement> containers) {
        if (e.isJsonObject()) {
            containers.add(e);
            e.getAsJsonObject().entrySet().forEach(m -> collect(m.getValue(), containers));
        } else if (e.isJsonArray()) {
            containers.add(e);
            e.getAsJsonArray().forEach(x -> collect(x, containers));
        }
    }

    /** The weights a header's dense layers would need by a careless reading, optionally in wrapping int arithmetic. */
    private static long naiveWeightCount(JsonObject h, boolean wrapping) {
        long total = 0;
        try {
            for (JsonElement l : h.getAsJsonArray("layers")) {
                JsonObject s = l.getAsJsonObject().getAsJsonObject("settings");
                if ("dense".equals(l.getAsJsonObject().get("type").getAsString())) {
                    int in = s.get("in").getAsInt();
                    int out = s.get("out").getAsInt();
                    total += wrapping ? out * in + out : (long) out * in + out;
                }
            }
        } catch (RuntimeException e) {
            return 0;
        }
        return total;
    }

    private static byte[] file(String header, int floats) {
        return file(header.getBytes(StandardCharsets.UTF_8), floats);
    }

    /** A model file around {@code header} and {@code floats} weights, with a correct length and checksum. */
    private static byte[] file(byte[] header, int floats) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(ModelFile.MAGIC);
            out.writeInt(ModelFile.VERSION);
            out.writeInt(header.length);
            out.write(header);
            for (int i = 0; i < floats; i++) {
                out.writeFloat((i % 7) / 8f - 0.25f);
            }
            byte[] body = bytes.toByteArray();
            out.write(MessageDigest.getInstance("SHA-256").digest(body));
            return bytes.toByteArray();
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
