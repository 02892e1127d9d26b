package dev.knobs.nn.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * <p>Files are written atomically. Every way a file can be wrong gets its own message.
 */
public final class ModelFile {
    /** The file's first bytes. */
    static final byte[] MAGIC = "KNOBSMLP".getBytes(StandardCharsets.US_ASCII);
    /** The format this code writes and the newest it reads. */
    public static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;

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
            byte[] digest = sha256(body, body.length);
            byte[] all = Arrays.copyOf(body, body.length + DIGEST_BYTES);
            System.arraycopy(digest, 0, all, body.length, DIGEST_BYTES);
            AtomicFiles.write(file, all);
        } catch (IOException e) {
            throw new ModelFileException("could not serialise the model: " + e.getMessage(), e);
        }
    }

    /** Reads a network and its metadata; any problem is a {@link ModelFileException} naming the file. */
    public static Loaded load(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException("model file " + file + " does not exist: train and save a model first "
                    + "(lesson 12 writes one), or check the path");
        } catch (IOException e) {
            throw new ModelFileException("could not read model file " + file + ": " + e.getMessage(), e);
        }
        int minimum = MAGIC.length + 8 + DIGEST_BYTES;
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new ModelFileException(file + " is not a Knobs model file: it does not start with \"KNOBSMLP\"");
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
        int bodyLength = all.length - DIGEST_BYTES;
        byte[] expected = Arrays.copyOfRange(all, bodyLength, all.length);
        if (!MessageDigest.isEqual(expected, sha256(all, bodyLength))) {
            throw new ModelFileException(file + " is corrupt: its SHA-256 checksum does not match its content "
                    + "(truncated or modified after it was written); save the model again");
        }
        int headerLength = in.getInt();
        if (headerLength < 2 || headerLength > bodyLength - in.position()) {
            throw new ModelFileException(file + " has an impossible header length " + headerLength);
        }
        byte[] headerBytes = new byte[headerLength];
        in.get(headerBytes);
        Sequential model;
        Map<String, String> metadata = new LinkedHashMap<>();
        try {
            JsonObject header = JsonParser.parseString(new String(headerBytes, StandardCharsets.UTF_8)).getAsJsonObject();
            int inputWidth = header.get("inputWidth").getAsInt();
            List<Layer> layers = new ArrayList<>();
            for (JsonElement e : header.getAsJsonArray("layers")) {
                JsonObject l = e.getAsJsonObject();
                layers.add(layerOf(l.get("type").getAsString(), l.getAsJsonObject("settings")));
            }
            model = new Sequential(inputWidth, layers);
            if (header.has("metadata")) {
                for (Map.Entry<String, JsonElement> m : header.getAsJsonObject("metadata").entrySet()) {
                    metadata.put(m.getKey(), m.getValue().isJsonNull() ? null : m.getValue().getAsString());
                }
            }
        } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
            throw new ModelFileException(file + " has an unreadable header: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file + " describes a network that cannot be built: " + e.getMessage(), e);
        }
        long floats = 0;
        for (Parameter p : model.parameters()) {
            floats += p.size();
        }
        long available = (bodyLength - in.position()) / Float.BYTES;
        if (floats != available || (bodyLength - in.position()) % Float.BYTES != 0) {
            throw new ModelFileException(file + " should hold " + floats + " weights for " + model.architecture()
                    + " but holds " + available);
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
            case "dense" -> Dense.empty(settings.get("in").getAsInt(), settings.get("out").getAsInt());
            case "dropout" -> Dropout.forEvaluation(settings.get("rate").getAsFloat());
            case "leaky_relu" -> new LeakyReLU(settings.get("alpha").getAsFloat());
            case "relu", "sigmoid", "tanh" -> Activations.create(type);
            default -> throw new IllegalArgumentException("unknown layer type '" + type + "'");
        };
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
