package dev.knobs.nn.io;

import com.google.gson.JsonParseException;
import dev.knobs.nn.metrics.EpochRecord;
import dev.knobs.nn.metrics.History;
import dev.knobs.nn.optim.Memory;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The file a training run saves after every epoch so that it can continue after an interruption:
 * everything the rest of the run depends on, bit for bit.
 *
 * <pre>
 *   8 bytes   "KNOBSCKP"                     magic: is this a Knobs checkpoint at all?
 *   int       format version (1)
 *   int       header length H
 *   H bytes   header, UTF-8 JSON             {"fingerprint":..., "label":..., "epochs":2, "steps":938,
 *                                             "optimizerSteps":0, "dropoutCalls":[938,938],
 *                                             "parameters":[200704,256,...], "optimizerBuffers":[...], "stepRecords":938}
 *   float     the first loss the divergence guard saw (NaN before one)
 *   floats    every parameter's values, in the network's order
 *   floats    every optimiser buffer, in the optimiser's order
 *   doubles   one record per epoch: epoch, train loss, train accuracy, validation loss, validation
 *             accuracy, test loss, test accuracy, learning rate, seconds
 *   floats    the learning rate of every recorded step, then the loss of every recorded step
 *   32 bytes  SHA-256 of all bytes above
 * </pre>
 *
 * <p>Numbers are big-endian IEEE 754, as in {@link ModelFile}: written and read back bit for bit,
 * NaN included (decimal text would round). Files are written atomically, so an interruption
 * while saving leaves the previous epoch's checkpoint. Every way a file can be wrong is one
 * {@link CheckpointException} naming the file and saying to delete it to start over.
 */
public final class CheckpointFile {
    static final byte[] MAGIC = "KNOBSCKP".getBytes(StandardCharsets.US_ASCII);
    /** The format this code writes and reads. */
    public static final int VERSION = 1;
    private static final int DOUBLES_PER_EPOCH = 9;

    private CheckpointFile() {}

    /**
     * What a checkpoint holds.
     *
     * @param fingerprint  names the run it belongs to (its recipe and data); another run refuses it
     * @param epochs       epochs completed
     * @param steps        mini-batch steps taken over the whole run
     * @param firstLoss    the divergence guard's memory: the first finite loss, or NaN
     * @param dropoutCalls each dropout layer's count of masks drawn, in the network's order
     * @param parameters   every parameter's values, in the network's order
     * @param optimizer    the optimiser's memory
     * @param history      the epochs and steps recorded so far
     */
    public record Contents(String fingerprint, int epochs, int steps, float firstLoss, long[] dropoutCalls,
                           List<float[]> parameters, Memory optimizer, History history) {}

    /** The JSON header: the counts and sizes the binary part is read with. */
    private record Header(String fingerprint, String label, int epochs, int steps, long optimizerSteps,
                          long[] dropoutCalls, int[] parameters, int[] optimizerBuffers, int stepRecords) {}

