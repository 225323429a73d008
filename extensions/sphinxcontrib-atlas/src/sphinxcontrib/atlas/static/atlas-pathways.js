/* IL-6 Heme Atlas — pathway diagrams (plain JS, no dependencies).
 * Configured by data- attributes written by the extension:
 *   figure.atlas-pathway[data-tooltip-delay]   ms before a tooltip hides after the pointer leaves
 *   .atlas-pw-edge[data-source|data-target|data-relation|data-label|data-cites|data-evidence|data-diseases]
 *   .atlas-pw-node[data-node]
 * Hover/focus a node: its edges and neighbours are highlighted.  Hover/focus an edge: a
 * tooltip (hoverable, dismissed with Esc, placed beside the edge and its two nodes, never
 * over them) shows its label, citations and evidence; Tab from the edge moves into the
 * tooltip's links, Tab from its last link on to the next edge.
 * View: the diagram keeps its natural size (text never below 12 CSS px); a wide diagram
 * scrolls in its canvas (focusable: arrow keys scroll), Zoom in / Zoom out buttons and the
 * + / - / 0 keys enlarge it, Full screen shows it alone.  No dragging is needed.
 * Disease switch: edges whose evidence names other diseases only are dimmed, so are the
 * matching rows of the edge table (hidden), and a status line announces the change;
 * edges that name no disease (general biology) stay.
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
    var current = null, timer = null, quiet = false;

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
    function union(rects) {
      var r = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
      rects.forEach(function (b) {
        r.left = Math.min(r.left, b.left); r.top = Math.min(r.top, b.top);
        r.right = Math.max(r.right, b.right); r.bottom = Math.max(r.bottom, b.bottom);
      });
      return r;
    }
    function place(e) {
      // the anchor: the edge with its label and both of its nodes; the tooltip never covers it
      var parts = [e.getBoundingClientRect()];
      [e.getAttribute("data-source"), e.getAttribute("data-target")].forEach(function (id) {
        if (nodeEl[id]) parts.push(nodeEl[id].getBoundingClientRect());
      });
      var a = union(parts), f = fig.getBoundingClientRect();
      tip.style.left = "0px";  // measure at full width, not as squeezed by the last position
      tip.style.top = "0px";
      var w = tip.offsetWidth, h = tip.offsetHeight, gap = 8;
      var room = document.documentElement.clientWidth;
      var left, top = Math.max(a.top, f.top) - f.top, beside = true;
      if (a.right + gap + w <= Math.min(room, f.right)) left = a.right + gap - f.left;
      else if (a.left - gap - w >= Math.max(0, f.left)) left = a.left - gap - w - f.left;
      else {  // no room beside it: below the anchor, or above when the anchor ends low
        beside = false;
        left = Math.max(0, Math.min(a.left - f.left, fig.clientWidth - w));
      }
      tip.style.left = left + "px";
      if (!beside) {
        h = tip.offsetHeight;  // its height where it now stands
        top = a.bottom - f.top + gap;
        if (a.top - f.top - gap - h >= 0 && a.bottom + gap + h > window.innerHeight) top = a.top - f.top - gap - h;
      }
      tip.style.top = top + "px";
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
      e.addEventListener("focus", function () {
        if (quiet) { quiet = false; return; }  // focus given back by Esc: stay closed
        show(e);
      });
      e.addEventListener("blur", function (ev) {
        if (!tip.contains(ev.relatedTarget)) hideSoon();
      });
      e.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          if (tip.hidden || current !== e) show(e); else hide();
        } else if (ev.key === "Tab" && !ev.shiftKey && !tip.hidden && current === e) {
          var first = tip.querySelector("a[href]");
          if (first) { ev.preventDefault(); clearTimeout(timer); first.focus(); }
        }
      });
    });
    tip.addEventListener("keydown", function (ev) {
      if (ev.key !== "Tab" || !current) return;
      var links = Array.prototype.slice.call(tip.querySelectorAll("a[href]"));
      var i = links.indexOf(document.activeElement);
      if (ev.shiftKey && i === 0) { ev.preventDefault(); current.focus(); }
      else if (!ev.shiftKey && i === links.length - 1) {
        var next = edges[edges.indexOf(current) + 1];
        ev.preventDefault();
        if (next) next.focus(); else { var from = current; hide(); focusAfter(from); }
      }
    });
    function focusAfter(el) {
      var all = Array.prototype.slice.call(fig.querySelectorAll("a[href], [tabindex='0'], select, button"));
      var i = all.indexOf(el);
      if (all[i + 1]) all[i + 1].focus();
    }
    tip.addEventListener("mouseenter", function () { clearTimeout(timer); });
    tip.addEventListener("mouseleave", hideSoon);
    tip.addEventListener("focusout", function (ev) {
      if (!tip.contains(ev.relatedTarget) && ev.relatedTarget !== current) hideSoon();
    });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && !tip.hidden) {
        var back = tip.contains(document.activeElement) ? current : null;
        hide();
        if (back) { quiet = true; back.focus(); }
      }
    });

    // -- disease context ----------------------------------------------------------------
    var controls = fig.querySelector(".atlas-pw-controls");
    var select = fig.querySelector("select.atlas-pw-context");
    var status = fig.querySelector(".atlas-pw-status");
    var block = fig.closest(".atlas-pathway-block");
    var rows = block ? Array.prototype.slice.call(block.querySelectorAll("table.atlas-pw-table tbody tr")) : [];
    if (controls) controls.hidden = false;
    function applyContext() {
      var want = select.value, shown = 0, lit = {};
      edges.forEach(function (e, i) {
        var dis = words(e.getAttribute("data-diseases"));
        var dimmed = want !== "" && dis.length > 0 && dis.indexOf(want) < 0;
        e.classList.toggle("is-dimmed", dimmed);
        if (rows[i]) rows[i].hidden = dimmed;
        if (!dimmed) {
          shown += 1;
          lit[e.getAttribute("data-source")] = lit[e.getAttribute("data-target")] = true;
        }
      });
      nodes.forEach(function (n) {
        n.classList.toggle("is-dimmed", want !== "" && !lit[n.getAttribute("data-node")]);
      });
      fig.setAttribute("data-context", want);
      if (status) {
        var name = select.options[select.selectedIndex].text;
        status.textContent = want === "" ? "Showing all " + edges.length + " edges." :
          "Showing " + shown + " of " + edges.length + " edges: evidence from " + name +
          ", and edges whose sources name no disease.";
      }
    }
    if (select) select.addEventListener("change", applyContext);

    // -- view: scroll, zoom, full screen --------------------------------------------------
    var canvas = fig.querySelector(".atlas-pw-canvas");
    var natural = svg.viewBox.baseVal ? svg.viewBox.baseVal.width : svg.getBoundingClientRect().width;
    var zoom = 1;
    canvas.setAttribute("tabindex", "0");
    canvas.setAttribute("role", "region");
    canvas.setAttribute("aria-label", "Diagram (scrolls; + and - zoom)");
    function button(text, cls, onClick) {
      var b = el("button", "atlas-pw-button " + cls, text);
      b.type = "button";
      b.addEventListener("click", onClick);
      controls.appendChild(b);
      return b;
    }
    function setZoom(z) {
      zoom = Math.max(1, Math.min(3, z));
      svg.style.width = (natural * zoom) + "px";
      if (zoomOut) zoomOut.disabled = zoom <= 1;
      if (zoomIn) zoomIn.disabled = zoom >= 3;
      if (status) status.textContent = "Zoom " + Math.round(zoom * 100) + "%.";
    }
    var zoomIn = null, zoomOut = null;
    if (controls) {
      zoomOut = button("Zoom out", "atlas-pw-zoom-out", function () { setZoom(zoom - 0.25); });
      zoomIn = button("Zoom in", "atlas-pw-zoom-in", function () { setZoom(zoom + 0.25); });
      zoomOut.disabled = true;
      if (fig.requestFullscreen) {
        var full = button("Full screen", "atlas-pw-full", function () {
          if (document.fullscreenElement === fig) document.exitFullscreen();
          else fig.requestFullscreen();
        });
        document.addEventListener("fullscreenchange", function () {
          full.textContent = document.fullscreenElement === fig ? "Exit full screen" : "Full screen";
        });
      }
      controls.removeChild(status);
      controls.appendChild(status);
    }
    canvas.addEventListener("keydown", function (ev) {
      if (ev.target !== canvas) return;
      if (ev.key === "+" || ev.key === "=") { ev.preventDefault(); setZoom(zoom + 0.25); }
      else if (ev.key === "-") { ev.preventDefault(); setZoom(zoom - 0.25); }
      else if (ev.key === "0") { ev.preventDefault(); setZoom(1); }
    });
  }

  function init() {
    document.querySelectorAll("figure.atlas-pathway").forEach(setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
