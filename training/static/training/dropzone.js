// Drag-and-drop onto the upload area: dropped files become the file input's selection.
(function () {
  "use strict";
  function setup() {
    var zone = document.querySelector("[data-dropzone]");
    if (!zone) { return; }
    var input = zone.querySelector("input[type=file]");
    var list = zone.querySelector("[data-dropzone-list]");
    var form = zone.closest("form");
    var maxFiles = parseInt(zone.dataset.maxFiles, 10);
    // More files than the server parses would be sent in full only to be refused: say so before sending.
    function tooMany() {
      return maxFiles > 0 && input.files.length > maxFiles;
    }
    function show() {
      if (!list) { return; }
      if (tooMany()) {
        list.textContent = zone.dataset.tooMany.replace("{count}", String(input.files.length));
        list.classList.add("is-refused");
        return;
      }
      list.classList.remove("is-refused");
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      list.textContent = names.length ? names.length + " file(s): " + names.slice(0, 10).join(", ") + (names.length > 10 ? ", ..." : "") : "";
    }
    if (form) {
      form.addEventListener("submit", function (e) {
        if (tooMany()) { e.preventDefault(); show(); input.focus(); }
      });
    }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (e) { e.preventDefault(); zone.classList.add("is-over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("is-over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
