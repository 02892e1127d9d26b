package dev.knobs.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

    @TempDir
    Path dir;

    /** A minimal ustar writer, written from the format description, to make archives to read back. */
    private static final class TarWriter {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        TarWriter add(String path, char type, byte[] data) {
            byte[] h = new byte[512];
            String name = path;
            String prefix = "";
            if (path.length() > 100) { // split long paths into prefix/name at a slash, as ustar does
                int slash = path.lastIndexOf('/', 154);
                prefix = path.substring(0, slash);
                name = path.substring(slash + 1);
            }
            put(h, 0, name);
            put(h, 100, "0000644");
            put(h, 108, "0001750");
            put(h, 116, "0001750");
            put(h, 124, String.format("%011o", data.length));
            put(h, 136, String.format("%011o", 1_442_000_000L));
            Arrays.fill(h, 148, 156, (byte) ' ');
            h[156] = (byte) type;
            put(h, 257, "ustar");
            put(h, 263, "00");
            put(h, 345, prefix);
            int sum = 0;
            for (byte b : h) {
                sum += b & 0xFF;
            }
            put(h, 148, String.format("%06o", sum));
            h[154] = 0;
            h[155] = ' ';
            out.writeBytes(h);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
            return this;
        }

        byte[] finish() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        private static void put(byte[] h, int at, String s) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, h, at, b.length);
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    @Test
    void extractsOnlyTheFilesDirectlyInThePrefix() throws IOException {
        byte[] small = bytes(1, 1);
        byte[] block = bytes(512, 2);
        byte[] odd = bytes(513, 3);
        String longFolder = "package/" + "d".repeat(90) + "/";
        byte[] tar = new TarWriter()
                .add("package/package.json", '0', "{}".getBytes(StandardCharsets.UTF_8))
                .add("package/data/", '5', new byte[0])
                .add("package/data/empty", '0', new byte[0])
                .add("package/data/small", '0', small)
                .add("package/data/block", '0', block)
                .add("package/data/nested/inner", '0', bytes(7, 4))
                .add("package/data/odd", '\0', odd)
                .add(longFolder + "long", '0', bytes(5, 5))
                .finish();
        Path archive = Files.write(dir.resolve("p.tgz"), IdxBytes.gzip(tar));
        Path out = Files.createDirectory(dir.resolve("out"));

        List<String> names = TarGz.extract(archive, "package/data/", out);

        assertEquals(List.of("empty", "small", "block", "odd"), names);
        assertEquals(0, Files.size(out.resolve("empty")));
        assertArrayEquals(small, Files.readAllBytes(out.resolve("small")));
        assertArrayEquals(block, Files.readAllBytes(out.resolve("block")));
        assertArrayEquals(odd, Files.readAllBytes(out.resolve("odd")));
        assertFalse(Files.exists(out.resolve("inner")));

        Path longOut = Files.createDirectory(dir.resolve("long"));
        assertEquals(List.of("long"), TarGz.extract(archive, longFolder, longOut), "ustar prefix field joined");
    }

    @Test
    void aTruncatedArchiveSaysWhereItEnds() throws IOException {
        byte[] tar = new TarWriter().add("package/data/big", '0', bytes(2000, 1)).finish();
        Path archive = Files.write(dir.resolve("cut.tgz"), IdxBytes.gzip(Arrays.copyOf(tar, 512 + 1000)));

        DataException e = assertThrows(DataException.class,
                () -> TarGz.extract(archive, "package/data/", Files.createDirectory(dir.resolve("o"))));
        assertTrue(e.getMessage().contains(archive.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("ends inside entry package/data/big: expected 2000 bytes, found 1000"),
                e.getMessage());
    }

    @Test
    void aDamagedHeaderFailsItsChecksum() throws IOException {
        byte[] tar = new TarWriter().add("package/data/x", '0', bytes(10, 1)).finish();
        tar[3] ^= 1; // one bit of the name
        Path archive = Files.write(dir.resolve("bad.tgz"), IdxBytes.gzip(tar));

        DataException e = assertThrows(DataException.class, () -> TarGz.extract(archive, "package/data/", dir));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertTrue(e.getMessage().contains("byte 0"), e.getMessage());
    }

    @Test
    void aFileThatIsNotGzipIsNamed() throws IOException {
        Path archive = Files.writeString(dir.resolve("page.tgz"), "<html>Not Found</html>");
        DataException e = assertThrows(DataException.class, () -> TarGz.extract(archive, "package/data/", dir));
        assertTrue(e.getMessage().contains(archive + " is not a complete, valid gzip file"), e.getMessage());
    }
}
