"""Machine-translation backends: each turns a list of French texts into English texts.

A backend only translates; checking the answer (same number of texts, none empty, links kept)
and retrying with the problem fed back is the caller's job (scripts/translation/drafts.py), so
every backend is held to the same rules.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import dataclass, field
from typing import Protocol

import requests
import yaml

from scripts.common import safe_yaml
from scripts.common.paths import Project
from scripts.common.run_guards import TimeLimitExceeded, time_limit

BACKENDS = ("argos", "libretranslate", "openai")
# A chat model often wraps JSON in a Markdown code fence despite being told not to.
CODE_FENCE_RE = re.compile(r"^```(?:json)?\s*\n(.*)\n```\s*$", re.DOTALL)
# The largest answer read: a page's translation is tens of KB; past this a server is broken or
# hostile, and reading on would end in MemoryError.
DEFAULT_MAX_ANSWER_BYTES = 4 * 1024 * 1024


class TranslationError(Exception):
    """A backend that cannot translate: unreachable, refusing, or answering nonsense."""


class PermanentError(TranslationError):
    """A failure that asking again will not fix (a bad key, a missing package)."""


class Backend(Protocol):
    name: str

    def translate(self, texts: list[str], feedback: str | None = None) -> list[str]:
        """English translations of French texts, one per text, in order."""
        ...


@dataclass
class TranslationConfig:
    """data/translation.yml, with environment variables for what differs per machine."""

    backend: str = "libretranslate"
    timeout: float = 60.0  # for a whole answer, not between two bytes of it
    retries: int = 2
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    libretranslate: dict = field(default_factory=dict)
    openai: dict = field(default_factory=dict)
    argos: dict = field(default_factory=dict)

    @classmethod
    def load(cls, project: Project) -> TranslationConfig:
        path = project.data / "translation.yml"
        shown = project.relative(path)
        try:
            data = safe_yaml.load(path.read_text(encoding="utf-8")) if path.exists() else {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise PermanentError(f"{shown}: cannot be read: {exc}") from None
        if not isinstance(data or {}, dict):
            raise PermanentError(f"{shown}: must be a mapping of settings")
        unknown = set(data or {}) - set(cls.__dataclass_fields__)
        if unknown:
            raise PermanentError(f"{shown}: unknown keys {sorted(unknown)}")
        return cls(**(data or {}))


def _read_body(name: str, url: str, response: requests.Response, deadline: float, max_bytes: int) -> bytes:
    """The answer's body, refused past max_bytes or past the deadline (a server can trickle a byte at a time)."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise TranslationError(f"{name}: {url} announced an answer of {int(declared):,} bytes, over {max_bytes:,}")
    chunks, size = [], 0
    for chunk in response.iter_content(65536):
        size += len(chunk)
        if size > max_bytes:
            raise TranslationError(f"{name}: {url} sent an answer over {max_bytes:,} bytes: left unread")
        if time.monotonic() > deadline:
            raise TimeLimitExceeded
        chunks.append(chunk)
    return b"".join(chunks)


def _post_json(
    name: str, url: str, payload: dict, headers: dict, timeout: float, max_bytes: int = DEFAULT_MAX_ANSWER_BYTES
) -> object:
    """POST a JSON request; its JSON answer, whole within `timeout` seconds and at most max_bytes."""
    # requests' timeout is per read: a server sending a byte every 2 s never reaches it. The
    # whole exchange gets `timeout` (an alarm in the main thread; a check per chunk elsewhere).
    deadline = time.monotonic() + timeout
    try:
        with (
            time_limit(timeout),
            requests.post(url, json=payload, headers=headers, timeout=timeout, stream=True) as response,
        ):
            body = _read_body(name, url, response, deadline, max_bytes)
    except (requests.Timeout, TimeLimitExceeded):
        raise TranslationError(f"{name}: {url} did not answer within {timeout:g} s") from None
    except requests.ConnectionError as exc:
        raise TranslationError(
            f"{name}: cannot reach {url} ({exc.__class__.__name__}); is the server running?"
        ) from None
    except requests.RequestException as exc:
        raise TranslationError(f"{name}: {url}: the answer broke off ({exc.__class__.__name__})") from None
    excerpt = body[:200].decode("utf-8", "replace")
    if response.status_code in (401, 403):
        raise PermanentError(f"{name}: {url} refused the request (HTTP {response.status_code}): check the API key")
    if response.status_code >= 400:
        raise TranslationError(f"{name}: {url} answered HTTP {response.status_code}: {excerpt}")
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        raise TranslationError(f"{name}: {url} answered something that is not JSON: {excerpt!r}") from None


