package dev.knobs.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Copies of the files already on disk under another accepted spelling: {@code name.gz}, the
 * dotted {@code train-images.idx3-ubyte}, or dotted with {@code .gz} (see {@link MnistFiles#spellings}).
 *
 * <p>This is how files fetched by hand get in: download {@code train-images-idx3-ubyte.gz} and the
 * others from a mirror, drop them into the cache directory, and the next load unpacks and
 * verifies them. The gzip files are left where they are.
 */
public final class LocalCopiesSource implements Source {

    private final Path dir;

    /** @param dir where to look for the copies */
    public LocalCopiesSource(Path dir) {
        this.dir = dir;
    }

    @Override
    public String name() {
        return "copies named *.gz or *.idx*-ubyte in " + dir;
    }

    @Override
    public boolean offers(KnownFile file) {
        return copyOf(file) != null;
    }

    @Override
    public void fetch(KnownFile file, Path target) throws IOException {
        Path copy = copyOf(file);
        if (copy == null) {
            throw new NoSuchFileException("none of " + String.join(", ", otherSpellings(file)) + " is in " + dir);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(copy), 1 << 16)) {
            in.mark(2);
            boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
            in.reset();
            Files.copy(gzip ? new GZIPInputStream(in, 1 << 16) : in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The first copy of {@code file} under another spelling, or null. */
    private Path copyOf(KnownFile file) {
        for (String spelling : otherSpellings(file)) {
            Path copy = dir.resolve(spelling);
            if (Files.isRegularFile(copy)) {
                return copy;
            }
        }
        return null;
    }

    private static List<String> otherSpellings(KnownFile file) {
        return MnistFiles.spellings(file.name()).stream().filter(s -> !s.equals(file.name())).toList();
    }
}
