/* sphinxcontrib-atlas: the disease x mechanism matrix as an evidence map.
   - the scrolling box becomes a keyboard-focusable, labelled region, and the scroll cue shows
     only while the table is wider than its box;
   - a filter by evidence type dims the cells without that type (their text stays readable);
   - before printing, no cell is left half-open and the box does not clip the table.
   No inline script or style: styles are classes from atlas-entities.css. */
(function () {
  "use strict";
  var LABELS = [
    ["", "every kind of evidence"], ["clinical-trial", "clinical trials"], ["meta-analysis", "meta-analyses"],
    ["patient-cohort", "patient cohorts"], ["primary-cells", "primary cells"], ["mouse", "mouse studies"],
    ["cell-lines", "cell lines"], ["guideline", "guidelines"], ["review", "reviews"]
  ];

  function setUp(box, n) {
    var table = box.querySelector("table.atlas-matrix");
    if (!table) { return; }
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", (table.querySelector("caption") || {}).textContent || "Evidence matrix");
    box.tabIndex = 0;
    var cue = box.previousElementSibling;
    function updateCue() {
      if (cue && cue.classList.contains("atlas-matrix-cue")) {
        cue.hidden = box.scrollWidth <= box.clientWidth + 1;
      }
    }
    updateCue();
    window.addEventListener("resize", updateCue);

    var cells = table.querySelectorAll("td.atlas-matrix-filled");
    var present = {};
    cells.forEach(function (td) {
      td.classList.forEach(function (c) { if (c.indexOf("atlas-has-") === 0) { present[c.slice(10)] = true; } });
    });
    var form = document.createElement("p");
    form.className = "atlas-matrix-filter";
    var label = document.createElement("label");
    var id = "atlas-matrix-filter-" + n;
    label.htmlFor = id;
    label.textContent = "Show cells with ";
    var select = document.createElement("select");
    select.id = id;
    LABELS.forEach(function (pair) {
      if (pair[0] && !present[pair[0]]) { return; }
      var option = document.createElement("option");
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    var status = document.createElement("span");
    status.className = "atlas-matrix-status";
    status.setAttribute("role", "status");
    select.addEventListener("change", function () {
      var kind = select.value, shown = 0;
      cells.forEach(function (td) {
        var match = !kind || td.classList.contains("atlas-has-" + kind);
        td.classList.toggle("atlas-matrix-dim", !match);
        if (match) { shown += 1; }
      });
      status.textContent = kind ? " " + shown + " of " + cells.length + " filled cells" : "";
    });
    form.appendChild(label);
    form.appendChild(select);
    form.appendChild(status);
    box.parentNode.insertBefore(form, cue && cue.classList.contains("atlas-matrix-cue") ? cue : box);
  }

  function ready() {
    document.querySelectorAll(".atlas-matrix-scroll").forEach(setUp);
    /* printing: details elsewhere on the page print open; matrix cells keep their summary line */
    var opened = [];
    window.addEventListener("beforeprint", function () {
      document.querySelectorAll("details.atlas-details:not([open])").forEach(function (d) {
        if (!d.closest(".atlas-matrix-scroll")) { d.open = true; opened.push(d); }
      });
    });
    window.addEventListener("afterprint", function () {
      opened.forEach(function (d) { d.open = false; });
      opened = [];
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", ready); } else { ready(); }
})();
