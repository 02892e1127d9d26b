/**
 * The kept runs of the course from the command line: {@code compare} puts runs side by side
 * (the knobs that differ, accuracies, curves), {@code runs} lists them with their size and removes
 * the ones no longer wanted. The runs themselves are read by lessons-common's
 * {@link dev.knobs.lessons.common.RunFolders}.
 */
package dev.knobs.tools.runs;
