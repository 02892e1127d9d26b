/**
 * What every lesson needs and none should repeat: flags ({@link dev.knobs.lessons.common.LessonOptions}),
 * the run and its output folder ({@link dev.knobs.lessons.common.Lesson}), plots, digit grids,
 * progress bars and tables. Training itself is nn-core's ({@link dev.knobs.nn.train.Recipe} and
 * {@link dev.knobs.nn.train.TrainingLoop}); lesson code stays about its one knob.
 */
package dev.knobs.lessons.common;
