package dev.knobs.grader.checks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Exercise 12.2, choosing a recipe on validation data: candidates worked out by hand where the
 * lowest training loss, the later of tied candidates or the fewest parameters alone would choose
 * differently, and a comparison with lesson 12's rule on random candidates full of ties.
 */
public final class ValidationChoiceChecks implements ExerciseChecks<ValidationChoiceChecks.Choice> {

    /** How the checks ask for a choice: the skeleton's static method. */
    @FunctionalInterface
    public interface Choice {
        /** The index of the chosen candidate. */
        int choose(int[] validationErrors, double[] trainingLoss, long[] parameters, int[] epochs);
    }

    /**
     * The reference: lesson 12's {@code Selection.choose} on the candidates' columns. The first
     * candidate is the best so far; a later one replaces it only with fewer validation errors, or
     * as many and strictly less work (parameters times epochs), so ties of both keep the earlier.
     */
    public static int reference(int[] validationErrors, double[] trainingLoss, long[] parameters, int[] epochs) {
        int best = 0;
        for (int i = 0; i < validationErrors.length; i++) {
            long work = parameters[i] * epochs[i];
            long bestWork = parameters[best] * epochs[best];
            if (validationErrors[i] < validationErrors[best]
                    || validationErrors[i] == validationErrors[best] && work < bestWork) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public Choice adapt(Class<?> type) {
        Reflect.Call m = Reflect.staticMethod(type, "choose", int[].class, double[].class, long[].class, int[].class);
        return (errors, loss, parameters, epochs) -> (Integer) m.call(errors, loss, parameters, epochs);
    }

    @Override
    public void run(Choice f, Checker checker) {
        checker.check("the fewest validation errors win, not the lowest training loss", () -> {
            // Candidate 2 learned its training images best (loss 0.004) and makes the most validation errors.
            Candidates c = new Candidates(new int[] {131, 97, 140, 103}, new double[] {0.21, 0.05, 0.004, 0.09},
                    new long[] {1_863_690, 1_863_690, 6_314_506, 1_863_690}, new int[] {20, 20, 20, 20});
            c.expect(f, 1, "");
        });
        checker.check("a tie in validation errors goes to less training work, parameters x epochs", () -> {
            // Candidates 0 and 2 both make 95 errors; 0 has fewer parameters but trains 50 epochs:
            // work 1,863,690 · 50 = 93,184,500 against 2,913,290 · 20 = 58,265,800.
            Candidates c = new Candidates(new int[] {95, 120, 95, 101}, new double[] {0.03, 0.2, 0.02, 0.1},
                    new long[] {1_863_690, 1_863_690, 2_913_290, 669_706}, new int[] {50, 20, 20, 20});
            c.expect(f, 2, "");
            // The tie is in errors only: candidate 2 does the least work but makes one error more.
            Candidates d = new Candidates(new int[] {110, 110, 111}, new double[] {0.1, 0.1, 0.1},
                    new long[] {1_863_690, 669_706, 100}, new int[] {20, 20, 1});
            d.expect(f, 1, "");
        });
        checker.check("a tie in both errors and work goes to the earlier candidate", () -> {
            // Candidates 1, 2 and 3 make 88 errors with the same work (2 · 50 = 4 · 25 = 100 · 1).
            Candidates c = new Candidates(new int[] {90, 88, 88, 88}, new double[] {0.1, 0.3, 0.2, 0.1},
                    new long[] {1, 2, 4, 100}, new int[] {10, 50, 25, 1});
            c.expect(f, 1, "");
            Candidates alone = new Candidates(new int[] {7}, new double[] {1.0}, new long[] {10}, new int[] {1});
            alone.expect(f, 0, " (a single candidate is chosen)");
        });
        checker.check("agrees with lesson 12's rule on random candidates full of ties", () -> {
            SplittableRandom rng = new SplittableRandom(12);
            for (int trial = 0; trial < 200; trial++) {
                int n = 1 + rng.nextInt(9);
                int[] errors = rng.ints(n, 90, 94).toArray();
                double[] loss = rng.doubles(n, 0.001, 0.3).toArray();
                long[] parameters = rng.longs(n, 1, 5).map(p -> p * 669_706).toArray();
                int[] epochs = rng.ints(n, 1, 4).map(e -> e * 10).toArray();
                Candidates c = new Candidates(errors, loss, parameters, epochs);
                c.expect(f, reference(errors, loss, parameters, epochs), "");
            }
        });
    }

    /** Candidates as the skeleton takes them, in their order. */
    private record Candidates(int[] errors, double[] loss, long[] parameters, int[] epochs) {

        /** Checks that {@code f} chooses {@code expected}, and says what a wrong choice was chosen by. */
        void expect(Choice f, int expected, String note) {
            int got = f.choose(errors.clone(), loss.clone(), parameters.clone(), epochs.clone());
            if (got == expected) {
                return;
            }
            String why = "";
            if (got >= 0 && got < errors.length) {
                if (got == lowestLoss() && errors[got] > errors[expected]) {
                    why = " (that is the lowest training loss: a network can learn its training images by heart, "
                            + "choose by validation errors)";
                } else if (errors[got] == errors[expected] && work(got) == work(expected) && got > expected) {
                    why = " (that is the later of candidates tied in errors and work: keep the earlier, the simpler "
                            + "recipe)";
                } else if (errors[got] == errors[expected] && parameters[got] < parameters[expected]) {
                    why = " (that has fewer parameters but more work: work is parameters x epochs)";
                } else if (errors[got] == errors[expected] && work(got) > work(expected)) {
                    why = " (tied in errors, but with more training work: the tie goes to less work)";
                }
            }
            throw new CheckFailure("for candidates with validation errors " + Arrays.toString(errors)
                    + ", training losses " + Arrays.toString(loss) + ", parameters " + Arrays.toString(parameters)
                    + " and epochs " + Arrays.toString(epochs) + ": expected candidate " + expected + note + ", got "
                    + got + why);
        }

        private long work(int i) {
            return parameters[i] * epochs[i];
        }

        private int lowestLoss() {
            int best = 0;
            for (int i = 1; i < loss.length; i++) {
                if (loss[i] < loss[best]) {
                    best = i;
                }
            }
            return best;
        }
    }
}
