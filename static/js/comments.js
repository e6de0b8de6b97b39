/* Comments: progressive enhancement of the "Leave a Reply" form. Without it everything works. */
(function () {
  "use strict";
  var respond = document.getElementById("respond");
  if (!respond) return;
  var form = document.getElementById("commentform");
  var parentInput = document.getElementById("comment_parent");
  var cancel = document.getElementById("cancel-comment-reply-link");
  var title = document.getElementById("reply-title");
  var titleText = title ? title.firstChild : null;
  var home = document.createElement("div");
  home.hidden = true;
  respond.parentNode.insertBefore(home, respond);

  // The error summary takes focus so that everyone hears what went wrong.
  var summary = document.getElementById("comment-errors");
  if (summary) summary.focus();

  // Remembered name, email and website: only after the visitor opted in, only in this browser.
  var KEY = "newsroom.commenter";
  var remember = document.getElementById("id_remember");
  var fields = ["name", "email", "url"];
  function field(name) { return form.elements.namedItem(name); }
  if (remember) {
    var saved = null;
    try { saved = JSON.parse(window.localStorage.getItem(KEY) || "null"); } catch (e) { saved = null; }
    if (saved) {
      fields.forEach(function (name) {
        var input = field(name);
        if (input && !input.value && typeof saved[name] === "string") input.value = saved[name];
      });
      remember.checked = true;
    }
    form.addEventListener("submit", function () {
      try {
        if (remember.checked) {
          var data = {};
          fields.forEach(function (name) { data[name] = field(name).value; });
          window.localStorage.setItem(KEY, JSON.stringify(data));
        } else {
          window.localStorage.removeItem(KEY);
        }
      } catch (e) { /* storage unavailable: nothing is remembered */ }
    });
  }

  // One click, one comment: once the form is on its way, the button is disabled and a second
  // submit (a double click, Enter pressed twice) is ignored. Back from the next page, the
  // browser may restore this page as it was: the form works again.
  var submit = form.querySelector("[type=submit]");
  var sending = false;
  form.addEventListener("submit", function (event) {
    if (sending) { event.preventDefault(); return; }
    sending = true;
    if (submit) submit.disabled = true;
  });
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    sending = false;
    if (submit) submit.disabled = false;
  });

  // Reply: move the form under the comment; cancel puts it back.
  function setTitle(text) { if (titleText) titleText.nodeValue = text + " "; }
  function replyTo(link) {
    // The link sits in its comment's <article>, inside <li id="comment-N">; the author's name
    // is the <b> of that article's footer.
    var article = link.closest("article");
    var comment = article && article.parentElement;
    if (!comment || comment.id.indexOf("comment-") !== 0) return false;
    article.after(respond);
    parentInput.value = comment.id.slice("comment-".length);
    // A function replacement: a name is text, never a pattern ("$&" in it stays "$&").
    var author = article.querySelector("footer b").textContent;
    setTitle(respond.getAttribute("data-reply-template").replace("{name}", function () { return author; }));
    cancel.hidden = false;
    form.elements.namedItem("comment").focus();
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-list .reply");
    if (link && replyTo(link)) event.preventDefault();
  });
  cancel.addEventListener("click", function (event) {
    event.preventDefault();
    home.after(respond);
    parentInput.value = "";
    setTitle(respond.getAttribute("data-default-title"));
    cancel.hidden = true;
    form.elements.namedItem("comment").focus();
  });
})();
