// Draw every [data-chart] element from its JSON spec, loading plotly.js once from our own static files.
(function () {
  "use strict";
  if (window.kneecapCharts) { return; }
  window.kneecapCharts = true;

  function draw() {
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var source = document.getElementById(el.dataset.chart);
      if (!source || el.dataset.drawn) { return; }
      var spec = JSON.parse(source.textContent);
      el.dataset.drawn = "1";
      window.Plotly.newPlot(el, spec.data || [], spec.layout || {}, spec.config || {});
    });
  }

  function start() {
    if (window.Plotly) { draw(); return; }
    var me = document.querySelector("script[data-plotly]");
    var script = document.createElement("script");
    script.src = me.dataset.plotly;
    script.onload = draw;
    document.head.appendChild(script);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  document.addEventListener("htmx:afterSettle", function () { if (window.Plotly) { draw(); } });
})();
