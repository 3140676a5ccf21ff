// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Move focus to the error summary so screen-reader and keyboard users hear the problems first.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.target);
  });
})();
