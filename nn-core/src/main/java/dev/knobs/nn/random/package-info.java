/**
 * Seeds: one seed per run, split into independent streams for each use (initialisation,
 * shuffling, dropout, augmentation), so that a run is reproducible for any thread count.
 * Nothing here is global: generators are always passed in.
 */
package dev.knobs.nn.random;
