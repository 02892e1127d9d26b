/**
 * Writing the site: page views filled into Mustache templates ({@link dev.knobs.site.render.Templates}),
 * where everything is published ({@link dev.knobs.site.render.SiteMap}), the shipped CSS, JavaScript,
 * KaTeX and highlight.js files ({@link dev.knobs.site.render.Assets}), and one class per kind of page.
 */
package dev.knobs.site.render;
