// The site's search worker: Material's own, with two changes.
// - Material appends "*" to every query term (prefix search), and lunr skips the language
//   pipeline for such terms, so the French stemmer never sees the query: "quantiques" could not
//   find "quantique". This stems a query term before its prefix search, as the index's terms
//   were stemmed when it was built.
// - Building the index stems every word of every page, most of them many times over, and the
//   Snowball stemmers are slow: each stemmer remembers the words it has stemmed (a pure
//   function of the word, so the index is the same). A fifth of the first search's wait goes.
// Loaded through __config.search (overrides/main.html); the file name below is Material
// 9.8.1's worker, pinned in requirements.txt: the browser tests fail if it changes.
"use strict";

const MATERIAL_WORKER = "search.a7633da7.min.js";

function stemPrefixQueries() {
  if (typeof lunr === "undefined" || lunr.__newsPatched) return;
  const query = lunr.Index.prototype.query;
  lunr.Index.prototype.query = function (build) {
    const index = this;
    return query.call(this, function (q) {
      build.call(this, q);
      for (const clause of q.clauses) {
        // A plain prefix term, "quantiques*": stem what precedes the "*", keep the "*".
        const term = clause.term;
        if (clause.usePipeline || !term.endsWith("*") || term.slice(0, -1).includes("*")) continue;
        const [stemmed] = index.pipeline.runString(term.slice(0, -1), { fields: clause.fields });
        if (stemmed) clause.term = stemmed + "*";
      }
    });
  };
  lunr.__newsPatched = true;
}

function memoizeStemmers() {
  if (typeof lunr === "undefined" || lunr.__newsMemoized) return;
  const add = lunr.Pipeline.prototype.add;
  const wrappers = new Map();
  function memoized(stemmer) {
    if (!wrappers.has(stemmer)) {
      const stems = new Map();
      const wrapper = function (token) {
        return token.update(function (word) {
          let stem = stems.get(word);
          if (stem === undefined) {
            stem = stemmer(new lunr.Token(word, {})).toString();
            stems.set(word, stem);
          }
          return stem;
        });
      };
      wrapper.label = stemmer.label; // serialization and lunr's registry go by label
      wrappers.set(stemmer, wrapper);
    }
    return wrappers.get(stemmer);
  }
  lunr.Pipeline.prototype.add = function (...fns) {
    const isStemmer = (fn) => typeof fn === "function" && /^stemmer(-|$)/.test(fn.label || "");
    return add.apply(this, fns.map((fn) => (isStemmer(fn) ? memoized(fn) : fn)));
  };
  lunr.__newsMemoized = true;
}

function patchLunr() {
  stemPrefixQueries();
  memoizeStemmers();
}

// Runs before Material's handler sees its first message (in a worker and in iframe-worker,
// which loads scripts asynchronously when the site is opened from the file system).
self.addEventListener("message", patchLunr);
// Material's worker sits next to this file. Under iframe-worker, this "worker" is a script in
// an iframe whose document is the site root: resolve against this script's own address.
const script = typeof document !== "undefined" && document.querySelector('script[src*="news-search"]');
const loading = importScripts(new URL(MATERIAL_WORKER, script ? script.src : self.location.href).href);
if (loading && typeof loading.then === "function") {
  loading.then(patchLunr);
} else {
  patchLunr();
}
