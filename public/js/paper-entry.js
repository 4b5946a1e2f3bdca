// Data entry of paper forms: single-key answers. Progressive enhancement only: without this file
// Tab and the arrow keys do the same, one key more. In a question, the key shown beside an answer
// (its number, D for "Don't know", 0 for left blank) chooses it and moves to the next question.
(function () {
  'use strict';
  var form = document.querySelector('form.paper-entry');
  if (!form) return;
  var groups = Array.prototype.slice.call(form.querySelectorAll('fieldset[data-keys]'));
  var focusTarget = function (index) {
    var next = form.querySelectorAll('fieldset[data-keys], textarea, button[type="submit"]');
    var all = Array.prototype.slice.call(next);
    var after = all.indexOf(groups[index]) + 1;
    var el = all[after];
    if (!el) return;
    if (el.tagName === 'FIELDSET') el = el.querySelector('input:checked') || el.querySelector('input');
    el.focus();
  };
  groups.forEach(function (group, index) {
    group.addEventListener('keydown', function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey || event.key.length !== 1) return;
      var key = event.key.toUpperCase();
      if (!/^[0-9A-Z]$/.test(key)) return;
      var radio = group.querySelector('input[data-key="' + key + '"]');
      if (!radio) return;
      event.preventDefault();
      radio.checked = true;
      focusTarget(index);
    });
  });
})();
