// The set-up iframe-worker-shim.js gives each worker iframe before the worker's script: what was
// an inline script in iframe-worker 1.0.4 (MIT licence: iframe-worker-shim.LICENSE.txt), moved
// to a file so that the site's Content-Security-Policy can forbid inline scripts.
"use strict";
(function () {
  var setup = document.currentScript, url = setup.dataset.url;
  // Material's worker finds its own address as the iframe's first script[src]: leave it that.
  setup.remove();
  self.postMessage = function (message, origin) {
    parent.postMessage(message, origin || "*");
  };
  self.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, src) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: url, error: event.error }));
  });
})();
