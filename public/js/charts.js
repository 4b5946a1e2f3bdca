// Draws every chart described in a data-chart attribute. The same numbers are always in a
// table beside the chart, so without this script (or Chart.js) nothing is lost.
(function () {
  'use strict';
  if (typeof Chart === 'undefined') return;

  // Okabe-Ito: distinguishable with colour-blindness; line styles and point shapes differ too,
  // so series stay distinct in greyscale.
  var CATEGORICAL = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3], [1, 1], [12, 6], [4, 8], [8, 2]];
  var POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'cross', 'dash'];
  // Viridis: lightness rises steadily, so ordered answers read correctly in greyscale too.
  var VIRIDIS = {
    3: ['#440154', '#21918c', '#fde725'],
    5: ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'],
    7: ['#440154', '#443983', '#31688e', '#21918c', '#35b779', '#90d743', '#fde725'],
  };
  function sequential(n) {
    if (VIRIDIS[n]) return VIRIDIS[n];
    var out = [];
    for (var i = 0; i < n; i++) out.push(VIRIDIS[7][Math.round((i * 6) / Math.max(1, n - 1))]);
    return out;
  }
  var EDGE = '#1b1b1b';
  var printing = window.matchMedia && window.matchMedia('print').matches;
  // Below this chart width (a phone) labels wrap shorter, fonts shrink and boxes grow taller.
  var NARROW = 560;

  /** Splits a label into lines of at most `max` characters, at spaces: never cut, never "…". */
  function wrap(text, max) {
    var lines = [];
    var line = '';
    String(text).split(/\s+/).forEach(function (word) {
      if (line && (line + ' ' + word).length > max) {
        lines.push(line);
        line = word;
      } else {
        line = line ? line + ' ' + word : word;
      }
    });
    if (line) lines.push(line);
    return lines.length > 1 ? lines : lines[0] || '';
  }
  function narrow(chart) {
    return chart.width < NARROW;
  }
  function lineCount(label) {
    return Array.isArray(label) ? label.length : 1;
  }

  /** One series of a radar or line chart: colour, dash and point shape differ, so no colour is needed to tell them apart. */
  function series(s, i, opts) {
    var colour = CATEGORICAL[i % CATEGORICAL.length];
    return {
      label: s.label,
      data: s.data,
      borderColor: colour,
      backgroundColor: opts.fill || colour,
      borderWidth: i === 0 ? 3 : 2,
      borderDash: DASHES[i % DASHES.length],
      pointStyle: POINTS[i % POINTS.length],
      pointRadius: 4,
      spanGaps: opts.spanGaps,
    };
  }

  function radar(spec) {
    return {
      type: 'radar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          return series(s, i, { fill: i === 0 ? 'rgba(0, 114, 178, 0.12)' : 'transparent', spanGaps: true });
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        // Tight padding on a phone: every pixel goes to the plot and its labels.
        layout: { padding: function (ctx) { return narrow(ctx.chart) ? 2 : 8; } },
        scales: {
          r: {
            min: 0,
            max: 100,
            ticks: { stepSize: 25, backdropColor: 'transparent', font: function (ctx) { return { size: narrow(ctx.chart) ? 9 : 11 }; } },
            pointLabels: {
              // Theme names wrap onto short lines instead of running off the canvas.
              callback: function (label) { return wrap(label, this.chart && narrow(this.chart) ? 11 : 18); },
              // On a projector (spec.large) labels are larger and black, to be read from the back of a room.
              font: function (ctx) { return { size: spec.large ? 18 : narrow(ctx.chart) ? 10 : 12, weight: spec.large ? 'bold' : undefined }; },
              color: spec.large ? '#0b0c0c' : undefined,
              padding: 4,
            },
          },
        },
        plugins: {
          legend: {
            position: 'bottom',
            labels: { boxWidth: 18, font: function (ctx) { return { size: narrow(ctx.chart) ? 11 : 12 }; } },
          },
        },
      },
    };
  }

  function stacked(spec) {
    var colours = sequential(spec.series.length);
    return {
      type: 'bar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          // The light end of the palette (yellow) is ~1.2:1 on white: a dark edge on every
          // segment and legend box gives each one 3:1 or more against the page.
          return { label: s.label, data: s.data, backgroundColor: colours[i], borderColor: EDGE, borderWidth: 1 };
        }),
      },
      options: {
        animation: false,
        indexAxis: 'y',
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } },
          y: {
            stacked: true,
            ticks: {
              autoSkip: false,
              // Whole question texts, wrapped: a phone gets short lines and a smaller font.
              callback: function (value) { return wrap(this.getLabelForValue(value), narrow(this.chart) ? 18 : 42); },
              font: function (ctx) { return { size: narrow(ctx.chart) ? 10 : 12 }; },
            },
          },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + c.parsed.x + '%'; } } },
        },
      },
    };
  }

  /**
   * Sizes the chart's box for its content: a phone's radar is about as tall as it is wide plus
   * its legend; a bar chart gets room for every wrapped line. Done through the CSSOM (allowed by
   * our CSP, unlike style attributes); the stylesheet's heights stay the fallback.
   */
  function fit(canvas, spec) {
    var box = canvas.parentNode;
    var width = box.clientWidth;
    if (!width) return;
    var small = width < NARROW;
    if (spec.type === 'line') return; // a line chart's height is the stylesheet's
    if (spec.type === 'radar') {
      if (small) box.style.height = Math.round(width * 1.05 + 40 + 22 * Math.ceil(spec.series.length / 2)) + 'px';
      return;
    }
    var lines = spec.labels.reduce(function (n, l) { return n + lineCount(wrap(l, small ? 18 : 42)); }, 0);
    var perLine = small ? 13 : 15;
    var needed = lines * perLine + spec.labels.length * (small ? 10 : 12) + 40 + 26 * Math.ceil(spec.series.length / (small ? 3 : 7));
    var base = box.classList.contains('chart-box-short') ? 160 : 220;
    box.style.height = Math.max(base, needed) + 'px';
  }

  function line(spec) {
    return {
      type: 'line',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          // A hidden year stays a gap: a line across it would suggest a figure nobody published.
          return series(s, i, { spanGaps: false });
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, ticks: { stepSize: 25 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  }

  function draw(canvas) {
    try {
      var spec = JSON.parse(canvas.getAttribute('data-chart'));
      var config = spec.type === 'radar' ? radar(spec) : spec.type === 'line' ? line(spec) : stacked(spec);
      if (printing) config.options.devicePixelRatio = 2;
      if (!printing) fit(canvas, spec);
      new Chart(canvas, config);
      canvas.setAttribute('data-drawn', 'true');
    } catch {
      // Leave the table to speak for itself.
      canvas.hidden = true;
    }
  }
  /** Draws every chart not drawn yet under `root` (the presenter calls it after each update). */
  function drawAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll('canvas[data-chart]:not([data-drawn])'), draw);
  }
  drawAll(document);
  window.PowershareCharts = { drawAll: drawAll };
})();
