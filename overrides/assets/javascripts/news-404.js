/* The 404 page, served by GitHub Pages as /404.html for any missing path: an English path gets
   the English page, and the page's links resolve from wherever it is served.
   Loaded by an absolute path, so only over http: opened from the file system the page's links,
   relative to its own folder, already resolve (scripts/site/not_found.py). */
(function () {
  var script = document.currentScript;
  var root = script.getAttribute("data-news-root");
  var lang = script.getAttribute("data-news-lang");
  var path = location.pathname;
  if (lang === "fr" && path.indexOf(root + "en/") === 0 && path !== root + "en/404.html") {
    location.replace(root + "en/404.html");
    return;
  }
  var base = document.createElement("base");
  base.href = root + (lang === "fr" ? "" : lang + "/");
  document.head.appendChild(base);
})();
