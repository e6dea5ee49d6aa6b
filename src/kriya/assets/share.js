/* Kriya share buttons: the service links work without JavaScript; this only adds
   "Salin tautan" (copy the page address) and reports the result to screen readers (in the
   page's language: an English page gives its texts as data-* attributes). */
(function () {
  "use strict";
  document.querySelectorAll(".kriya-share__copy").forEach(function (button) {
    var status = button.closest(".kriya-share").querySelector(".kriya-share__status");
    button.hidden = false;
    button.addEventListener("click", function () {
      var url = button.getAttribute("data-url") || location.href;
      var done = function () {
        status.textContent = button.getAttribute("data-copied") || "Tautan disalin.";
      };
      var failed = function () {
        status.textContent = (button.getAttribute("data-failed") || "Tautan: ") + url;
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(done, failed);
      } else {
        var field = document.createElement("textarea");
        field.value = url;
        field.setAttribute("readonly", "");
        field.style.position = "fixed";
        field.style.opacity = "0";
        document.body.appendChild(field);
        field.select();
        var copied = false;
        try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
        document.body.removeChild(field);
        (copied ? done : failed)();
      }
    });
  });
})();
