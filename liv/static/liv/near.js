// "Use my location" on the nearest-first page: a progressive enhancement. Without JavaScript (or without
// permission) the person picks a municipality; with it, the browser's position fills the hidden lat/lon fields.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-near-form]");
    if (!form || !("geolocation" in navigator)) return;
    var button = form.querySelector("[data-near-locate]");
    var status = form.querySelector("[data-near-status]");
    button.hidden = false;
    button.addEventListener("click", function () {
      status.hidden = false;
      status.textContent = button.dataset.wait || "…";
      navigator.geolocation.getCurrentPosition(
        function (position) {
          form.querySelector("[data-near-lat]").value = position.coords.latitude.toFixed(5);
          form.querySelector("[data-near-lon]").value = position.coords.longitude.toFixed(5);
          form.querySelector("select[name=near]").value = "";
          form.submit();
        },
        function () {
          status.textContent = button.dataset.denied;
        },
        { timeout: 15000, maximumAge: 600000 }
      );
    });
  });
})();
