// The round form: choosing "Workshop" also picks the workshop defaults (short form, results in
// batches) unless the person has already chosen those themselves. Without this file nothing is
// lost: "Create a workshop" opens the form with those defaults, and every choice stays editable.
(function () {
  'use strict';
  var touched = {};
  function radios(name) {
    return Array.prototype.slice.call(document.querySelectorAll('input[type="radio"][name="' + name + '"]'));
  }
  function choose(name, value) {
    if (touched[name]) return;
    radios(name).forEach(function (r) {
      r.checked = r.value === value;
    });
  }
  ['form', 'resultsRelease'].forEach(function (name) {
    radios(name).forEach(function (r) {
      r.addEventListener('change', function () {
        touched[name] = true;
      });
    });
  });
  radios('mode').forEach(function (r) {
    r.addEventListener('change', function () {
      if (!r.checked) return;
      var workshop = r.value === 'workshop';
      choose('form', workshop ? 'short' : 'full');
      choose('resultsRelease', workshop ? 'batches' : 'after-close');
    });
  });
})();
