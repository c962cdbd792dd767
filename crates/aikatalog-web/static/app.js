// AI-kataloget: small improvements on top of pages that work without JavaScript.
// Filter forms marked data-autosubmit submit as soon as a checkbox, select or sort changes, so
// the "apply" buttons (still there without JavaScript) are hidden.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
      form.addEventListener("change", function (event) {
        var target = event.target;
        if (target.matches('input[type="checkbox"], select')) {
          // Filters changed: start again on page one.
          var page = form.querySelector('input[name="page"]');
          if (page) { page.remove(); }
          form.requestSubmit ? form.requestSubmit() : form.submit();
        }
      });
    });
    // On a phone the filters would push the results below the fold: fold them away unless
    // some are chosen. Without JavaScript they stay open, which is merely longer.
    if (window.matchMedia("(max-width: 52rem)").matches) {
      document.querySelectorAll("details.filters").forEach(function (d) {
        if (!d.querySelector("input:checked")) { d.open = false; }
      });
    }
    // After a filter change the page reloads: bring keyboard focus back to the box just ticked.
    var key = "aikatalog-focus";
    var wanted = sessionStorage.getItem(key);
    if (wanted) {
      sessionStorage.removeItem(key);
      var el = document.getElementById(wanted);
      if (el) { el.focus(); }
    }
    document.addEventListener("change", function (event) {
      if (event.target.id) { sessionStorage.setItem(key, event.target.id); }
    });
  });
})();
