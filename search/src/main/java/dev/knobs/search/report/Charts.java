package dev.knobs.search.report;

import dev.knobs.nn.io.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Saves a chart as PNG and SVG, atomically, as the lessons' figures are saved. */
final class Charts {
    private Charts() {}

    static List<Path> save(Path folder, String name, Chart<?, ?> chart) {
        Path png = folder.resolve(name + ".png");
        Path svg = folder.resolve(name + ".svg");
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        AtomicFiles.write(svg, out -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        return List.of(png, svg);
    }
}
