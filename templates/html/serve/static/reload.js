// Reload the page when what it shows has been rebuilt. The page says which
// municipality it shows and the version it was made from; the server answers
// with one "change" event as soon as there is a newer one.
"use strict";
(function () {
  const root = document.documentElement;
  const query = new URLSearchParams({ slug: root.dataset.slug || "", since: root.dataset.version });
  const events = new EventSource("/events?" + query);
  events.addEventListener("change", function () {
    events.close();
    window.location.reload();
  });
})();
