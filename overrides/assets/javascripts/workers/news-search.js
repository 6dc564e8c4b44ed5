// The site's search worker. Material's search page code (its query field, result list,
// keyboard navigation, "missing" label) talks to a worker with four messages: SETUP (0) with
// its index, READY (1), QUERY (2), RESULT (3). This worker answers them from the site's own
// index (scripts/site/search_index.py), built once at build time and split into small
// scripts: on a search it loads the manifest, one shard per query word, and the records of
// the results it shows. Nothing is indexed in the browser.
//
// Loaded through __config.search (overrides/main.html): as a Worker over http, and from the
// file system inside Material's iframe-worker shim, where this is a page script in an iframe.
//
// Matching repeats the build's rules (scripts/site/search_text.py): words are runs of letters
// and digits, folded (lower case, no accents, "œ" as "oe"). For each query word, in its shard:
// the word itself (exact), the words of its stem family (Snowball stems, computed at build
// time), the words it begins (prefix, while typing), and words one edit away (5 letters or
// more) or two (9 or more); an edit is a letter replaced, added, left out, or two neighbours
// swapped. Two fallbacks, each loaded only when a word needs it, so that the first search of
// a word the articles use costs one shard and nothing more:
// - a word the index lacks and begins none of its words ("puissances"): its Snowball stem,
//   from the language's stemmer in the built site (the manifest names its scripts), among the
//   stems of its shard's words (stems/<xx>.js) -> their families ("puissance");
// - a word that still matches nothing: its typo may be in its first two letters, which name
//   its shard ("xuckerberg"): the shards such a typo could come from are searched too.
"use strict";

const EXACT = 1, FAMILY = 0.85, PREFIX = 0.7, ONE_EDIT = 0.5, TWO_EDITS = 0.35;
// Where a word occurs (bits of the index's postings) and what that is worth: title and lead
// above company and topic names, headings and captions, all above the body.
const FIELD_SCORES = [[16, 12], [8, 6], [4, 5], [2, 3], [1, 2]];
const MAX_RESULTS = 30; // results listed (their records load with them)
const SNIPPETS = 10; // results shown with the passage that matched (Material renders 10 first)
const LEAD_SHOWN = 160; // characters of the lead shown when the match is not in the text
const PREFIX_WORDS = 50; // words a prefix stands for, the most frequent first
const WORD_RE = /[\p{L}\p{N}]+/gu;
const SHARD_NAME_RE = /^[a-z0-9]{1,2}$/;
const LETTERS_RE = /^\p{L}+$/u;

const frame = typeof document !== "undefined";
const script = frame && document.querySelector('script[src*="news-search"]');
// The site root: this file is assets/javascripts/workers/news-search.js.
const root = new URL("../../../", script ? script.src : self.location.href);
const store = { manifest: null, shards: new Map(), stems: new Map(), docs: new Map(), text: new Map() };
const loading = new Map();
let folder = null;
let stop = new Set();
let latest = 0;
let early = null; // a query that came before SETUP
let stemmer = null; // the language's stemmer loading, then a function: folded word -> stem

// What every index file calls (see render_script in scripts/site/search_index.py).
self.newsSearch = function (kind, lang, name, data) {
  if (kind === "manifest") store.manifest = data;
  else if (store[kind]) store[kind].set(name, data);
};

function fold(text) {
  return text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFKD").replace(/\p{M}/gu, "");
}

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Over http, a real worker: the files are fetched in parallel and their data read as JSON
// (importScripts would block the worker, one file after the other, and queries with it). From
// the file system, where fetch fails: <script> elements in the shim's iframe.
function loadScripts(paths) {
  const urls = paths.map((path) => new URL(`${path}.js`, folder).href);
  if (!frame) {
    return Promise.all(
      urls.map((url) =>
        fetch(url)
          .then((response) => (response.ok ? response.text() : ""))
          .then(readScript)
      )
    );
  }
  return Promise.all(
    urls.map(
      (url) =>
        new Promise((resolve) => {
          const element = document.createElement("script");
          element.src = url;
          element.onload = element.onerror = resolve;
          document.body.appendChild(element);
        })
    )
  );
}

