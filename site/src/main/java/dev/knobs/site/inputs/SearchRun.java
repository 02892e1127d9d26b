package dev.knobs.site.inputs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One hyperparameter search kept in a run folder (lesson 13 keeps its ASHA search in {@code search/}
 * and random search in {@code random/}): its settings and trials from {@code search.json}, the
 * text table {@code trials.txt}, the surface data {@code surface.json} and the figures. Reading never
 * throws: what is missing or unreadable is listed in {@link #missing()} and {@link #problem()}.
 *
 * @param run      the name of the run folder holding the search ({@code reference}, a kept run's name)
 * @param name     the search folder's name ({@code search}, {@code random})
 * @param folder   the search folder
 * @param settings {@code search.json}'s settings (strategy, space, seed, ...), empty when unread
 * @param seconds  the search's wall time in seconds, or NaN
 * @param trials   the trainings, in the order they finished
 * @param surface  {@code surface.json} as read, or null
 * @param missing  the files a search page shows that are not there, in plain words
 * @param problem  why {@code search.json} or {@code surface.json} could not be read, or null
 */
public record SearchRun(String run, String name, Path folder, Map<String, String> settings, double seconds,
                        List<Trial> trials, JsonObject surface, List<String> missing, String problem) {

    /** The files that mark a folder as a search. */
    private static final List<String> MARKERS = List.of("search.json", "trials.txt", "surface.json");

    /**
     * One training of a configuration at one budget.
     *
     * @param trial      the configuration's number
     * @param rung       the rung (1 = the smallest budget)
     * @param epochs     epochs trained
     * @param knobs      the knobs of the configuration, as written
     * @param validation validation accuracy in [0, 1], or NaN
     * @param seconds    wall time of the training
     * @param failed     true when the training failed
     * @param failure    why, or null
     */
    public record Trial(int trial, int rung, int epochs, Map<String, String> knobs, double validation, double seconds,
                        boolean failed, String failure) {}

    /** The search folders in a run folder: {@code search} first, then the others by name. Empty when none. */
    public static List<Path> folders(Path runFolder) {
        if (runFolder == null || !Files.isDirectory(runFolder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runFolder)) {
            return s.filter(Files::isDirectory)
                    .filter(d -> MARKERS.stream().anyMatch(m -> Files.isRegularFile(d.resolve(m))))
                    .sorted(Comparator.comparing((Path d) -> !d.getFileName().toString().equals("search"))
                            .thenComparing(d -> d.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Reads the search in {@code folder}, kept in the run {@code run}. */
    public static SearchRun read(String run, Path folder) {
        String name = folder.getFileName().toString();
        List<String> missing = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<Trial> trials = new ArrayList<>();
        double seconds = Double.NaN;
        Path searchJson = folder.resolve("search.json");
        if (!Files.isRegularFile(searchJson)) {
            missing.add("search.json (the settings and every trial)");
        } else {
            try {
                JsonObject o = JsonParser.parseString(Files.readString(searchJson, StandardCharsets.UTF_8)).getAsJsonObject();
                if (o.has("settings") && o.get("settings").isJsonObject()) {
                    o.getAsJsonObject("settings").entrySet().forEach(e -> settings.put(e.getKey(), text(e.getValue())));
                }
                seconds = number(o.get("seconds"));
                if (o.has("trials") && o.get("trials").isJsonArray()) {
                    for (JsonElement t : o.getAsJsonArray("trials")) {
                        trials.add(trial(t.getAsJsonObject()));
                    }
                }
            } catch (IOException | RuntimeException e) {
                problems.add("search.json could not be read: " + e.getMessage());
            }
        }
        if (!Files.isRegularFile(folder.resolve("trials.txt"))) {
            missing.add("trials.txt (the table of trials)");
        }
        JsonObject surface = null;
        Path surfaceJson = folder.resolve("surface.json");
        if (!Files.isRegularFile(surfaceJson)) {
            missing.add("surface.json (the data of the 3D surface)");
        } else {
            try {
                surface = JsonParser.parseString(Files.readString(surfaceJson, StandardCharsets.UTF_8)).getAsJsonObject();
                if (!surface.has("zGrid") || !surface.has("x") || !surface.has("y")) {
                    problems.add("surface.json has no x, y or zGrid");
                    surface = null;
                }
            } catch (IOException | RuntimeException e) {
                problems.add("surface.json could not be read: " + e.getMessage());
            }
        }
        return new SearchRun(run, name, folder, settings, seconds, trials, surface, missing,
                problems.isEmpty() ? null : String.join("; ", problems));
    }

    /** The strategy ({@code asha}, {@code random}), from the settings or else the folder's name. */
    public String strategy() {
        String s = settings.get("strategy");
        if (s != null) {
            return s.toLowerCase(java.util.Locale.ROOT);
        }
        return name.equals("random") ? "random" : "asha";
    }

    /** True for successive halving (ASHA), whose trials survive or stop at rungs. */
    public boolean asha() {
        return strategy().equals("asha");
    }

    /** The trial chosen: the best validation accuracy at the largest budget reached; null when none finished. */
    public Trial chosen() {
        return trials.stream().filter(t -> !t.failed() && !Double.isNaN(t.validation()))
                .max(Comparator.comparingInt(Trial::epochs).thenComparingDouble(Trial::validation))
                .orElse(null);
    }

    /** What happened to {@code t}: promoted, top rung, stopped at rung N, failed (ASHA); done or failed otherwise. */
    public String outcome(Trial t) {
        if (t.failed()) {
            return "failed";
        }
        if (!asha()) {
            return "done";
        }
        boolean promoted = trials.stream().anyMatch(o -> o.trial() == t.trial() && o.rung() > t.rung());
        if (promoted) {
            return "promoted";
        }
        int top = trials.stream().mapToInt(Trial::rung).max().orElse(1);
        return t.rung() == top && top > 1 ? "top rung" : "stopped at rung " + t.rung();
    }

    private static Trial trial(JsonObject t) {
        Map<String, String> knobs = new LinkedHashMap<>();
        if (t.has("knobs") && t.get("knobs").isJsonObject()) {
            t.getAsJsonObject("knobs").entrySet().forEach(e -> knobs.put(e.getKey(), text(e.getValue())));
        }
        boolean failed = t.has("failed") && t.get("failed").isJsonPrimitive() && t.get("failed").getAsBoolean();
        String failure = t.has("failure") && !t.get("failure").isJsonNull() ? text(t.get("failure")) : null;
        return new Trial((int) number(t.get("trial")), (int) number(t.get("rung")), (int) number(t.get("epochs")), knobs,
                number(t.get("validationAccuracy")), number(t.get("seconds")), failed, failure);
    }

    private static double number(JsonElement e) {
        if (e == null || e.isJsonNull() || !e.isJsonPrimitive()) {
            return Double.NaN;
        }
        try {
            return e.getAsDouble();
        } catch (NumberFormatException x) {
            return Double.NaN;
        }
    }

    private static String text(JsonElement e) {
        return e == null || e.isJsonNull() ? "" : e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }
}
