// The article page's extras; the page reads and shares without them.
// 1. Count one read: a beacon with no body and no cookie of ours (see popularity/reads.py).
// 2. Sharing: a "Copy link" button, and the phone's own share sheet where the browser has one.
(function () {
  "use strict";

  var counted = document.querySelector("[data-read-beacon]");
  if (counted) {
    var url = counted.getAttribute("data-read-beacon");
    if (navigator.sendBeacon) {
      navigator.sendBeacon(url);
    } else if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
    }
  }

  var share = document.querySelector("[data-share-url]");
  if (!share) {
    return;
  }
  var link = share.getAttribute("data-share-url");
  var title = share.getAttribute("data-share-title");

  var copy = share.querySelector("[data-share-copy]");
  if (copy && navigator.clipboard && window.isSecureContext) {
    copy.parentElement.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(link).then(function () {
        copy.textContent = copy.getAttribute("data-done");
      });
    });
  }

  var native = share.querySelector("[data-share-native]");
  if (native && navigator.share) {
    native.parentElement.hidden = false;
    native.addEventListener("click", function () {
      navigator.share({ title: title, url: link }).catch(function () {});
    });
  }
})();
