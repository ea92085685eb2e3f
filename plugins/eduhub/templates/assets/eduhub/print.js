// Print: absolute link addresses for print.css (printed after the link text).
(function () {
  "use strict";
  var MAX = 120;
  function mark() {
    var links = document.querySelectorAll(".md-content a[href]");
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      var raw = a.getAttribute("href");
      if (!raw || raw.charAt(0) === "#" || a.classList.contains("headerlink")) continue;
      if (/^(mailto|tel|javascript):/i.test(raw)) continue;
      var text = (a.textContent || "").trim();
      if (text === a.href || text === raw) continue; // the text already is the address
      var shown = a.href;
      try { shown = decodeURI(a.href); } catch (e) { /* keep the encoded form */ }
      // An address too long to type from paper (a calendar template link) is left out.
      if (shown.length > MAX) { a.setAttribute("data-eh-print-url-skip", ""); continue; }
      a.setAttribute("data-eh-print-url", shown);
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mark);
  else mark();
})();
