/**
 * What every lesson needs and none should repeat: flags ({@link dev.knobs.lessons.common.LessonOptions}),
 * the run and its output folder ({@link dev.knobs.lessons.common.Lesson}), a {@link
 * dev.knobs.lessons.common.Recipe} of every knob, the shared {@link dev.knobs.lessons.common.TrainingLoop},
 * plots, digit grids, progress bar and tables. Lesson code stays about its one knob.
 */
package dev.knobs.lessons.common;
