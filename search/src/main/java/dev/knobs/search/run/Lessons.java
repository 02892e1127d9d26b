package dev.knobs.search.run;

import dev.knobs.lessons.common.LessonDefinition;
import dev.knobs.lessons.common.UsageException;
import dev.knobs.lessons.l01.FirstNetwork;
import dev.knobs.lessons.l02.Normalization;
import dev.knobs.lessons.l03.MiniBatch;
import dev.knobs.lessons.l04.Initialization;
import dev.knobs.lessons.l05.HiddenActivations;
import dev.knobs.lessons.l06.LearningRates;
import dev.knobs.lessons.l07.DropoutRates;
import dev.knobs.lessons.l08.Augmentation;
import dev.knobs.lessons.l09.DeeperLayers;
import dev.knobs.lessons.l10.LrSchedules;
import dev.knobs.lessons.l11.Evaluation;
import dev.knobs.lessons.l12.TowardsNinetyNine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The lessons a search can run, by their folder name ({@code 12-towards-99}). */
public final class Lessons {
    private static final Map<String, LessonDefinition<?, ?>> ALL = new LinkedHashMap<>();

    static {
        for (LessonDefinition<?, ?> d : List.<LessonDefinition<?, ?>>of(FirstNetwork.LESSON, Normalization.LESSON,
                MiniBatch.LESSON, Initialization.LESSON, HiddenActivations.LESSON, LearningRates.LESSON,
                DropoutRates.LESSON, Augmentation.LESSON, DeeperLayers.LESSON, LrSchedules.LESSON, Evaluation.LESSON,
                TowardsNinetyNine.LESSON)) {
            ALL.put(d.id(), d);
        }
    }

    private Lessons() {}

    /** The lesson of that folder name; an unknown one is refused with the list of lessons. */
    public static LessonDefinition<?, ?> byId(String id) {
        LessonDefinition<?, ?> d = ALL.get(id);
        if (d == null) {
            throw new UsageException("--lesson: no lesson '" + id + "'; the lessons are " + String.join(", ", ALL.keySet()));
        }
        return d;
    }

    /** Every lesson's folder name, in order. */
    public static List<String> ids() {
        return List.copyOf(ALL.keySet());
    }
}
