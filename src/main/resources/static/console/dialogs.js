// Asks before an action that cannot be undone, in a dialog over the page. A link marked data-confirm (with
// data-title, data-detail and data-button) opens the dialog instead of its confirmation page; the dialog's form
// posts to the link's address, which is where that page's form posts too. The dialog keeps the focus inside it
// (Tab and Shift+Tab cycle through its buttons), closes on Escape or Cancel, and gives the focus back to the link.
(function () {
  'use strict';

  var dialog = document.getElementById('confirm-dialog');
  if (!dialog || typeof dialog.showModal !== 'function') {
    return;
  }
  var form = dialog.querySelector('form');
  var cancel = document.getElementById('confirm-cancel');
  var opener = null;

  function focusable() {
    return Array.prototype.filter.call(
      dialog.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea'),
      function (element) { return !element.disabled && !element.hidden; });
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-confirm]');
    if (!link || event.defaultPrevented || event.button !== 0
        || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    opener = link;
    document.getElementById('confirm-title').textContent = link.dataset.title || 'Are you sure?';
    document.getElementById('confirm-detail').textContent = link.dataset.detail || '';
    document.getElementById('confirm-button').textContent = link.dataset.button || 'Confirm';
    form.action = link.href;
    dialog.showModal();
    cancel.focus();
  });

  cancel.addEventListener('click', function () {
    dialog.close();
  });

  dialog.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      dialog.close();
      return;
    }
    if (event.key !== 'Tab') {
      return;
    }
    var items = focusable();
    var first = items[0];
    var last = items[items.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  dialog.addEventListener('close', function () {
    if (opener) {
      // A part of the page htmx replaced meanwhile (an import's progress) holds a new link of the same id.
      var back = !document.body.contains(opener) && opener.id ? document.getElementById(opener.id) : opener;
      (back || opener).focus();
      opener = null;
    }
  });
})();
