/* The body editor's menu in the admin's language.
 *
 * django-prose-editor passes its dialogs through window.gettext (Indonesian for those is in
 * locale_vendor/), but its menu buttons' tooltips and its block-type picker use fixed English
 * words ("bold", "heading 2", "unordered list"). This puts them through the admin's JavaScript
 * catalog, on every menu bar the editor builds, now or later.
 */
(function () {
  "use strict";
  if (typeof window.gettext !== "function") {
    return;
  }
  const gettext = window.gettext;
  const words = {
    bold: gettext("Bold"),
    italic: gettext("Italic"),
    underline: gettext("Underline"),
    strike: gettext("Strikethrough"),
    subscript: gettext("Subscript"),
    superscript: gettext("Superscript"),
    undo: gettext("Undo"),
    redo: gettext("Redo"),
    "edit HTML": gettext("Edit HTML"),
    "insert link": gettext("Insert link"),
    "remove link": gettext("Remove link"),
    blockquote: gettext("Quotation"),
    "horizontal rule": gettext("Horizontal line"),
    figure: gettext("Image"),
    paragraph: gettext("Paragraph"),
    Paragraph: gettext("Paragraph"),
    "unordered list": gettext("Bulleted list"),
    "ordered list": gettext("Numbered list"),
    "Insert table": gettext("Insert table"),
    "Merge cells": gettext("Merge cells"),
    "Split cell": gettext("Split cell"),
    "Add column": gettext("Add column"),
    "Add row": gettext("Add row"),
    "Delete column": gettext("Delete column"),
    "Delete row": gettext("Delete row"),
    "Delete table": gettext("Delete table"),
    "Toggle header cell": gettext("Header cell on or off"),
  };
  const heading = /^heading (\d)$/i;

  function translated(text) {
    const key = (text || "").trim();
    if (Object.prototype.hasOwnProperty.call(words, key)) {
      return words[key];
    }
    const level = heading.exec(key);
    return level ? window.interpolate(gettext("Heading %s"), [level[1]]) : null;
  }

  function translateAttributes(element) {
    for (const name of ["title", "aria-label"]) {
      const text = translated(element.getAttribute(name));
      if (text) {
        element.setAttribute(name, text);
      }
    }
  }

  function translateMenus(root) {
    root.querySelectorAll(".prose-menubar [title], .prose-menubar [aria-label]").forEach(
      translateAttributes,
    );
    root.querySelectorAll(".prose-menubar__option > *").forEach(function (option) {
      const text = translated(option.textContent);
      if (text) {
        option.textContent = text;
      }
    });
  }

  function start() {
    translateMenus(document);
    new MutationObserver(function (changes) {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            translateMenus(node.parentNode || node);
          }
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
