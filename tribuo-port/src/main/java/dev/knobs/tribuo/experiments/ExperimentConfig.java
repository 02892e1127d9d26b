package dev.knobs.tribuo.experiments;

import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.config.io.ConfigLoaderException;
import com.oracle.labs.mlrg.olcut.config.property.Property;
import com.oracle.labs.mlrg.olcut.config.property.SimpleProperty;
import dev.knobs.data.Mnist;
import dev.knobs.tribuo.mlp.MlpTrainer;
import dev.knobs.tribuo.transform.HoldOutTransformTrainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;

/**
 * One experiment's OLCUT configuration file: every knob of every run, as Tribuo reads it.
 *
 * <p>The files live in {@code src/main/resources/dev/knobs/tribuo/configs/NAME.xml}. They name
 * the MNIST files as {@code ${knobs.data}/train-images-idx3-ubyte}; {@link #load} gives that
 * OLCUT global property the folder to read (the verified MNIST cache unless told otherwise) in
 * this configuration only: nothing else in the JVM changes.
 *
 * <p>Every failure (a missing or misspelt property, a value out of range, a component that does
 * not exist) becomes an {@link IllegalArgumentException} whose message names the file, the
 * component and the property.
 */
public final class ExperimentConfig {
    private static final Pattern OLCUT_MESSAGE = Pattern.compile("(?s)(?:Component: ([^,]+), )?(?:Property: ([^,]+), )?(.*)");
    private static final Pattern COMPONENT_NAME = Pattern.compile("<component\\s+name=\"([^\"]+)\"");

    /** Where the configuration files live on the class path. */
    public static final String FOLDER = "/dev/knobs/tribuo/configs/";

    private final String file;
    private final String text;
    private final ConfigurationManager cm;

    private ExperimentConfig(String file, String text, ConfigurationManager cm) {
        this.file = file;
        this.text = text;
        this.cm = cm;
    }

    /** Loads {@code configs/NAME.xml} from the class path, reading MNIST from the verified cache. */
    public static ExperimentConfig load(String name) {
        return load(name, Mnist.fetch());
    }

    /** Loads {@code configs/NAME.xml} from the class path, reading the four IDX files from {@code mnistDir}. */
    public static ExperimentConfig load(String name, Path mnistDir) {
        String file = name + ".xml";
        URL url = ExperimentConfig.class.getResource(FOLDER + file);
        if (url == null) {
            throw new IllegalArgumentException("no configuration file " + file + " in " + FOLDER);
        }
        return load(url, file, mnistDir);
    }

    /** Loads a configuration file from any URL (a file on disk: {@code path.toUri().toURL()}), MNIST from the cache. */
    public static ExperimentConfig load(URL url, String file) {
        return load(url, file, Mnist.fetch());
    }

