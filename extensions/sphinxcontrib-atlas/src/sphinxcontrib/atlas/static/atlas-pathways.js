/* IL-6 Heme Atlas — pathway diagrams (plain JS, no dependencies).
 * Configured by data- attributes written by the extension:
 *   figure.atlas-pathway[data-tooltip-delay]   ms before a tooltip hides after the pointer leaves
 *   .atlas-pw-edge[data-source|data-target|data-relation|data-label|data-cites|data-evidence|data-diseases]
 *   .atlas-pw-node[data-node]
 * Hover/focus a node: its edges and neighbours are highlighted.  Hover/focus an edge: a
 * tooltip (hoverable, dismissed with Esc) shows its label, citations and evidence.
 * Without this script the diagram's links and the edge table still work.
 */
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function words(s) {
    return (s || "").split(/\s+/).filter(Boolean);
  }

  function parseCites(s) {
    try {
      var v = JSON.parse(s || "[]");
      return Array.isArray(v) ? v : [];
    } catch (e) {
      return [];
    }
  }

  function setup(fig) {
    var svg = fig.querySelector("svg.atlas-pw-svg");
    if (!svg || fig.getAttribute("data-atlas-ready")) return;
    fig.setAttribute("data-atlas-ready", "1");
    var delay = parseInt(fig.getAttribute("data-tooltip-delay") || "300", 10);
    var edges = Array.prototype.slice.call(svg.querySelectorAll(".atlas-pw-edge"));
    var nodes = Array.prototype.slice.call(svg.querySelectorAll(".atlas-pw-node"));
    var byNode = {}, nodeEl = {}, names = {};
    nodes.forEach(function (n) {
      var id = n.getAttribute("data-node");
      nodeEl[id] = n;
      byNode[id] = [];
      var t = n.querySelector("text");
      names[id] = t ? t.textContent : id;
    });
    edges.forEach(function (e) {
      [e.getAttribute("data-source"), e.getAttribute("data-target")].forEach(function (id) {
        if (byNode[id]) byNode[id].push(e);
      });
      var t = e.querySelector("title");
      if (t) t.parentNode.removeChild(t); // the script's tooltip replaces the native one
    });

    // -- highlighting -----------------------------------------------------------------
    function clear() {
      svg.classList.remove("is-focus");
      svg.querySelectorAll(".is-hl, .is-active").forEach(function (x) {
        x.classList.remove("is-hl", "is-active");
      });
    }
    function lightNode(id) {
      clear();
      var n = nodeEl[id];
      if (!n) return;
      svg.classList.add("is-focus");
      n.classList.add("is-hl", "is-active");
      byNode[id].forEach(function (e) {
        e.classList.add("is-hl");
        [e.getAttribute("data-source"), e.getAttribute("data-target")].forEach(function (o) {
          if (nodeEl[o]) nodeEl[o].classList.add("is-hl");
        });
      });
    }
    function lightEdge(e) {
      clear();
      svg.classList.add("is-focus");
      e.classList.add("is-hl", "is-active");
      [e.getAttribute("data-source"), e.getAttribute("data-target")].forEach(function (o) {
        if (nodeEl[o]) nodeEl[o].classList.add("is-hl");
      });
    }
    nodes.forEach(function (n) {
      var id = n.getAttribute("data-node");
      n.addEventListener("mouseenter", function () { lightNode(id); });
      n.addEventListener("focus", function () { lightNode(id); });
      n.addEventListener("mouseleave", clear);
      n.addEventListener("blur", clear);
      if (!n.hasAttribute("href")) {
        n.addEventListener("keydown", function (ev) {
          if (ev.key === "Escape") clear();
        });
      }
    });

    // -- tooltip ----------------------------------------------------------------------
    var tip = el("div", "atlas-pw-tooltip");
    tip.id = (fig.id || "atlas-pw") + "-tip";
    tip.setAttribute("role", "tooltip");
    tip.hidden = true;
    fig.appendChild(tip);
    var current = null, timer = null;

    function fill(e) {
      tip.textContent = "";
      var s = e.getAttribute("data-source"), t = e.getAttribute("data-target");
      tip.appendChild(el("div", "atlas-pw-tip-title",
        (names[s] || s) + " " + e.getAttribute("data-relation") + " " + (names[t] || t)));
      var label = e.getAttribute("data-label");
      if (label) tip.appendChild(el("div", "atlas-pw-tip-row atlas-pw-tip-label", label));
      var cites = parseCites(e.getAttribute("data-cites"));
      var row = el("div", "atlas-pw-tip-row atlas-pw-tip-cites", cites.length ? "Sources: " : "No citation");
      cites.forEach(function (c, i) {
        if (i) row.appendChild(document.createTextNode("; "));
        var a = el("a", "atlas-pw-tip-cite", String(c[1]));
        var href = String(c[0]);
        if (/^(#|[\w.\/-]*#)/.test(href)) a.setAttribute("href", href);
        row.appendChild(a);
      });
      tip.appendChild(row);
      var ev = words(e.getAttribute("data-evidence"));
      if (ev.length) {
        var evRow = el("div", "atlas-pw-tip-row atlas-pw-tip-evidence", "Evidence: ");
        ev.forEach(function (x) { evRow.appendChild(el("span", "atlas-pw-tip-ev", x)); });
        tip.appendChild(evRow);
      }
      var dis = words(e.getAttribute("data-diseases"));
      if (dis.length) tip.appendChild(el("div", "atlas-pw-tip-row atlas-pw-tip-diseases", "Evidence from: " + dis.join(", ")));
    }
    function place(e) {
      var box = (e.querySelector(".atlas-pw-label-bg") || e).getBoundingClientRect();
      var f = fig.getBoundingClientRect();
      var left = box.left - f.left + box.width / 2 - tip.offsetWidth / 2;
      left = Math.max(0, Math.min(left, fig.clientWidth - tip.offsetWidth));
      tip.style.left = left + "px";
      tip.style.top = (box.bottom - f.top + 6) + "px";
    }
    function show(e) {
      clearTimeout(timer);
      if (current && current !== e) current.removeAttribute("aria-describedby");
      current = e;
      fill(e);
      tip.hidden = false;
      place(e);
      e.setAttribute("aria-describedby", tip.id);
      lightEdge(e);
    }
    function hide() {
      clearTimeout(timer);
      tip.hidden = true;
      if (current) current.removeAttribute("aria-describedby");
      current = null;
      clear();
    }
    function hideSoon() {
      clearTimeout(timer);
      timer = setTimeout(hide, delay);
    }
    edges.forEach(function (e) {
      e.addEventListener("mouseenter", function () { show(e); });
      e.addEventListener("mouseleave", hideSoon);
      e.addEventListener("focus", function () { show(e); });
      e.addEventListener("blur", function (ev) {
        if (!tip.contains(ev.relatedTarget)) hideSoon();
      });
      e.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          if (tip.hidden || current !== e) show(e); else hide();
        }
      });
    });
    tip.addEventListener("mouseenter", function () { clearTimeout(timer); });
    tip.addEventListener("mouseleave", hideSoon);
    tip.addEventListener("focusout", function (ev) {
      if (!tip.contains(ev.relatedTarget) && ev.relatedTarget !== current) hideSoon();
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !tip.hidden) hide();
    });

    // -- disease context ----------------------------------------------------------------
    var controls = fig.querySelector(".atlas-pw-controls");
    var select = fig.querySelector("select.atlas-pw-context");
    if (controls && select) {
      controls.hidden = false;
      select.addEventListener("change", function () {
        var want = select.value;
        edges.forEach(function (e) {
          var dimmed = want !== "" && words(e.getAttribute("data-diseases")).indexOf(want) < 0;
          e.classList.toggle("is-dimmed", dimmed);
        });
        fig.setAttribute("data-context", want);
      });
    }
  }

  function init() {
    document.querySelectorAll("figure.atlas-pathway").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
