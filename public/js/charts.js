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
  var printing = window.matchMedia && window.matchMedia('print').matches;

  function radar(spec) {
    return {
      type: 'radar',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          var colour = CATEGORICAL[i % CATEGORICAL.length];
          return {
            label: s.label,
            data: s.data,
            borderColor: colour,
            backgroundColor: i === 0 ? 'rgba(0, 114, 178, 0.12)' : 'transparent',
            borderWidth: i === 0 ? 3 : 2,
            borderDash: DASHES[i % DASHES.length],
            pointStyle: POINTS[i % POINTS.length],
            pointRadius: 4,
            spanGaps: true,
          };
        }),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { r: { min: 0, max: 100, ticks: { stepSize: 25, backdropColor: 'transparent' }, pointLabels: { font: { size: 12 } } } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
  }

  function stacked(spec) {
    var colours = sequential(spec.series.length);
    return {
      type: 'bar',
      data: {
        labels: spec.labels.map(function (l) { return l.length > 60 ? l.slice(0, 57) + '…' : l; }),
        datasets: spec.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: colours[i], borderColor: '#ffffff', borderWidth: 1 };
        }),
      },
      options: {
        animation: false,
        indexAxis: 'y',
        maintainAspectRatio: false,
        scales: {
          x: { stacked: true, min: 0, max: 100, ticks: { callback: function (v) { return v + '%'; } } },
          y: { stacked: true, ticks: { autoSkip: false } },
        },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + c.parsed.x + '%'; } } },
        },
      },
    };
  }

  function line(spec) {
    return {
      type: 'line',
      data: {
        labels: spec.labels,
        datasets: spec.series.map(function (s, i) {
          var colour = CATEGORICAL[i % CATEGORICAL.length];
          return {
            label: s.label,
            data: s.data,
            borderColor: colour,
            backgroundColor: colour,
            borderWidth: i === 0 ? 3 : 2,
            borderDash: DASHES[i % DASHES.length],
            pointStyle: POINTS[i % POINTS.length],
            pointRadius: 4,
            spanGaps: false,
          };
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

  Array.prototype.forEach.call(document.querySelectorAll('canvas[data-chart]'), function (canvas) {
    try {
      var spec = JSON.parse(canvas.getAttribute('data-chart'));
      var config = spec.type === 'radar' ? radar(spec) : spec.type === 'line' ? line(spec) : stacked(spec);
      if (printing) config.options.devicePixelRatio = 2;
      new Chart(canvas, config);
      canvas.setAttribute('data-drawn', 'true');
    } catch {
      // Leave the table to speak for itself.
      canvas.hidden = true;
    }
  });
})();