    /**
     * Loads a configuration file from any URL, with {@code ${knobs.data}} standing for
     * {@code mnistDir}.
     */
    public static ExperimentConfig load(URL url, String file, Path mnistDir) {
        String text;
        try (InputStream in = url.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read configuration " + file + ": " + e.getMessage(), e);
        }
        checkUniqueNames(file, text);
        try {
            ConfigurationManager cm = new ConfigurationManager(url);
            cm.setGlobalProperty(Mnist.DIR_PROPERTY, mnistDir.toAbsolutePath().toString());
            return new ExperimentConfig(file, text, cm);
        } catch (PropertyException | ConfigLoaderException e) {
            throw new IllegalArgumentException("configuration " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Rejects a component name defined twice: OLCUT keeps the last definition silently, so a
     * reference meant for the first one would quietly get the second.
     */
    static void checkUniqueNames(String file, String text) {
        Matcher m = COMPONENT_NAME.matcher(text.replaceAll("(?s)<!--.*?-->", ""));
        Set<String> seen = new HashSet<>();
        while (m.find()) {
            if (!seen.add(m.group(1))) {
                throw new IllegalArgumentException("configuration " + file + " defines the component '" + m.group(1)
                        + "' twice; give every component its own name");
            }
        }
    }

    /** The file name, e.g. {@code dropout.xml}. */
    public String file() {
        return file;
    }

    /** The file's text, to be copied next to the results. */
    public String text() {
        return text;
    }

    /** The OLCUT configuration manager behind this file. */
    public ConfigurationManager manager() {
        return cm;
    }

    /**
     * Looks up a component and checks its type.
     *
     * @throws IllegalArgumentException naming the file, component and property if it cannot be built
     */
    public <T> T lookup(String component, Class<T> type) {
        if (!cm.getComponentNames().contains(component)) {
            throw new IllegalArgumentException("configuration " + file + " has no component named '" + component
                    + "'; it has " + new TreeSet<>(cm.getComponentNames()));
        }
        Object o;
        try {
            o = cm.lookup(component);
        } catch (PropertyException e) {
            throw new IllegalArgumentException("configuration " + file + ", component '" + component + "': " + describe(component, e), e);
        } catch (IllegalArgumentException | IllegalStateException | ConfigLoaderException e) {
            throw new IllegalArgumentException("configuration " + file + ", component '" + component + "': "
                    + e.getMessage(), e);
        } catch (StackOverflowError e) {
            throw new IllegalArgumentException("configuration " + file + ", component '" + component + "': its properties "
                    + "refer back to it through other components (a cycle); check which names each property points to");
        }
        if (o == null) {
            throw new IllegalArgumentException("configuration " + file + " has no component named '" + component
                    + "'; it has " + new TreeSet<>(cm.getComponentNames()));
        }
        if (!type.isInstance(o)) {
            throw new IllegalArgumentException("configuration " + file + ": component '" + component + "' is a "
                    + o.getClass().getSimpleName() + ", expected a " + type.getSimpleName());
        }
        return type.cast(o);
    }

    /** A trainer of labels, e.g. a {@code TransformTrainer} around an {@link MlpTrainer}. */
    @SuppressWarnings("unchecked")
    public Trainer<Label> trainer(String component) {
        return lookup(component, Trainer.class);
    }

    /** The experiment's list of runs ({@code <component name="sweep">}). */
    public Sweep sweep() {
        return lookup("sweep", Sweep.class);
    }

    /** Another list of runs in the same file, e.g. {@code <component name="optimisers">}. */
    public Sweep sweep(String component) {
        return lookup(component, Sweep.class);
    }

    /**
     * The MLP trainer inside {@code component}: the component itself, or the {@code innerTrainer}
     * of a {@code TransformTrainer} or {@link HoldOutTransformTrainer}, followed as far as needed.
     * Empty if there is none.
     */
    public Optional<MlpTrainer> mlpInside(String component) {
        String name = component;
        for (int depth = 0; depth < 8 && name != null; depth++) {
            Optional<ConfigurationData> data = cm.getConfigurationData(name);
            if (data.isEmpty()) {
                return Optional.empty();
            }
            if (data.get().getClassName().equals(MlpTrainer.class.getName())) {
                return Optional.of(lookup(name, MlpTrainer.class));
            }
            name = data.get().get("innerTrainer").filter(p -> p instanceof SimpleProperty)
                    .map(p -> ((SimpleProperty) p).getValue()).orElse(null);
        }
        return Optional.empty();
    }

    /**
     * One line saying what a trainer component does: for a {@code TransformTrainer} or a
     * {@link HoldOutTransformTrainer}, its transformations and then its inner trainer; for
     * anything else, the trainer itself.
     */
    public String describe(String component) {
        Optional<ConfigurationData> data = cm.getConfigurationData(component);
        String className = data.map(ConfigurationData::getClassName).orElse("");
        boolean holdOut = className.equals(HoldOutTransformTrainer.class.getName());
        if (holdOut || className.equals("org.tribuo.transform.TransformTrainer")) {
            String transformations = value(data.get(), "transformations");
            String inner = value(data.get(), "innerTrainer");
            boolean densify = Boolean.parseBoolean(value(data.get(), "densify"));
            return (holdOut ? "HoldOutTransformTrainer(" : "TransformTrainer(") + transformations
                    + (densify ? ", densified" : "") + (holdOut ? ", fitted on the training part" : "") + ") -> "
                    + (inner == null ? "?" : describe(inner));
        }
        return String.valueOf(lookup(component, Trainer.class));
    }

    private static String value(ConfigurationData data, String property) {
        return data.get(property).filter(p -> p instanceof SimpleProperty).map(p -> ((SimpleProperty) p).getValue())
                .orElse(null);
    }

    /**
     * Sets {@code property} to {@code value} on every not yet built component of class
     * {@code type} (e.g. the epochs of every MLP trainer for a smoke run). The new value is what
     * the provenance records.
     */
    public void overrideAll(Class<? extends Configurable> type, String property, String value) {
        for (String name : componentsOf(type)) {
            Property current = cm.getConfigurationData(name).flatMap(d -> d.get(property)).orElse(null);
            if (current == null || current instanceof SimpleProperty) {
                try {
                    cm.overrideConfigurableProperty(name, property, new SimpleProperty(value));
                } catch (PropertyException e) {
                    throw new IllegalArgumentException("configuration " + file + ", component '" + name + "': "
                            + describe(name, e), e);
                }
            }
        }
    }

    /** Names of all components of class {@code type} or a subclass, built or not. */
    public List<String> componentsOf(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (String name : new TreeSet<>(cm.getComponentNames())) {
            String className = cm.getConfigurationData(name).map(ConfigurationData::getClassName).orElse("");
            try {
                if (type.isAssignableFrom(Class.forName(className))) {
                    names.add(name);
                }
            } catch (ClassNotFoundException e) {
                throw new IllegalArgumentException("configuration " + file + ": component '" + name
                        + "' has an unknown type " + className, e);
            }
        }
        return names;
    }

    /**
     * OLCUT's message in this class's words: {@code "Component: mlp, Property: epoch, Unknown
     * property"} becomes {@code "property 'epoch': Unknown property"} when the component is the
     * one being looked up (the caller has named it already).
     */
    static String describe(String component, PropertyException e) {
        String message = e.getMessage() == null ? String.valueOf(e.getCause()) : e.getMessage();
        Matcher m = OLCUT_MESSAGE.matcher(message);
        if (!m.matches()) {
            return message;
        }
        StringBuilder s = new StringBuilder();
        if (m.group(1) != null && !m.group(1).equals(component)) {
            s.append("component '").append(m.group(1)).append("': ");
        }
        if (m.group(2) != null) {
            s.append("property '").append(m.group(2)).append("': ");
        }
        return s.append(m.group(3)).toString();
    }
}
