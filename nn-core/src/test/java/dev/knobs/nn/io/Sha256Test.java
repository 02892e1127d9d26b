package dev.knobs.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Sha256Test {
    /** FIPS 180-2, appendix B.1: the SHA-256 of the three bytes "abc". */
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    @Test
    void bytesMatchTheStandardTestVector() {
        assertEquals(ABC, HexFormat.of().formatHex(Sha256.of("abcdef".getBytes(), 3)));
    }

    @Test
    void aFileBodyFollowedByItsChecksumIsWholeAndAnyChangeOrCutIsNot() {
        byte[] body = "a model file's header and weights".getBytes();
        byte[] all = Arrays.copyOf(body, body.length + Sha256.BYTES);
        System.arraycopy(Sha256.of(body, body.length), 0, all, body.length, Sha256.BYTES);
        assertTrue(Sha256.endsWithItsChecksum(all));
        for (int i = 0; i < all.length; i++) {
            byte[] changed = all.clone();
            changed[i] ^= 1;
            assertFalse(Sha256.endsWithItsChecksum(changed), "one bit changed at byte " + i);
        }
        assertFalse(Sha256.endsWithItsChecksum(Arrays.copyOf(all, all.length - 1)), "cut by one byte");
        assertFalse(Sha256.endsWithItsChecksum(new byte[Sha256.BYTES - 1]), "shorter than a checksum");
    }

    @Test
    void floatsAreHashedAsTheirLittleEndianBytesAcrossChunks() {
        float[] values = new float[5000];
        byte[] bytes = new byte[4 * values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.37f - 100f;
            int bits = Float.floatToRawIntBits(values[i]);
            for (int b = 0; b < 4; b++) {
                bytes[4 * i + b] = (byte) (bits >>> (8 * b));
            }
        }
        assertEquals(HexFormat.of().formatHex(Sha256.of(bytes, bytes.length)), Sha256.hex(values));
        String before = Sha256.hex(values);
        values[4999] = Math.nextUp(values[4999]);
        assertNotEquals(before, Sha256.hex(values), "a change in the last bit of the last value must change the checksum");
    }
}
