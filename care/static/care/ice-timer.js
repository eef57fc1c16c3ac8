/* Ice timer on /today/: counts down the advised minutes, warns past the maximum,
   and on "Stop and log" fills the minutes field and submits the log form (htmx or plain POST).
   data-seconds-per-minute on #ice shortens a "minute" in browser tests. */
(function () {
  "use strict";
  var run = null;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function clock(minutes) {
    var total = Math.max(0, Math.round(minutes * 60));
    return Math.floor(total / 60) + ":" + pad(total % 60);
  }
  function elapsedMinutes(root) {
    var perMinute = parseFloat(root.dataset.secondsPerMinute) || 60;
    return (Date.now() - run.start) / 1000 / perMinute;
  }
  function tick() {
    var root = document.getElementById("ice");
    if (!root || !run) { return; }
    var low = parseFloat(root.dataset.minMinutes), high = parseFloat(root.dataset.maxMinutes);
    var done = elapsedMinutes(root);
    var display = root.querySelector("[data-ice-display]");
    var message = root.querySelector("[data-ice-message]");
    if (done < low) {
      root.dataset.state = "running";
      display.textContent = clock(low - done) + " left";
      message.textContent = "Keep a cloth between the ice and your skin.";
    } else if (done <= high) {
      root.dataset.state = "enough";
      display.textContent = clock(done) + " so far";
      message.textContent = low + " minutes done. Stop now, or at the latest at " + high + " minutes.";
    } else {
      root.dataset.state = "over";
      display.textContent = clock(done) + " so far";
      message.textContent = "Past " + high + " minutes: take the ice off now to protect your skin.";
      message.classList.add("ice-warning");
    }
  }
  document.addEventListener("click", function (event) {
    var root = document.getElementById("ice");
    if (!root || !(event.target instanceof Element)) { return; }
    var start = event.target.closest("[data-ice-start]");
    var stop = event.target.closest("[data-ice-stop]");
    if (start) {
      run = { start: Date.now(), timer: window.setInterval(tick, 200) };
      start.hidden = true;
      root.querySelector("[data-ice-stop]").hidden = false;
      tick();
    } else if (stop && run) {
      var minutes = Math.min(60, Math.max(1, Math.round(elapsedMinutes(root))));
      window.clearInterval(run.timer);
      run = null;
      var form = root.querySelector("[data-ice-form]");
      form.querySelector("input[name=minutes]").value = String(minutes);
      form.requestSubmit();
    }
  });
})();
