package dev.knobs.lessons.l12;

import dev.knobs.lessons.common.Mode;
import dev.knobs.lessons.l12.TowardsNinetyNine.Hyperparams;
import java.util.List;

/**
 * One recipe that {@code --select} considers: a name for the README's table and a full set of
 * lesson 12's knobs.
 *
 * <p>The nine candidates ask one question each, against the recipe before them: does augmentation
 * help (none, then affine, then elastic + affine), how much dropout goes with it (the classic 0.2
 * on the input and 0.5 on the hidden layers, 0.1 and 0.3, none and 0.2), does a third hidden layer
 * or twice the width help, and does training longer help. All share lesson 12's other knobs:
 * Nesterov momentum 0.9, a one-cycle learning rate peaking at 0.1 after a quarter of the steps,
 * batches of 128, rotations up to 10°, shifts up to 2 pixels, zooms up to 10% and an elastic warp
 * of strength 10 and smoothness 4 where they distort at all.
 *
 * @param name  what the candidate changes, e.g. {@code "lighter dropout, longer"}
 * @param knobs the recipe, every knob of lesson 12
 */
record Candidate(String name, Hyperparams knobs) {

    /**
     * The nine candidates, in the order of the README's table. Standard size: two hidden layers of
     * 1,024 (three of 1,024, or two of 2,048), 20 epochs, or 50 for the two longer runs. Smoke size,
     * for the tests: the same nine on smoke mode's network, two hidden layers of 64 (three of 64, or
     * two of 128), 1 epoch, or 2 for the longer runs.
     *
     * @throws IllegalArgumentException for full mode, which has no candidates of its own
     */
    static List<Candidate> all(Mode mode) {
        if (mode == Mode.FULL) {
            throw new IllegalArgumentException("the choice of the recipe has a standard and a smoke size, no full one");
        }
        Hyperparams base = Hyperparams.defaults(mode);
        int w = base.hidden()[0];
        int[] two = {w, w};
        int shorter = mode == Mode.SMOKE ? 1 : 20;
        int longer = base.epochs();
        return List.of(
                new Candidate("no augmentation", recipe(base, two, 0f, 0.2f, false, false, shorter)),
                new Candidate("heavy dropout", recipe(base, two, 0.2f, 0.5f, false, true, shorter)),
                new Candidate("affine only", recipe(base, two, 0.1f, 0.3f, false, true, shorter)),
                new Candidate("+ elastic", recipe(base, two, 0.1f, 0.3f, true, true, shorter)),
                new Candidate("lighter dropout", recipe(base, two, 0f, 0.2f, true, true, shorter)),
                new Candidate("three hidden layers", recipe(base, new int[] {w, w, w}, 0f, 0.2f, true, true, shorter)),
                new Candidate("twice as wide", recipe(base, new int[] {2 * w, 2 * w}, 0f, 0.2f, true, true, shorter)),
                new Candidate("lighter dropout, longer", recipe(base, two, 0f, 0.2f, true, true, longer)),
                new Candidate("+ elastic, longer", recipe(base, two, 0.1f, 0.3f, true, true, longer)));
    }

    /**
     * {@code base} with the network, dropout, augmentation and epochs of a candidate; a part left out
     * is set to 0. The committee's size stays the mode's: each candidate is one network of the recipe.
     */
    private static Hyperparams recipe(Hyperparams base, int[] hidden, float inputDropout, float hiddenDropout,
                                      boolean elastic, boolean affine, int epochs) {
        return new Hyperparams(hidden, inputDropout, hiddenDropout, base.momentum(), base.peakLr(), base.warmupShare(),
                base.batchSize(), epochs, affine ? base.degrees() : 0, affine ? base.shift() : 0,
                affine ? base.zoom() : 0, base.shear(), elastic ? base.elasticAlpha() : 0, base.elasticSigma(),
                base.members());
    }
}
