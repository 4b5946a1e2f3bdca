// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to an error summary so screen readers announce the problems at once.
  var summary = document.querySelector('[data-autofocus]');
  if (summary) summary.focus();

  // Live character counts for text areas with a maximum length.
  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-maxlength]'), function (area) {
    var max = Number(area.getAttribute('data-maxlength'));
    var counter = document.getElementById(area.id + '--count');
    if (!counter || !max) return;
    // The words come from the page's catalogue (data-left, data-over), so a Welsh page counts in Welsh.
    var leftText = counter.getAttribute('data-left') || 'You have {n} characters remaining';
    var overText = counter.getAttribute('data-over') || 'You have {n} characters too many';
    var update = function () {
      var left = max - area.value.length;
      counter.textContent = (left >= 0 ? leftText : overText).replace('{n}', String(Math.abs(left)));
    };
    area.addEventListener('input', update);
    update();
  });

  // Ask for confirmation on dangerous buttons (the server checks again regardless).
  Array.prototype.forEach.call(document.querySelectorAll('[data-confirm]'), function (el) {
    el.addEventListener('click', function (event) {
      if (!window.confirm(el.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
})();
