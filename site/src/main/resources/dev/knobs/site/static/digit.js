/*
 * Draw a digit: the lesson-12 network in the browser.
 *
 * The weights come from assets/model.js (window.KNOBS_MODEL), the sample digits from
 * assets/digits.js (window.KNOBS_TEST_DIGITS); both are scripts, so the page also works from file://.
 *
 * A drawing becomes the network's input the way MNIST digits were made:
 *   1. grey levels of the 280x280 pad (white ink on black), 0..1
 *   2. cut to the bounding box of the ink
 *   3. scaled, keeping the aspect ratio, so the longer side is 20 pixels (each new pixel is the
 *      average of the area it covers, which anti-aliases like MNIST's scanner did)
 *   4. placed in a 28x28 image so that its centre of mass falls on the centre
 *   5. x = (grey * 255 / scale - mean) / std, as the model file's metadata says
 * Then the forward pass: dense layers z = x W^T + b, their activations, and a softmax.
 */
(function () {
  'use strict';

  var SIDE = 28;
  var BOX = 20;
  var INK = 0.02;

  // ------------------------------------------------------------------ the network

  function bytes(base64) {
    var s = atob(base64);
    var out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }

  function halfToFloat(h) {
    var sign = (h & 0x8000) ? -1 : 1;
    var e = (h >> 10) & 0x1f;
    var f = h & 0x3ff;
    if (e === 0) return sign * f * Math.pow(2, -24);
    if (e === 31) return f ? NaN : sign * Infinity;
    return sign * (1 + f / 1024) * Math.pow(2, e - 15);
  }

  /** Little-endian float32 or float16 values, as WeightExport writes them. */
  function floats(base64, dtype) {
    var b = bytes(base64);
    var view = new DataView(b.buffer);
    var n = dtype === 'float16' ? b.length / 2 : b.length / 4;
    var out = new Float32Array(n);
    for (var i = 0; i < n; i++) {
      out[i] = dtype === 'float16' ? halfToFloat(view.getUint16(2 * i, true)) : view.getFloat32(4 * i, true);
    }
    return out;
  }

  function loadModel(m) {
    var layers = m.layers.map(function (l) {
      if (l.type === 'dense') {
        return { type: 'dense', in: l.in, out: l.out, w: floats(l.w, m.dtype), b: floats(l.b, m.dtype) };
      }
      return l;
    });
    var n = SIDE * SIDE;
    var mean = m.input.mean || new Array(n).fill(0);
    var std = m.input.std || new Array(n).fill(1);
    return { layers: layers, scale: m.input.scale || 255, mean: mean, std: std };
  }

  /** The 10 class probabilities for input x (already prepared). */
  function forward(net, x) {
    var a = x;
    net.layers.forEach(function (l) {
      var z, i, j;
      if (l.type === 'dense') {
        z = new Float64Array(l.out);
        for (j = 0; j < l.out; j++) {
          var sum = l.b[j];
          var row = j * l.in;
          for (i = 0; i < l.in; i++) sum += a[i] * l.w[row + i];
          z[j] = sum;
        }
        a = z;
      } else {
        z = new Float64Array(a.length);
        for (i = 0; i < a.length; i++) {
          var v = a[i];
          if (l.type === 'relu') z[i] = v > 0 ? v : 0;
          else if (l.type === 'leaky_relu') z[i] = v > 0 ? v : l.alpha * v;
          else if (l.type === 'sigmoid') z[i] = 1 / (1 + Math.exp(-v));
          else if (l.type === 'tanh') z[i] = Math.tanh(v);
          else throw new Error('unknown layer ' + l.type);
        }
        a = z;
      }
    });
    var max = -Infinity, total = 0, p = new Float64Array(a.length), k;
    for (k = 0; k < a.length; k++) max = Math.max(max, a[k]);
    for (k = 0; k < a.length; k++) { p[k] = Math.exp(a[k] - max); total += p[k]; }
    for (k = 0; k < a.length; k++) p[k] /= total;
    return Array.prototype.slice.call(p);
  }

  /** Model input from grey levels 0..1. */
  function prepare(net, grey) {
    var x = new Float64Array(grey.length);
    for (var i = 0; i < grey.length; i++) x[i] = (grey[i] * 255 / net.scale - net.mean[i]) / net.std[i];
    return x;
  }

  // ------------------------------------------------------------------ MNIST-like preprocessing

  /** Grey levels 0..1 of a canvas (the red channel of white-on-black ink). */
  function greyOf(canvas) {
    var d = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    var g = new Float64Array(canvas.width * canvas.height);
    for (var i = 0; i < g.length; i++) g[i] = d[4 * i] / 255;
    return g;
  }

  /** The 28x28 MNIST-style image of a drawing, or null when nothing is drawn. */
  function toMnist(grey, width, height) {
    var x0 = width, y0 = height, x1 = -1, y1 = -1, x, y;
    for (y = 0; y < height; y++) {
      for (x = 0; x < width; x++) {
        if (grey[y * width + x] > INK) {
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
        }
      }
    }
    if (x1 < 0) return null;
    var bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    var scale = BOX / Math.max(bw, bh);
    var tw = Math.max(1, Math.round(bw * scale)), th = Math.max(1, Math.round(bh * scale));
    // area-average resampling: each target pixel averages the source area it covers
    var small = new Float64Array(tw * th);
    var sx = bw / tw, sy = bh / th;
    for (var ty = 0; ty < th; ty++) {
      var ya = y0 + ty * sy, yb = ya + sy;
      for (var tx = 0; tx < tw; tx++) {
        var xa = x0 + tx * sx, xb = xa + sx, sum = 0, area = 0;
        for (y = Math.floor(ya); y < Math.ceil(yb); y++) {
          var wy = Math.min(yb, y + 1) - Math.max(ya, y);
          if (wy <= 0 || y >= height) continue;
          for (x = Math.floor(xa); x < Math.ceil(xb); x++) {
            var wx = Math.min(xb, x + 1) - Math.max(xa, x);
            if (wx <= 0 || x >= width) continue;
            sum += grey[y * width + x] * wx * wy;
            area += wx * wy;
          }
        }
        small[ty * tw + tx] = area > 0 ? sum / area : 0;
      }
    }
    // centre of mass into the middle of 28x28
    var mass = 0, cx = 0, cy = 0;
    for (y = 0; y < th; y++) {
      for (x = 0; x < tw; x++) {
        var v = small[y * tw + x];
        mass += v; cx += v * x; cy += v * y;
      }
    }
    cx = mass > 0 ? cx / mass : (tw - 1) / 2;
    cy = mass > 0 ? cy / mass : (th - 1) / 2;
    var ox = Math.round(SIDE / 2 - cx), oy = Math.round(SIDE / 2 - cy);
    var out = new Float64Array(SIDE * SIDE);
    for (y = 0; y < th; y++) {
      for (x = 0; x < tw; x++) {
        var X = x + ox, Y = y + oy;
        if (X >= 0 && X < SIDE && Y >= 0 && Y < SIDE) out[Y * SIDE + X] = Math.min(1, small[y * tw + x]);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ the page

  function drawGrey(canvas, grey) {
    var ctx = canvas.getContext('2d');
    var img = ctx.createImageData(SIDE, SIDE);
    for (var i = 0; i < SIDE * SIDE; i++) {
      var v = Math.round(255 * grey[i]);
      img.data[4 * i] = v; img.data[4 * i + 1] = v; img.data[4 * i + 2] = v; img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }

  function start() {
    var app = document.getElementById('digit-app');
    var status = document.getElementById('model-status');
    if (!app) return;
    if (!window.KNOBS_MODEL) {
      status.textContent = 'The model file assets/model.js did not load.';
      console.error('digit page: window.KNOBS_MODEL is missing');
      return;
    }
    var net = loadModel(window.KNOBS_MODEL);
    var pad = document.getElementById('pad');
    var seen = document.getElementById('seen');
    var ctx = pad.getContext('2d');
    var pen = document.getElementById('pen');
    var output = document.getElementById('prediction');
    var confidence = document.getElementById('confidence');
    var barsList = document.getElementById('bars');
    var bars = [];
    for (var d = 0; d < 10; d++) {
      var li = document.createElement('li');
      li.dataset.digit = String(d);
      li.innerHTML = '<span class="digit">' + d + '</span><span class="track"><span class="fill"></span></span><span class="p">0.0%</span>';
      barsList.appendChild(li);
      bars.push(li);
    }

    function clear() {
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, pad.width, pad.height);
      drawGrey(seen, new Float64Array(SIDE * SIDE));
      show(null);
    }

    function show(p) {
      var best = -1;
      if (p) {
        best = 0;
        for (var k = 1; k < 10; k++) if (p[k] > p[best]) best = k;
      }
      bars.forEach(function (li, k) {
        var v = p ? p[k] : 0;
        li.dataset.p = v.toFixed(6);
        li.classList.toggle('top', k === best);
        li.querySelector('.fill').style.width = (100 * v).toFixed(1) + '%';
        li.querySelector('.p').textContent = (100 * v).toFixed(1) + '%';
      });
      output.textContent = p ? String(best) : '?';
      output.dataset.digit = p ? String(best) : '';
      confidence.textContent = p ? 'with probability ' + (100 * p[best]).toFixed(1) + '%' : 'Draw something to start.';
    }

    /** Reads the pad, prepares it like MNIST, and shows the network's answer. */
    function classify() {
      var grey = toMnist(greyOf(pad), pad.width, pad.height);
      if (!grey) { show(null); drawGrey(seen, new Float64Array(SIDE * SIDE)); return null; }
      drawGrey(seen, grey);
      var p = forward(net, prepare(net, grey));
      show(p);
      return p;
    }

    var pending = false;
    function classifySoon() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; classify(); });
    }

    // drawing with mouse, finger or pen
    var drawing = false, last = null;
    function point(e) {
      var r = pad.getBoundingClientRect();
      return { x: (e.clientX - r.left) * pad.width / r.width, y: (e.clientY - r.top) * pad.height / r.height };
    }
    function stroke(a, b) {
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = Number(pen.value);
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    pad.addEventListener('pointerdown', function (e) {
      drawing = true;
      last = point(e);
      stroke(last, last);
      if (pad.setPointerCapture) pad.setPointerCapture(e.pointerId);
      classifySoon();
      e.preventDefault();
    });
    pad.addEventListener('pointermove', function (e) {
      if (!drawing) return;
      var p = point(e);
      stroke(last, p);
      last = p;
      classifySoon();
      e.preventDefault();
    });
    ['pointerup', 'pointercancel', 'pointerleave'].forEach(function (type) {
      pad.addEventListener(type, function () { if (drawing) { drawing = false; classify(); } });
    });
    document.getElementById('clear').addEventListener('click', clear);

    // sample test digits: drawn onto the pad, then read back like a drawing
    var digits = window.KNOBS_TEST_DIGITS || [];
    var samples = document.getElementById('samples');
    function sampleGrey(i) {
      var b = bytes(digits[i].pixels);
      var g = new Float64Array(SIDE * SIDE);
      for (var k = 0; k < g.length; k++) g[k] = b[k] / 255;
      return g;
    }
    function loadSample(i) {
      var small = document.createElement('canvas');
      small.width = SIDE; small.height = SIDE;
      drawGrey(small, sampleGrey(i));
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, pad.width, pad.height);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(small, 0, 0, pad.width, pad.height);
      return classify();
    }
    if (samples) {
      digits.forEach(function (digit, i) {
        var b = document.createElement('button');
        b.type = 'button';
        b.dataset.index = String(i);
        b.dataset.label = String(digit.label);
        b.title = 'Test image ' + digit.index + ', a ' + digit.label;
        b.setAttribute('aria-label', 'Load test image ' + digit.index + ' (a ' + digit.label + ')');
        var c = document.createElement('canvas');
        c.width = SIDE; c.height = SIDE;
        drawGrey(c, sampleGrey(i));
        b.appendChild(c);
        b.addEventListener('click', function () { loadSample(i); });
        samples.appendChild(b);
      });
    }

    clear();
    status.textContent = 'Weights loaded: ' + window.KNOBS_MODEL.architecture + ', ' +
      window.KNOBS_MODEL.parameters.toLocaleString('en') + ' parameters (' + window.KNOBS_MODEL.dtype + ').';
    app.dataset.ready = 'true';

    // for tests and the curious: the same functions the page uses
    window.KnobsDigit = {
      /** Probabilities for a 28x28 image of grey levels 0..255, without the drawing steps. */
      probabilitiesOfGrey: function (grey255) {
        var g = new Float64Array(SIDE * SIDE);
        for (var k = 0; k < g.length; k++) g[k] = grey255[k] / 255;
        return forward(net, prepare(net, g));
      },
      loadSample: loadSample,
      classify: classify,
      clear: clear,
      toMnist: toMnist
    };
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
