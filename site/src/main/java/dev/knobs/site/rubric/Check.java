package dev.knobs.site.rubric;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.site.inputs.LessonOutput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * The checks a rubric rule can make on the lessons' results, collecting evidence as it goes.
 * Each method looks at one lesson; a lesson without a result marks the requirement "not run
 * yet", a failed check marks it "not met" with the measured value, and everything checked
 * becomes a line of evidence. Methods return {@code this}, so a rule reads as a list of checks.
 */
public final class Check {
    /** A chosen configuration's test accuracy must reach this in a standard or full run to count as evidence. */
    public static final double SENSIBLE_ACCURACY = 0.90;
    /** The same floor for smoke runs, which train on 2,000 images for an epoch or two. */
    public static final double SENSIBLE_SMOKE_ACCURACY = 0.50;

    private final Map<String, LessonOutput> lessons;
    private final Set<String> notRun = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> evidence = new ArrayList<>();
    private boolean smoke;
    private Requirement.Thumbnail thumbnail;

    Check(Map<String, LessonOutput> lessons) {
        this.lessons = lessons;
    }

    /** The lesson's chosen configuration reaches a sensible test accuracy for its mode. */
    public Check accuracy(String lessonId) {
        LessonOutput l = result(lessonId);
        if (l != null) {
            double floor = l.smoke() ? SENSIBLE_SMOKE_ACCURACY : SENSIBLE_ACCURACY;
            String value = percent(l.result().testAccuracy());
            evidence.add(label(lessonId) + ": test accuracy " + value + modeNote(l));
            if (l.result().testAccuracy() < floor) {
                failures.add(label(lessonId) + " reaches only " + value + " (expected at least " + percent(floor) + ")");
            }
        }
        return this;
    }

    /** The lesson's test accuracy is at least {@code minimum} (the 99% of the extra credit). */
    public Check accuracyAtLeast(String lessonId, double minimum) {
        LessonOutput l = result(lessonId);
        if (l != null) {
            String value = percent(l.result().testAccuracy());
            evidence.add(label(lessonId) + ": test accuracy " + value + " on the " + testSetNote(l) + modeNote(l));
            if (l.result().testAccuracy() < minimum) {
                failures.add(value + modeNote(l));
            }
        }
        return this;
    }

    /** The lesson wrote a table with at least {@code minRows} rows, e.g. a comparison of settings. */
    public Check table(String lessonId, int minRows, String what) {
        LessonOutput l = result(lessonId);
        if (l != null) {
            LessonResult.Table best = null;
            for (LessonResult.Table t : l.result().tables()) {
                if (best == null || t.rows().size() > best.rows().size()) {
                    best = t;
                }
            }
            if (best != null && best.rows().size() >= minRows) {
                evidence.add(label(lessonId) + ": " + what + " (table \"" + best.title() + "\", " + best.rows().size() + " rows)");
            } else {
                failures.add(label(lessonId) + " has no " + what + " (no result table with " + minRows + " or more rows)");
            }
        }
        return this;
    }

    /**
     * The lesson wrote a figure whose file name or title contains one of {@code keywords}; the
     * first one found becomes the row's thumbnail unless one was already chosen.
     */
    public Check figure(String lessonId, String what, String... keywords) {
        LessonOutput l = result(lessonId);
        if (l != null) {
            LessonResult.Figure f = find(l, keywords);
            if (f != null) {
                evidence.add(label(lessonId) + ": " + what + " (figure \"" + f.title() + "\")");
                if (thumbnail == null) {
                    thumbnail = new Requirement.Thumbnail(lessonId, f.file(), f.title(), f.alt());
                }
            } else {
                failures.add(label(lessonId) + " has no " + what + " (no figure named like " + String.join("/", keywords) + ")");
            }
        }
        return this;
    }

    /** Uses the lesson's figure matching {@code keywords}, else its first figure, as the thumbnail (no check). */
    public Check thumbnail(String lessonId, String... keywords) {
        LessonOutput l = lessons.get(lessonId);
        if (thumbnail == null && l != null && l.ran() && !l.result().figures().isEmpty()) {
            LessonResult.Figure f = find(l, keywords);
            if (f == null) {
                f = l.result().figures().stream().filter(x -> x.svg() != null).findFirst().orElse(l.result().figures().get(0));
            }
            thumbnail = new Requirement.Thumbnail(lessonId, f.file(), f.title(), f.alt());
        }
        return this;
    }

