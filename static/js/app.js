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
  // A table wider than the screen scrolls inside its wrapper: keyboard users must be able to focus that
  // wrapper to scroll it, and screen readers should hear what it holds.
  function markScrollableTables() {
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        if (wrap.hasAttribute("tabindex")) return;
        var heading = (wrap.closest("section, .card, main") || document).querySelector("h2, h3, h1");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", (heading ? heading.textContent.trim() + " " : "") + "(scrolls sideways)");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", markScrollableTables);
  document.addEventListener("htmx:afterSettle", markScrollableTables);
  window.addEventListener("resize", markScrollableTables);
})();
