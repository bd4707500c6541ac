// The applications board: drag and drop (Sortable) and the keyboard "Move" menu both post one move;
// the server answers with the redrawn card, every column count and a sentence for the live region.
// Here we only put the card in its new column and keep the keyboard user's focus on it.
(function () {
  "use strict";
  var refocus = null;  // id of the control to focus again once the moved card is in place
  var loading = null;  // a column being unfolded or extended: focus goes to its first new card

  function placeCards() {
    document.querySelectorAll(".kanban-card").forEach(function (card) {
      var list = card.parentElement;
      if (!list || list.dataset.status === card.dataset.status) return;
      var target = document.getElementById("list-" + card.dataset.status);
      if (target) target.insertBefore(card, target.firstChild);  // newest first, as the server orders them
    });
    if (loading) {
      var fresh = Array.prototype.find.call(loading.list.querySelectorAll(".kanban-card"), function (card) {
        return !loading.seen[card.id];
      });
      var toggle = loading.toggle && document.getElementById(loading.toggle);
      loading = null;
      if (fresh) fresh.querySelector(".kanban-title").focus();
      else if (toggle) toggle.focus();  // folded again: back on "Show cards"
    }
    if (refocus) {
      var control = document.getElementById(refocus);
      refocus = null;
      if (control) {
        control.focus();
        control.scrollIntoView({ block: "nearest", inline: "nearest" });
      }
    }
  }

  function init(root) {
    if (!window.Sortable || !window.htmx) return;
    root.querySelectorAll(".kanban-list").forEach(function (list) {
      if (list.dataset.sortable) return;
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "board",
        animation: 150,
        draggable: ".kanban-card",  // not the "Show more" row
        forceFallback: true,  // pointer events instead of native drag and drop: works the same with touch
        filter: "select, button, a, label",
        preventOnFilter: false,
        onEnd: function (event) {
          if (event.from === event.to) return;
          var card = event.item;
          htmx.ajax("POST", card.dataset.moveUrl, {
            target: "#" + card.id, swap: "outerHTML",
            values: { status: event.to.dataset.status, "return": "card" }
          });
        }
      });
    });
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form.matches && form.matches(".kanban-expand, .kanban-more a")) {
      var list = form.closest(".kanban-column").querySelector(".kanban-list");
      var seen = {};
      list.querySelectorAll(".kanban-card").forEach(function (card) { seen[card.id] = true; });
      loading = { list: list, seen: seen, toggle: form.id };
    }
    if (form.classList && form.classList.contains("card-move")) {
      var active = document.activeElement;
      refocus = active && form.contains(active) && active.id ? active.id : form.querySelector("button").id;
    }
  });
  // A move the server refused (or a lost connection) would leave a dragged card in the wrong column.
  document.addEventListener("htmx:responseError", function (event) {
    if (event.detail.elt.closest && event.detail.elt.closest(".kanban-card")) window.location.reload();
  });
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSettle", function (event) {
    // The alerts bell polls on every page: its answer may settle while a move is in flight, before the moved
    // card is swapped in, and must not spend the focus meant for that card.
    var elt = event.detail && event.detail.elt;
    if (elt && elt.closest && elt.closest("#alerts")) return;
    placeCards();
    init(document);
  });
})();
