package dev.knobs.nn.layer;

/** Output buffers that layers reuse from one mini-batch to the next. */
final class Buffers {
    private Buffers() {}

    /** {@code buffer} if it holds exactly {@code n} floats, else a new array of that size. */
    static float[] fit(float[] buffer, int n) {
        return buffer != null && buffer.length == n ? buffer : new float[n];
    }
}
