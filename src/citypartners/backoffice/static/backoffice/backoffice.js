/*
 * The back office's progressive JavaScript (no inline script: the CSP forbids it).
 *
 * - After a failed save the error summary takes the focus, so a screen reader reads it first.
 * - On the review pages the keys A and R accept or reject the claim the focus is in (or the
 *   first one), unless a text field has the focus; R asks for the reason first.
 * - Django's admin leaves some controls without an accessible name: the search fields and
 *   boxes of its autocomplete widget (Select2) and the cells of tabular inlines. Each gets the
 *   name of its field (its label, or its column's heading and the row's title), also when
 *   Select2 redraws itself or a row is added, so axe finds no unnamed control.
 */
(function () {
  "use strict";

  function text(node) { return node ? node.textContent.replace(/\s+/g, " ").replace(/:$/, "").trim() : ""; }

  function nameOf(field) {
    if (!field) { return ""; }
    if (field.id) {
      var label = document.querySelector('label[for="' + field.id + '"]');
      if (label && text(label)) { return text(label); }
    }
    var cell = field.closest("td");
    var table = field.closest("table");
    if (cell && table && table.tHead) {
      var heading = text(table.tHead.rows[0].cells[cell.cellIndex]);
      var row = cell.closest("tr");
      var title = row ? text(row.querySelector("td.original p")) : "";
      if (heading) { return title ? heading + " – " + title : heading; }
    }
    return field.name || "";
  }

  function label(element, name) {
    if (name && !element.getAttribute("aria-label")) { element.setAttribute("aria-label", name); }
  }

  function nameControls(root) {
    root.querySelectorAll(".select2-container").forEach(function (container) {
      var select = container.previousElementSibling;
      if (!select || select.tagName !== "SELECT") { return; }
      var name = nameOf(select);
      container.querySelectorAll(".select2-selection, .select2-search__field, .select2-selection__rendered[role=textbox]").forEach(function (el) {
        if (el.classList.contains("select2-selection")) { el.removeAttribute("aria-labelledby"); }
        label(el, name);
      });
      container.querySelectorAll("ul.select2-selection__rendered > span").forEach(function (span) {
        span.parentNode.parentNode.insertBefore(span, span.parentNode);
      });
    });
    root.querySelectorAll(".tabular td input:not([type=hidden]), .tabular td select, .tabular td textarea").forEach(function (field) {
      if (field.labels && field.labels.length) { return; }
      label(field, nameOf(field));
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
    nameControls(document);
    var pending = false;
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; nameControls(document); });
    }).observe(document.body, { childList: true, subtree: true });
  });

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var key = (event.key || "").toLowerCase();
    if (key !== "a" && key !== "r") { return; }
    var claim = event.target.closest ? event.target.closest("[data-claim]") : null;
    claim = claim || document.querySelector("[data-claim]");
    if (!claim) { return; }
    var button = claim.querySelector(key === "a" ? "button[value=accept]" : "button[value=reject]");
    if (!button) { return; }
    event.preventDefault();
    if (key === "r") {
      var reason = claim.querySelector("textarea");
      if (reason && !reason.value.trim()) { reason.focus(); return; }
    }
    button.click();
  });
})();

// An upload's status page asks again every few seconds while the worker is busy. A script, not
// <meta http-equiv="refresh">, so that the page can also be read and left at one's own pace
// (the link "Check again" does the same by hand; WCAG 2.2.1).
(function () {
  var pending = document.querySelector("[data-upload-pending]");
  if (!pending) { return; }
  window.setTimeout(function () { window.location.reload(); }, 2000);
})();
