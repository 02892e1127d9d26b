/* Knobs site: the search pages' 3D surface, drawn on a canvas from window.KNOBS_SURFACE (the page's surface.js,
   a copy of the search's surface.json). A filled quad mesh seen through an orthographic camera: drag (or the arrow
   keys) to turn it, point at it to read the knobs and accuracy of the nearest grid point. The static picture stays
   in place when JavaScript is off. The container's data-yaw and data-pitch (degrees) give the current view and
   data-drawn="true" says the surface was drawn, for tests. */
(function () {
  'use strict';
  var data = window.KNOBS_SURFACE;
  var box = document.getElementById('surface-3d');
  if (!data || !box || !data.zGrid || !data.zGrid.length) {
    return;
  }
  var readout = document.getElementById('surface-readout');
  var grid = data.zGrid;                       // grid[j][i]: accuracy (%) at x.values[i], y.values[j]
  var nx = grid[0].length, ny = grid.length;
  var zMin = Infinity, zMax = -Infinity;
  grid.forEach(function (row) {
    row.forEach(function (z) { zMin = Math.min(zMin, z); zMax = Math.max(zMax, z); });
  });
  (data.trials || []).forEach(function (t) { zMin = Math.min(zMin, t.z); zMax = Math.max(zMax, t.z); });
  var zSpan = zMax - zMin || 1;

  // Model coordinates: x and y in [-1, 1] across the grid, height in [-0.6, 0.6].
  function gx(i) { return nx > 1 ? -1 + 2 * i / (nx - 1) : 0; }
  function gy(j) { return ny > 1 ? -1 + 2 * j / (ny - 1) : 0; }
  function gz(z) { return -0.6 + 1.2 * (z - zMin) / zSpan; }

  // A knob value as a position in [-1, 1] along its axis (the grid is even in the logarithm on log axes).
  function axisPosition(axis, v) {
    var lo = parseFloat(axis.values[0]), hi = parseFloat(axis.values[axis.values.length - 1]);
    var value = parseFloat(v);
    if (axis.scale === 'log' && lo > 0 && hi > 0 && value > 0) {
      lo = Math.log(lo); hi = Math.log(hi); value = Math.log(value);
    }
    return hi === lo ? 0 : -1 + 2 * (value - lo) / (hi - lo);
  }

  // Colours from dark purple (low) to yellow (high), as in the static picture.
  var STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function colour(z, shade) {
    var t = Math.max(0, Math.min(1, (z - zMin) / zSpan)) * (STOPS.length - 1);
    var k = Math.min(STOPS.length - 2, Math.floor(t)), f = t - k;
    var c = STOPS[k].map(function (a, n) { return Math.round((a + (STOPS[k + 1][n] - a) * f) * shade); });
    return 'rgb(' + c.join(',') + ')';
  }

  var view = { yaw: -35, pitch: 30 };          // degrees: turn around the vertical axis, tilt towards the viewer
  var canvas = document.createElement('canvas');
  canvas.className = 'surface-canvas';
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', (data.title || 'Surface') + '. Drag or use the arrow keys to turn it.');
  var ctx = canvas.getContext('2d');
  var width = 0, height = 0, scale = 1, projected = [], bounds = null, hover = null;

  // Orthographic projection: turn by yaw around the vertical axis, then tilt by pitch. Returns screen x, y, depth.
  function project(x, y, z) {
    var a = view.yaw * Math.PI / 180, b = view.pitch * Math.PI / 180;
    var x1 = x * Math.cos(a) - y * Math.sin(a), y1 = x * Math.sin(a) + y * Math.cos(a);
    var depth = y1 * Math.cos(b) - z * Math.sin(b);
    var up = y1 * Math.sin(b) + z * Math.cos(b);
    return { x: width / 2 + scale * x1, y: height / 2 - scale * up, depth: depth };
  }

  // Text with a white halo, readable over the surface.
  function label(text, p, align) {
    ctx.textAlign = align || 'center';
    ctx.lineWidth = 3;
    ctx.strokeStyle = 'rgba(255,255,255,0.85)';
    ctx.strokeText(text, p.x, p.y);
    ctx.fillStyle = '#333';
    ctx.fillText(text, p.x, p.y);
    ctx.lineWidth = 1;
  }

  function draw() {
    ctx.setTransform(window.devicePixelRatio || 1, 0, 0, window.devicePixelRatio || 1, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.font = '12px system-ui, sans-serif';
    projected = [];
    bounds = { left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity };
    for (var j = 0; j < ny; j++) {
      projected.push([]);
      for (var i = 0; i < nx; i++) {
        var g = project(gx(i), gy(j), gz(grid[j][i]));
        projected[j].push(g);
        bounds = { left: Math.min(bounds.left, g.x), right: Math.max(bounds.right, g.x),
          top: Math.min(bounds.top, g.y), bottom: Math.max(bounds.bottom, g.y) };
      }
    }
    // The floor's outline, under the surface.
    var corners = [[-1, -1], [1, -1], [1, 1], [-1, 1]].map(function (c) { return project(c[0], c[1], -0.6); });
    ctx.strokeStyle = '#bbb';
    ctx.beginPath();
    corners.forEach(function (p, n) { if (n === 0) { ctx.moveTo(p.x, p.y); } else { ctx.lineTo(p.x, p.y); } });
    ctx.closePath();
    ctx.stroke();
    // The quads, farthest first (the painter's algorithm), shaded a little by their tilt.
    var quads = [];
    for (j = 0; j < ny - 1; j++) {
      for (i = 0; i < nx - 1; i++) {
        var q = [projected[j][i], projected[j][i + 1], projected[j + 1][i + 1], projected[j + 1][i]];
        quads.push({ q: q, depth: (q[0].depth + q[1].depth + q[2].depth + q[3].depth) / 4,
          z: (grid[j][i] + grid[j][i + 1] + grid[j + 1][i + 1] + grid[j + 1][i]) / 4,
          slope: Math.abs(grid[j][i + 1] - grid[j][i]) + Math.abs(grid[j + 1][i] - grid[j][i]) });
      }
    }
    quads.sort(function (a, b) { return b.depth - a.depth; });
    quads.forEach(function (d) {
      ctx.fillStyle = colour(d.z, 1 - Math.min(0.25, d.slope / zSpan));
      ctx.strokeStyle = 'rgba(255,255,255,0.35)';
      ctx.beginPath();
      ctx.moveTo(d.q[0].x, d.q[0].y);
      for (var n = 1; n < 4; n++) { ctx.lineTo(d.q[n].x, d.q[n].y); }
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    });
    // The trials as dots, and the height's range.
    (data.trials || []).forEach(function (t) {
      var p = project(axisPosition(data.x, t.x), axisPosition(data.y, t.y), gz(t.z));
      ctx.fillStyle = '#d55e00';
      ctx.strokeStyle = '#fff';
      ctx.beginPath();
      ctx.arc(p.x, p.y, 4, 0, 2 * Math.PI);
      ctx.fill();
      ctx.stroke();
    });
    // The axes' names and ends, over everything.
    label(data.x.knob + ' \u2192', project(0, -1.25, -0.6));
    label(data.y.knob + ' \u2192', project(-1.25, 0, -0.6));
    label(data.x.values[0], project(-1, -1.1, -0.6));
    label(data.x.values[nx - 1], project(1, -1.1, -0.6));
    label(data.y.values[ny - 1], project(-1.1, 1, -0.6));
    label('accuracy ' + zMin.toFixed(2) + '% to ' + zMax.toFixed(2) + '%', { x: 8, y: 16 }, 'left');
    if (hover) {
      var p = projected[hover.j][hover.i];
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2;
      ctx.beginPath();
      ctx.arc(p.x, p.y, 6, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.lineWidth = 1;
    }
    box.setAttribute('data-yaw', String(Math.round(view.yaw)));
    box.setAttribute('data-pitch', String(Math.round(view.pitch)));
    box.setAttribute('data-drawn', 'true');
  }

  function resize() {
    width = Math.max(240, box.clientWidth);
    height = Math.round(Math.max(220, Math.min(560, width * 0.75)));
    scale = Math.min(width, height) / 3.3;   // the floor's diagonal and the labels stay inside at any angle
    var ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    canvas.style.width = width + 'px';
    canvas.style.height = height + 'px';
    draw();
  }

  function turn(dYaw, dPitch) {
    view.yaw = ((view.yaw + dYaw + 540) % 360) - 180;
    view.pitch = Math.max(-10, Math.min(90, view.pitch + dPitch));
    draw();
  }

  // The grid point drawn nearest to the pointer while it is over the drawn surface (give or take 12 pixels),
  // shown in the readout and on the container's data-hover.
  function point(e) {
    var r = canvas.getBoundingClientRect(), mx = e.clientX - r.left, my = e.clientY - r.top, best = null, bestD = Infinity;
    for (var j = 0; j < ny; j++) {
      for (var i = 0; i < nx; i++) {
        var p = projected[j][i], d = (p.x - mx) * (p.x - mx) + (p.y - my) * (p.y - my);
        if (d < bestD) { bestD = d; best = { i: i, j: j }; }
      }
    }
    var over = mx >= bounds.left - 12 && mx <= bounds.right + 12 && my >= bounds.top - 12 && my <= bounds.bottom + 12;
    hover = over ? best : null;
    var text = hover ? data.x.knob + ' = ' + data.x.values[hover.i] + ', ' + data.y.knob + ' = ' + data.y.values[hover.j]
      + ': validation accuracy ' + grid[hover.j][hover.i].toFixed(2) + '%' : '';
    readout.textContent = text || 'Point at the surface to read a value.';
    box.setAttribute('data-hover', text);
    draw();
  }

  var drag = null;
  canvas.addEventListener('pointerdown', function (e) {
    drag = { x: e.clientX, y: e.clientY };
    canvas.setPointerCapture(e.pointerId);
  });
  canvas.addEventListener('pointermove', function (e) {
    if (drag) {
      turn((e.clientX - drag.x) * 0.5, (e.clientY - drag.y) * 0.5);
      drag = { x: e.clientX, y: e.clientY };
    } else {
      point(e);
    }
  });
  canvas.addEventListener('pointerup', function () { drag = null; });
  canvas.addEventListener('pointercancel', function () { drag = null; });
  canvas.addEventListener('pointerleave', function () {
    if (!drag) { hover = null; box.setAttribute('data-hover', ''); draw(); }
  });
  canvas.addEventListener('keydown', function (e) {
    var keys = { ArrowLeft: [-5, 0], ArrowRight: [5, 0], ArrowUp: [0, -5], ArrowDown: [0, 5] };
    if (keys[e.key]) {
      e.preventDefault();
      turn(keys[e.key][0], keys[e.key][1]);
    }
  });
  canvas.style.touchAction = 'none';           // a drag turns the surface instead of scrolling the page

  // Swap the static picture for the canvas, and show the help and the readout.
  var picture = box.querySelector('.surface-fallback');
  if (picture) { picture.hidden = true; }
  box.querySelectorAll('p').forEach(function (p) { p.hidden = true; });
  box.appendChild(canvas);
  document.querySelectorAll('.surface-help').forEach(function (el) { el.hidden = false; });
  readout.hidden = false;
  readout.textContent = 'Point at the surface to read a value.';
  window.addEventListener('resize', resize);
  resize();
})();
