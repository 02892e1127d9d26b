package dev.knobs.nn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Saving and loading a trained network: its architecture, its weights and free-form metadata
 * (how inputs were scaled, the seed, the accuracy) in one file.
 *
 * <pre>
 *   8 bytes   "KNOBSMLP"                     magic: is this a Knobs model at all?
 *   int       format version (1)             can this version read it?
 *   int       header length H
 *   H bytes   header, UTF-8 JSON             {"inputWidth":784,"layers":[{"type":"dense","settings":{...}},...],"metadata":{...}}
 *   floats    every parameter, in order      big-endian float32, W then b of each Dense layer
 *   32 bytes  SHA-256 of all bytes above     was it truncated or changed?
 * </pre>
 *
 * <p>Files are written atomically. Every way a file can be wrong gets its own message, as a
 * {@link ModelFileException}: the reader trusts nothing in a file, not even one whose checksum is
 * right (anyone can compute a SHA-256). Before it allocates a layer it checks that every size is a
 * whole number from 1 to 2<sup>31</sup>-1, that the widths chain, and that the weights the header
 * describes, counted in {@code long}, are exactly the bytes present; so a file can never make it
 * allocate more than a few times its own length.
 */
public final class ModelFile {
    /** The file's first bytes. */
    static final byte[] MAGIC = "KNOBSMLP".getBytes(StandardCharsets.US_ASCII);
    /** The format this code writes and the newest it reads. */
    public static final int VERSION = 1;
    /** The largest file {@link #save} can write: one Java array. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private ModelFile() {}

    /** A network read from a file, with the metadata saved beside it. */
    public record Loaded(Sequential model, Map<String, String> metadata) {}