// An index file is one call, newsSearch("kind","lang","name",{…}); (render_script in
// scripts/site/search_index.py): its arguments are JSON.
function readScript(text) {
  const open = text.indexOf("(");
  let cut = open;
  for (let commas = 0; commas < 3 && cut !== -1; commas++) cut = text.indexOf(",", cut + 1);
  if (open === -1 || cut === -1) return;
  const [kind, lang, name] = JSON.parse(`[${text.slice(open + 1, cut)}]`);
  self.newsSearch(kind, lang, name, JSON.parse(text.slice(cut + 1, text.lastIndexOf(")"))));
}

// The stemmer's scripts (the manifest's "stemmer", from the site's root), in order, once. The
// French one is lunr-languages' as Material ships it: it registers itself on a global "lunr",
// of which it uses only what a stand-in gives (the stemmer needs no index). The English one is
// a CommonJS module: it sets module.exports. Nothing loads it before a word needs it.
function loadStemmer(paths, lang) {
  if (stemmer) return stemmer;
  self.lunr = { Pipeline: { registerFunction() {} }, generateStopWordFilter: () => () => undefined };
  self.module = { exports: null };
  const urls = paths.map((path) => new URL(path, root).href);
  let loaded;
  if (!frame) {
    loaded = new Promise((resolve) => resolve(importScripts(...urls)));
  } else {
    loaded = urls.reduce(
      (previous, url) =>
        previous.then(
          () =>
            new Promise((resolve, reject) => {
              const element = document.createElement("script");
              element.src = url;
              element.onload = resolve;
              element.onerror = reject;
              document.body.appendChild(element);
            })
        ),
      Promise.resolve()
    );
  }
  stemmer = loaded
    .then(() => {
      const found = (self.lunr[lang] && self.lunr[lang].stemmer) || self.module.exports;
      if (typeof found !== "function") throw new Error("no stemmer in " + urls.join(", "));
      return found;
    })
    .catch((error) => {
      console.error("search:", error);
      return null; // no stemming: exact, prefix and typo matches still work
    });
  return stemmer;
}

// Load what is not loaded yet, each file once however many searches ask for it.
function need(kind, names) {
  const pending = [];
  const fresh = [];
  for (const name of new Set(names)) {
    const key = `${kind}/${name}`;
    if (kind === "manifest" ? store.manifest : store[kind].has(name)) continue;
    if (loading.has(key)) pending.push(loading.get(key));
    else fresh.push(name);
  }
  if (fresh.length) {
    const paths = fresh.map((name) => (kind === "manifest" ? "manifest" : `${kind}/${name}`));
    const done = loadScripts(paths);
    fresh.forEach((name) => loading.set(`${kind}/${name}`, done));
    pending.push(done);
  }
  return Promise.all(pending);
}

// A text file's data is its JSON, gzipped, in base64 (pack_text in scripts/site/search_index.py):
// unpacked once, when a result first shows it. Stored back as the promise of its data.
const UNPACKS = typeof DecompressionStream === "function";
function textOf(name) {
  let text = store.text.get(name);
  if (typeof text === "string") {
    try {
      const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      text = new Response(stream).json().catch(() => null);
    } catch {
      text = Promise.resolve(null); // not base64: the result shows its record, without a passage
    }
    store.text.set(name, text);
  }
  return text;
}

// A shard's two letters, from its name (shard_name in scripts/site/search_index.py).
const shardKeys = new Map();
function shardKey(name) {
  if (!shardKeys.has(name)) {
    const codes = name.includes("-") ? name.slice(1).split("-").map((hex) => parseInt(hex, 16)) : null;
    shardKeys.set(name, codes ? String.fromCodePoint(...codes) : name);
  }
  return shardKeys.get(name);
}

// The shards that hold the words one edit in the first two letters away from word: a letter
// replaced (?b…, a?…), two swapped (ba…, ac…), one too many (bc…, ac…) or one left out
// (?a…, a?…), for a word abc…. About a sixth of the shards: only for a word nothing else matched.
function neighbourShards(word, names) {
  const [a, b, c] = Array.from(word);
  const own = a + b;
  const swapped = new Set([b + a, a + c, b + c]);
  return names.filter((name) => {
    const key = shardKey(name);
    const [x, y] = Array.from(key);
    return key !== own && (swapped.has(key) || x === a || y === a || y === b);
  });
}

