package dev.knobs.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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
