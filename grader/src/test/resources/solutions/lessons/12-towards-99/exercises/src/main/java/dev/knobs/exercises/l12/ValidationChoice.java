package dev.knobs.exercises.l12;

/** The reference solution of exercise 12.2: lesson 12's Selection.choose on the candidates' columns. */
public final class ValidationChoice {
    private ValidationChoice() {}

    public static int choose(int[] validationErrors, double[] trainingLoss, long[] parameters, int[] epochs) {
        int best = 0;
        for (int i = 0; i < validationErrors.length; i++) {
            if (validationErrors[i] < validationErrors[best] || validationErrors[i] == validationErrors[best]
                    && parameters[i] * epochs[i] < parameters[best] * epochs[best]) {
                best = i;
            }
        }
        return best;
    }
}
