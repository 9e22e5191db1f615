// Filters the quotes table by speaker without a reload (the form works without JavaScript too).
(function () {
  "use strict";
  var select = document.getElementById("speaker-select");
  if (!select) return;
  select.addEventListener("change", function () {
    var url = new URL(window.location.href);
    if (select.value) url.searchParams.set("speaker", select.value); else url.searchParams.delete("speaker");
    url.hash = "quotes";
    window.location.assign(url.toString());
  });
})();
