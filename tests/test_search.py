"""The search index builder (scripts/site/search_index.py, scripts/site/search_text.py): what the
shards hold, in what order documents go, and that the same pages give the same bytes. The
browser side is tested in tests/test_search_browser.py."""

from __future__ import annotations

import datetime as dt
import json

from scripts.model.schema import ArticlePage
from scripts.site.search_index import (
    CAPTION,
    HEADING,
    LEAD,
    NAMES,
    TITLE,
    build_index,
    group_pages,
    read_index,
    render_script,
    shard_name,
    stemmer_scripts,
    unpack_text,
    write_indexes,
)
from scripts.site.search_text import fold, folded_stem, indexed_words, stem

ENTRIES = [
    {"location": "articles/old.html", "title": "L’IA selon Zuckerberg", "text": "<p>La sécurité d’abord.</p>"},
    {"location": "articles/old.html#suite", "title": "Les puces", "text": "<p>Artemis &amp; des puissances.</p>"},
    {"location": "articles/new.html", "title": "NVIDIA lance Cosmos", "text": "Un bricoleur."},
    {"location": "en/articles/new.html", "title": "NVIDIA launches Cosmos", "text": "A tinkerer's chips."},
]
FRONT_MATTER = {
    "fr": {
        "articles/old.html": {
            "title": "L’IA selon Zuckerberg",
            "date": dt.date(2024, 2, 2),
            "companies": ["Meta"],
            "tags": ["GPU et puces"],
            "images": [{"caption": "Portrait de Mark"}],
        },
        "articles/new.html": {"title": "NVIDIA lance Cosmos", "date": dt.date(2025, 1, 7), "companies": ["NVIDIA"]},
    },
    "en": {
        "articles/new.html": {
            "title": "NVIDIA launches Cosmos",
            "date": dt.date(2025, 1, 7),
            "translation": {"status": "machine"},
        }
    },
}


def _article(lang: str, location: str, fields: dict) -> ArticlePage:
    """The page as the build passes it on: the schema's model, with what the test leaves out."""
    slug = location.removeprefix("articles/").removesuffix(".html")
    extra = {"translation": {"source_sha256": "0" * 64, **fields.get("translation", {})}} if lang == "en" else {}
    return ArticlePage.model_validate({"slug": slug, "description": "Résumé", "lang": lang, **fields, **extra})


META = {
    lang: {loc: _article(lang, loc, fields) for loc, fields in pages.items()} for lang, pages in FRONT_MATTER.items()
}


def postings_of(files: dict, word: str) -> dict[int, int]:
    shard = files[f"shards/{shard_name(word[:2])}"]
    flat = shard["p"][shard["w"].index(word)]
    found, doc = {}, 0
    for delta, value in zip(flat[::2], flat[1::2], strict=True):
        doc += delta
        found[doc] = value
    return found


def test_words_are_folded_elisions_split_stop_words_dropped():
    assert fold("Sécurité") == "securite" and fold("Œuvre") == "oeuvre"
    assert [folded for _, folded in indexed_words("L’IA de l’État, d’abord", "fr")] == ["ia", "etat", "abord"]
    assert [folded for _, folded in indexed_words("The GPUs of OpenAI's", "en")] == ["gpus", "openai"]
    assert stem("puissances", "fr") == stem("puissance", "fr") == "puissanc"
    assert stem("Sécurité", "fr") == "secur"
    assert stem("chips", "en") == stem("chip", "en")


def test_documents_go_newest_first_with_their_date_and_kind():
    docs = group_pages([e for e in ENTRIES if not e["location"].startswith("en/")], "fr", META["fr"])
    assert [d.location for d in docs] == ["articles/new.html", "articles/old.html"]
    old = docs[1]
    assert (old.date, old.date_shown, old.kind) == ("2024-02-02", "2 février 2024", "Article")
    assert old.sections == [("suite", "Les puces", "Artemis & des puissances.")]
    assert old.names == ["Meta", "GPU et puces"] and old.captions == ["Portrait de Mark"]


def test_shards_hold_every_word_where_it_occurs_and_its_family():
    docs = group_pages([e for e in ENTRIES if not e["location"].startswith("en/")], "fr", META["fr"])
    files = build_index(docs, "fr")
    assert postings_of(files, "zuckerberg") == {1: TITLE << 4}
    assert postings_of(files, "securite") == {1: LEAD << 4}  # accent-free
    assert postings_of(files, "artemis") == {1: 1}  # once in the body
    assert postings_of(files, "puces") == {1: (HEADING | NAMES) << 4}
    assert postings_of(files, "portrait") == {1: CAPTION << 4}
    assert postings_of(files, "cosmos") == {0: TITLE << 4}
    # "de", "des", "la": stop words; "d", "l": one letter.
    assert "shards/de" not in files and files["shards/la"]["w"] == ["lance"]
    # "puissances" and "puissance" would share a family; "puces" has its own.
    shard = files["shards/pu"]
    assert shard["w"] == ["puces", "puissances"] and len(set(shard["f"])) == 2
    manifest = files["manifest"]
    assert manifest["docs"] == 2 and "pu" in manifest["shards"] and "de" in manifest["stop"]
    assert files["docs/0"][1][:5] == [
        "articles/old.html",
        "L’IA selon Zuckerberg",
        "2024-02-02",
        "2 février 2024",
        "Article",
    ]
    assert ["suite", "Les puces", "Artemis & des puissances."] in files["text/1"][0]["text"]  # one article a file
    assert ["", "", "Meta · GPU et puces"] in files["text/1"][0]["text"]
    assert files["text/1"][0]["record"] == files["docs/0"][1]  # a first result needs no records chunk


