// Draws the plotly charts of a page from the JSON that json_script embedded next to each one.
// <div class="chart" data-chart="ID"> + <script type="application/json" id="ID">{data, layout}</script>
// Without JavaScript (or if plotly fails to load) the tables beside the charts stay open.
(function () {
  "use strict";
  var CONFIG = { displayModeBar: false, responsive: true, displaylogo: false };

  function draw(element) {
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source) return;
    var figure = JSON.parse(source.textContent);
    if (!figure || !figure.data) return;
    window.Plotly.newPlot(element, figure.data, figure.layout || {}, CONFIG).then(function () {
      var block = element.closest(".chart-block");
      var details = block && block.querySelector("details.chart-data");
      if (details) details.removeAttribute("open"); // the chart shows the numbers now
      element.classList.add("is-drawn");
    });
  }

  function drawAll() {
    if (!window.Plotly) return;
    var charts = document.querySelectorAll(".chart[data-chart]");
    for (var i = 0; i < charts.length; i++) {
      try {
        draw(charts[i]);
      } catch (error) {
        if (window.console) window.console.warn("Chart not drawn:", error);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
