// One-click moderation in the comment list: Approve, Unapprove, Spam, Trash and Reply on each
// row without a reload, Undo for the last change, and WordPress's keys (J/K, A, S, T, R).
// Without this script the list still works through its bulk actions.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";

  var desk = document.getElementById("moderation-desk");
  if (!desk) {
    return;
  }
  var statusBox = document.getElementById("moderation-status");
  var message = statusBox.querySelector(".moderation-desk__message");
  var undoButton = statusBox.querySelector(".moderation-desk__undo");
  var failure = desk.querySelector(".moderation-desk__error");
  var replyTemplate = document.getElementById("moderation-reply-form");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".moderation-row"));
  var current = null;
  var undo = null;

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) {
      return field.value;
    }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function post(url, data) {
    var body = new URLSearchParams(data);
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      body: body,
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (answer) {
          if (!response.ok) {
            throw answer;
          }
          return answer;
        });
    });
  }

  function showFailure(answer) {
    failure.textContent = (answer && answer.error) || failure.getAttribute("data-default") || failure.textContent;
    failure.hidden = false;
  }
  failure.setAttribute("data-default", failure.textContent);

  function say(text, undoable) {
    failure.hidden = true;
    message.textContent = text;
    undoButton.hidden = !undoable;
  }

  function showStatus(row, status, label) {
    row.setAttribute("data-status", status);
    row.querySelectorAll(".moderate-button").forEach(function (button) {
      button.hidden = button.getAttribute("data-status") === status;
    });
    var tr = row.closest("tr");
    if (tr) {
      var cell = tr.querySelector(".comment-status");
      if (cell) {
        cell.textContent = label;
        cell.className = "comment-status comment-status--" + status;
      }
      tr.setAttribute("data-comment-status", status);
    }
  }

  function moderate(row, status) {
    return post(row.getAttribute("data-moderate-url"), { status: status })
      .then(function (answer) {
        showStatus(row, answer.status, answer.label);
        undo = { row: row, status: answer.previous };
        say(answer.message, true);
      })
      .catch(showFailure);
  }

  undoButton.addEventListener("click", function () {
    if (!undo) {
      return;
    }
    var last = undo;
    post(last.row.getAttribute("data-moderate-url"), { status: last.status })
      .then(function (answer) {
        showStatus(last.row, answer.status, answer.label);
        undo = null;
        say(answer.message, false);
        focusRow(last.row);
      })
      .catch(showFailure);
  });

  function closeReply(row) {
    var open = row.querySelector(".moderation-reply");
    if (open) {
      open.remove();
    }
  }

  function openReply(row) {
    var open = row.querySelector(".moderation-reply");
    if (open) {
      open.querySelector("textarea").focus();
      return;
    }
    var form = replyTemplate.content.firstElementChild.cloneNode(true);
    var textarea = form.querySelector("textarea");
    var label = form.querySelector("label");
    var error = form.querySelector(".moderation-reply__error");
    textarea.id = "reply-to-" + row.getAttribute("data-comment");
    label.htmlFor = textarea.id;
    row.appendChild(form);
    textarea.focus();

    function send() {
      error.hidden = true;
      post(row.getAttribute("data-reply-url"), { body: textarea.value })
        .then(function (answer) {
          closeReply(row);
          showStatus(row, answer.parent.status, answer.parent.label);
          undo = null;
          say(answer.message, false);
          var link = document.createElement("a");
          link.href = answer.url;
          link.textContent = answer.link;
          message.append(" ", link);
          focusRow(row);
        })
        .catch(function (answer) {
          error.textContent = (answer && answer.error) || failure.getAttribute("data-default");
          error.hidden = false;
          textarea.focus();
        });
    }

    form.querySelector(".moderation-reply__send").addEventListener("click", send);
    form.querySelector(".moderation-reply__cancel").addEventListener("click", function () {
      closeReply(row);
      focusRow(row);
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        closeReply(row);
        focusRow(row);
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        send();
      }
    });
  }

  function markCurrent(row) {
    if (current) {
      var previous = current.closest("tr");
      if (previous) {
        previous.classList.remove("moderation-current");
      }
    }
    current = row;
    var tr = row.closest("tr");
    if (tr) {
      tr.classList.add("moderation-current");
    }
  }

  function focusRow(row) {
    markCurrent(row);
    row.focus();
  }

  rows.forEach(function (row) {
    row.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !row.contains(button) || button.closest(".moderation-reply")) {
        return;
      }
      markCurrent(row);
      if (button.classList.contains("moderate-button")) {
        moderate(row, button.getAttribute("data-status"));
      } else if (button.classList.contains("reply-button")) {
        openReply(row);
      }
    });
    row.addEventListener("focusin", function () {
      markCurrent(row);
    });
  });

  var KEYS = { a: "approved", s: "spam", t: "trash", u: "pending" };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || !rows.length) {
      return;
    }
    var target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    var key = event.key.toLowerCase();
    var index = current ? rows.indexOf(current) : -1;
    if (key === "j" || key === "k") {
      event.preventDefault();
      var next = key === "j" ? Math.min(index + 1, rows.length - 1) : Math.max(index - 1, 0);
      focusRow(rows[next]);
      rows[next].scrollIntoView({ block: "nearest" });
    } else if (current && KEYS[key]) {
      event.preventDefault();
      if (current.getAttribute("data-status") !== KEYS[key]) {
        moderate(current, KEYS[key]);
      }
    } else if (current && key === "r") {
      event.preventDefault();
      openReply(current);
    }
  });
});
