/* Knobs site: the comparison pages' charts, drawn with uPlot from window.KNOBS_COMPARISON (the page's
   compare-data.js). Each chart replaces the picture in its container; without JavaScript the picture stays.
   Hovering shows every curve's value at an epoch in the legend; clicking a run's name there (or Enter or
   Space on it) hides or shows its curve. */
(function () {
  'use strict';
  var data = window.KNOBS_COMPARISON;
  if (!data || !window.uPlot) {
    return;
  }
  // The colours of the pictures (Okabe and Ito's palette, as in the lessons' plots); dashed after ten curves.
  var PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#c9b800',
    '#787878', '#963c1e'];
  var charts = [];
  window.KnobsCharts = {};

  function size(box) {
    var width = Math.max(240, Math.floor(box.clientWidth) - 12);   // the frame around the chart
    return { width: width, height: Math.round(Math.max(220, Math.min(380, width * 0.55))) };
  }

  function format(chart, v) {
    return v == null ? '\u2013' : v.toFixed(chart.decimals) + chart.unit;
  }

  // Legend entries as buttons: focusable, with their state for screen readers.
  function makeLegendKeyboardFriendly(u) {
    u.root.querySelectorAll('.u-legend .u-series').forEach(function (row, i) {
      if (i === 0) {
        return;                                   // the epoch, not a curve
      }
      var label = row.querySelector('th');
      label.setAttribute('tabindex', '0');
      label.setAttribute('role', 'button');
      label.setAttribute('aria-pressed', u.series[i].show ? 'true' : 'false');
      label.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          label.click();
        }
      });
    });
  }

  function draw(chart) {
    var box = document.getElementById('chart-' + chart.id);
    if (!box) {
      return;
    }
    var series = [{ label: 'epoch', value: function (u, v) { return v == null ? '\u2013' : String(v); } }];
    chart.series.forEach(function (s, i) {
      series.push({
        label: s.label,
        stroke: PALETTE[i % PALETTE.length],
        width: 2,
        dash: i >= PALETTE.length ? [6, 4] : undefined,
        spanGaps: true,
        points: { show: true, size: 7, fill: PALETTE[i % PALETTE.length] },
        value: function (u, v) { return format(chart, v); }
      });
    });
    var values = [data.x].concat(chart.series.map(function (s) { return s.values; }));
    var dims = size(box);
    var options = {
      width: dims.width,
      height: dims.height,
      series: series,
      scales: {
        x: {
          time: false,
          range: function (u, min, max) { return max - min < 1 ? [min - 0.5, max + 0.5] : [min, max]; }
        },
        // Percentages stay within 0 to 100, with a little room around the curves.
        y: chart.unit === '%' ? {
          range: function (u, min, max) {
            var pad = Math.max(1, (max - min) * 0.1);
            return [Math.max(0, Math.floor(min - pad)), Math.min(100, Math.ceil(max + pad))];
          }
        } : {}
      },
      axes: [
        {
          label: 'epoch',
          incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500],
          values: function (u, splits) { return splits.map(function (v) { return Number.isInteger(v) && v >= 1 ? String(v) : ''; }); }
        },
        { label: chart.y, size: 60 }
      ],
      legend: { live: true },
      hooks: {
        setSeries: [function (u, i) {
          var row = i == null ? null : u.root.querySelectorAll('.u-legend .u-series')[i];
          var label = row && row.querySelector('th');
          if (label && i > 0) {
            label.setAttribute('aria-pressed', u.series[i].show ? 'true' : 'false');
          }
          box.setAttribute('data-hidden', u.series.filter(function (s, k) { return k > 0 && !s.show; }).length);
        }]
      }
    };
    box.textContent = '';                          // the picture gives way to the chart
    var u = new window.uPlot(options, values, box);
    var canvas = u.root.querySelector('canvas');
    if (canvas) {
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', chart.alt);
    }
    makeLegendKeyboardFriendly(u);
    box.setAttribute('data-hidden', '0');
    box.setAttribute('data-chart-ready', 'true');
    charts.push({ box: box, plot: u });
    window.KnobsCharts[chart.id] = u;
  }

  // How to use the charts, said only where they are drawn (without JavaScript the pictures stand alone); shown
  // before drawing, so that nothing moves the charts afterwards.
  document.querySelectorAll('.chart-help').forEach(function (el) { el.hidden = false; });

  data.charts.forEach(function (chart) {
    try {
      draw(chart);
    } catch (e) {
      console.error('Chart ' + chart.id + ' not drawn: ' + (e.message || e));
    }
  });

  // Follow the page's width (a phone turned sideways, a resized window).
  var pending = false;
  window.addEventListener('resize', function () {
    if (pending) {
      return;
    }
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      charts.forEach(function (c) {
        var dims = size(c.box);
        if (dims.width !== c.plot.width) {
          c.plot.setSize(dims);
        }
      });
    });
  });
})();
