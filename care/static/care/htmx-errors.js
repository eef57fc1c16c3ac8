/* The checklist rows and the ice card answer a refused form with 422 and the same
   fragment carrying the message. htmx 2 does not swap 4xx responses by default, so
   the patient would see nothing happen: swap those fragments in like a success. */
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.xhr && detail.xhr.status === 422 && detail.elt instanceof Element &&
        detail.elt.closest("#ice, .checklist")) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
})();