function shardName(word) {
  const key = Array.from(word).slice(0, 2).join("");
  if (SHARD_NAME_RE.test(key)) return key;
  return "u" + Array.from(key, (c) => c.codePointAt(0).toString(16)).join("-");
}

function queryWords(query) {
  const seen = new Set();
  const found = [];
  for (const [word] of query.matchAll(WORD_RE)) {
    const folded = fold(word);
    if (folded.length < 2 || stop.has(folded) || seen.has(folded)) continue;
    seen.add(folded);
    found.push({ shown: word.toLowerCase(), folded });
  }
  return found.slice(0, 10);
}

function lowerBound(words, word) {
  let low = 0, high = words.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (words[middle] < word) low = middle + 1;
    else high = middle;
  }
  return low;
}

// Edits from a to b: letters replaced, added or left out, two neighbours swapped (the optimal
// string alignment distance), or max + 1 as soon as it must exceed max. Rows are reused: this
// runs on every word of a shard for every query word of 5 letters or more.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];
function distance(a, b, max) {
  const m = a.length, n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  if (n >= rows[0].length) rows = rows.map(() => new Int32Array(2 * n + 2));
  let [older, previous, row] = rows;
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    const letter = a.charCodeAt(i - 1);
    row[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      const other = b.charCodeAt(j - 1);
      let edits = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (letter === other ? 0 : 1));
      if (i > 1 && j > 1 && letter === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === other) {
        edits = Math.min(edits, older[j - 2] + 1);
      }
      row[j] = edits;
      if (edits < best) best = edits;
    }
    // A swap reaches row i from row i - 2, but never below what row i - 1 already reached + 1.
    if (best > max) return max + 1;
    [older, previous, row] = [previous, row, older];
  }
  return previous[n];
}

function families(shard) {
  if (!shard.members) {
    shard.members = new Map();
    shard.f.forEach((family, i) => {
      if (!shard.members.has(family)) shard.members.set(family, []);
      shard.members.get(family).push(i);
    });
  }
  return shard.members;
}

// The index's words a query word stands for in its own shard: word number -> match quality.
function expand(shard, word) {
  const found = new Map();
  if (!shard) return found;
  const words = shard.w;
  const put = (i, quality) => {
    if (!(found.get(i) >= quality)) found.set(i, quality);
  };
  const start = lowerBound(words, word);
  if (words[start] === word) {
    put(start, EXACT);
    families(shard).get(shard.f[start]).forEach((j) => put(j, FAMILY));
  }
  const prefixed = [];
  for (let i = start; i < words.length && words[i].startsWith(word); i++) prefixed.push(i);
  prefixed.sort((a, b) => shard.p[b].length - shard.p[a].length || a - b);
  prefixed.slice(0, PREFIX_WORDS).forEach((i) => put(i, PREFIX));
  edited(shard, word, found);
  return found;
}

// Words of a shard one edit from word (5 letters or more) or two (9 or more), into found.
function edited(shard, word, found) {
  if (word.length < 5) return found;
  const max = word.length >= 9 ? 2 : 1;
  shard.w.forEach((other, i) => {
    const edits = distance(word, other, max);
    const quality = edits === 1 ? ONE_EDIT : TWO_EDITS;
    if (edits > 0 && edits <= max && !(found.get(i) >= quality)) found.set(i, quality);
  });
  return found;
}

// The families of a shard's words whose stem is root (stems: the shard's stems/<xx>.js, each
// word's stem as the number of letters it drops or in full), into found.
function stemmed(shard, stems, root, found) {
  shard.w.forEach((other, i) => {
    const stem = typeof stems[i] === "number" ? other.slice(0, other.length - stems[i]) : stems[i];
    if (stem !== root) return;
    for (const j of families(shard).get(shard.f[i])) if (!(found.get(j) >= FAMILY)) found.set(j, FAMILY);
  });
  return found;
}

