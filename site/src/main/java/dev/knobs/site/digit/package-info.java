/**
 * The draw-a-digit page's data: the lesson-12 model's weights exported to a JavaScript file the
 * browser can load even from {@code file://} ({@link dev.knobs.site.digit.WeightExport}), the
 * real test digits behind the page's sample buttons ({@link dev.knobs.site.digit.TestDigits}),
 * and a plain forward pass in Java ({@link dev.knobs.site.digit.ReferenceForward}) that gives the
 * probabilities the browser must reproduce.
 */
package dev.knobs.site.digit;
