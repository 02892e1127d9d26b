package dev.knobs.data;

import dev.knobs.nn.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A file whose exact contents are known in advance by their size and SHA-256 checksum.
 *
 * <p>A checksum is what lets us take data from any source, a mirror, a package or a USB stick,
 * and still be sure it is the very file everybody else trains and tests on. A download cut short,
 * a proxy's error page or a file from another dataset all fail the comparison.
 *
 * @param name   the file name, e.g. {@code train-images-idx3-ubyte}
 * @param size   its length in bytes
 * @param sha256 its SHA-256 checksum, 64 lowercase hex digits
 */
public record KnownFile(String name, long size, String sha256) {

    public KnownFile {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("SHA-256 of " + name + " must be 64 lowercase hex digits, got " + sha256);
        }
    }

    /**
     * The SHA-256 checksum of {@code file} as 64 lowercase hex digits, the format of {@code sha256sum},
     * read a megabyte at a time: a download of any size is checked without holding it in memory.
     */
    public static String sha256Of(Path file) throws IOException {
        MessageDigest digest = Sha256.digest();
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
