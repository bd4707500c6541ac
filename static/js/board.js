// Drag and drop on the applications board: Sortable moves the card, htmx persists the move and redraws the board.
(function () {
  "use strict";
  function init(root) {
    if (!window.Sortable || !window.htmx) return;
    root.querySelectorAll(".kanban-list").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "board",
        animation: 150,
        forceFallback: true,  // pointer events instead of native drag and drop: works the same with touch
        filter: "select, button, a, label",
        preventOnFilter: false,
        onEnd: function (event) {
          var to = event.to.dataset.status;
          if (event.from === event.to) return;
          var card = event.item;
          htmx.ajax("POST", card.dataset.moveUrl, {
            target: "#board", swap: "outerHTML",
            values: { status: to, "return": "board" }
          });
        }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function () { init(document); });
})();