function fieldScore(value) {
  const bits = value >> 4, count = value & 15;
  let score = count ? 1 + Math.log2(count) : 0;
  for (const [bit, points] of FIELD_SCORES) if (bits & bit) score += points;
  return score;
}

// The passage of a result's text where the first matched word is, highlighted.
function snippet(sections, matched) {
  for (const [, , text] of sections) {
    for (const match of text.matchAll(WORD_RE)) {
      if (!matched.has(fold(match[0]))) continue;
      let start = Math.max(0, match.index - 80);
      let end = Math.min(text.length, match.index + 200);
      if (start > 0) start = text.indexOf(" ", start) + 1 || start;
      if (end < text.length) end = text.lastIndexOf(" ", end) > match.index ? text.lastIndexOf(" ", end) : end;
      const passage = highlight(text.slice(start, end), matched);
      return (start > 0 ? "… " : "") + passage + (end < text.length ? " …" : "");
    }
  }
  return null;
}

function shortened(text) {
  if (text.length <= LEAD_SHOWN) return text;
  const cut = text.lastIndexOf(" ", LEAD_SHOWN);
  return `${text.slice(0, cut > 0 ? cut : LEAD_SHOWN)} …`;
}

// Text as HTML, with the matched words marked: what Material inserts into a result.
function highlight(text, matched) {
  let html = "", last = 0;
  for (const match of text.matchAll(WORD_RE)) {
    if (!matched.has(fold(match[0]))) continue;
    html += escapeHTML(text.slice(last, match.index)) + `<mark>${escapeHTML(match[0])}</mark>`;
    last = match.index + match[0].length;
  }
  return html + escapeHTML(text.slice(last));
}

const STALE = new Error("a newer query came"); // thrown to drop a query the reader typed past

