package dev.knobs.exercises.l11;

import dev.knobs.nn.metrics.Predictions;
import dev.knobs.nn.metrics.TopErrors;
import java.util.List;

/** The reference solution of exercise 11.2: nn-core's TopErrors. */
public final class TopErrorsRanking {
    private TopErrorsRanking() {}

    public static List<TopErrors.ErrorCase> byMargin(Predictions p, int k) {
        return TopErrors.byMargin(p, k);
    }
}
