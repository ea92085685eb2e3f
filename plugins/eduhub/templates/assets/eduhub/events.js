// Events, corrected against the visitor's clock (the site may have been built days ago):
// - items with data-event-ends in a [data-events-hide-past] container hide once over; in a
//   filtered list they get data-when="past" so filter.js (hidden "when=upcoming" input) hides
//   them and leaves them out of its count;
// - month-grid entries ([data-event-ref]) follow the list's filter and hide once over;
// - registration labels ([data-reg-state]) show 접수 예정 / 접수 중 / 마감 for "now";
// - in the embed, ?audience=... hides the audience choice (the school picked it).
(function () {
  "use strict";
  var LABELS = { upcoming: "접수 예정", open: "접수 중", closed: "마감" };

  function over(element, now) {
    var ends = Date.parse(element.getAttribute("data-event-ends") || "");
    return !isNaN(ends) && ends <= now;
  }

  function registration(now) {
    document.querySelectorAll("[data-reg-state]").forEach(function (label) {
      var opens = Date.parse(label.getAttribute("data-reg-opens") || "");
      var closes = Date.parse(label.getAttribute("data-reg-closes") || "");
      var state = "open";
      if (!isNaN(opens) && now < opens) state = "upcoming";
      else if (!isNaN(closes) && now > closes) state = "closed";
      if (state === label.getAttribute("data-reg-state")) return;
      label.setAttribute("data-reg-state", state);
      label.className = label.className.replace(/eduhub-reg--\w+/, "eduhub-reg--" + state);
      label.textContent = LABELS[state];
    });
  }

  function hidePast(now) {
    document.querySelectorAll("[data-events-hide-past]").forEach(function (container) {
      container.querySelectorAll("[data-event-ends]").forEach(function (item) {
        if (!over(item, now)) return;
        if (item.hasAttribute("data-when")) item.setAttribute("data-when", "past");
        item.setAttribute("data-filter-past", "");
        item.hidden = true;
      });
      container.querySelectorAll("[data-filter-group]").forEach(function (group) {
        group.hidden = !group.querySelector("[data-filter-item]:not([hidden])");
      });
      var form = document.querySelector('[data-eduhub-filter="#' + container.id + '"]');
      // Let filter.js recount (it listens for "change"); harmless if it is not loaded yet.
      if (form && container.id) form.dispatchEvent(new Event("change"));
      empty(container);
    });
  }

  function empty(container) {
    var note = container.parentNode.querySelector("[data-events-empty]");
    if (note) note.hidden = !!container.querySelector("[data-filter-item]:not([hidden])");
  }

  function syncGrid(now) {
    document.querySelectorAll("[data-events-grid]").forEach(function (grid) {
      grid.querySelectorAll("[data-event-ref]").forEach(function (entry) {
        var id = entry.getAttribute("data-event-ref");
        var item = document.querySelector('[data-filter-item][data-event-id="' + CSS.escape(id) + '"]');
        entry.hidden = over(entry, now) || !!(item && item.hidden);
      });
    });
  }

  function embed() {
    var params = new URLSearchParams(window.location.search);
    if (!params.get("audience")) return;
    document.querySelectorAll(".eduhub-embed [data-events-audience-filter]").forEach(function (set) {
      set.hidden = true;
    });
  }

  function init() {
    var now = Date.now();
    registration(now);
    embed();
    hidePast(now);
    syncGrid(now);
    document.addEventListener("eduhub:filtered", function (event) {
      syncGrid(Date.now());
      var form = event.target;
      var list = form && document.querySelector(form.getAttribute("data-eduhub-filter"));
      if (list) empty(list);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
