/*
 * The back office's progressive JavaScript: the error summary takes the focus after a failed
 * save, and on the review page the keys A and R accept or reject the claim that has the focus
 * (or the first one), unless a text field has it. Everything also works without JavaScript.
 */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
  });

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var key = event.key.toLowerCase();
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
