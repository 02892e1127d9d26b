package dev.knobs.site.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Copies the files every page needs into {@code assets/}: the site's own CSS and JavaScript, and
 * KaTeX, highlight.js and uPlot from their WebJars on the classpath, with KaTeX's fonts. Everything
 * the site uses is shipped, so it makes no network request.
 */
public final class Assets {
    /** The site's own files, under {@code dev/knobs/site/static/} on the classpath. */
    static final List<String> OWN = List.of("site.css", "site.js", "digit.js", "compare.js", "surface3d.js", "favicon.svg");
    /** uPlot's script and style sheet, as pages name them. */
    public static final String UPLOT_JS = "assets/uplot/uPlot.iife.min.js";
    public static final String UPLOT_CSS = "assets/uplot/uPlot.min.css";
    private static final Pattern CSS_URL = Pattern.compile("url\\((?:'|\")?(fonts/[^)'\"]+)(?:'|\")?\\)");

    private Assets() {}

    /** The versions of the shipped libraries: {@code katex}, {@code highlightjs}, {@code uplot}. */
    public static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/dev/knobs/site/versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties is missing from the site's classpath: rebuild the site module");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Copies everything into {@code site/assets/}. */
    public static void copy(Path site) throws IOException {
        Path assets = site.resolve("assets");
        for (String name : OWN) {
            copyResource("/dev/knobs/site/static/" + name, assets.resolve(name));
        }
        Properties v = versions();
        String katex = "/META-INF/resources/webjars/katex/" + v.getProperty("katex") + "/";
        copyResource(katex + "dist/katex.min.js", assets.resolve("katex/katex.min.js"));
        copyResource(katex + "dist/katex.min.css", assets.resolve("katex/katex.min.css"));
        copyResource(katex + "LICENSE", assets.resolve("katex/LICENSE.txt"));
        for (String font : fonts(Files.readString(assets.resolve("katex/katex.min.css")))) {
            copyResource(katex + "dist/" + font, assets.resolve("katex/" + font));
        }
        String hljs = "/META-INF/resources/webjars/highlightjs/" + v.getProperty("highlightjs") + "/";
        copyResource(hljs + "highlight.min.js", assets.resolve("hljs/highlight.min.js"));
        copyResource(hljs + "styles/github.min.css", assets.resolve("hljs/github.min.css"));
        String uplot = "/META-INF/resources/webjars/uplot/" + v.getProperty("uplot") + "/";
        copyResource(uplot + "dist/uPlot.iife.min.js", site.resolve(UPLOT_JS));
        copyResource(uplot + "dist/uPlot.min.css", site.resolve(UPLOT_CSS));
        copyResource(uplot + "LICENSE", assets.resolve("uplot/LICENSE.txt"));
    }

    /** The font files a KaTeX stylesheet refers to, e.g. {@code fonts/KaTeX_Main-Regular.woff2}. */
    static Set<String> fonts(String css) {
        Set<String> fonts = new LinkedHashSet<>();
        Matcher m = CSS_URL.matcher(css);
        while (m.find()) {
            fonts.add(m.group(1));
        }
        return fonts;
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the site's classpath lacks " + resource
                        + ": check the WebJar versions in site/pom.xml and rebuild");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        }
    }
}
