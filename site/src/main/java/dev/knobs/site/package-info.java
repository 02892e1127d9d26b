/**
 * The course site: {@link dev.knobs.site.SiteGenerator} reads the lessons' output folders (never
 * training anything) and writes a static site that opens from the file system or any web server.
 * Sub-packages: {@code inputs} reads results, {@code markdown} renders READMEs, {@code rubric}
 * computes the assignment's statuses, {@code digit} exports the model for the browser, and
 * {@code render} fills the page templates and copies assets.
 */
package dev.knobs.site;
