package dev.knobs.site.rubric;

import dev.knobs.lessons.common.LessonResult;
import dev.knobs.lessons.common.LessonResults;
import dev.knobs.lessons.common.Provenance;
import dev.knobs.site.inputs.LessonOutput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The checks a rubric rule can make on the lessons' results, collecting evidence as it goes.
 * Each method looks at one lesson; a lesson without a result marks the requirement "not run
 * yet", a failed check or a missing piece of evidence marks it "not met" naming what is wrong,
 * and everything checked becomes a line of evidence. Methods return {@code this}, so a rule reads
 * as a list of checks.
 *
 * <p>The checks read each lesson's typed results, the record the lesson itself returns (one
 * definition for both sides: a renamed field breaks the build, not the grade). A run is graded
 * only in standard or full mode and on the real MNIST test set (the checksums in its provenance);
 * a requirement whose checks all pass on anything else shows as not graded, never as met.
 */
public final class Check {
    /** A chosen configuration's test accuracy must reach this in a standard or full run to count as evidence. */
    public static final double SENSIBLE_ACCURACY = 0.90;
    /** The floor for smoke runs of the Tribuo experiments (2,000 images, an epoch or two), to catch a broken one. */
    public static final double SENSIBLE_SMOKE_ACCURACY = 0.50;

    private final Map<String, LessonOutput> lessons;
    private final Set<String> notRun = new LinkedHashSet<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> evidence = new ArrayList<>();
    private boolean smoke;
    private boolean otherData;
    private boolean readRuns;
    private Requirement.Thumbnail thumbnail;

    Check(Map<String, LessonOutput> lessons) {
        this.lessons = lessons;
    }

    /**
     * The lesson's chosen configuration reaches a sensible test accuracy. A smoke run's accuracy is
     * shown but not judged: it trains for seconds on 2,000 images, and is not graded anyway.
     */
    public Check accuracy(String lessonId) {
        LessonOutput l = result(lessonId);
        if (l != null) {
            String value = percent(l.result().testAccuracy());
            evidence.add(label(lessonId) + ": test accuracy " + value + modeNote(l));
            if (!l.smoke() && !(l.result().testAccuracy() >= SENSIBLE_ACCURACY)) {
                failures.add(label(lessonId) + " reaches only " + value + " (expected at least "
                        + percent(SENSIBLE_ACCURACY) + ")");
            }
        }
        return this;
    }

    /**
     * The lesson's test accuracy is at least {@code minimum} (the 99% of the extra credit). Not judged
     * on a smoke run, which is never graded.
     */
    public Check accuracyAtLeast(String lessonId, double minimum) {
        LessonOutput l = result(lessonId);
        if (l != null) {
            String value = percent(l.result().testAccuracy());
            evidence.add(label(lessonId) + ": test accuracy " + value + " on the " + testSetNote(l) + modeNote(l));
            if (!l.smoke() && l.result().testAccuracy() < minimum) {
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
     * A value of the lesson's typed results: shown as evidence, and it must be there (not null,
     * not NaN) and pass {@code ok}; otherwise the requirement is not met, naming what is missing or
     * wrong. A run written before its lesson had typed results has none: that is a failure too
     * (run the lesson again).
     *
     * @param type    the lesson's results record, e.g. {@code DropoutRates.Results.class}
     * @param value   the field checked, e.g. {@code DropoutRates.Results::chosenHiddenDropout}
     * @param meaning what it is, for the evidence line, e.g. {@code "chosen dropout rates"}
     * @param ok      what it must satisfy
     * @param failure what it means when it does not
     */
    public <R extends Record & LessonResults, V> Check value(String lessonId, Class<R> type, Function<R, V> value,
                                                             String meaning, Predicate<V> ok, String failure) {
        LessonOutput l = result(lessonId);
        if (l == null) {
            return this;
        }
        R results = read(l, type);
        if (results == null) {
            failures.add(label(lessonId) + " reports no typed results (its run predates them: run it again)");
            return this;
        }
        V v = value.apply(results);
        if (v == null || (v instanceof Double d && d.isNaN()) || (v instanceof Float f && f.isNaN())) {
            failures.add(label(lessonId) + " reports no " + meaning);
            return this;
        }
        evidence.add(label(lessonId) + ": " + meaning + " = " + show(v));
        if (!ok.test(v)) {
            failures.add(label(lessonId) + ": " + failure + " (" + meaning + " = " + show(v) + ")");
        }
        return this;
    }

    /** {@link #value} that only has to be there. */
    public <R extends Record & LessonResults, V> Check value(String lessonId, Class<R> type, Function<R, V> value,
                                                             String meaning) {
        return value(lessonId, type, value, meaning, v -> true, "");
    }

    /** Shows the lesson's headline, the one sentence that sums up its run. */
    public Check headline(String lessonId) {
        LessonOutput l = lessons.get(lessonId);
        if (l != null && l.ran() && !l.result().headline().isBlank()) {
            evidence.add(label(lessonId) + ": " + l.result().headline());
        }
        return this;
    }

    /** Records a fact or failure computed outside these methods (Part 2, the documentation). */
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

    /** Counts a run that is not one of the lessons' (a Tribuo experiment) towards whether the row is graded. */
    Check graded(LessonOutput run) {
        readRuns = true;
        smoke |= run.smoke();
        Provenance p = run.result().provenance();
        otherData |= p == null || p.testSet() == null || !p.testSet().isMnist();
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
        } else if (smoke) {
            status = Status.SMOKE;
            detail = "all checks pass, on smoke runs: not graded; the graded numbers need a standard run";
        } else if (otherData) {
            status = Status.OTHER_DATA;
            detail = "all checks pass, on another test set than MNIST's: not graded";
        } else {
            status = Status.MET;
            detail = readRuns ? "all checks pass on standard runs on the MNIST test set"
                    : "all checks pass (measured on the code, not on a run)";
        }
        return new Requirement(id, requirement, lookFor, lessonIds, status, detail, smoke, List.copyOf(evidence), thumbnail);
    }

    private LessonOutput result(String lessonId) {
        LessonOutput l = lessons.get(lessonId);
        if (l == null || !l.ran()) {
            notRun.add("lesson " + lessonId);
            return null;
        }
        graded(l);
        return l;
    }

    private static <R extends Record & LessonResults> R read(LessonOutput l, Class<R> type) {
        try {
            return l.result().results(type);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String show(Object v) {
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Float f) {
            return number(f);
        }
        if (v instanceof float[] a) {
            return java.util.Arrays.toString(a);
        }
        return String.valueOf(v);
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
