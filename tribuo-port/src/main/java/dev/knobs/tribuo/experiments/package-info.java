/**
 * The experiments of the Tribuo port, one per lesson (or group of lessons), and what they share:
 * loading a configuration file, training the runs it lists, comparing them, choosing on
 * validation accuracy and writing Tribuo's evaluation in the lessons' output format.
 */
package dev.knobs.tribuo.experiments;
