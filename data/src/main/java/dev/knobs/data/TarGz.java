package dev.knobs.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Extracts files from a gzip-compressed tar archive ({@code .tgz}), such as an npm package, with
 * no {@code tar} program needed.
 *
 * <p>A tar archive is a sequence of 512-byte blocks. Each file is one header block followed by its
 * contents, padded with zeros to a whole number of blocks; two zero blocks end the archive. The
 * header fields used here (POSIX ustar layout):
 * <pre>
 *   offset 0    100 bytes  name, NUL-terminated
 *   offset 124   12 bytes  size in bytes, octal ASCII
 *   offset 148    8 bytes  checksum: sum of all 512 header bytes, this field counted as spaces, octal
 *   offset 156    1 byte   type: '0' or NUL = regular file, others (directories, links, pax headers) skipped
 *   offset 257    6 bytes  "ustar" magic
 *   offset 345  155 bytes  name prefix (joined to name with '/'), ustar only
 * </pre>
 * Sizes in GNU base-256 form (files over 8 GB) and names given only in pax headers are not
 * supported; npm tarballs need neither.
 */
public final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * Extracts every regular file directly inside folder {@code prefix} of the archive (for example
     * {@code package/data/}) into {@code dir}, under its name without the prefix. Entries in
     * sub-folders of the prefix, or with names like {@code ..}, are skipped.
     *
     * @param archive a {@code .tgz} file
     * @param prefix  folder inside the archive, ending in {@code /}
     * @param dir     an existing directory; files are written into it (modified)
     * @return the names of the files extracted, in archive order
     * @throws DataException if the archive is not gzip, not tar, or ends in the middle of an entry
     * @throws IOException   if reading the archive or writing a file fails
     */
    public static List<String> extract(Path archive, String prefix, Path dir) throws IOException {
        List<String> extracted = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16),
                1 << 16)) {
            byte[] header = new byte[BLOCK];
            long offset = 0;
            while (true) {
                int n = in.readNBytes(header, 0, BLOCK);
                if (n == 0 && offset > 0) {
                    break; // some writers omit the two closing zero blocks
                }
                if (n < BLOCK) {
                    throw new DataException("The archive " + archive + " ends inside a tar header at byte " + offset
                            + " (found " + n + " of " + BLOCK + " bytes); it is truncated or not a tar archive.");
                }
                if (isZero(header)) {
                    break;
                }
                checkChecksum(archive, header, offset);
                String name = entryName(header);
                long size = octal(archive, header, 124, 12, offset);
                byte type = header[156];
                offset += BLOCK;

                String local = name.startsWith(prefix) ? name.substring(prefix.length()) : null;
                boolean wanted = (type == '0' || type == 0) && local != null && !local.isEmpty()
                        && !local.contains("/") && !local.equals(".") && !local.equals("..");
                if (wanted) {
                    try (OutputStream out = Files.newOutputStream(dir.resolve(local))) {
                        copy(archive, name, in, out, size);
                    }
                    extracted.add(local);
                } else {
                    skip(archive, name, in, size);
                }
                long padding = (BLOCK - size % BLOCK) % BLOCK;
                skip(archive, name, in, padding);
                offset += size + padding;
            }
        } catch (ZipException | EOFException e) {
            throw new DataException("The archive " + archive + " is not a complete, valid gzip file ("
                    + e.getMessage() + "); expected a .tgz archive. It is probably truncated or damaged: delete it"
                    + " and fetch it again.", e);
        }
        return extracted;
    }

    private static String entryName(byte[] header) {
        String name = text(header, 0, 100);
        boolean ustar = text(header, 257, 6).startsWith("ustar");
        String namePrefix = ustar ? text(header, 345, 155) : "";
        return namePrefix.isEmpty() ? name : namePrefix + "/" + name;
    }

    private static void checkChecksum(Path archive, byte[] header, long offset) {
        long stored = octal(archive, header, 148, 8, offset);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : header[i] & 0xFF;
        }
        if (sum != stored) {
            throw new DataException("The archive " + archive + " has a tar header at byte " + offset
                    + " whose checksum field says " + stored + " but whose bytes add up to " + sum
                    + "; it is damaged or not a tar archive.");
        }
    }

    /** An octal number in ASCII, padded with spaces or NULs, as tar writes them. */
    private static long octal(Path archive, byte[] header, int from, int length, long offset) {
        if ((header[from] & 0x80) != 0) {
            throw new DataException("The archive " + archive + " has a tar header at byte " + offset
                    + " with a base-256 number, used only for entries over 8 GB; this reader does not support it.");
        }
        long value = 0;
        for (int i = from; i < from + length; i++) {
            int c = header[i];
            if (c == 0 || c == ' ') {
                if (value > 0) {
                    break;
                }
                continue;
            }
            if (c < '0' || c > '7') {
                throw new DataException("The archive " + archive + " has a tar header at byte " + offset
                        + " with a non-octal character '" + (char) c + "' in a number field; it is damaged or not"
                        + " a tar archive.");
            }
            value = value * 8 + (c - '0');
        }
        return value;
    }

    private static String text(byte[] header, int from, int length) {
        int end = from;
        while (end < from + length && header[end] != 0) {
            end++;
        }
        return new String(header, from, end - from, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void copy(Path archive, String name, InputStream in, OutputStream out, long size)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw truncated(archive, name, size, size - left);
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(Path archive, String name, InputStream in, long count) throws IOException {
        long left = count;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw truncated(archive, name, count, count - left);
                }
                n = 1;
            }
            left -= n;
        }
    }

    private static DataException truncated(Path archive, String name, long expected, long found) {
        return new DataException("The archive " + archive + " ends inside entry " + name + ": expected " + expected
                + " bytes, found " + found + ". The archive is truncated: delete it and fetch it again.");
    }
}
