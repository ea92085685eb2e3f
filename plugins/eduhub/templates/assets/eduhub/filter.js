// Filters a list without reloading. Markup: <form data-eduhub-filter="#list" hidden> with radio
// groups; items carry data-filter-item and data-<group name>="space separated values"; optional
// wrappers carry data-filter-group and hide when empty. Without JavaScript the form stays
// hidden and the full list shows. ?audience=high (any group name) preselects a value.
(function () {
  "use strict";
  function setup(form) {
    var list = document.querySelector(form.getAttribute("data-eduhub-filter"));
    if (!list) return;
    var status = form.querySelector("[data-eduhub-filter-status]");
    var params = new URLSearchParams(window.location.search);
    params.forEach(function (value, name) {
      var input = form.querySelector('input[name="' + CSS.escape(name) + '"][value="' + CSS.escape(value) + '"]');
      if (input) input.checked = true;
    });
    function apply() {
      var wanted = [];
      new FormData(form).forEach(function (value, name) { if (value) wanted.push([name, value]); });
      var shown = 0;
      list.querySelectorAll("[data-filter-item]").forEach(function (item) {
        var ok = wanted.every(function (pair) {
          return (item.getAttribute("data-" + pair[0]) || "").split(" ").indexOf(pair[1]) >= 0;
        });
        item.hidden = !ok;
        if (ok && !item.hasAttribute("data-filter-past")) shown += 1;
      });
      list.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      if (status) status.textContent = shown + "개 항목";
      form.dispatchEvent(new CustomEvent("eduhub:filtered", { bubbles: true }));
    }
    form.hidden = false;
    form.addEventListener("change", apply);
    apply();
  }
  function init() { document.querySelectorAll("[data-eduhub-filter]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
