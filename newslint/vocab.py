"""Newsroom vocabulary: words that are always accepted or always rejected.

Accepted words are never typos (names of local places, house spellings);
rejected words are always flagged. Lists come from ``rules/vocab/*.toml``,
from files named in config (``vocab = [...]``) and from the config keys
``accept``/``reject``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Vocabulary:
    """Case-insensitive accept and reject sets (case-sensitive entries kept too)."""

    accept: set[str] = field(default_factory=set)
    reject: set[str] = field(default_factory=set)
    accept_exact: set[str] = field(default_factory=set)

    def add(self, accept: Iterable[str] = (), reject: Iterable[str] = ()) -> None:
        """Merge more words in."""
        for word in accept:
            self.accept.add(word.casefold())
            self.accept_exact.add(word)
        for word in reject:
            self.reject.add(word.casefold())

    def is_accepted(self, word: str) -> bool:
        """Return True when ``word`` is on an accept list."""
        folded = word.replace("\u2019", "'").casefold()
        return folded in self.accept and folded not in self.reject

    def is_rejected(self, word: str) -> bool:
        """Return True when ``word`` is on a reject list."""
        return word.replace("\u2019", "'").casefold() in self.reject

    def load_file(self, path: Path) -> None:
        """Merge a vocabulary TOML file (``accept = [...]``, ``reject = [...]``).

        A plain ``.txt`` file is one accepted word per line (``#`` comments).
        """
        if path.suffix == ".txt":
            words = []
            for line in path.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    words.append(line)
            self.add(accept=words)
            return
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        unknown = sorted(set(data) - {"accept", "reject", "source", "description"})
        if unknown:
            raise ValueError(f"{path}: unknown key(s) {', '.join(unknown)}")
        self.add(accept=data.get("accept", []), reject=data.get("reject", []))
