/**
 * The assignment as a checklist: one {@link dev.knobs.site.rubric.Requirement} per requirement,
 * whose status (met, not met, not run yet) is computed from the lessons' result files by the
 * rules in {@link dev.knobs.site.rubric.RubricRules}, never written by hand.
 */
package dev.knobs.site.rubric;
