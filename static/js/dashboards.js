// Charts of the committee and public dashboards: progressive enhancement only.
// Every <figure class="dash-chart" data-endpoint="/api/v1/statistics/…" data-chart="…"> is hidden until its
// chart is drawn; the table beside it is rendered on the server and holds the same figures, so the page is
// complete without JavaScript. The data comes from the statistics API (the same selectors as the page); the
// series names come from the page's {{ chart_labels|json_script:"dash-chart-labels" }}. No inline script:
// the Content-Security-Policy forbids it. Suppressed counts (null) are drawn as gaps, never as zeros.
(function () {
  "use strict";

  // KRDS colour tokens (read from the page's CSS, with the tokens' values as fallbacks).
  var TOKENS = [
    ["--krds-color-light-primary-50", "#256ef4"],
    ["--krds-color-light-warning-50", "#9e6a00"],
    ["--krds-color-light-success-50", "#228738"],
    ["--krds-color-light-danger-50", "#de3412"],
    ["--krds-color-light-secondary-60", "#1c589c"],
    ["--krds-color-light-point-50", "#d63d4a"],
    ["--krds-color-light-information-50", "#0b78cb"],
    ["--krds-color-light-gray-50", "#6d7882"],
  ];
  // A shape per series, so series differ without colour too (bars get a fill pattern, lines a dash).
  var PATTERNS = ["solid", "diagonal", "dots", "cross", "horizontal", "vertical", "diagonal-back", "grid"];
  var POINT_STYLES = ["circle", "rect", "triangle", "rectRot", "star", "crossRot", "rectRounded", "cross"];
  var DASHES = [[], [6, 4], [2, 3], [10, 3, 2, 3]];

  function colours() {
    var style = window.getComputedStyle(document.documentElement);
    return TOKENS.map(function (token) {
      var value = style.getPropertyValue(token[0]).trim();
      return value || token[1];
    });
  }

  function readLabels() {
    var element = document.getElementById("dash-chart-labels");
    if (!element) {
      return {};
    }
    try {
      return JSON.parse(element.textContent);
    } catch (error) {
      return {};
    }
  }

  function pattern(colour, kind) {
    if (kind === "solid") {
      return colour;
    }
    var size = 10;
    var tile = document.createElement("canvas");
    tile.width = size;
    tile.height = size;
    var context = tile.getContext("2d");
    context.fillStyle = colour;
    context.fillRect(0, 0, size, size);
    context.strokeStyle = "rgba(255, 255, 255, 0.85)";
    context.fillStyle = "rgba(255, 255, 255, 0.85)";
    context.lineWidth = 2;
    context.beginPath();
    if (kind === "diagonal" || kind === "cross") {
      context.moveTo(0, size);
      context.lineTo(size, 0);
    }
    if (kind === "diagonal-back" || kind === "cross") {
      context.moveTo(0, 0);
      context.lineTo(size, size);
    }
    if (kind === "horizontal" || kind === "grid") {
      context.moveTo(0, size / 2);
      context.lineTo(size, size / 2);
    }
    if (kind === "vertical" || kind === "grid") {
      context.moveTo(size / 2, 0);
      context.lineTo(size / 2, size);
    }
    context.stroke();
    if (kind === "dots") {
      context.beginPath();
      context.arc(size / 2, size / 2, 2, 0, 2 * Math.PI);
      context.fill();
    }
    return context.createPattern(tile, "repeat");
  }

  function number(value) {
    return value === null || value === undefined || value === "" ? null : Number(value);
  }

  // ---------------------------------------------------------------- chart builders
  // Each takes the endpoint's JSON, the labels and the figure and returns {type, labels, series, options}:
  // series = [{label, values}] (values may hold null: a gap).

  function statusSeries(rows, keys, labels, prefix) {
    return keys.map(function (key) {
      return {
        label: labels[prefix + key] || key,
        values: rows.map(function (row) { return number(row[key]); }),
      };
    });
  }

  function planRows(data, figure, field) {
    var id = String(figure.getAttribute("data-plan") || "");
    var plans = data.plans || [];
    var plan = plans.filter(function (item) { return String(item.id) === id; })[0] || plans[0];
    return plan ? plan[field] || [] : [];
  }

  function planChart(field) {
    return function (data, labels, figure) {
      var rows = planRows(data, figure, field);
      var series = statusSeries(rows, ["not_started", "on_track", "delayed", "completed"], labels, "progress_");
      series.unshift({
        label: labels.no_record || "—",
        values: rows.map(function (row) { return Math.max(0, number(row.tasks) - number(row.records)); }),
      });
      return { type: "bar", stacked: true, horizontal: true, labels: rows.map(function (row) { return row.label; }), series: series };
    };
  }

  function countsChart(field, seriesKey) {
    return function (data, labels) {
      var rows = data[field] || [];
      return {
        type: "bar",
        horizontal: true,
        labels: rows.map(function (row) { return row.label; }),
        series: [{ label: labels[seriesKey] || seriesKey, values: rows.map(function (row) { return number(row.count); }) }],
      };
    };
  }

  var BUILDERS = {
    "plans-by-area": planChart("by_area"),
    "plans-by-department": planChart("by_department"),
    "indicators-status": function (data, labels) {
      var rows = data.rows || [];
      return {
        type: "bar",
        stacked: true,
        horizontal: true,
        labels: rows.map(function (row) { return row.framework + " — " + row.area; }),
        series: statusSeries(rows, ["achieved", "on_track", "off_track", "no_data"], labels, "indicator_"),
      };
    },
    "ombudsman-status": countsChart("by_status", "cases"),
    "ombudsman-rights": countsChart("by_right", "cases"),
    "ombudsman-groups": countsChart("by_group", "cases"),
    "ombudsman-recommendations": countsChart("recommendations_by_response", "recommendations"),
    "impact-types": function (data, labels) {
      var rows = data.totals || [];
      return {
        type: "bar",
        stacked: true,
        horizontal: true,
        labels: rows.map(function (row) { return row.subject_type_label; }),
        series: statusSeries(rows, ["revised", "partially_revised", "not_revised", "awaiting_outcome"], labels, ""),
      };
    },
    "impact-facilities": function (data, labels) {
      var rows = data.facilities || [];
      return {
        type: "bar",
        stacked: true,
        horizontal: true,
        labels: rows.map(function (row) { return row.facility_use_label; }),
        series: statusSeries(rows, ["renovated", "partially_renovated", "not_renovated"], labels, ""),
      };
    },
    "trends-cases": function (data, labels) {
      var rows = data.rows || [];
      return {
        type: "line",
        labels: rows.map(function (row) { return String(row.year); }),
        series: statusSeries(rows, ["cases_received", "cases_closed"], labels, ""),
      };
    },
    "trends-plans": function (data, labels) {
      var rows = data.rows || [];
      return {
        type: "line",
        labels: rows.map(function (row) { return String(row.year); }),
        series: statusSeries(rows, ["completion_percent", "execution_percent"], labels, ""),
      };
    },
    "groups-gap": function (data, labels) {
      var rows = data.rows || [];
      return {
        type: "bar",
        horizontal: true,
        labels: rows.map(function (row) { return row.indicator_code + " · " + row.category; }),
        series: statusSeries(rows, ["value", "total"], labels, ""),
      };
    },
  };

  // ---------------------------------------------------------------- drawing

  function config(spec, palette) {
    var datasets = spec.series.map(function (series, index) {
      var colour = palette[index % palette.length];
      var dataset = {
        label: series.label,
        data: series.values,
        borderColor: colour,
        pointStyle: POINT_STYLES[index % POINT_STYLES.length],
      };
      if (spec.type === "line") {
        dataset.backgroundColor = colour;
        dataset.borderDash = DASHES[index % DASHES.length];
        dataset.pointRadius = 5;
        dataset.spanGaps = false;
      } else {
        dataset.backgroundColor = pattern(colour, PATTERNS[index % PATTERNS.length]);
        dataset.borderWidth = 1;
      }
      return dataset;
    });
    var valueAxis = { beginAtZero: true, stacked: Boolean(spec.stacked), ticks: { precision: 0 } };
    var categoryAxis = { stacked: Boolean(spec.stacked) };
    var horizontal = spec.type === "bar" && spec.horizontal;
    return {
      type: spec.type,
      data: { labels: spec.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: horizontal ? "y" : "x",
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: spec.type === "line" } } },
        scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      },
    };
  }

  function draw(figure, data, labels, palette) {
    var builder = BUILDERS[figure.getAttribute("data-chart")];
    if (!builder) {
      return;
    }
    var spec = builder(data, labels, figure);
    if (!spec.labels.length) {
      return;
    }
    var holder = figure.querySelector(".dash-chart__canvas");
    var canvas = document.createElement("canvas");
    var summary = figure.getAttribute("data-summary") || "";
    var caption = figure.querySelector("figcaption");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", (caption ? caption.textContent.trim() + ". " : "") + summary);
    canvas.textContent = summary;
    holder.appendChild(canvas);
    // Rows need room: a horizontal bar chart grows with its categories.
    if (spec.horizontal) {
      holder.style.height = Math.max(20, 6 + spec.labels.length * 3.2) + "rem";
    }
    figure.hidden = false;
    new window.Chart(canvas, config(spec, palette));
    figure.setAttribute("data-chart-drawn", "true");
  }

  function load(endpoint) {
    return window
      .fetch(endpoint, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof window.Chart === "undefined" || typeof window.fetch === "undefined") {
      return;
    }
    var figures = document.querySelectorAll("figure.dash-chart[data-endpoint][data-chart]");
    if (!figures.length) {
      return;
    }
    var labels = readLabels();
    var palette = colours();
    // One request per endpoint, however many charts read it.
    var requests = {};
    Array.prototype.forEach.call(figures, function (figure) {
      var endpoint = figure.getAttribute("data-endpoint");
      if (!requests[endpoint]) {
        requests[endpoint] = load(endpoint);
      }
      requests[endpoint]
        .then(function (data) { draw(figure, data, labels, palette); })
        .catch(function () {
          figure.setAttribute("data-chart-error", "true");
        });
    });
  });
})();
