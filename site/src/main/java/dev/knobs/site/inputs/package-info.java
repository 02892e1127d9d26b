/**
 * What the generator reads: the course's lesson list ({@link dev.knobs.site.inputs.Course}), each
 * lesson's README and output folder ({@link dev.knobs.site.inputs.OutputReader}), and the Tribuo
 * experiments. Nothing here trains or changes a file; a missing or broken output becomes a
 * {@link dev.knobs.site.inputs.LessonOutput} that says what is wrong, so the site still builds.
 */
package dev.knobs.site.inputs;
