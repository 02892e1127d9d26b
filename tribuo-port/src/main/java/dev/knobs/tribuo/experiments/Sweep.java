package dev.knobs.tribuo.experiments;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.Configurable;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import java.util.List;

/**
 * The runs an experiment compares, as a component of its configuration file:
 * <pre>{@code
 *   <component name="sweep" type="dev.knobs.tribuo.experiments.Sweep">
 *     <property name="knob" value="dropout rate"/>
 *     <propertylist name="runs"><item>dropout-0.0</item><item>dropout-0.2</item></propertylist>
 *     <propertylist name="labels"><item>no dropout</item><item>p = 0.2</item></propertylist>
 *   </component>
 * }</pre>
 * Each run is the name of a trainer component in the same file.
 */
public final class Sweep implements Configurable {

    @Config(mandatory = true, description = "What changes from run to run, e.g. 'dropout rate'.")
    private String knob;

    @Config(mandatory = true, description = "Names of the trainer components to train, in order.")
    private String[] runs;

    @Config(description = "A short label per run for tables and legends (defaults to the run names).")
    private String[] labels;

    private Sweep() {}

    @Override
    public void postConfig() {
        if (runs == null || runs.length == 0) {
            throw new PropertyException("", "runs", "list at least one trainer component");
        }
        if (labels != null && labels.length != runs.length) {
            throw new PropertyException("", "labels", "give one label per run (" + runs.length + "), got " + labels.length);
        }
    }

    public String knob() {
        return knob;
    }

    public List<String> runs() {
        return List.of(runs);
    }

    /** The label of run {@code i}. */
    public String label(int i) {
        return labels == null ? runs[i] : labels[i];
    }
}
