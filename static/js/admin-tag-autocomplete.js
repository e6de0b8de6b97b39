// Suggest existing tags while an editor types in the comma-separated tags box.
// Progressive enhancement: without this script the box still takes any tags.
(function () {
  "use strict";

  function attach(input) {
    var url = input.getAttribute("data-suggest-url");
    if (!url) {
      return;
    }
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var timer = null;
    var latest = 0;

    function suggest() {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      var head = cut === -1 ? "" : value.slice(0, cut + 1) + " ";
      var term = value.slice(cut + 1).trim();
      if (term.length < 2) {
        list.replaceChildren();
        return;
      }
      var request = ++latest;
      fetch(url + "?q=" + encodeURIComponent(term), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { tags: [] };
        })
        .then(function (data) {
          if (request !== latest) {
            return; // an answer to an older keystroke
          }
          var taken = value.split(",").map(function (t) {
            return t.trim().toLowerCase();
          });
          list.replaceChildren.apply(
            list,
            data.tags
              .filter(function (tag) {
                return taken.indexOf(tag.toLowerCase()) === -1;
              })
              .map(function (tag) {
                var option = document.createElement("option");
                option.value = head + tag;
                return option;
              })
          );
        })
        .catch(function () {
          list.replaceChildren();
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(suggest, 150);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest-url]").forEach(attach);
  });
})();