@dataclass
class LibreTranslate:
    """The LibreTranslate HTTP API (POST /translate), usually a self-hosted server."""

    url: str
    api_key: str | None = None
    timeout: float = 60.0
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    name: str = "libretranslate"

    def translate(self, texts: list[str], feedback: str | None = None) -> list[str]:
        # LibreTranslate has no way to hear feedback: a retry simply asks again.
        payload: dict = {"q": texts, "source": "fr", "target": "en", "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        url = self.url.rstrip("/") + "/translate"
        answer = _post_json(self.name, url, payload, {}, self.timeout, self.max_answer_bytes)
        translated = answer.get("translatedText") if isinstance(answer, dict) else None
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise TranslationError(
                f"{self.name}: the answer has no list of texts in 'translatedText': {str(answer)[:200]}"
            )
        return translated


def read_prompt(project: Project) -> str:
    """The system prompt: the style guide, then the glossary, both kept in data/translation/."""
    folder = project.data / "translation"
    style = (folder / "style.md").read_text(encoding="utf-8").strip()
    glossary = safe_yaml.load((folder / "glossary.yml").read_text(encoding="utf-8")) or {}
    terms = "\n".join(f"- {fr} → {en}" for fr, en in sorted(glossary.items()))
    return f"{style}\n\nGlossary (French → English), always use these:\n{terms}\n"


@dataclass
class OpenAICompatible:
    """Any OpenAI-compatible chat endpoint: OpenAI, or a local Ollama, llama.cpp or vLLM server."""

    base_url: str
    model: str
    system_prompt: str
    api_key: str | None = None
    timeout: float = 60.0
    max_answer_bytes: int = DEFAULT_MAX_ANSWER_BYTES
    name: str = "openai"

    def translate(self, texts: list[str], feedback: str | None = None) -> list[str]:
        request = (
            "Translate each French string of this JSON array into English. Answer with only a JSON array "
            f"of exactly {len(texts)} strings, in the same order, and nothing else.\n\n"
            + json.dumps(texts, ensure_ascii=False, indent=0)
        )
        messages = [{"role": "system", "content": self.system_prompt}, {"role": "user", "content": request}]
        if feedback:
            messages.append({"role": "user", "content": f"Your previous answer was rejected: {feedback}. Try again."})
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        payload = {"model": self.model, "messages": messages, "temperature": 0}
        url = self.base_url.rstrip("/") + "/chat/completions"
        answer = _post_json(self.name, url, payload, headers, self.timeout, self.max_answer_bytes)
        try:
            content = answer["choices"][0]["message"]["content"]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            raise TranslationError(
                f"{self.name}: the answer has no choices[0].message.content: {str(answer)[:200]}"
            ) from None
        content = content.strip()
        fenced = CODE_FENCE_RE.match(content)
        try:
            translated = json.loads(fenced.group(1) if fenced else content)
        except ValueError:
            raise TranslationError(
                f"{self.name}: the model did not answer with a JSON array: {content[:200]!r}"
            ) from None
        if not isinstance(translated, list) or not all(isinstance(t, str) for t in translated):
            raise TranslationError(f"{self.name}: the model's answer is not a JSON array of strings")
        return translated


ARGOS_INSTALL = (
    "install it into the project's environment: `.venv/bin/pip install argostranslate`, then its "
    "French→English package: `.venv/bin/argospm update && .venv/bin/argospm install translate-fr_en`"
)


@dataclass
class Argos:
    """argostranslate, offline, once its French→English package is installed."""

    name: str = "argos"

    def translate(self, texts: list[str], feedback: str | None = None) -> list[str]:
        try:
            from argostranslate import translate as argos  # type: ignore[import-not-found]
        except ImportError:
            raise PermanentError(f"argos: argostranslate is not installed; {ARGOS_INSTALL}") from None
        languages = {lang.code: lang for lang in argos.get_installed_languages()}
        translation = (
            languages["fr"].get_translation(languages["en"]) if "fr" in languages and "en" in languages else None
        )
        if translation is None:
            raise PermanentError(f"argos: the French→English package is not installed; {ARGOS_INSTALL}")
        return [translation.translate(text) for text in texts]


def make_backend(name: str, config: TranslationConfig, project: Project) -> Backend:
    """The backend called `name`, set up from data/translation.yml and the environment."""
    if name == "libretranslate":
        settings = config.libretranslate
        url = os.environ.get("LIBRETRANSLATE_URL") or settings.get("url")
        if not url:
            raise PermanentError(
                "libretranslate: no server URL (set libretranslate.url in data/translation.yml or LIBRETRANSLATE_URL)"
            )
        key = os.environ.get(settings.get("api_key_env", "LIBRETRANSLATE_API_KEY"))
        return LibreTranslate(url, key, config.timeout, config.max_answer_bytes)
    if name == "openai":
        settings = config.openai
        base_url = os.environ.get("OPENAI_BASE_URL") or settings.get("base_url")
        model = os.environ.get("OPENAI_MODEL") or settings.get("model")
        if not base_url or not model:
            raise PermanentError(
                "openai: set openai.base_url and openai.model in data/translation.yml"
                " (or OPENAI_BASE_URL, OPENAI_MODEL)"
            )
        key = os.environ.get(settings.get("api_key_env", "OPENAI_API_KEY"))
        return OpenAICompatible(base_url, model, read_prompt(project), key, config.timeout, config.max_answer_bytes)
    if name == "argos":
        return Argos()
    raise PermanentError(f"unknown backend {name!r}; expected one of {', '.join(BACKENDS)}")
