// Small progressive enhancements; every page works without this file.
// The texts people see or hear, in the page's language: base.html renders them as JSON ({% js_strings %},
// copilot/templatetags/jsstrings.py); the English here is only the fallback for a page without that block.
function copilotText(key, fallback) {
  "use strict";
  var strings = copilotText.strings;
  if (strings === undefined) {
    var block = document.getElementById("i18n-strings");
    try { strings = block ? JSON.parse(block.textContent) : {}; } catch (error) { strings = {}; }
    copilotText.strings = strings;
  }
  return typeof strings[key] === "string" ? strings[key] : fallback;
}

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
        wrap.setAttribute("aria-label", (heading ? heading.textContent.trim() + " " : "") + copilotText("scrollsSideways", "(scrolls sideways)"));
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

// Form errors answer 400 and are swapped in place (responseHandling in base.html's htmx-config). Any other
// failed htmx request is not swapped; without this it would do nothing visible, so say what happened.
(function () {
  "use strict";
  var MESSAGES = {
    403: copilotText("error403", "Your session has expired or the page is out of date. Reload the page and try again."),
    404: copilotText("error404", "That item no longer exists. Reload the page to see the current state."),
    413: copilotText("error413", "That is too large to send."),
    429: copilotText("error429", "Too many requests in a short time. Wait a moment and try again.")
  };
  function show(text) {
    var main = document.getElementById("main");
    if (!main) return;
    var box = document.getElementById("request-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "request-error";
      box.className = "messages";
      box.setAttribute("role", "alert");
      main.insertBefore(box, main.firstChild);
    }
    box.textContent = "";
    var p = document.createElement("p");
    p.className = "message error";
    p.textContent = text;
    box.appendChild(p);
    box.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("htmx:responseError", function (event) {
    var status = event.detail.xhr.status;
    show(MESSAGES[status] || copilotText("errorOther", "Something went wrong on our side (error {status}); " +
         "nothing was changed. Please try again.").replace("{status}", status));
  });
  document.addEventListener("htmx:sendError", function () {
    show(copilotText("offline", "The server could not be reached. Check your connection and try again."));
  });
  // A form swapped back with its errors: bring the first message into view (the button pressed may be far below).
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.xhr.status !== 400) return;
    var root = event.detail.target && event.detail.target.isConnected ? event.detail.target : document;
    var message = root.querySelector(".duplicate-warning, .field-errors, [role=alert]");
    if (message) message.scrollIntoView({ block: "center" });
  });
  document.addEventListener("htmx:beforeRequest", function () {
    var box = document.getElementById("request-error");
    if (box) box.remove();
  });
})();

// Filters that fold on a phone (details[data-fold-narrow]): closed there unless a filter is set, open elsewhere.
(function () {
  "use strict";
  var narrow = window.matchMedia("(max-width: 560px)");
  function fold() {
    document.querySelectorAll("details[data-fold-narrow]").forEach(function (details) {
      if (!narrow.matches) details.open = true;
      else if (!details.hasAttribute("data-active")) details.open = false;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", fold);
  else fold();
  if (narrow.addEventListener) narrow.addEventListener("change", fold);
})();
