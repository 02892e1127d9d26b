/* Knobs site: formulas with KaTeX, code colours with highlight.js, the lesson menu on small screens. */
(function () {
  'use strict';

  // Formulas: the generator keeps each formula's TeX in an element of class "math"; KaTeX draws it.
  // A formula KaTeX cannot read stays visible as TeX, marked, and is reported in the console.
  if (window.katex) {
    document.querySelectorAll('.math').forEach(function (el) {
      var tex = el.textContent;
      try {
        window.katex.render(tex, el, {
          displayMode: el.classList.contains('math-display'),
          throwOnError: true,
          strict: 'ignore',
          output: 'htmlAndMathml'
        });
      } catch (e) {
        el.textContent = tex;
        el.classList.add('math-error');
        el.title = String(e.message || e);
        console.error('Formula not rendered: ' + tex + ' (' + (e.message || e) + ')');
      }
    });
  }

  // Code: colour only blocks that name their language (```java); plain blocks stay plain.
  if (window.hljs) {
    document.querySelectorAll('pre code[class*="language-"]').forEach(function (el) {
      window.hljs.highlightElement(el);
    });
  }

  // Lesson menu on small screens.
  var toggle = document.querySelector('.menu-toggle');
  var sidebar = document.getElementById('sidebar');
  if (toggle && sidebar) {
    toggle.addEventListener('click', function () {
      var open = document.body.classList.toggle('menu-open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    sidebar.addEventListener('click', function (e) {
      if (e.target.closest('a')) {
        document.body.classList.remove('menu-open');
        toggle.setAttribute('aria-expanded', 'false');
      }
    });
  }

  // Everything above has run: tests (and anyone else) can wait for this instead of guessing a time.
  document.documentElement.setAttribute('data-site-ready', 'true');
})();
