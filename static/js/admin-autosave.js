// Autosave for the article form: what is typed goes to the server every half minute and when
// the page is left (never over the article itself), a "saved at" note, a warning before leaving
// unsaved changes, and an offer to restore a newer autosaved text on return.
(function () {
  "use strict";

  var bodyEditor = null;
  var bodyReady = [];

  // The body editor (django-prose-editor, a Tiptap editor) announces itself when it is built.
  document.addEventListener("prose-editor:ready", function (event) {
    if (event.detail.textarea && event.detail.textarea.id === "id_body") {
      bodyEditor = event.detail.editor;
      bodyReady.splice(0).forEach(function (callback) {
        callback(bodyEditor);
      });
    }
  });

  function withBodyEditor(callback) {
    if (bodyEditor) {
      callback(bodyEditor);
    } else {
      bodyReady.push(callback);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var title = document.querySelector("input[data-autosave-url]");
    if (!title || !title.form) {
      return;
    }
    var form = title.form;
    var url = title.getAttribute("data-autosave-url");
    var seconds = parseInt(title.getAttribute("data-autosave-seconds"), 10) || 30;
    var articleId = new URL(url, location.href).searchParams.get("article") || "";
    var excerpt = form.querySelector("#id_excerpt");
    var body = form.querySelector("#id_body");
    var changed = false; // since the page loaded or the form was last submitted
    var unsent = false; // since the last autosave
    var submitting = false;

    var status = document.createElement("p");
    status.className = "autosave-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var firstFieldset = form.querySelector("fieldset");
    (firstFieldset || form.firstElementChild).before(status);

    function csrfToken() {
      var field = form.querySelector("input[name=csrfmiddlewaretoken]");
      return field ? field.value : "";
    }

    function fields() {
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrfToken());
      data.append("article", articleId);
      data.append("title", title.value);
      data.append("excerpt", excerpt ? excerpt.value : "");
      data.append("body", body ? body.value : "");
      return data;
    }

    function save() {
      if (!unsent) {
        return Promise.resolve();
      }
      unsent = false;
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        body: fields(),
      })
        .then(function (response) {
          if (!response.ok) {
            // A refusal (too long) says why in the editor's language; anything else does not.
            return response.json().then(
              function (answer) {
                throw { refused: answer.message };
              },
              function () {
                throw { refused: "" };
              }
            );
          }
          return response.json();
        })
        .then(function (answer) {
          status.textContent = answer.message;
        })
        .catch(function (error) {
          unsent = true;
          status.textContent =
            (error && error.refused) || title.getAttribute("data-autosave-failed") || "";
        });
    }

    function markChanged() {
      changed = true;
      unsent = true;
    }

    form.addEventListener("input", markChanged);
    form.addEventListener("change", markChanged);
    form.addEventListener("submit", function () {
      submitting = true;
    });
    setInterval(save, seconds * 1000);

    window.addEventListener("beforeunload", function (event) {
      if (changed && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    // Leaving (closing the tab, going Back): send what is typed, even as the page goes away.
    window.addEventListener("pagehide", function () {
      if (unsent && !submitting && navigator.sendBeacon) {
        navigator.sendBeacon(url, fields());
        unsent = false;
      }
    });

    function offer(answer) {
      var box = document.createElement("div");
      box.className = "autosave-offer";
      var text = document.createElement("p");
      text.textContent = answer.message;
      var restore = document.createElement("button");
      restore.type = "button";
      restore.className = "button default";
      restore.textContent = title.getAttribute("data-autosave-restore");
      var discard = document.createElement("button");
      discard.type = "button";
      discard.className = "button";
      discard.textContent = title.getAttribute("data-autosave-discard");
      box.append(text, restore, " ", discard);
      status.before(box);

      restore.addEventListener("click", function () {
        var draft = answer.draft;
        title.value = draft.title;
        if (excerpt) {
          excerpt.value = draft.excerpt;
        }
        if (body) {
          body.value = draft.body;
        }
        withBodyEditor(function (editor) {
          editor.commands.setContent(draft.body, { emitUpdate: true });
        });
        markChanged();
        box.remove();
        status.textContent = title.getAttribute("data-autosave-restored");
        title.focus();
      });
      discard.addEventListener("click", function () {
        var data = new FormData();
        data.append("csrfmiddlewaretoken", csrfToken());
        data.append("article", articleId);
        data.append("discard", "1");
        fetch(url, { method: "POST", credentials: "same-origin", body: data });
        box.remove();
        title.focus();
      });
    }

    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { draft: null };
      })
      .then(function (answer) {
        if (answer.draft) {
          offer(answer);
        }
      });
  });
})();
