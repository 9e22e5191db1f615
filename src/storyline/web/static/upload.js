// Drag and drop onto the file input's drop zone; lists the chosen files.
(function () {
  "use strict";
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("files");
  var chosen = document.getElementById("chosen");
  if (!zone || !input) return;

  function show() {
    var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
    chosen.textContent = names.length ? names.length + " file(s): " + names.join(", ") : "";
  }

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) {
    if (e.dataTransfer && e.dataTransfer.files.length) {
      input.files = e.dataTransfer.files;
      show();
    }
  });
  input.addEventListener("change", show);
})();
