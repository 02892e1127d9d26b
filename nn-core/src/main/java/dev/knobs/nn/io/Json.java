package dev.knobs.nn.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.DoubleFunction;

/**
 * JSON for results, histories and provenance. Numbers that were not measured ({@code NaN}) or
 * overflowed are written as {@code null}, which every JSON reader understands, and read back as
 * {@code NaN}.
 */
public final class Json {
    private static final TypeAdapter<Double> DOUBLES = finiteOrNull(Double.NaN, d -> d);
    private static final TypeAdapter<Float> FLOATS = finiteOrNull(Float.NaN, d -> (float) d);

    /** Writes a number that is not finite as {@code null} and reads {@code null} back as {@code nan}. */
    private static <T extends Number> TypeAdapter<T> finiteOrNull(T nan, DoubleFunction<T> fromDouble) {
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                if (value == null || !Double.isFinite(value.doubleValue())) {
                    out.nullValue();
                } else {
                    out.value(value);
                }
            }

            @Override
            public T read(JsonReader in) throws IOException {
                if (in.peek() == JsonToken.NULL) {
                    in.nextNull();
                    return nan;
                }
                return fromDouble.apply(in.nextDouble());
            }
        };
    }

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeNulls()
            .disableHtmlEscaping()
            .registerTypeAdapter(Double.class, DOUBLES)
            .registerTypeAdapter(double.class, DOUBLES)
            .registerTypeAdapter(Float.class, FLOATS)
            .registerTypeAdapter(float.class, FLOATS)
            .create();

    private Json() {}

    /** The configured Gson instance, for callers that need trees or custom types. */
    public static Gson gson() {
        return GSON;
    }

    /** {@code value} as a JSON tree, to be kept inside another object and read back with {@link #fromTree}. */
    public static JsonElement tree(Object value) {
        return GSON.toJsonTree(value);
    }

    /** A JSON tree read back into {@code type}. */
    public static <T> T fromTree(JsonElement tree, Class<T> type) {
        return GSON.fromJson(tree, type);
    }

    /** {@code value} as pretty-printed JSON, NaN written as {@code null}. */
    public static String toJson(Object value) {
        return GSON.toJson(value);
    }

    /** Writes {@code value} as pretty-printed JSON to {@code file}, atomically. */
    public static void write(Path file, Object value) {
        AtomicFiles.write(file, GSON.toJson(value).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@code file} as a {@code type}; a missing or malformed file gets a message naming it. */
    public static <T> T read(Path file, Type type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("no such file: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        try {
            T value = GSON.fromJson(text, type);
            if (value == null) {
                throw new JsonParseException("the file is empty");
            }
            return value;
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + " is not valid JSON of the expected shape: " + e.getMessage(), e);
        }
    }
}