    /** Writes {@code c} to {@code file}, atomically. */
    public static void save(Contents c, Path file) {
        History h = c.history();
        Header header = new Header(c.fingerprint(), h.label(), c.epochs(), c.steps(), c.optimizer().steps(),
                c.dropoutCalls(), sizes(c.parameters()), sizes(c.optimizer().buffers()), h.stepLosses().size());
        byte[] headerBytes = Json.gson().toJson(header).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, stream -> {
            MessageDigest sha = Sha256.digest();
            DigestOutputStream digested = new DigestOutputStream(new BufferedOutputStream(stream, 1 << 16), sha);
            DataOutputStream out = new DataOutputStream(digested);
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(headerBytes.length);
            out.write(headerBytes);
            out.writeFloat(c.firstLoss());
            writeAll(out, c.parameters());
            writeAll(out, c.optimizer().buffers());
            for (EpochRecord e : h.epochs()) {
                for (double v : new double[] {e.epoch(), e.trainLoss(), e.trainAccuracy(), e.validationLoss(),
                        e.validationAccuracy(), e.testLoss(), e.testAccuracy(), e.learningRate(), e.seconds()}) {
                    out.writeDouble(v);
                }
            }
            for (float v : h.stepLearningRates()) {
                out.writeFloat(v);
            }
            for (float v : h.stepLosses()) {
                out.writeFloat(v);
            }
            out.flush();
            digested.on(false);
            digested.write(sha.digest());
            digested.flush();
        });
    }

    /** Reads a checkpoint; any problem is a {@link CheckpointException} naming the file. */
    public static Contents load(Path file) {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CheckpointException("could not read checkpoint " + file + ": " + e.getMessage()
                    + "; delete it to start the run over", e);
        }
        int minimum = MAGIC.length + 8 + Sha256.BYTES;
        if (all.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw new CheckpointException(file + " is not a Knobs checkpoint: it does not start with \"KNOBSCKP\"; "
                    + "delete it to start the run over");
        }
        if (all.length < minimum) {
            throw wrong(file, "is truncated (" + all.length + " bytes, shorter than any checkpoint)");
        }
        int bodyLength = all.length - Sha256.BYTES;
        if (!Sha256.endsWithItsChecksum(all)) {
            throw wrong(file, "is corrupt: its SHA-256 checksum does not match its content (truncated or modified "
                    + "after it was written)");
        }
        ByteBuffer in = ByteBuffer.wrap(all, 0, bodyLength);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version != VERSION) {
            throw wrong(file, "uses checkpoint format " + version + " but this version of Knobs reads format " + VERSION);
        }
        int headerLength = in.getInt();
        if (headerLength < 2 || headerLength > in.remaining()) {
            throw wrong(file, "has an impossible header length " + headerLength);
        }
        Header header;
        try {
            header = Json.gson().fromJson(new String(all, in.position(), headerLength, StandardCharsets.UTF_8), Header.class);
        } catch (JsonParseException e) {
            throw wrong(file, "has an unreadable header");
        }
        in.position(in.position() + headerLength);
        if (header == null || header.fingerprint() == null || header.label() == null || header.dropoutCalls() == null
                || header.parameters() == null || header.optimizerBuffers() == null || header.epochs() < 0
                || header.steps() < 0 || header.stepRecords() < 0) {
            throw wrong(file, "has an incomplete header");
        }
        long floats = 1 + total(header.parameters()) + total(header.optimizerBuffers()) + 2L * header.stepRecords();
        long bytes = Float.BYTES * floats + (long) Double.BYTES * DOUBLES_PER_EPOCH * header.epochs();
        if (bytes != in.remaining()) {
            throw wrong(file, "is inconsistent: its header describes " + bytes + " bytes of numbers but it holds "
                    + in.remaining());
        }
        float firstLoss = in.getFloat();
        List<float[]> parameters = readAll(in, header.parameters());
        List<float[]> buffers = readAll(in, header.optimizerBuffers());
        History history = new History(header.label());
        for (int e = 0; e < header.epochs(); e++) {
            double[] v = new double[DOUBLES_PER_EPOCH];
            for (int i = 0; i < v.length; i++) {
                v[i] = in.getDouble();
            }
            history.add(new EpochRecord((int) v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]));
        }
        float[] rates = new float[header.stepRecords()];
        in.asFloatBuffer().get(rates);
        in.position(in.position() + rates.length * Float.BYTES);
        for (float rate : rates) {
            history.stepLearningRates().add(rate);
        }
        for (int i = 0; i < rates.length; i++) {
            history.stepLosses().add(in.getFloat());
        }
        return new Contents(header.fingerprint(), header.epochs(), header.steps(), firstLoss, header.dropoutCalls(),
                parameters, new Memory(header.optimizerSteps(), buffers), history);
    }

    private static CheckpointException wrong(Path file, String what) {
        return new CheckpointException("checkpoint " + file + " " + what + "; delete it to start the run over");
    }

    private static int[] sizes(List<float[]> arrays) {
        return arrays.stream().mapToInt(a -> a.length).toArray();
    }

    /** The sum of {@code sizes}; a negative size makes it impossible, so that the byte count check fails. */
    private static long total(int[] sizes) {
        long sum = 0;
        for (int n : sizes) {
            sum += n >= 0 ? n : Integer.MAX_VALUE * 4L;
        }
        return sum;
    }

    private static void writeAll(DataOutputStream out, List<float[]> arrays) throws IOException {
        for (float[] a : arrays) {
            ByteBuffer buf = ByteBuffer.allocate(a.length * Float.BYTES);
            buf.asFloatBuffer().put(a);
            out.write(buf.array());
        }
    }

    private static List<float[]> readAll(ByteBuffer in, int[] sizes) {
        List<float[]> arrays = new ArrayList<>();
        for (int n : sizes) {
            float[] a = new float[n];
            in.asFloatBuffer().get(a);
            in.position(in.position() + n * Float.BYTES);
            arrays.add(a);
        }
        return arrays;
    }
}