async function search(query, asked) {
  const current = () => {
    if (asked !== latest) throw STALE;
  };
  await need("manifest", [""]);
  const manifest = store.manifest;
  stop = new Set(manifest.stop);
  const words = queryWords(query);
  if (!words.length) return [];
  const exists = (name) => manifest.shards.includes(name);
  const own = words.map((w) => shardName(w.folded));
  await need("shards", own.filter(exists));
  current();
  // For each word, shard name -> (word number in that shard -> match quality).
  const hits = words.map((word, n) => new Map([[own[n], expand(store.shards.get(own[n]), word.folded)]]));
  const count = (n) => [...hits[n].values()].reduce((total, found) => total + found.size, 0);
  const begins = (n) => {
    const shard = store.shards.get(own[n]);
    return shard && (shard.w[lowerBound(shard.w, words[n].folded)] || "").startsWith(words[n].folded);
  };
  // Words the index lacks and that begin none of its words (not a word being typed): their
  // stem. Only words of letters: a number's stem is itself, and the English stemmer turns the
  // digit 3 into a "y" ("2023" -> "202i").
  const unknown = words
    .map((_, n) => n)
    .filter((n) => exists(own[n]) && !begins(n) && LETTERS_RE.test(words[n].folded));
  if (unknown.length && (manifest.stemmer || []).length) {
    const [stem] = await Promise.all([
      loadStemmer(manifest.stemmer, manifest.lang),
      need("stems", unknown.map((n) => own[n])),
    ]);
    current();
    for (const n of stem ? unknown : []) {
      if (!store.stems.has(own[n])) continue;
      // The index stems its words as folded (search_text.folded_stem): so is the query word.
      stemmed(store.shards.get(own[n]), store.stems.get(own[n]), stem(words[n].folded), hits[n].get(own[n]));
    }
  }
  // Words that still match nothing: a typo in their first two letters, in the shards it may come from.
  const lost = words.map((_, n) => n).filter((n) => !count(n) && words[n].folded.length >= 5);
  if (lost.length) {
    const near = lost.map((n) => neighbourShards(words[n].folded, manifest.shards));
    await need("shards", near.flat());
    current();
    lost.forEach((n, k) => {
      for (const name of near[k]) hits[n].set(name, edited(store.shards.get(name), words[n].folded, new Map()));
    });
  }
  const scores = new Map(); // document number -> {score, terms: [matched?]}
  const matched = new Set(); // the index's words that matched: highlighted in every result
  words.forEach((word, n) => {
    const best = new Map();
    for (const [name, found] of hits[n]) {
      const shard = store.shards.get(name);
      for (const [i, quality] of found) {
        matched.add(shard.w[i]);
        const postings = shard.p[i];
        for (let k = 0, doc = 0; k < postings.length; k += 2) {
          doc += postings[k];
          const score = quality * fieldScore(postings[k + 1]);
          if (!(best.get(doc) >= score)) best.set(doc, score);
        }
      }
    }
    for (const [doc, score] of best) {
      if (!scores.has(doc)) scores.set(doc, { doc, score: 0, count: 0, terms: words.map(() => false) });
      const entry = scores.get(doc);
      entry.score += score;
      entry.count += 1;
      entry.terms[n] = true;
    }
  });
  // Documents with every word, if any; else those with most. Ties: the more recent (smaller number).
  let ranked = [...scores.values()];
  const most = Math.max(0, ...ranked.map((r) => r.count));
  if (most === words.length) ranked = ranked.filter((r) => r.count === most);
  ranked.sort((a, b) => b.count - a.count || b.score - a.score || a.doc - b.doc);
  ranked = ranked.slice(0, MAX_RESULTS);
  const docsChunk = (doc) => String(Math.floor(doc / manifest.docsChunk));
  const textChunk = (doc) => String(Math.floor(doc / manifest.textChunk));
  // The first results' texts bring their records; the others', their records alone. A browser
  // that cannot unpack the texts shows every result without its passage.
  const snippets = UNPACKS ? SNIPPETS : 0;
  await Promise.all([
    need("text", ranked.slice(0, snippets).map((r) => textChunk(r.doc))),
    need("docs", ranked.slice(snippets).map((r) => docsChunk(r.doc))),
  ]);
  const texts = await Promise.all(ranked.slice(0, snippets).map((r) => textOf(textChunk(r.doc))));
  // A text that did not load or unpack: that result's record from its records chunk.
  await need("docs", ranked.filter((r, rank) => !texts[rank]).map((r) => docsChunk(r.doc)));
  current();
  return ranked.map((result, rank) => {
    const chunk = texts[rank];
    const text = chunk ? chunk[result.doc % manifest.textChunk] : null;
    const record = text ? text.record : store.docs.get(docsChunk(result.doc))[result.doc % manifest.docsChunk];
    const [location, title, , dateShown, kind] = record;
    const sections = text ? text.text : [];
    // The passage that matched, or the start of the lead (a match in the title or a name).
    const lead = sections.length ? sections[0][2] : "";
    const passage = snippet(sections, matched) ?? highlight(shortened(lead), matched);
    const terms = {};
    words.forEach((word, n) => (terms[word.shown] = result.terms[n]));
    return [
      {
        location,
        title: highlight(title, matched),
        text: passage ? `<p>${passage}</p>` : "", // past the first SNIPPETS: title, date and kind
        tags: [dateShown, kind].filter(Boolean).map(escapeHTML),
        score: MAX_RESULTS - rank, // Material's Enter key opens the highest: the first
        terms,
      },
    ];
  });
}

async function answer(query) {
  const asked = ++latest;
  let items = [];
  try {
    items = await search(query, asked);
  } catch (error) {
    if (error === STALE) return;
    console.error("search:", error);
  }
  if (asked === latest) postMessage({ type: 3, data: { items } }); // a newer query supersedes this one
}

addEventListener("message", (event) => {
  const message = event.data;
  if (!message || typeof message !== "object") return;
  if (message.type === 0) {
    const news = message.data.config.news;
    folder = new URL(news.path, root);
    if (news.manifest) store.manifest = news.manifest;
    postMessage({ type: 1 });
    need("manifest", [""]); // when Material's index did not bring it: on its way now
    if (early !== null) answer(early);
  } else if (message.type === 2) {
    if (folder) answer(message.data);
    else early = message.data;
  }
});
