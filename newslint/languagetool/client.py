"""A small, strict HTTP client for LanguageTool's ``/v2/check`` API.

Uses ``urllib`` from the standard library: one form-encoded POST per
paragraph, a timeout on every socket operation, no proxy for loopback
addresses (a ``http_proxy`` in the environment must not swallow requests to
our own server), and every failure turned into one :class:`LanguageToolError`.
language-tool-python's client is not used because it hides the HTTP status,
retries on its own schedule and converts no offsets.
"""

from __future__ import annotations

import http.client
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from typing import Any

from newslint.languagetool.errors import CheckTimeLimit, LanguageToolError
from newslint.languagetool.match import Match, parse_matches
from newslint.languagetool.settings import CheckSettings

DEFAULT_TIMEOUT = 90.0  # per socket operation; the server gives up on a check after 60 s
MAX_ERROR_BODY = 300
_LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def _one_line(text: str, limit: int = MAX_ERROR_BODY) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class Client:
    """Talk to one LanguageTool server at ``base_url`` (e.g. ``http://127.0.0.1:8081``)."""

    def __init__(self, base_url: str, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise LanguageToolError(
                f"invalid LanguageTool URL {base_url!r}: expected http(s)://host:port"
            )
        self.base_url = base_url.rstrip("/")
        # Accept both "http://host:8081" and "http://host:8081/v2".
        if self.base_url.endswith("/v2"):
            self.base_url = self.base_url[: -len("/v2")]
        self.timeout = timeout
        handlers: list[urllib.request.BaseHandler] = []
        if parsed.hostname in _LOOPBACK:
            handlers.append(urllib.request.ProxyHandler({}))
        self._opener = urllib.request.build_opener(*handlers)

    # ------------------------------------------------------------------ HTTP

    def _request(self, path: str, form: dict[str, str] | None, timeout: float | None) -> Any:
        url = f"{self.base_url}{path}"
        data = urllib.parse.urlencode(form).encode("utf-8") if form is not None else None
        request = urllib.request.Request(url, data=data, headers={"Accept": "application/json"})
        limit = self.timeout if timeout is None else timeout
        try:
            with self._opener.open(request, timeout=limit) as response:
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = _one_line(exc.read().decode("utf-8", "replace")) if exc.fp else ""
            # LanguageTool's own per-check limit ("Checking took longer than 60.0 seconds").
            kind = CheckTimeLimit if "took longer than" in detail else LanguageToolError
            raise kind(
                f"LanguageTool at {self.base_url} answered HTTP {exc.code}"
                + (f": {detail}" if detail else "")
            ) from None
        except TimeoutError:
            raise LanguageToolError(
                f"LanguageTool at {self.base_url} did not answer within {limit:g} s"
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError | socket.timeout):
                raise LanguageToolError(
                    f"LanguageTool at {self.base_url} did not answer within {limit:g} s"
                ) from None
            raise LanguageToolError(
                f"LanguageTool at {self.base_url} is not reachable: {reason}"
            ) from None
        except (http.client.HTTPException, ConnectionError, OSError) as exc:
            raise LanguageToolError(
                f"LanguageTool at {self.base_url} broke off the answer: {type(exc).__name__}: {exc}"
            ) from None
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise LanguageToolError(
                f"LanguageTool at {self.base_url} answered something that is not JSON: "
                f"{_one_line(body[:200].decode('utf-8', 'replace'), 120)!r}"
            ) from None

    # ------------------------------------------------------------------ API

    def languages(self, timeout: float | None = None) -> list[str]:
        """Return the language codes the server supports (``GET /v2/languages``)."""
        answer = self._request("/v2/languages", None, timeout)
        if not isinstance(answer, list):
            raise LanguageToolError(
                f"LanguageTool at {self.base_url} answered /v2/languages with a non-list"
            )
        return [
            item["longCode"] for item in answer if isinstance(item, dict) and "longCode" in item
        ]

    def rule_ids(self, language: str, timeout: float | None = None) -> set[str]:
        """Return the ids of every rule the server has for ``language`` (``/v2/configinfo``)."""
        query = urllib.parse.urlencode({"language": language})
        answer = self._request(f"/v2/configinfo?{query}", None, timeout)
        rules = answer.get("rules") if isinstance(answer, dict) else None
        if not isinstance(rules, list):
            raise LanguageToolError(
                f"LanguageTool at {self.base_url} answered /v2/configinfo without a rule list"
            )
        return {
            r["ruleId"] for r in rules if isinstance(r, dict) and isinstance(r.get("ruleId"), str)
        }

    def check_one(
        self, text: str, settings: CheckSettings, timeout: float | None = None
    ) -> tuple[list[Match], str | None]:
        """Check one text; return its matches (code-point offsets) and LanguageTool's version."""
        form = {"text": text, **settings.form()}
        answer = self._request("/v2/check", form, timeout)
        try:
            return parse_matches(text, answer)
        except LanguageToolError as exc:
            raise LanguageToolError(f"LanguageTool at {self.base_url}: {exc}") from None

    def _check_or_none(self, text: str, settings: CheckSettings) -> list[Match] | None:
        """Check one text; None when the server gave up on it (its time limit)."""
        try:
            return self.check_one(text, settings)[0]
        except CheckTimeLimit:
            return None

    def check_many(
        self,
        texts: Sequence[str],
        settings: CheckSettings,
        *,
        workers: int = 2,
        on_result: Callable[[int, list[Match]], None] | None = None,
    ) -> list[list[Match] | None]:
        """Check texts concurrently; return their matches in input order.

        A text the server gave up on (its per-check time limit) gets None and
        the others carry on. Any other failure cancels the requests not yet
        sent and is raised. ``on_result`` (e.g. a cache write) runs for each
        text checked before that.
        """
        results: list[list[Match] | None] = [None] * len(texts)
        if not texts:
            return []
        if workers <= 1 or len(texts) == 1:
            for index, text in enumerate(texts):
                results[index] = found = self._check_or_none(text, settings)
                if on_result is not None and found is not None:
                    on_result(index, found)
            return results
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="languagetool") as pool:
            futures: dict[Future[list[Match] | None], int] = {
                pool.submit(self._check_or_none, text, settings): index
                for index, text in enumerate(texts)
            }
            done, pending = wait(futures, return_when=FIRST_EXCEPTION)
            for future in pending:
                future.cancel()
            failure: BaseException | None = None
            for future in done:
                exc = future.exception()
                if exc is not None:
                    failure = failure or exc
                    continue
                index = futures[future]
                results[index] = found = future.result()
                if on_result is not None and found is not None:
                    on_result(index, found)
            if failure is not None:
                raise failure
        return results
