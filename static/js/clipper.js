// The clipper's popup (jobs/importing/clipper.py explains the design). It takes the page only from the window that
// opened it, checks the page really is at the address it claims, trims what is never the posting and posts it to
// the app as an ordinary form with this page's CSRF token.
(function () {
  "use strict";
  var form = document.getElementById("clip-form");
  if (!form) return;
  var max = parseInt(form.getAttribute("data-max"), 10);
  var DROP = "script:not([type='application/ld+json']),style,link,svg,math,iframe,frame,object,embed,noscript," +
             "template,img,picture,video,audio,canvas,source";
  var KEEP = {href: 1, role: 1, hidden: 1, "aria-hidden": 1, type: 1, property: 1, name: 1, content: 1,
              itemprop: 1, charset: 1, lang: 1};

  function show(id) {
    document.getElementById("clip-waiting").classList.add("hidden");
    document.getElementById(id).classList.remove("hidden");
  }

  function trim(html) {
    // DOMParser builds an inert document: nothing in it runs or loads.
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.querySelectorAll(DROP).forEach(function (node) { node.remove(); });
    doc.querySelectorAll("*").forEach(function (node) {
      Array.prototype.slice.call(node.attributes).forEach(function (attribute) {
        if (!KEEP[attribute.name]) node.removeAttribute(attribute.name);
      });
    });
    return "<!doctype html>" + doc.documentElement.outerHTML;
  }

  function sameOrigin(url, origin) {
    try { return new URL(url).origin === origin; } catch (error) { return false; }
  }

  function receive(event) {
    var data = event.data;
    if (event.source !== window.opener || !data || data.type !== "copilot-clip") return;
    window.removeEventListener("message", receive);
    if (typeof data.url !== "string" || !sameOrigin(data.url, event.origin)) { show("clip-wrong-origin"); return; }
    var html = trim(String(data.html || ""));
    // The server counts characters (MAX_HTML_CHARS) and refuses bodies over 2.5 MB: check both here first.
    if (html.length > max || new Blob([html]).size > 2400000) { show("clip-too-large"); return; }
    form.elements.url.value = data.url.slice(0, 2000);
    form.elements.title.value = String(data.title || "").slice(0, 1000);
    form.elements.html.value = html;
    form.submit();
  }

  if (!window.opener) { show("clip-no-opener"); return; }
  window.addEventListener("message", receive);
  // Only a signal, no data: the bookmarklet answers it with the page, addressed to this origin alone.
  window.opener.postMessage("copilot-clip-ready", "*");
})();
