package dev.knobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerPairsTest {
    /** The two RESULT lines the numpy peer prints, as it formats them. */
    static final List<String> PEER_OUTPUT = List.of(
            "numpy MLP big [784, 1024, 1024, 1024, 10]",
            "epoch 1 (warm-up): 7.301 s (cpu/wall 1.95, 12 minor faults), 8218 ex/s, train loss 0.3170, test acc 96.54%",
            "RESULT numpy big: sec/epoch median 7.150 (min 7.132, max 7.168) over 2 epochs after warm-up; 8391 examples/s; "
                    + "test acc after epoch 1 96.54%, after epoch 3 97.78%",
            "RESULT numpy big inference (10k test, batch 1000): median 211.6 ms (min 209.5, max 213.2); 47268 images/s");

    @Test
    void readsTheTrainingAndInferenceFiguresFromThePeersResultLines() {
        PeerPairs.PeerResult r = PeerPairs.parse(PEER_OUTPUT);
        assertEquals(8391, r.examplesPerSecond());          // not the warm-up epoch's 8218 ex/s
        assertEquals(47268, r.imagesPerSecond());
    }

    @Test
    void aMissingFigureIsNotANumber() {
        PeerPairs.PeerResult r = PeerPairs.parse(PEER_OUTPUT.subList(0, 3));
        assertEquals(8391, r.examplesPerSecond());
        assertTrue(Double.isNaN(r.imagesPerSecond()));
        assertTrue(Double.isNaN(PeerPairs.parse(List.of("Traceback (most recent call last):")).examplesPerSecond()));
    }

    @Test
    void theSummaryIsTheMedianRatioWithItsRange() {
        PeerPairs.Summary s = PeerPairs.summarise(new double[] {1.5, 0.9, 1.2, 2.0, 1.3});
        assertEquals(1.3, s.median());
        assertEquals(0.9, s.min());
        assertEquals(2.0, s.max());
        assertEquals(5, s.pairs());
        assertEquals(1.25, PeerPairs.summarise(new double[] {1.5, 1.0}).median());
        assertEquals("big training: 1.30x (0.90 to 2.00, 5 pairs)", PeerPairs.line("big training", s));
    }

    @Test
    void runsThePeerWithTheDataFolderAndTwoThreadsAndEchoesItsResults(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to stand in for python");
        Path peer = dir.resolve("peer.sh");
        // Prints figures only when it was given what the real peer needs.
        Files.writeString(peer, String.join("\n",
                "[ \"$OMP_NUM_THREADS\" = 2 ] && [ \"$OPENBLAS_NUM_THREADS\" = 2 ] && [ -d \"$MNIST_DIR\" ] || exit 4",
                "[ -z \"$OPENBLAS_CORETYPE\" ] || exit 5",
                "echo \"RESULT fake $2 ($4 epochs): 1234 examples/s\"",
                "echo \"RESULT fake $2 inference: 5678 images/s\"", ""));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PeerPairs.PeerResult r = PeerPairs.runPeer(out, "/bin/sh", peer, "small", 3, dir);
        assertEquals(1234, r.examplesPerSecond());
        assertEquals(5678, r.imagesPerSecond());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("peer: RESULT fake small (3 epochs): 1234 examples/s"));
    }

    @Test
    void aFailingPeerIsReportedWithItsStatusAndLastLines(@TempDir Path dir) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh to stand in for python");
        Path peer = dir.resolve("peer.sh");
        Files.writeString(peer, "echo 'set MNIST_DIR to the folder holding the four uncompressed MNIST IDX files'\nexit 3\n");
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PeerPairs.PeerException e = assertThrows(PeerPairs.PeerException.class,
                () -> PeerPairs.runPeer(out, "/bin/sh", peer, "big", 2, dir));
        assertTrue(e.getMessage().contains("exited with status 3"), e.getMessage());
        assertTrue(e.getMessage().contains("four uncompressed MNIST IDX files"), e.getMessage());

        Path silent = dir.resolve("silent.sh");
        Files.writeString(silent, "echo hello\n");
        e = assertThrows(PeerPairs.PeerException.class, () -> PeerPairs.runPeer(out, "/bin/sh", silent, "big", 2, dir));
        assertTrue(e.getMessage().contains("printed no 'RESULT ... examples/s' line"), e.getMessage());
    }

    @Test
    void aPeerThatCannotStartSaysWhichInterpreterToInstallOrName(@TempDir Path dir) throws IOException {
        Path peer = Files.writeString(dir.resolve("peer.py"), "print('never runs')\n");
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PeerPairs.PeerException e = assertThrows(PeerPairs.PeerException.class,
                () -> PeerPairs.runPeer(out, dir.resolve("no-such-python").toString(), peer, "big", 2, dir));
        assertTrue(e.getMessage().contains("could not start the peer"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dknobs.python="), e.getMessage());
    }
}
