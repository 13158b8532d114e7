// Postline admin pages: small progressive enhancements; every page works without this file
// except the confirmation dialogs. Loaded as a file (the Content-Security-Policy forbids inline code).
(function () {
  'use strict';

  document.addEventListener('click', function (event) {
    var opener = event.target.closest('[data-open-dialog]');
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute('data-open-dialog'));
      if (dialog && typeof dialog.showModal === 'function') {
        dialog.showModal();
        var first = dialog.querySelector('button[type=button], button');
        if (first) { first.focus(); }
      }
      return;
    }
    var closer = event.target.closest('[data-close-dialog]');
    if (closer) {
      closer.closest('dialog').close();
    }
  });

  // Key/value editors (data-source-editor.html): "More rows" adds an empty row in place instead of
  // submitting, "Remove" empties and hides a row (an empty row is no pair). Without this, the same
  // form works by submitting "More rows" and emptying rows by hand.
  document.querySelectorAll('[data-kv-remove]').forEach(function (button) { button.hidden = false; });
  document.addEventListener('click', function (event) {
    var remove = event.target.closest('[data-kv-remove]');
    if (remove) {
      var row = remove.closest('[data-kv-row]');
      row.querySelectorAll('input').forEach(function (input) { input.value = ''; });
      row.hidden = true;
      return;
    }
    var more = event.target.closest('[data-kv-more]');
    var rows = more ? more.closest('fieldset').querySelectorAll('[data-kv-row]') : [];
    if (rows.length > 0 && rows.length < 20) {
      event.preventDefault();
      var copy = rows[rows.length - 1].cloneNode(true);
      var next = String(rows.length), number = String(rows.length + 1);
      copy.hidden = false;
      copy.querySelectorAll('[id], [for], [name], [aria-describedby]').forEach(function (el) {
        ['id', 'for', 'name'].forEach(function (a) { if (el.hasAttribute(a)) { el.setAttribute(a, el.getAttribute(a).replace(/\d+/, next)); } });
        el.removeAttribute('aria-describedby');
        el.removeAttribute('aria-invalid');
      });
      copy.querySelectorAll('.error').forEach(function (el) { el.remove(); });
      copy.querySelectorAll('input').forEach(function (input) { input.value = ''; });
      copy.querySelectorAll('label, .visually-hidden').forEach(function (el) { el.textContent = el.textContent.replace(/\d+/, number); });
      rows[rows.length - 1].after(copy);
      copy.querySelector('input').focus();
    }
  });

  // Pages whose state changes in the background (a touchpoint connecting, an import running)
  // reload themselves, unless the admin is in the middle of something.
  var seconds = Number(document.body.getAttribute('data-refresh-seconds'));
  if (seconds > 0) {
    window.setTimeout(function () {
      var busy = document.querySelector('dialog[open]') ||
          (document.activeElement && document.activeElement.matches('input, select, textarea'));
      if (!busy) { window.location.reload(); }
    }, seconds * 1000);
  }
}());
