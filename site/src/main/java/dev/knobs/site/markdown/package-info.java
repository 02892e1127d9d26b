/**
 * Lesson READMEs to HTML with commonmark-java: GitHub tables, heading anchors, TeX math kept
 * intact for KaTeX ({@link dev.knobs.site.markdown.MathExtension}), figures from the run put in
 * place of {@code runs/reference/...} images, and links rewritten to the site's own pages
 * ({@link dev.knobs.site.markdown.LinkRewriter}).
 */
package dev.knobs.site.markdown;
