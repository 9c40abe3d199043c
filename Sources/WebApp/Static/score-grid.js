// SkillCert: the score grid's keyboard. Type a mark and press Enter to move to the next line;
// Q fills 缺考 (absent) and W fills 违纪 (breach) in an empty input; each value is checked as it
// is typed. The page works without this script: the form then saves every line typed at once,
// and the server checks every value again either way.
(function () {
  'use strict';
  var form = document.querySelector('form.score-grid');
  if (!form) { return; }
  var inputs = Array.prototype.slice.call(form.querySelectorAll('input.mark'));
  var max = Number(form.getAttribute('data-max')) || 100;
  var save = document.getElementById('save-marks');
  var codes = ['缺考', '违纪', 'absent', 'breach'];
  var keys = { q: '缺考', w: '违纪' };

  // The problem with a value, in Chinese and English, or null: the Store's rules, as it words them.
  function problem(text) {
    var value = text.trim();
    if (value === '' || codes.indexOf(value.toLowerCase()) >= 0) { return null; }
    if (/^[0-9]+(\.[0-9])?$/.test(value)) {
      return Number(value) <= max ? null
        : ['成绩应在 0 至 ' + max + ' 之间', 'a score is between 0 and ' + max];
    }
    if (/^[0-9]+\.[0-9]{2,}$/.test(value)) {
      return ['成绩最多保留一位小数，例如 85.5', 'a score has at most one decimal, e.g. 85.5'];
    }
    if (/^-/.test(value)) { return ['成绩不能为负数', 'a score cannot be negative']; }
    return ['成绩应为 0 至 ' + max + ' 的数字，或“缺考”“违纪”', 'a score is a number from 0 to ' + max + ', or 缺考 (absent) or 违纪 (breach)'];
  }

  function show(input) {
    var found = problem(input.value);
    var note = document.getElementById(input.id + '-check');
    if (note) {
      note.textContent = '';
      if (found) {
        note.appendChild(document.createTextNode(found[0] + ' '));
        var english = document.createElement('span');
        english.lang = 'en';
        english.textContent = found[1];
        note.appendChild(english);
      }
    }
    if (found) { input.setAttribute('aria-invalid', 'true'); } else { input.removeAttribute('aria-invalid'); }
    return found;
  }

  function move(from, step) {
    var next = inputs[inputs.indexOf(from) + step];
    if (next) {
      next.focus();
      next.select();
    } else if (step > 0 && save) {
      save.focus();
    }
  }

  inputs.forEach(function (input) {
    input.addEventListener('input', function () { show(input); });
    input.addEventListener('keydown', function (event) {
      if (event.ctrlKey || event.metaKey || event.altKey) { return; }
      if (event.key === 'Enter') {
        // Enter moves down instead of sending the form; a refused value keeps the focus.
        event.preventDefault();
        if (!show(input)) { move(input, 1); }
      } else if (event.key === 'ArrowDown') {
        event.preventDefault();
        move(input, 1);
      } else if (event.key === 'ArrowUp') {
        event.preventDefault();
        move(input, -1);
      } else if (keys[event.key.toLowerCase()] && (input.value === '' || input.selectionEnd - input.selectionStart === input.value.length)) {
        event.preventDefault();
        input.value = keys[event.key.toLowerCase()];
        show(input);
      }
    });
  });
})();
