package dev.knobs.lessons.common;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The knobs of one lesson: the components of its {@code Hyperparams} record, each matched to the
 * course's knob of the same name ({@code hiddenDropout} is {@code --hidden-dropout}).
 *
 * <pre>
 *   KnobSet&lt;Hyperparams&gt; knobs = KnobSet.of(Hyperparams.class);
 *   Hyperparams hp = knobs.apply(defaults, Map.of("hidden-dropout", "0.5"));   // the defaults, one knob turned
 *   knobs.values(hp)                                                         // {hidden=256,256, ..., hidden-dropout=0.5}
 * </pre>
 *
 * @param <H> the lesson's {@code Hyperparams} record
 */
public final class KnobSet<H extends Record> {
    /** One record component and the knob it is. */
    public record Entry(String name, Knob knob, RecordComponent component) {}

    private final Class<H> type;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private KnobSet(Class<H> type) {
        this.type = type;
        for (RecordComponent c : type.getRecordComponents()) {
            String name = kebab(c.getName());
            Knob knob = KnobCatalog.find(name).orElseThrow(() -> new IllegalStateException(type.getName() + "."
                    + c.getName() + " is not a knob of the course: add '" + name + "' to KnobCatalog or rename it"));
            entries.put(name, new Entry(name, knob, c));
        }
    }

    /** The knobs of a {@code Hyperparams} record type; every component must be a knob of {@link KnobCatalog}. */
    public static <H extends Record> KnobSet<H> of(Class<H> type) {
        return new KnobSet<>(type);
    }

    /** The knobs, in the record's order. */
    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** The knob names, in the record's order. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /**
     * {@code defaults} with the given knobs turned: each value parsed as its component's type and
     * checked against its knob.
     *
     * @param given knob name to text, e.g. {@code hidden -> "512,512"}
     * @throws UsageException for an unknown knob (naming the closest ones) or a bad value
     */
    public H apply(H defaults, Map<String, String> given) {
        Object[] values = new Object[entries.size()];
        int i = 0;
        for (Entry e : entries.values()) {
            values[i++] = read(e.component(), defaults);
        }
        for (Map.Entry<String, String> g : given.entrySet()) {
            Entry e = entries.get(g.getKey());
            if (e == null) {
                throw unknown(g.getKey());
            }
            values[names().indexOf(g.getKey())] = e.knob().parse(g.getValue(), e.component().getType());
        }
        try {
            Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            Constructor<H> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName() + ": " + e, e);
        }
    }

    /** Every knob's value in {@code hp}, as text a knob file or flag takes back. */
    public Map<String, String> values(H hp) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            out.put(e.name(), Knob.format(read(e.component(), hp)));
        }
        return out;
    }

    /** The knobs whose values differ between {@code a} and {@code b}, by name. */
    public List<String> differences(H a, H b) {
        List<String> names = new ArrayList<>();
        for (Entry e : entries.values()) {
            if (!Objects.deepEquals(read(e.component(), a), read(e.component(), b))) {
                names.add(e.name());
            }
        }
        return names;
    }

    /** An unknown knob, with the closest known names suggested. */
    public UsageException unknown(String name) {
        List<String> near = KnobCatalog.closest(name, names());
        return new UsageException("unknown knob '" + name + "'" + (near.isEmpty() ? "" : "; did you mean "
                + String.join(" or ", near.stream().limit(2).map(n -> "'" + n + "'").toList()) + "?")
                + " Run with --help to see this lesson's knobs.");
    }

    /** {@code hiddenDropout -> hidden-dropout}. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            var accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + ": " + e, e);
        }
    }
}
