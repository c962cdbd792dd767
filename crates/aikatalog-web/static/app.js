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
    // Suggestions while typing in a search box, from the API's /suggest, as a native datalist
    // (so keyboards and screen readers handle it as any browser suggestion list).
    document.querySelectorAll('input[type="search"][name="q"]').forEach(function (input) {
      var list = document.createElement("datalist");
      list.id = input.id + "-suggestions";
      input.after(list);
      input.setAttribute("list", list.id);
      var timer = null;
      var asked = "";
      input.addEventListener("input", function () {
        clearTimeout(timer);
        var typed = input.value.trim();
        if (typed.length < 2 || typed === asked) { return; }
        timer = setTimeout(function () {
          asked = typed;
          fetch("/api/v1/suggest?limit=8&q=" + encodeURIComponent(typed), { headers: { Accept: "application/json" } })
            .then(function (r) { return r.ok ? r.json() : { items: [] }; })
            .then(function (body) {
              list.replaceChildren.apply(list, (body.items || []).map(function (item) {
                var option = document.createElement("option");
                option.value = item.text;
                return option;
              }));
            })
            .catch(function () { /* suggestions are a nicety; searching still works */ });
        }, 150);
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
