package dev.knobs.data;

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
}
