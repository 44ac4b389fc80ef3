// cooptrack: small progressive touches; every page works without this file. Written for this project.
(function () {
  "use strict";
  // Filters apply as soon as a choice is made (the Apply/Show button still works without JavaScript).
  document.querySelectorAll("select.autosubmit").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) { select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit(); }
    });
  });
  // On a meeting page, clicking an item in the source text (not only its tag) finds it in the record.
  document.querySelectorAll(".source .hl").forEach(function (span) {
    span.addEventListener("click", function (event) {
      if (event.target.closest("a")) { return; }
      var tag = span.querySelector(":scope > a.tag");
      if (tag) { event.stopPropagation(); location.hash = tag.getAttribute("href"); }
    });
  });
})();
