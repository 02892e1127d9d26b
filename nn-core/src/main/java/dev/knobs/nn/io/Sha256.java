package dev.knobs.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * SHA-256, the one checksum of the project: of model and checkpoint files (was the file truncated or
 * changed?), of the MNIST files (is this the published data?), and of numbers (are two runs' weights
 * or pixels bit for bit the same?).
 *
 * <p>Files are hashed as they stream in: data's {@code KnownFile.sha256Of}.
 *
 * <p>A checksum changes completely when any single bit of its input changes, so equal checksums
 * mean equal inputs, for all practical purposes, and 64 hex digits can stand for a 4 MB file in a
 * results table. It is not a signature: anyone can compute it for a file they made.
 */
public final class Sha256 {
    /** Length of a checksum in bytes. */
    public static final int BYTES = 32;

    private Sha256() {}

    /** A fresh digest to feed piece by piece ({@link MessageDigest#update}) when the input is streamed. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256, which every Java is required to have", e);
        }
    }

    /** The 32-byte checksum of the first {@code length} bytes of {@code data}. */
    public static byte[] of(byte[] data, int length) {
        MessageDigest digest = digest();
        digest.update(data, 0, length);
        return digest.digest();
    }

    /**
     * Whether {@code all} ends with the checksum of the bytes before it: the last {@value #BYTES}
     * bytes of a model or checkpoint file, which tell a truncated or changed file from a whole one.
     */
    public static boolean endsWithItsChecksum(byte[] all) {
        int body = all.length - BYTES;
        return body >= 0 && MessageDigest.isEqual(Arrays.copyOfRange(all, body, all.length), of(all, body));
    }

    /**
     * The checksum of {@code values}' exact bits, each float as its 4 bytes, little-endian, as 64 hex
     * digits: any change to any value, even in its last bit, changes it.
     */
    public static String hex(float[] values) {
        MessageDigest digest = digest();
        ByteBuffer bytes = ByteBuffer.allocate(Float.BYTES * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.length; i += 4096) {
            int n = Math.min(4096, values.length - i);
            bytes.clear();
            bytes.asFloatBuffer().put(values, i, n);
            digest.update(bytes.array(), 0, Float.BYTES * n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
