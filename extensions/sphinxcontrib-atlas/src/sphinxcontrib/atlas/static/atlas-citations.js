/* IL-6 Heme Atlas: citation previews and the reference filter. No dependencies.
 * Previews (WCAG 1.4.13): shown on hover and keyboard focus of a citation link, the pointer
 * can move onto them, Esc closes them however they were opened (a link whose preview Esc
 * closed stays closed until pointer and focus have left it), and they stay until
 * pointer/focus leave.
 * The preview copies the page's own reference-list entry (DOM clone, never innerHTML).
 */
(function () {
  "use strict";
  var tip = null, owner = null, hideTimer = null, dismissed = null;

  function entryFor(link) {
    var id = decodeURIComponent((link.getAttribute("href") || "").replace(/^#/, ""));
    var li = id && document.getElementById(id);
    return li && li.classList.contains("atlas-ref") ? li : null;
  }
  function hide() {
    clearTimeout(hideTimer);
    if (tip) { tip.remove(); tip = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }
  function laterHide() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 300); }
  function show(link) {
    var li = entryFor(link);
    if (!li || link === dismissed) return;
    if (owner === link) { clearTimeout(hideTimer); return; }
    hide();
    tip = document.createElement("div");
    tip.className = "atlas-preview";
    tip.id = "atlas-preview";
    tip.setAttribute("role", "tooltip");
    Array.prototype.forEach.call(li.children, function (child) {
      if (!child.classList.contains("atlas-backlinks") && !child.classList.contains("atlas-cited-on")) {
        tip.appendChild(child.cloneNode(true));
      }
    });
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", laterHide);
    document.body.appendChild(tip);
    var r = link.getBoundingClientRect();
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 4) + "px";
    owner = link;
    link.setAttribute("aria-describedby", tip.id);
  }
  function citeLink(target) {
    return target && target.closest ? target.closest("a.atlas-cite") : null;
  }
  document.addEventListener("mouseover", function (e) { var a = citeLink(e.target); if (a) show(a); });
  document.addEventListener("mouseout", function (e) {
    var a = citeLink(e.target);
    if (!a || a.contains(e.relatedTarget)) return;
    if (a === owner) laterHide();
    if (a === dismissed && document.activeElement !== a) dismissed = null;
  });
  document.addEventListener("focusin", function (e) {
    var a = citeLink(e.target);
    if (a !== dismissed) dismissed = null;
    if (a) show(a); else if (tip && !tip.contains(e.target)) hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !tip) return;
    var o = owner, inside = tip.contains(document.activeElement);
    dismissed = o;
    hide();
    if (o && inside) o.focus(); // focus was in the preview: back to its citation
  });

  /* Filter on the whole-store references page (complete without JS). */
  function setupFilter(box) {
    var items = Array.prototype.slice.call(box.querySelectorAll("li.atlas-ref"));
    if (!items.length) return;
    var types = {}, years = [];
    items.forEach(function (li) {
      li.classList.forEach(function (c) {
        if (c.indexOf("atlas-ev-") === 0) types[c.slice(9)] = true;
        if (c.indexOf("atlas-year-") === 0) li.dataset.year = c.slice(11);
      });
      if (li.dataset.year && /^\d+$/.test(li.dataset.year)) years.push(+li.dataset.year);
    });
    var form = document.createElement("form");
    form.className = "atlas-filter";
    form.setAttribute("role", "search");
    form.setAttribute("aria-label", "Filter references");
    function labelled(text, control) {
      var l = document.createElement("label"); l.textContent = text + " "; l.appendChild(control); form.appendChild(l);
    }
    var ev = document.createElement("select");
    [["", "any"]].concat(Object.keys(types).sort().map(function (t) { return [t, t]; })).forEach(function (o) {
      var opt = document.createElement("option"); opt.value = o[0]; opt.textContent = o[1]; ev.appendChild(opt);
    });
    var from = document.createElement("input"), to = document.createElement("input");
    [from, to].forEach(function (i) { i.type = "number"; i.min = Math.min.apply(null, years); i.max = Math.max.apply(null, years); i.size = 5; });
    var count = document.createElement("output");
    count.setAttribute("aria-live", "polite");
    labelled("Evidence:", ev); labelled("Year from", from); labelled("to", to); form.appendChild(count);
    function apply() {
      var shown = 0, lo = +from.value || -Infinity, hi = +to.value || Infinity;
      items.forEach(function (li) {
        var y = +li.dataset.year || 0;
        var ok = (!ev.value || li.classList.contains("atlas-ev-" + ev.value)) && (!y || (y >= lo && y <= hi));
        li.hidden = !ok; if (ok) shown++;
      });
      count.textContent = shown + " of " + items.length + " references";
    }
    form.addEventListener("input", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    box.insertBefore(form, box.firstChild);
    apply();
  }
  function init() { Array.prototype.forEach.call(document.querySelectorAll(".atlas-bibliography-all"), setupFilter); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
