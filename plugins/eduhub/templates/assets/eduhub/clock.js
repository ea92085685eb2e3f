// What appears or moves on by the visitor's clock (the site may have been built days ago):
// - [data-survey-after="<ISO instant>"]: the survey link of an event, shown once it is over;
// - [data-consult-next]: the next regular consultation day; its JSON list of the next days is
//   in data-consult-sessions ([{label, begins, ends}]), the first not over is shown.
(function () {
  "use strict";

  function surveys(now) {
    document.querySelectorAll("[data-survey-after]").forEach(function (box) {
      var ends = Date.parse(box.getAttribute("data-survey-after") || "");
      if (!isNaN(ends)) box.hidden = now < ends;
    });
  }

  function consultation(now) {
    document.querySelectorAll("[data-consult-next]").forEach(function (box) {
      var sessions;
      try { sessions = JSON.parse(box.getAttribute("data-consult-sessions") || "[]"); }
      catch (e) { return; }
      var next = null;
      for (var i = 0; i < sessions.length; i++) {
        var ends = Date.parse(sessions[i].ends);
        if (!isNaN(ends) && ends > now) { next = sessions[i]; break; }
      }
      var label = box.querySelector("[data-consult-label]");
      if (next && label) {
        label.textContent = next.label;
        label.setAttribute("datetime", next.begins);
      } else if (!next) {
        box.hidden = true; // every known day is over: the link to the schedule stays
      }
    });
  }

  function init() {
    var now = Date.now();
    surveys(now);
    consultation(now);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
