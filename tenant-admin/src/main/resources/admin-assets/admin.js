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
