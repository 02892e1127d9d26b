package dev.knobs.search.report;

import dev.knobs.lessons.common.TextTable;
import dev.knobs.nn.io.AtomicFiles;
import dev.knobs.nn.io.Json;
import dev.knobs.search.Search;
import dev.knobs.search.run.Journal;
import dev.knobs.search.space.Space;
import dev.knobs.search.strategy.TrialResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a finished search leaves besides its journal and trial folders: {@code trials.txt} (the
 * table), the plots as PNG and SVG, {@code surface.json} and its 3D picture
 * {@code surface-3d.png}.
 *
 * @param table   every trial, best first
 * @param files   the files written
 * @param surface the surface over the two most influential knobs, or null with fewer than two knobs or
 *                {@value Influence#MIN_TRIALS} configurations
 * @param influence each knob's share of the spread in validation accuracy, largest first
 */
public record SearchReport(TextTable table, List<Path> files, Surface surface, List<Influence.Share> influence) {

    /** Points per numeric axis of the surface in {@code surface.json}. */
    public static final int SURFACE_POINTS = 25;

    /**
     * Writes the report of the search in {@code folder}.
     *
     * @param rungs the budget of each rung, in epochs (one for grid and random)
     */
    public static SearchReport write(Journal journal, Space space, List<Integer> rungs, Path folder) {
        List<TrialResult> trials = journal.trials();
        TrialResult chosen = Search.chosen(journal);
        TextTable table = SearchTable.of(space.knobs(), trials, rungs.size(), chosen == null ? 0 : chosen.trial());
        List<Path> files = new ArrayList<>();
        Path text = folder.resolve("trials.txt");
        AtomicFiles.write(text, table.toString().getBytes(StandardCharsets.UTF_8));
        files.add(text);
        files.addAll(Charts.save(folder, "best-by-trials", SearchPlots.bestByTrials(trials)));
        files.addAll(Charts.save(folder, "best-by-time", SearchPlots.bestByTime(trials)));
        List<TrialResult> first = trials.stream().filter(r -> r.rung() == 1 && !r.failed()).toList();
        String budget = rungs.get(0) > 0 ? "after " + rungs.get(0) + (rungs.get(0) == 1 ? " epoch" : " epochs")
                : "with the lesson's epochs";
        files.addAll(Charts.save(folder, "parallel-coordinates", SearchPlots.parallelCoordinates(space, first, budget)));
        if (rungs.size() > 1) {
            files.addAll(Charts.save(folder, "rungs", SearchPlots.rungs(trials, rungs)));
        }
        List<Influence.Share> influence = first.size() >= Influence.MIN_TRIALS ? Influence.of(space, first) : List.of();
        Surface surface = null;
        if (space.dimensions().size() >= 2 && !influence.isEmpty()) {
            surface = Surface.of(space.dimension(influence.get(0).knob()), space.dimension(influence.get(1).knob()),
                    first, SURFACE_POINTS, "validation accuracy (%) " + budget);
            Path json = folder.resolve("surface.json");
            Json.write(json, surface);
            files.add(json);
            files.addAll(Charts.save(folder, "surface", SearchPlots.surface(Surface.of(
                    space.dimension(influence.get(0).knob()), space.dimension(influence.get(1).knob()), first, 12,
                    surface.z()))));
            Path picture = folder.resolve("surface-3d.png");
            java.awt.image.BufferedImage image = SurfacePicture.draw(surface);
            AtomicFiles.write(picture, out -> {
                if (!javax.imageio.ImageIO.write(image, "png", out)) {
                    throw new java.io.IOException("no PNG writer available");
                }
            });
            files.add(picture);
        }
        return new SearchReport(table, files, surface, influence);
    }
}
