// Registers the service worker (copilot/pwa.py): the app installs on phones and shows an offline page.
(function () {
  "use strict";
  var url = document.documentElement.getAttribute("data-service-worker");
  if (!url || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", function () {
    navigator.serviceWorker.register(url, {scope: "/"}).catch(function (error) {
      console.warn("The offline page is not available:", error);
    });
  });
})();