def test_stems_files_give_each_words_folded_stem_for_query_words_the_index_lacks():
    docs = group_pages([e for e in ENTRIES if not e["location"].startswith("en/")], "fr", META["fr"])
    files = build_index(docs, "fr", ["assets/javascripts/lunr/min/lunr.fr.min.js"])
    shard, stems = files["shards/se"], files["stems/se"]
    assert "s" not in shard  # the first search of a known word loads no stems
    # "securite" (folded, as a reader types it) stems to "securit": one letter dropped; so
    # does "securites", which the articles lack.
    assert shard["w"] == ["securite", "selon"] and stems == [1, 0]
    assert folded_stem("securites", "fr") == "securite"[: len("securite") - stems[0]]
    assert files["manifest"]["stemmer"] == ["assets/javascripts/lunr/min/lunr.fr.min.js"]


def test_the_stemmer_scripts_are_found_in_the_built_theme(tmp_path):
    lunr = tmp_path / "assets" / "javascripts" / "lunr" / "min"
    lunr.mkdir(parents=True)
    for name in ("lunr.stemmer.support.min.js", "lunr.fr.min.js", "lunr.de.min.js", "lunr.multi.min.js"):
        (lunr / name).write_text("", encoding="utf-8")
    assert stemmer_scripts(tmp_path, "fr") == [
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.fr.min.js",
    ]
    assert stemmer_scripts(tmp_path, "en") == []  # not in this theme: no stemming, no error


def test_words_outside_ascii_get_a_file_name_the_browser_computes_too():
    assert shard_name("ia") == "ia"
    assert shard_name("北京") == "u5317-4eac"


def test_each_language_gets_its_own_index_byte_identical_from_run_to_run(tmp_path):
    outputs = []
    for run in ("a", "b"):
        site = tmp_path / run
        (site / "search").mkdir(parents=True)
        combined = {"config": {"lang": ["fr"]}, "docs": ENTRIES}
        (site / "search" / "search_index.json").write_text(json.dumps(combined), encoding="utf-8")

        class Catalogue:  # what write_indexes reads of scripts/site/catalogue.py
            def __init__(self, lang):
                self.entries = [
                    type("Entry", (), {"path": path.removesuffix(".html") + ".md", "article": article})
                    for path, article in META[lang].items()
                ]

        write_indexes(site, ("fr", "en"), {lang: Catalogue(lang) for lang in ("fr", "en")})
        outputs.append({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    assert outputs[0] == outputs[1]
    french, english = read_index(tmp_path / "a" / "search"), read_index(tmp_path / "a" / "en" / "search")
    assert french["manifest"]["docs"] == 2 and english["manifest"]["docs"] == 1
    assert english["docs/0"][0][0] == "articles/new.html"  # relative to /en/
    assert english["docs/0"][0][4] == "Article (machine translation)"
    assert "tinkerer" in english["shards/ti"]["w"] and "ti" not in french["manifest"]["shards"]
    stub = json.loads((tmp_path / "a" / "en" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and stub["config"]["news"] == {"path": "en/search/", "manifest": english["manifest"]}


def test_index_files_are_scripts_that_hand_their_data_to_the_worker():
    assert render_script("shards/ia", "fr", {"w": ["ia"]}) == 'newsSearch("shards","fr","ia",{"w":["ia"]});\n'
    assert render_script("manifest", "en", {}) == 'newsSearch("manifest","en","",{});\n'


def test_texts_are_packed_and_read_back_whole():
    # The texts are most of the index: gzipped, in base64, which the worker unpacks (textOf).
    docs = group_pages([e for e in ENTRIES if not e["location"].startswith("en/")], "fr", META["fr"])
    text = build_index(docs, "fr")["text/1"]
    script = render_script("text/1", "fr", text)
    assert script == render_script("text/1", "fr", text)  # no timestamp in the gzip header
    assert script.startswith('newsSearch("text","fr","1","H4sI') and "Artemis" not in script
    assert unpack_text(json.loads(script.split(",", 3)[3].removesuffix(");\n"))) == text
    # Packing pays on an article's worth of text, not only on repeats.
    long = [{"record": [], "text": [["", "", " ".join(f"mot{n} sécurité{n % 7}" for n in range(400))]]}]
    assert len(render_script("text/0", "fr", long)) < 0.7 * len(json.dumps(long, ensure_ascii=False))
