/**
 * The course again on Tribuo: the command line ({@link dev.knobs.tribuo.Experiments}) that runs
 * each lesson's experiment with Tribuo's datasets, transformations, optimisers, configuration,
 * provenance and evaluation, and an MLP trainer built into Tribuo's framework. See the module's
 * README for the lesson-by-lesson map.
 */
package dev.knobs.tribuo;
