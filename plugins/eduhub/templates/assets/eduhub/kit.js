// Promotion kit (staff pages):
// - [data-kit-copy="<id>"] buttons copy the exact text of the field with that id;
// - [data-kit-copy-image="<url>"] copies the QR PNG as an image (where the browser allows);
// - [data-kit-print] prints the poster.
(function () {
  "use strict";

  function status(text) {
    var box = document.querySelector("[data-kit-status]");
    if (box) box.textContent = text;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }

  function label(button) {
    return button.textContent.replace(/ 복사$/, "");
  }

  function copyButtons() {
    document.querySelectorAll("[data-kit-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var field = document.getElementById(button.getAttribute("data-kit-copy"));
        if (!field) return;
        copyText(field.value).then(
          function () { status(label(button) + "을(를) 복사했습니다."); },
          function () {
            field.focus();
            field.select();
            status("복사하지 못했습니다. 선택된 글자를 Ctrl+C로 복사하세요.");
          }
        );
      });
    });
    document.querySelectorAll("[data-kit-copy-image]").forEach(function (button) {
      button.addEventListener("click", function () {
        var url = button.getAttribute("data-kit-copy-image");
        if (!(navigator.clipboard && window.ClipboardItem && window.isSecureContext)) {
          status("이 브라우저는 그림 복사를 지원하지 않습니다. PNG 내려받기를 쓰세요.");
          return;
        }
        var blob = fetch(url).then(function (r) { return r.blob(); });
        navigator.clipboard.write([new ClipboardItem({ "image/png": blob })]).then(
          function () { status("QR 이미지를 복사했습니다."); },
          function () { status("QR 이미지를 복사하지 못했습니다. PNG 내려받기를 쓰세요."); }
        );
      });
    });
    document.querySelectorAll("[data-kit-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function init() {
    copyButtons();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
