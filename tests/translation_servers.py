"""Stand-ins for translation services, served over real HTTP on 127.0.0.1.

The real services (a LibreTranslate server, an OpenAI-compatible chat endpoint) cannot run here:
these speak the same protocols, with a "translation" that is recognisable in assertions (each
text prefixed with "(en) "), and misbehave on demand: time out, fail, answer garbage, drop text.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.local_server import local_server

MARK = "(en) "


def fake_translate(text: str) -> str:
    return MARK + text


@dataclass
class Behaviour:
    """What the server does, per request in order; the last one repeats."""

    modes: list[str] = field(default_factory=lambda: ["ok"])
    requests: list[dict] = field(default_factory=list)
    delay: float = 2.0

    def next_mode(self) -> str:
        index = min(len(self.requests) - 1, len(self.modes) - 1)
        return self.modes[index]


def _texts_for(mode: str, texts: list[str]) -> list[str]:
    translated = [fake_translate(t) for t in texts]
    if mode == "drop":
        translated[2] = ""  # the third text comes back empty: a dropped paragraph
    if mode == "short":
        translated = translated[:-1]
    return translated


class _Handler(BaseHTTPRequestHandler):
    behaviour: Behaviour
    protocol: str  # "libretranslate" or "openai"

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest's output clean

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.behaviour.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
        mode = self.behaviour.next_mode()
        if mode == "timeout":
            time.sleep(self.behaviour.delay)
        if mode in ("http500", "http401"):
            status = 500 if mode == "http500" else 401
            return self._send(status, b'{"error": "the stand-in failed on purpose"}')
        if mode == "malformed":
            return self._send(200, b"<html>Bad gateway</html>")
        expected = "/translate" if self.protocol == "libretranslate" else "/v1/chat/completions"
        if self.path != expected:
            return self._send(404, b'{"error": "not found"}')
        if self.protocol == "libretranslate":
            answer = {"translatedText": _texts_for(mode, body["q"])}
        else:
            request = body["messages"][1]["content"]
            texts = json.loads(request[request.index("[") :])
            content = json.dumps(_texts_for(mode, texts), ensure_ascii=False)
            if mode == "prose":
                content = "Sure! Here is the translation you asked for."
            if mode == "fenced":
                content = f"```json\n{content}\n```"
            answer = {"choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]}
        self._send(200, json.dumps(answer).encode())

    def _send(self, status: int, payload: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        # The client may have given up waiting (the timeout tests).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(payload)


@contextmanager
def serve(protocol: str, behaviour: Behaviour) -> Iterator[str]:
    """Run a stand-in server on 127.0.0.1; yields its base URL."""
    handler = type("Handler", (_Handler,), {"behaviour": behaviour, "protocol": protocol})
    with local_server(handler) as url:
        yield url
