package dev.knobs.grader.checks;

/** The mean and the population variance of a sample, the two numbers an initialiser is checked on. */
final class Moments {
    private Moments() {}

    /** {mean, variance} of {@code w}: variance = E[w²] - E[w]². */
    static double[] of(float[] w) {
        double sum = 0;
        double sumSq = 0;
        for (float v : w) {
            sum += v;
            sumSq += (double) v * v;
        }
        double mean = sum / w.length;
        return new double[] {mean, sumSq / w.length - mean * mean};
    }
}
