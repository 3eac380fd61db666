// The copy button beside a secret shown once: it copies the secret to the clipboard and says so in the page's
// status region. Without JavaScript the button stays hidden and the secret can be selected and copied by hand.
(function () {
  'use strict';

  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.status);
    if (!source || !status) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      var selected = function (why) {
        select(source);
        status.textContent = why + ' The text is selected: press Ctrl+C (or Cmd+C) to copy it.';
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(source.textContent).then(function () {
          status.textContent = 'Copied to the clipboard.';
        }, function () {
          selected('The browser did not allow copying.');
        });
      } else {
        selected('This browser cannot copy here.');
      }
    });
  });
})();
