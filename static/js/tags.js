// Suggest skill names for the *last* entry of a comma-separated field: the datalist is rebuilt with the
// text already typed as a prefix, so picking a suggestion keeps the earlier entries.
(function () {
  "use strict";
  function enhance(input) {
    var list = document.getElementById(input.getAttribute("list"));
    if (!list || input.dataset.tagsReady) return;
    input.dataset.tagsReady = "1";
    var names = Array.prototype.map.call(list.options, function (o) { return o.value; });
    input.addEventListener("input", function () {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      var prefix = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
      var term = value.slice(cut + 1).trim().toLowerCase();
      var fragment = document.createDocumentFragment();
      if (term) {
        var shown = 0;
        for (var i = 0; i < names.length && shown < 12; i++) {
          if (names[i].toLowerCase().indexOf(term) === 0) {
            var option = document.createElement("option");
            option.value = prefix + names[i];
            fragment.appendChild(option);
            shown++;
          }
        }
      }
      list.replaceChildren(fragment);
    });
  }
  function init() { document.querySelectorAll("input[data-tags]").forEach(enhance); }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:afterSettle", init);
})();
