package dev.knobs.nn.kernel;

/** Run in a child JVM by {@link KernelChoiceTest}: prints the implementation and a 2x2 product. */
final class FallbackProbe {
    private FallbackProbe() {}

    public static void main(String[] args) {
        float[] c = new float[4];
        Gemm.ab(2, 3, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8, 9, 10, 11, 12}, c);
        System.out.println(Gemm.implementation() + " " + c[0] + " " + c[1] + " " + c[2] + " " + c[3]);
    }
}
