// Polls /api/jobs/{id} and updates the job page until the job has finished.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) return;
  var id = box.getAttribute("data-job");

  function text(el, value) { el.textContent = value == null ? "" : String(value); }

  function row(cells) {
    var tr = document.createElement("tr");
    cells.forEach(function (c) { var td = document.createElement("td"); text(td, c); tr.appendChild(td); });
    return tr;
  }

  function render(job) {
    var status = document.getElementById("job-status");
    text(status, job.status);
    status.className = "status " + job.status;
    text(document.getElementById("job-stage"), job.stage_label);
    var bar = document.getElementById("job-progress");
    bar.max = job.total || 1;
    bar.value = job.status === "done" ? bar.max : job.done;
    text(document.getElementById("job-message"), job.message);
    var table = document.getElementById("job-errors");
    var body = table.querySelector("tbody");
    body.textContent = "";
    job.errors.forEach(function (e) { body.appendChild(row([e.file, e.reason, e.code])); });
    table.hidden = job.errors.length === 0;
    document.getElementById("no-errors").hidden = job.errors.length !== 0;
    var added = document.getElementById("job-added");
    added.textContent = "";
    job.added.forEach(function (a) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = "/articles/" + encodeURIComponent(a);
      text(link, a);
      li.appendChild(link);
      added.appendChild(li);
    });
    box.setAttribute("data-status", job.status);
    var finished = job.status === "done" || job.status === "failed";
    document.getElementById("job-done-links").hidden = !finished;
    return finished;
  }

  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(id), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) { if (!render(job)) window.setTimeout(poll, 700); })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
})();
