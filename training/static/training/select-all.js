// "Select all" checkbox for the bulk shoe assignment in the run list.
(function () {
  "use strict";
  function setup() {
    var all = document.querySelector("[data-select-all]");
    if (!all) { return; }
    all.addEventListener("change", function () {
      document.querySelectorAll("input[name=activities]").forEach(function (box) { box.checked = all.checked; });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
