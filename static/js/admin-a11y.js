// Names for the admin's widgets that render without one (found by axe): the body editor
// (a contenteditable textbox), the category autocomplete (select2) and the date/time halves
// of a publication time, and the two-list box's search icons (Django's SelectFilter2 names a
// plain <span> with aria-label, which needs a role).
(function () {
  "use strict";

  function labelText(id) {
    var label = document.querySelector('label[for="' + id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  // django-prose-editor announces each editor when it is built.
  document.addEventListener("prose-editor:ready", function (event) {
    var name = labelText(event.detail.textarea.id);
    if (name) {
      event.detail.editor.view.dom.setAttribute("aria-label", name);
    }
  });

  function nameSelect2() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var name = labelText(select.id);
      var container = select.nextElementSibling;
      if (!name || !container) {
        return;
      }
      container.querySelectorAll("[role=combobox], [role=textbox]").forEach(function (part) {
        part.setAttribute("aria-label", name);
        part.removeAttribute("aria-labelledby");
      });
    });
  }

  function nameDateTimes() {
    document.querySelectorAll("p.datetime").forEach(function (paragraph) {
      var inputs = paragraph.querySelectorAll("input");
      var field = inputs.length ? labelText(inputs[0].id) : "";
      inputs.forEach(function (input) {
        var before = input.previousSibling;
        var part = before && before.nodeType === Node.TEXT_NODE ? before.textContent.trim() : "";
        part = part.replace(/:$/, "");
        if (!input.labels || !input.labels.length) {
          input.setAttribute("aria-label", field ? field + " (" + part + ")" : part);
        }
      });
    });
  }

  function roleForFilterIcons() {
    document.querySelectorAll(".selector .help-tooltip[aria-label]:not([role])").forEach(
      function (icon) {
        icon.setAttribute("role", "img");
      }
    );
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameDateTimes();
    nameSelect2();
    roleForFilterIcons();
    // Django's autocomplete.js builds select2 boxes on jQuery's ready (and for new inline
    // rows): name each as it appears.
    new MutationObserver(function (records) {
      var added = records.some(function (record) {
        return Array.prototype.some.call(record.addedNodes, function (node) {
          return node.nodeType === Node.ELEMENT_NODE && node.classList.contains("select2");
        });
      });
      if (added) {
        nameSelect2();
      }
      roleForFilterIcons();  // SelectFilter2 builds its boxes on window load
    }).observe(document.body, { childList: true, subtree: true });
  });
})();
