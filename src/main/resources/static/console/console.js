// The console's one behaviour beyond htmx: a submit button with data-confirm="<dialog id>" asks in that modal dialog
// first. The dialog keeps the focus inside it (Tab and Shift+Tab cycle), Escape or Cancel closes it and gives the
// focus back to the button, and its accept button sends the form with confirmed=true. Without JavaScript the server
// asks on a page of its own instead.
(function () {
  'use strict';
  var pending = null;

  document.addEventListener('submit', function (event) {
    var button = event.submitter;
    var form = event.target;
    if (!button || !button.dataset.confirm || form.querySelector('input[name="confirmed"]')) {
      return;
    }
    var dialog = document.getElementById(button.dataset.confirm);
    if (!dialog) {
      return;
    }
    event.preventDefault();
    pending = { form: form, button: button, dialog: dialog };
    dialog.showModal();
    dialog.querySelector('[data-close]').focus();
  });

  document.addEventListener('click', function (event) {
    if (!pending) {
      return;
    }
    if (event.target.closest('[data-close]')) {
      pending.dialog.close();
    } else if (event.target.closest('[data-accept]')) {
      var confirmed = document.createElement('input');
      confirmed.type = 'hidden';
      confirmed.name = 'confirmed';
      confirmed.value = 'true';
      pending.form.appendChild(confirmed);
      var send = pending;
      pending = null;
      send.dialog.close();
      send.form.requestSubmit(send.button);
    }
  });

  document.addEventListener('close', function (event) {
    if (pending && event.target === pending.dialog) {
      pending.button.focus();
      pending = null;
    }
  }, true);

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Tab' || !pending) {
      return;
    }
    var focusable = pending.dialog.querySelectorAll('button, [href], input, select, textarea');
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });
})();