    /** Writes {@code model} and {@code metadata} to {@code file}, atomically. */
    public static void save(Sequential model, Map<String, String> metadata, Path file) {
        JsonObject header = new JsonObject();
        header.addProperty("inputWidth", model.inputWidth());
        JsonArray layers = new JsonArray();
        for (Layer layer : model.layers()) {
            JsonObject l = new JsonObject();
            l.addProperty("type", layer.type());
            l.add("settings", Json.gson().toJsonTree(layer.settings()));
            layers.add(l);
        }
        header.add("layers", layers);
        header.add("metadata", Json.gson().toJsonTree(new LinkedHashMap<>(metadata)));
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.UTF_8);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(headerBytes.length);
            out.write(headerBytes);
            for (Parameter p : model.parameters()) {
                ByteBuffer buf = ByteBuffer.allocate(p.size() * Float.BYTES);
                buf.asFloatBuffer().put(p.value());
                out.write(buf.array());
            }
            out.flush();
            byte[] body = bytes.toByteArray();
            byte[] digest = Sha256.of(body, body.length);
            byte[] all = Arrays.copyOf(body, body.length + Sha256.BYTES);
            System.arraycopy(digest, 0, all, body.length, Sha256.BYTES);
            AtomicFiles.write(file, all);
        } catch (IOException e) {
            throw new ModelFileException("could not serialise the model: " + e.getMessage(), e);
        }
    }

    /** Reads a network and its metadata; any problem is a {@link ModelFileException} naming the file. */
    public static Loaded load(Path file) {
        byte[] all;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ModelFileException(file + " has " + Files.size(file) + " bytes, more than any model file (at most "
                        + MAX_BYTES + "): it is not a Knobs model; check the path");
            }
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file " + file + " does not exist: train and save a model first "
                    + "(lesson 12 writes one), or check the path");
        } catch (IOException e) {
            throw new ModelFileException("could not read model file " + file + ": " + e.getMessage(), e);
        }
        return read(file, all);
    }

    /** {@link #load} of bytes already read from {@code file} (named in messages only). */
    static Loaded read(Path file, byte[] all) {
        int minimum = MAGIC.length + 8 + Sha256.BYTES;
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new ModelFileException(file + " is not a Knobs model file: it does not start with \"KNOBSMLP\"; check the path");
        }
        if (all.length < minimum) {
            throw new ModelFileException(file + " is truncated: " + all.length + " bytes, shorter than any model file ("
                    + minimum + "); save the model again");
        }
        ByteBuffer in = ByteBuffer.wrap(all);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version < 1 || version > VERSION) {
            throw new ModelFileException(file + " uses model format " + version + " but this version of Knobs reads format "
                    + VERSION + (version > VERSION ? "; it was written by a newer Knobs" : "; the file is damaged"));
        }
        int bodyLength = all.length - Sha256.BYTES;
        if (!Sha256.endsWithItsChecksum(all)) {
            throw new ModelFileException(file + " is corrupt: its SHA-256 checksum does not match its content "
                    + "(truncated or modified after it was written); save the model again");
        }
        int headerLength = in.getInt();
        if (headerLength < 2 || headerLength > bodyLength - in.position()) {
            throw new ModelFileException(file + " has an impossible header length " + headerLength + "; save the model again");
        }
        String headerText = new String(all, in.position(), headerLength, StandardCharsets.UTF_8);
        in.position(in.position() + headerLength);
        long weightBytes = bodyLength - in.position();
        Sequential model;
        Map<String, String> metadata = new LinkedHashMap<>();
        String at = "the header";   // where a problem is, for the message
        try {
            JsonObject header = object(JsonParser.parseString(headerText), "it");
            int inputWidth = positive(header, "inputWidth");
            if (!(header.get("layers") instanceof JsonArray list)) {
                throw new IllegalArgumentException("'layers' should be a list, found " + shown(header.get("layers")));
            }
            // Check every size against the bytes present before allocating anything: a header can claim anything.
            List<Supplier<Layer>> layers = new ArrayList<>();
            int width = inputWidth;
            long floats = 0;
            for (int i = 0; i < list.size(); i++) {
                at = "layer " + (i + 1);
                JsonObject l = object(list.get(i), "the layer");
                JsonObject settings = object(l.get("settings"), "'settings'");
                if (!(l.get("type") instanceof JsonPrimitive t && t.isString())) {
                    throw new IllegalArgumentException("'type' should be a layer name, found " + shown(l.get("type")));
                }
                if (t.getAsString().equals("dense")) {
                    int from = positive(settings, "in");
                    int to = positive(settings, "out");
                    if (from != width) {
                        throw new IllegalArgumentException("a dense layer with " + from + " inputs, but the layer before it gives "
                                + width);
                    }
                    floats += Math.multiplyExact(from + 1L, to);   // W [to, from] and b [to]; at most 2^62
                    if (floats > weightBytes / Float.BYTES) {
                        throw new ModelFileException(file + " is inconsistent: its layers up to " + at + " need " + floats
                                + " weights but it holds only " + weightBytes / Float.BYTES + "; save the model again");
                    }
                    width = to;
                    layers.add(() -> Dense.empty(from, to));
                } else {
                    Layer layer = layerOf(t.getAsString(), settings);
                    layers.add(() -> layer);
                }
            }
            if (floats * Float.BYTES != weightBytes) {
                throw new ModelFileException(file + " is inconsistent: its layers need " + floats + " weights ("
                        + floats * Float.BYTES + " bytes) but it holds " + weightBytes + " bytes of weights; save the model again");
            }
            at = "the network";
            model = new Sequential(inputWidth, layers.stream().map(Supplier::get).toList());
            at = "the metadata";
            JsonObject meta = header.has("metadata") ? object(header.get("metadata"), "'metadata'") : new JsonObject();
            for (Map.Entry<String, JsonElement> m : meta.entrySet()) {
                if (!m.getValue().isJsonNull() && !m.getValue().isJsonPrimitive()) {
                    throw new IllegalArgumentException("'" + m.getKey() + "' should be text, found " + shown(m.getValue()));
                }
                metadata.put(m.getKey(), m.getValue().isJsonNull() ? null : m.getValue().getAsString());
            }
        } catch (JsonParseException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceFirst("^[\\w.]+Exception: ", "");
            throw new ModelFileException(file + " has an unreadable header (" + brief(why, 100) + "); save the model again", e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ModelFileException(file + " describes a network that cannot be built: " + at + ": " + e.getMessage()
                    + "; save the model again", e);
        }
        for (Parameter p : model.parameters()) {
            in.asFloatBuffer().get(p.value());
            in.position(in.position() + p.size() * Float.BYTES);
        }
        return new Loaded(model, metadata);
    }

    /**
     * Loads the weights of {@code file} into {@code target}, which must have the same layers.
     * For continuing training in a network built by code.
     */
    public static Map<String, String> loadInto(Path file, Sequential target) {
        Loaded loaded = load(file);
        List<Layer> a = loaded.model().layers();
        List<Layer> b = target.layers();
        boolean same = a.size() == b.size() && loaded.model().inputWidth() == target.inputWidth();
        for (int i = 0; same && i < a.size(); i++) {
            same = a.get(i).type().equals(b.get(i).type()) && a.get(i).settings().equals(b.get(i).settings());
        }
        if (!same) {
            throw new ModelFileException(file + " holds a " + loaded.model().architecture() + " network " + a
                    + " but the target network is " + target.architecture() + " " + b);
        }
        List<Parameter> from = loaded.model().parameters();
        List<Parameter> to = target.parameters();
        for (int i = 0; i < from.size(); i++) {
            System.arraycopy(from.get(i).value(), 0, to.get(i).value(), 0, from.get(i).size());
        }
        return loaded.metadata();
    }

    private static Layer layerOf(String type, JsonObject settings) {
        return switch (type) {
            case "dropout" -> Dropout.forEvaluation(number(settings, "rate").getAsFloat());
            case "leaky_relu" -> new LeakyReLU(number(settings, "alpha").getAsFloat());
            case "relu", "sigmoid", "tanh" -> Activations.create(type);
            default -> throw new IllegalArgumentException("unknown layer type " + shown(new JsonPrimitive(type))
                    + " (this version knows dense, dropout, leaky_relu, relu, sigmoid, tanh)");
        };
    }

    private static JsonObject object(JsonElement e, String what) {
        if (e == null || !e.isJsonObject()) {
            throw new IllegalArgumentException(what + " should be a JSON object, found " + shown(e));
        }
        return e.getAsJsonObject();
    }

    private static JsonPrimitive number(JsonObject o, String key) {
        if (!(o.get(key) instanceof JsonPrimitive p && p.isNumber())) {
            throw new IllegalArgumentException("'" + key + "' should be a number, found " + shown(o.get(key)));
        }
        return p;
    }

    /** A size: a whole number from 1 to 2^31 - 1, exactly as written (never rounded, never wrapped). */
    private static int positive(JsonObject o, String key) {
        try {
            int n = number(o, key).getAsBigDecimal().intValueExact();
            if (n >= 1) {
                return n;
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // not a whole number in int range: said below
        }
        throw new IllegalArgumentException("'" + key + "' should be a whole number from 1 to " + Integer.MAX_VALUE
                + ", found " + shown(o.get(key)));
    }

    /** A piece of the header for a message: on one line (JSON escapes line breaks), at most 40 characters. */
    private static String shown(JsonElement e) {
        return brief(String.valueOf(e), 40);
    }

    private static String brief(String s, int max) {
        return s.length() > max ? s.substring(0, max - 3) + "..." : s;
    }
}
