// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // Confirm dialogs for forms marked data-confirm (works with and without htmx).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener("htmx:confirm", function (event) {
    var question = event.detail.elt.getAttribute("data-confirm");
    if (!question || event.detail.elt.tagName === "FORM") return;
    event.preventDefault();
    if (window.confirm(question)) event.detail.issueRequest(true);
  });
})();
