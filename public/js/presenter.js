// The presenter screen, live: listens to the round's server-sent events, updates the counts and
// the results, and lets the trainer step with the keyboard or a clicker (PageUp/PageDown). Without
// this file the page still works: its forms post and its "Refresh the counts" link reloads.
(function () {
  'use strict';
  var main = document.getElementById('main');
  if (!main || !window.EventSource) return;
  var live = document.getElementById('live');
  var controlBase = main.getAttribute('data-control');
  var csrf = main.getAttribute('data-csrf');
  var lastHtml = null;
  var lastCounts = '';
  // The page's words, in the screen's language, from the data attributes the server wrote.
  function words(name) {
    return main.getAttribute('data-words-' + name) || '';
  }

  function setText(id, text) {
    var el = document.getElementById(id);
    if (el && el.textContent !== String(text)) el.textContent = String(text);
  }

  function apply(state) {
    if (state.counts) {
      setText('count-started', state.counts.started);
      setText('count-sent', state.counts.sent);
      setText('waiting-count', state.counts.waiting);
      var said = words('counts').replace('{{started}}', state.counts.started).replace('{{sent}}', state.counts.sent);
      if (said !== lastCounts) {
        if (lastCounts) setText('counts-live', said);
        lastCounts = said;
      }
    }
    // The server words the status line in the screen's language ("Open: join now").
    if (state.statusLabel) setText('presenter-status', state.statusLabel);
    document.body.classList.toggle('presenter-revealed', !!state.revealed);
    var reveal = document.getElementById('reveal-button');
    if (reveal && controlBase) {
      reveal.textContent = state.revealed ? words('hide') : words('reveal');
      reveal.form.setAttribute('action', controlBase + (state.revealed ? '/hide' : '/reveal'));
    }
    if (typeof state.html === 'string' && state.html !== lastHtml && live) {
      lastHtml = state.html;
      if (window.Chart) {
        Array.prototype.forEach.call(live.querySelectorAll('canvas'), function (c) {
          var chart = window.Chart.getChart(c);
          if (chart) chart.destroy();
        });
      }
      // Server-rendered and escaped by the same template as the first page load.
      live.innerHTML = state.html;
      if (window.PowershareCharts) window.PowershareCharts.drawAll(live);
    }
  }

  var source = new EventSource(main.getAttribute('data-events'));
  source.addEventListener('state', function (event) {
    try {
      apply(JSON.parse(event.data));
    } catch {
      // A bad message changes nothing; the next one puts things right.
    }
  });

  function send(action) {
    if (!controlBase || !csrf) return;
    window.fetch(controlBase + '/' + action, { method: 'POST', headers: { 'x-csrf-token': csrf }, credentials: 'same-origin' });
  }

  // The controls post without leaving the page; the stream brings the new state to every screen.
  Array.prototype.forEach.call(document.querySelectorAll('[data-control-form]'), function (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      send(form.getAttribute('action').split('/').pop());
    });
  });

  document.addEventListener('keydown', function (event) {
    if (!controlBase || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    if (event.key === 'ArrowRight' || event.key === 'PageDown') {
      event.preventDefault();
      send('next');
    } else if (event.key === 'ArrowLeft' || event.key === 'PageUp') {
      event.preventDefault();
      send('previous');
    }
  });

  var full = document.getElementById('fullscreen-button');
  if (full && document.documentElement.requestFullscreen) {
    full.hidden = false;
    full.addEventListener('click', function () {
      if (document.fullscreenElement) document.exitFullscreen();
      else document.body.requestFullscreen();
    });
    document.addEventListener('fullscreenchange', function () {
      full.textContent = document.fullscreenElement ? words('leave-full-screen') : words('full-screen');
    });
  }
})();
