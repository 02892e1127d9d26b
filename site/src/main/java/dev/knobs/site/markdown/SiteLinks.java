package dev.knobs.site.markdown;

/**
 * What the site publishes, by project path: which page a README link should point to, and which
 * figure stands for an {@code output/...} image. Paths use {@code /} and are relative to the
 * project root ({@code lessons/07-dropout/README.md}) or to the site root ({@code lessons/07-dropout.html}).
 */
public interface SiteLinks {

    /** A figure the site ships, with the words from the run's {@code result.json}. */
    record Figure(String sitePath, String alt, String title, String caption, int width, int height) {}

    /** The site path of the page or file published for {@code projectPath}, or null if none is. */
    String sitePath(String projectPath);

    /** The figure published for the image at {@code projectPath}, or null if the run did not make it. */
    Figure figure(String projectPath);

    /** True when {@code projectPath} lies in a lesson's or experiment's output folder. */
    boolean isRunOutput(String projectPath);
}
