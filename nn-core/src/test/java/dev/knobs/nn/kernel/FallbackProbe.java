package dev.knobs.nn.kernel;

/**
 * Run in a child JVM by {@link KernelChoiceTest}: prints the implementation and a 2x2 product, then
 * a fingerprint of the elementwise kernels that have a Vector API twin (ReLU backward, dropout).
 */
final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        float[] c = new float[4];
        Gemm.ab(2, 3, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8, 9, 10, 11, 12}, c);
        System.out.println(Gemm.implementation() + " " + c[0] + " " + c[1] + " " + c[2] + " " + c[3]);
        int rows = 5;
        int cols = 37;
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7919 % 23) - 11f;
        }
        float[] dx = new float[x.length];
        Ops.reluBackward(x.length, x, x, dx);
        float[] mask = new float[x.length];
        float[] y = new float[x.length];
        Ops.dropout(rows, cols, 0.3f, 17L, 4L, x, mask, y);
        long h = 1;
        for (int i = 0; i < x.length; i++) {
            h = 31 * (31 * h + Float.floatToRawIntBits(dx[i])) + Float.floatToRawIntBits(y[i]);
        }
        System.out.println("ops " + Long.toHexString(h));
    }
}