    /**
     * When the lesson reports metric {@code key}, it must satisfy {@code ok}; its value becomes
     * evidence. A lesson that does not report it is not held against the requirement.
     */
    public Check metricIf(String lessonId, String key, String meaning, DoublePredicate ok, String failure) {
        LessonOutput l = lessons.get(lessonId);
        if (l != null && l.ran() && l.result().metrics().containsKey(key)) {
            double v = l.result().metrics().get(key);
            evidence.add(label(lessonId) + ": " + meaning + " = " + number(v));
            if (!ok.test(v)) {
                failures.add(label(lessonId) + ": " + failure + " (" + key + " = " + number(v) + ")");
            }
        }
        return this;
    }

    /** Shows metric {@code key} as evidence when the lesson reports it. */
    public Check metric(String lessonId, String key, String meaning) {
        return metricIf(lessonId, key, meaning, v -> true, "");
    }

    /** Shows the lesson's headline, the one sentence that sums up its run. */
    public Check headline(String lessonId) {
        LessonOutput l = lessons.get(lessonId);
        if (l != null && l.ran() && !l.result().headline().isBlank()) {
            evidence.add(label(lessonId) + ": " + l.result().headline());
        }
        return this;
    }

    /** Records a fact or failure computed outside these methods (used for Part 2). */
    Check custom(boolean ran, boolean ok, String fact, String failure, boolean fromSmoke) {
        if (!ran) {
            notRun.add(failure);
            return this;
        }
        evidence.add(fact);
        smoke |= fromSmoke;
        if (!ok) {
            failures.add(failure);
        }
        return this;
    }

    /** Sets the thumbnail unless one was chosen already. */
    Check thumbnail(Requirement.Thumbnail t) {
        if (thumbnail == null) {
            thumbnail = t;
        }
        return this;
    }

    /** The row's status from what was checked. */
    Requirement toRequirement(String id, String requirement, String lookFor, List<String> lessonIds) {
        Status status;
        String detail;
        if (!notRun.isEmpty()) {
            status = Status.NOT_RUN;
            detail = "waiting for " + String.join(", ", notRun);
        } else if (!failures.isEmpty()) {
            status = Status.NOT_MET;
            detail = String.join("; ", failures);
        } else {
            status = Status.MET;
            detail = smoke ? "all checks pass on smoke runs; the real numbers need a standard run" : "all checks pass";
        }
        return new Requirement(id, requirement, lookFor, lessonIds, status, detail, smoke, List.copyOf(evidence), thumbnail);
    }

    private LessonOutput result(String lessonId) {
        LessonOutput l = lessons.get(lessonId);
        if (l == null || !l.ran()) {
            notRun.add("lesson " + lessonId);
            return null;
        }
        smoke |= l.smoke();
        return l;
    }

    private static LessonResult.Figure find(LessonOutput l, String... keywords) {
        for (String k : keywords) {
            String key = k.toLowerCase(Locale.ROOT);
            for (LessonResult.Figure f : l.result().figures()) {
                if (f.file().toLowerCase(Locale.ROOT).contains(key) || f.title().toLowerCase(Locale.ROOT).contains(key)) {
                    return f;
                }
            }
        }
        return null;
    }

    private static String label(String lessonId) {
        return "lesson " + lessonId.substring(0, Math.min(2, lessonId.length()));
    }

    private static String modeNote(LessonOutput l) {
        return l.smoke() ? " (smoke run)" : "";
    }

    private static String testSetNote(LessonOutput l) {
        if (l.result().provenance() != null && l.result().provenance().dataset() != null) {
            String d = l.result().provenance().dataset();
            int slash = d.lastIndexOf('/');
            if (slash >= 0) {
                return d.substring(slash + 1) + " test images";
            }
        }
        return "test set";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        if (Math.abs(v) >= 0.01 && Math.abs(v) < 1e5) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
