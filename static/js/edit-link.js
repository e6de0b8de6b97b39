// An "Edit" link on an article or page for a signed-in editor. The page itself is the same
// for everyone (caches keep one copy); only a browser that signed in to the admin (the
// newsroom_staff marker cookie) asks the uncached /admin/edit-link/ whether it may edit.
(function () {
  "use strict";

  if (!/(?:^|;\s*)newsroom_staff=1(?:;|$)/.test(document.cookie)) {
    return;
  }
  var entry = document.querySelector("[data-edit-kind][data-edit-id]");
  if (!entry) {
    return;
  }
  var url =
    "/admin/edit-link/?kind=" +
    encodeURIComponent(entry.getAttribute("data-edit-kind")) +
    "&id=" +
    encodeURIComponent(entry.getAttribute("data-edit-id")) +
    "&lang=" +
    encodeURIComponent(document.documentElement.lang);
  fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      return response.ok ? response.json() : { url: null };
    })
    .then(function (answer) {
      if (!answer.url) {
        return;
      }
      var paragraph = document.createElement("p");
      paragraph.className = "entry__edit";
      var link = document.createElement("a");
      link.href = answer.url;
      link.textContent = answer.label;
      paragraph.append(link);
      (entry.querySelector(".entry__header") || entry).append(paragraph);
    })
    .catch(function () {});
})();
