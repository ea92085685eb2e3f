// Print: absolute link addresses for print.css (printed after the link text).
(function () {
  "use strict";
  function mark() {
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var raw = a.getAttribute("href");
      if (!raw || raw.charAt(0) === "#" || a.classList.contains("headerlink")) continue;
      if (/^(mailto|tel|javascript):/i.test(raw)) continue;
      var text = (a.textContent || "").trim();
      if (text === a.href || text === raw) continue; // the text already is the address
      a.setAttribute("data-eh-print-url", a.href);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
