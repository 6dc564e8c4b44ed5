"""A hostile translation server (issue 13): one that trickles, one that never stops sending, one
whose answers carry markup. Real HTTP servers on 127.0.0.1; nothing is written for a page whose
answer never passes, and the command always ends."""

from __future__ import annotations

import contextlib
import json
import time
from http.server import BaseHTTPRequestHandler

import pytest

from scripts.translation.markup import added_markup
from tests.conftest import NVLM, run_cli
from tests.local_server import local_server
from tests.translation_servers import MARK


@pytest.fixture
def french(project):
    assert run_cli(project, "ingest").exit_code == 0
    return project


def configure(project, url: str, timeout: float = 1.0, max_bytes: int = 4_194_304) -> None:
    (project.data / "translation.yml").write_text(
        f"backend: libretranslate\ntimeout: {timeout}\nretries: 1\nmax_answer_bytes: {max_bytes}\n"
        f"libretranslate:\n  url: {url}\n",
        encoding="utf-8",
    )


def handler(respond):
    """A LibreTranslate stand-in whose answer `respond(handler, texts)` writes."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            texts = json.loads(self.rfile.read(int(self.headers["Content-Length"])))["q"]
            # The client hangs up on purpose in these tests.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                respond(self, texts)

    return Handler


def trickle(server, texts):
    """Valid headers, then the body one byte every 2 s: each read is quick, the answer endless."""
    server.send_response(200)
    server.send_header("Content-Type", "application/json")
    server.end_headers()
    for byte in json.dumps({"translatedText": texts}).encode():
        server.wfile.write(bytes([byte]))
        server.wfile.flush()
        time.sleep(2)


def trickle_headers(server, texts):
    """Even the status line comes a byte at a time."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n":
        server.wfile.write(bytes([byte]))
        server.wfile.flush()
        time.sleep(2)


def huge_declared(server, texts):
    server.send_response(200)
    server.send_header("Content-Length", "2000000000")
    server.end_headers()
    server.wfile.write(b"[" * 65536)


def huge_undeclared(server, texts):
    """No Content-Length, and bytes for as long as the client reads (up to 2 GB)."""
    server.send_response(200)
    server.send_header("Connection", "close")
    server.end_headers()
    chunk = b" " * 65536
    for _ in range(2_000_000_000 // len(chunk)):
        server.wfile.write(chunk)


def test_a_trickling_server_cannot_hang_translate(french):
    for respond in (trickle, trickle_headers):
        with local_server(handler(respond)) as url:
            configure(french, url, timeout=1)
            result = run_cli(french, "translate", NVLM)
        assert result.exit_code == 1
        assert f"error: {NVLM}: libretranslate: {url}/translate did not answer within 1 s (after 2 attempts)" in (
            result.stderr
        )
        assert not (french.articles("en") / f"{NVLM}.md").exists()


@pytest.mark.parametrize(
    ("respond", "problem"),
    [
        (huge_declared, "announced an answer of 2,000,000,000 bytes, over 100,000"),
        (huge_undeclared, "sent an answer over 100,000 bytes: left unread"),
    ],
    ids=["declared", "undeclared"],
)
def test_a_huge_answer_is_refused_unread(french, respond, problem):
    with local_server(handler(respond)) as url:
        configure(french, url, timeout=30, max_bytes=100_000)
        result = run_cli(french, "translate", NVLM)
    assert result.exit_code == 1
    assert f"error: {NVLM}: libretranslate: {url}/translate {problem} (after 2 attempts)" in result.stderr
    assert not (french.articles("en") / f"{NVLM}.md").exists()


PAYLOADS = {
    "script": ("<script>alert(1)</script>", "raw HTML", "<script"),
    "img": ('<img src="https://evil.example/x.png" onerror=alert(1)>', "raw HTML", "<img"),
    "comment": ("<!--", "raw HTML", "<!--"),
    "autolink": ("<https://evil.example/>", "an autolink", "<https://evil.example/>"),
    "email-autolink": ("<evil@evil.example>", "an autolink", "<evil@evil.example>"),
    "raw-link": ("see https://evil.example/page", "a raw link", "https://evil.example/page"),
    "www": ("see www.evil.example", "a raw link", "www.evil.example"),
    "javascript": ("[x](javascript:alert(1))", "a raw link", "javascript:a"),
    "image": ("![pixel](https://evil.example/p.gif)", "an image", "![pixel]("),
    "definition": ("\n[1]: https://evil.example/", "a link definition", "[1]:"),
}


@pytest.mark.parametrize("name", PAYLOADS)
def test_an_answer_adding_markup_is_refused_with_what_it_added(french, name):
    payload, kind, shown = PAYLOADS[name]

    def answer(server, texts):
        translated = [MARK + text for text in texts]
        translated[1] += " " + payload  # the summary, second text
        body = json.dumps({"translatedText": translated}).encode()
        server.send_response(200)
        server.send_header("Content-Length", str(len(body)))
        server.end_headers()
        server.wfile.write(body)

    with local_server(handler(answer)) as url:
        configure(french, url)
        result = run_cli(french, "translate", NVLM)
    assert result.exit_code == 1
    expected = f"text 2 (description) adds {kind} the French does not have: {shown.lower()!r}"
    assert expected in result.stderr, result.stderr
    assert not (french.articles("en") / f"{NVLM}.md").exists()


def test_french_links_and_prose_are_not_markup():
    french = "Le [rapport](https://example.com/a) cite des données: 30 % de plus, et 3 < 4."
    assert added_markup(french, "The [report](https://example.com/a) cites data: 30% more, and 3 < 4.") is None
    assert added_markup("Un texte.", "A text.") is None


def test_check_names_markup_an_english_edition_adds(french):
    assert run_cli(french, "edition", NVLM).exit_code == 0
    page = french.articles("en") / f"{NVLM}.md"
    front, body = page.read_text(encoding="utf-8").split("\n---\n", 1)
    blocks = body.strip("\n").split("\n\n")
    blocks[1] += ' <img src="https://evil.example/x.png">'
    page.write_text(front + "\n---\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    result = run_cli(french, "check", "--no-build")
    expected = f"docs/en/articles/{NVLM}.md: markup: block 2: adds raw HTML the French does not have: '<img'"
    # Not translation debt: an error, whatever the edition's state.
    assert result.exit_code == 1
    assert expected in result.stdout.splitlines(), result.stdout
