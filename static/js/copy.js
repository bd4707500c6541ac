// "Copy" buttons: <button data-copy="#input-id" hidden> next to a read-only field. Shown only when this file runs,
// so a page without JavaScript has no button that does nothing.
(function () {
  "use strict";
  // The texts in the page's language (copilotText in app.js, which every page loads first).
  function t(key, fallback) { return window.copilotText ? window.copilotText(key, fallback) : fallback; }
  function copied(button, text) {
    var status = document.getElementById(button.getAttribute("aria-describedby") || "");
    if (status) status.textContent = text;
  }
  function init() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var field = document.querySelector(button.getAttribute("data-copy"));
        if (!field) return;
        field.focus();
        field.select();
        var done = function () { copied(button, t("copiedToClipboard", "Copied to the clipboard.")); };
        var failed = function () {
          // Older browsers, or a page not served over HTTPS: the selected text can still be copied by hand.
          var ok = false;
          try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
          copied(button, ok ? t("copiedToClipboard", "Copied to the clipboard.")
                            : t("copyByHand", "Selected: press Ctrl+C (⌘C on a Mac) to copy."));
        };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(field.value).then(done, failed);
        } else {
          failed();
        }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
