/**
 * The console's one script, served by the console itself: the Content-Security-Policy
 * allows no inline script. It only enhances server-rendered pages, hooked to
 * `data-` attributes, so every page works without it:
 * - `<input data-filter-table="ID">` hides the rows of table ID whose text lacks the input's text;
 * - `<pre data-tail-url="URL" data-tail-select="ID">` shows the `lines` of the JSON at
 *   URL every two seconds, with `?appender=` the value of select ID;
 * - `<button data-copy-target="ID" data-copy-status="ID2">` copies the value of field ID
 *   to the clipboard and says in ID2 whether it did (else it selects the text to copy by hand).
 */
export const CONSOLE_SCRIPT = `'use strict';
(function () {
  function filterTables() {
    document.querySelectorAll('input[data-filter-table]').forEach(function (input) {
      var table = document.getElementById(input.getAttribute('data-filter-table'));
      if (!table) return;
      var apply = function () {
        var text = input.value.trim().toLowerCase();
        table.querySelectorAll('tbody tr').forEach(function (row) {
          row.hidden = text !== '' && row.textContent.toLowerCase().indexOf(text) < 0;
        });
      };
      input.addEventListener('input', apply);
      apply();
    });
  }

  function tails() {
    document.querySelectorAll('pre[data-tail-url]').forEach(function (pre) {
      var select = document.getElementById(pre.getAttribute('data-tail-select'));
      var busy = false;
      var poll = function () {
        if (busy || !select || select.value === '') return;
        busy = true;
        fetch(pre.getAttribute('data-tail-url') + '?appender=' + encodeURIComponent(select.value), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error('HTTP ' + response.status)); })
          .then(function (tail) {
            pre.textContent = tail.lines.join('\\n');
            pre.setAttribute('data-file', tail.file);
            pre.scrollTop = pre.scrollHeight;
          })
          .catch(function (error) { pre.textContent = 'Cannot read the log: ' + error.message; })
          .then(function () { busy = false; });
      };
      if (select) select.addEventListener('change', poll);
      poll();
      setInterval(poll, 2000);
    });
  }

  function copyButtons() {
    document.querySelectorAll('button[data-copy-target]').forEach(function (button) {
      var field = document.getElementById(button.getAttribute('data-copy-target'));
      var status = document.getElementById(button.getAttribute('data-copy-status'));
      if (!field) return;
      var say = function (text) { if (status) status.textContent = text; };
      var byHand = function () {
        field.focus();
        field.select();
        say('Select the token and copy it (Ctrl+C or Cmd+C).');
      };
      button.addEventListener('click', function () {
        if (!navigator.clipboard || !navigator.clipboard.writeText) { byHand(); return; }
        navigator.clipboard.writeText(field.value).then(function () { say('Copied to the clipboard.'); }, byHand);
      });
    });
  }

  filterTables();
  tails();
  copyButtons();
})();
`;
