// Charts of an indicator's values: progressive enhancement only.
// The data tables beside each chart are rendered on the server and say everything the chart shows;
// the canvases are aria-hidden. The data comes from the page's {{ chart|json_script:"indicator-series" }}
// (the same payload as the indicators:indicator-chart-data JSON view). No inline script: the CSP forbids it.
(function () {
  "use strict";

  var COLOURS = ["#256ef4", "#d50136", "#008a4b", "#8a5a00", "#6a3fb5", "#00758f", "#b3006b", "#4d5256"];
  var TARGET_COLOUR = "#8a5a00";
  var DRAFT_FILL = "#ffffff";

  function readData() {
    var element = document.getElementById("indicator-series");
    if (!element) {
      return null;
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return null;
    }
  }

  function baseOptions(data) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      spanGaps: true,
      interaction: { mode: "index", intersect: false },
      plugins: { legend: { position: "bottom" } },
      scales: {
        y: { title: { display: true, text: data.labels.value } },
      },
    };
  }

  function draw(container, config) {
    var canvas = container.querySelector("canvas");
    if (!canvas) {
      return;
    }
    container.hidden = false;
    container.setAttribute("data-chart-drawn", "true");
    new window.Chart(canvas, config);
  }

  function totalsChart(container, data) {
    var points = data.totals;
    if (!points.length) {
      return;
    }
    var labels = points.map(function (point) { return point.period; });
    var datasets = [
      {
        label: data.labels.total,
        data: points.map(function (point) { return point.value; }),
        borderColor: COLOURS[0],
        backgroundColor: COLOURS[0],
        pointBackgroundColor: points.map(function (point) {
          return point.state === "draft" ? DRAFT_FILL : COLOURS[0];
        }),
        pointRadius: 4,
      },
    ];
    if (data.target) {
      datasets.push({
        label: data.labels.target + " (" + data.target.year + ")",
        data: labels.map(function () { return data.target.value; }),
        borderColor: TARGET_COLOUR,
        backgroundColor: TARGET_COLOUR,
        borderDash: [6, 4],
        pointRadius: 0,
      });
    }
    draw(container, { type: "line", data: { labels: labels, datasets: datasets }, options: baseOptions(data) });
  }

  function dimensionChart(container, data, code) {
    var dimension = (data.dimensions || []).filter(function (item) { return item.code === code; })[0];
    if (!dimension || !dimension.periods.length) {
      return;
    }
    var datasets = dimension.categories.map(function (category, index) {
      var colour = COLOURS[index % COLOURS.length];
      return { label: category.name, data: category.values, borderColor: colour, backgroundColor: colour, pointRadius: 3 };
    });
    draw(container, { type: "line", data: { labels: dimension.periods, datasets: datasets }, options: baseOptions(data) });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.Chart === "undefined") {
      return;
    }
    var data = readData();
    if (!data) {
      return;
    }
    var containers = document.querySelectorAll("[data-indicator-chart]");
    Array.prototype.forEach.call(containers, function (container) {
      var which = container.getAttribute("data-indicator-chart");
      if (which === "total") {
        totalsChart(container, data);
      } else {
        dimensionChart(container, data, which);
      }
    });
  });
})();
