/* Two changes to what Material's script requests, both before it runs (overrides/main.html
   loads this file before Material's bundle; a file rather than inline code, so that every page
   does not carry its 1 KB):
   - Its language menu fetches sitemap.xml next to every <link rel=alternate> to keep readers
     on the same page when they switch; with absolute hreflang links that is a request to the
     live host from a local copy. The site has its own switcher and no instant navigation:
     such requests fail at once, without the network, and Material does without.
   - It downloads the search index as soon as a page loads, which on a large site is most of
     what a page weighs. The request waits until the reader turns to search (focus on the
     search field, or one of its keyboard shortcuts). From file:// the index is a script
     Material inserts itself, not affected. */
(function () {
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  var waiting = [], wanted = /[?&]q=/.test(location.search);
  function start() {
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }
  XMLHttpRequest.prototype.open = function (method, url) {
    this.newsKind = /\/sitemap\.xml(?:[?#]|$)/.test(url) ? "sitemap"
      : /\/search\/search_index\.json(?:[?#]|$)/.test(url) ? "index" : "";
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (request.newsKind === "sitemap") {
      setTimeout(function () { request.dispatchEvent(new Event("error")); }, 0);
    } else if (request.newsKind === "index" && !wanted) {
      waiting.push(function () { send.apply(request, args); });
    } else {
      send.apply(request, args);
    }
  };
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest(".md-search")) start();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "s" || event.key === "f" || event.key === "/") start();
  });
})();
