// "Insert an image from your computer" above the body editor: the file (chosen or dropped),
// its alternative text and caption go to the media library, and the body-sized rendition is
// inserted where the cursor was. Readers get it with srcset (articles.media_library).
(function () {
  "use strict";

  var bodyEditor = null;
  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea && event.detail.textarea.hasAttribute("data-media-upload-url")) {
      bodyEditor = event.detail.editor;
    }
  });

  function escapeHtml(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML.replace(/"/g, "&quot;");
  }

  document.addEventListener("DOMContentLoaded", function () {
    var body = document.querySelector("textarea[data-media-upload-url]");
    if (!body) {
      return;
    }
    var url = body.getAttribute("data-media-upload-url");
    var labels = JSON.parse(body.getAttribute("data-media-labels"));
    var form = body.form;

    var box = document.createElement("fieldset");
    box.className = "media-upload";
    var legend = document.createElement("legend");
    legend.textContent = labels.legend;
    box.append(legend);

    function field(id, text, input) {
      var wrap = document.createElement("div");
      wrap.className = "media-upload__field";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = text;
      input.id = id;
      wrap.append(label, input);
      box.append(wrap);
      return input;
    }

    var file = document.createElement("input");
    file.type = "file";
    file.accept = "image/jpeg,image/png,image/webp,image/gif";
    field("media-upload-file", labels.file, file);
    var alt = document.createElement("input");
    alt.type = "text";
    alt.maxLength = 255;
    alt.className = "vTextField";
    field("media-upload-alt", labels.alt, alt);
    var caption = document.createElement("input");
    caption.type = "text";
    caption.maxLength = 500;
    caption.className = "vTextField";
    field("media-upload-caption", labels.caption, caption);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button";
    button.textContent = labels.button;
    box.append(button);

    // Or an image already in the library.
    var earlier = document.createElement("select");
    var none = document.createElement("option");
    none.value = "";
    none.textContent = labels.none;
    earlier.append(none);
    field("media-upload-earlier", labels.earlier, earlier).parentNode.classList.add(
      "media-upload__earlier"
    );
    var insertEarlier = document.createElement("button");
    insertEarlier.type = "button";
    insertEarlier.className = "button";
    insertEarlier.textContent = labels.insert;
    box.append(insertEarlier);
    var library = {};
    fetch(body.getAttribute("data-media-recent-url"), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : { images: [] };
      })
      .then(function (answer) {
        answer.images.forEach(function (image) {
          library[image.id] = image;
          var option = document.createElement("option");
          option.value = image.id;
          option.textContent = image.alt + (image.caption ? " \u2014 " + image.caption : "");
          earlier.append(option);
        });
      });

    var status = document.createElement("p");
    status.className = "media-upload__status";
    status.setAttribute("role", "status");
    box.append(status);
    (body.closest(".form-row") || body.parentNode).before(box);

    function insertImage(image) {
      var img =
        '<img src="' + escapeHtml(image.src) + '" alt="' + escapeHtml(image.alt) +
        '" width="' + image.width + '" height="' + image.height + '">';
      var html = image.caption
        ? "<figure>" + img + "<figcaption>" + escapeHtml(image.caption) + "</figcaption></figure>"
        : img;
      if (bodyEditor) {
        bodyEditor.chain().focus().insertContent(html).run();
      } else {
        body.value += html;
      }
      status.textContent = labels.done;
    }

    insertEarlier.addEventListener("click", function () {
      var image = library[earlier.value];
      if (image) {
        insertImage(image);
        earlier.value = "";
      } else {
        earlier.focus();
      }
    });

    button.addEventListener("click", function () {
      if (!file.files.length) {
        file.focus();
        return;
      }
      if (!alt.value.trim()) {
        status.textContent = labels.needAlt;
        alt.focus();
        return;
      }
      var data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
      data.append("file", file.files[0]);
      data.append("alt", alt.value);
      data.append("caption", caption.value);
      status.textContent = labels.working;
      button.disabled = true;
      fetch(url, { method: "POST", credentials: "same-origin", body: data })
        .then(function (response) {
          return response.json().then(function (answer) {
            if (!response.ok) {
              throw answer;
            }
            return answer;
          });
        })
        .then(function (image) {
          insertImage(image);
          library[image.id] = image;
          file.value = "";
          alt.value = "";
          caption.value = "";
        })
        .catch(function (answer) {
          status.textContent = (answer && answer.error) || labels.failed;
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  });
})();
