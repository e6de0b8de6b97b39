// Writing aids on the article form: word count and reading time while typing, the article's
// full address under the slug (with a free slug offered when the day already has this one),
// and a preview of the search result (title, address, description).
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var slug = document.querySelector("input[data-slug-check-url]");
  var body = document.querySelector("textarea[data-count-labels]");
  var title = document.getElementById("id_title");
  var excerpt = document.getElementById("id_excerpt");
  var date = document.getElementById("id_published_at_0");
  var currentUrl = "";

  function plainText(html) {
    var doc = new DOMParser().parseFromString(html || "", "text/html");
    return (doc.body.textContent || "").replace(/\s+/g, " ").trim();
  }

  function debounce(callback, wait) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(callback, wait);
    };
  }

  // Word count and reading time.
  var count = null;
  if (body) {
    var labels = JSON.parse(body.getAttribute("data-count-labels"));
    var perMinute = parseInt(body.getAttribute("data-words-per-minute"), 10) || 200;
    count = document.createElement("p");
    count.className = "writing-count help";
    count.setAttribute("aria-live", "polite");
    (body.closest(".form-row") || body.parentNode).querySelector("div").append(count);
    var showCount = function () {
      var text = plainText(body.value);
      var words = text ? text.split(" ").length : 0;
      var minutes = Math.max(1, Math.round(words / perMinute));
      count.textContent = (words === 1 ? labels.one : labels.other)
        .replace("{words}", words.toLocaleString(document.documentElement.lang))
        .replace("{minutes}", minutes);
    };
    body.addEventListener("input", showCount);
    showCount();
  }

  // The search-result preview, under the excerpt.
  var preview = null;
  if (excerpt && body) {
    preview = document.createElement("div");
    preview.className = "search-preview";
    var heading = document.createElement("p");
    heading.className = "search-preview__label";
    heading.textContent = body.getAttribute("data-preview-label");
    var previewTitle = document.createElement("p");
    previewTitle.className = "search-preview__title";
    var previewUrl = document.createElement("p");
    previewUrl.className = "search-preview__url";
    var previewText = document.createElement("p");
    previewText.className = "search-preview__description";
    preview.append(heading, previewTitle, previewUrl, previewText);
    (excerpt.closest(".form-row") || excerpt.parentNode).after(preview);
  }

  function cut(text, limit) {
    return text.length > limit ? text.slice(0, limit - 1).replace(/\s+\S*$/, "") + "\u2026" : text;
  }

  function showPreview() {
    if (!preview) {
      return;
    }
    previewTitle.textContent =
      cut((title && title.value.trim()) || "", 60) || body.getAttribute("data-preview-empty-title");
    previewUrl.textContent = currentUrl;
    previewText.textContent = cut(excerpt.value.trim() || plainText(body.value), 155);
  }
  [title, excerpt, body].forEach(function (field) {
    if (field) {
      field.addEventListener("input", showPreview);
    }
  });

  // The full address under the slug, and a free slug when this one is taken that day.
  if (slug) {
    var note = document.createElement("p");
    note.className = "slug-url help";
    note.setAttribute("aria-live", "polite");
    slug.after(note);
    var checkUrl = slug.getAttribute("data-slug-check-url");
    var latest = 0;
    var check = function () {
      var url = new URL(checkUrl, location.href);
      url.searchParams.set("slug", slug.value);
      url.searchParams.set("date", date ? date.value : "");
      var request = ++latest;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (answer) {
          if (!answer || request !== latest) {
            return;
          }
          currentUrl = answer.url;
          note.replaceChildren();
          var address = document.createElement("span");
          address.className = "slug-url__address";
          address.textContent = answer.url;
          note.append(address);
          if (!answer.free) {
            var warning = document.createElement("span");
            warning.className = "slug-url__taken";
            warning.textContent = " " + answer.message + " ";
            var use = document.createElement("button");
            use.type = "button";
            use.className = "button slug-url__use";
            use.textContent = slug.getAttribute("data-use-label");
            use.addEventListener("click", function () {
              slug.value = answer.suggestion;
              slug.dispatchEvent(new Event("input", { bubbles: true }));
              slug.focus();
            });
            note.append(warning, use);
          }
          showPreview();
        });
    };
    var later = debounce(check, 300);
    slug.addEventListener("input", later);
    if (title) {
      // The slug fills itself from the title (prepopulate.js) without an input event of its own.
      title.addEventListener("input", later);
    }
    if (date) {
      date.addEventListener("change", later);
      date.addEventListener("input", later);
    }
    check();
  }
  showPreview();
});
