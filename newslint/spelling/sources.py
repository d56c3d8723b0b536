"""Where the spelling engine's data comes from: installed, pinned packages.

Nothing here is typed by hand. The files are located without importing the
packages (importing wordfreq alone costs tens of milliseconds), so that the
cache key can be computed on every run for the price of a few ``stat`` calls.
See ``DATA.md`` beside this file for each source and its licence.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DataFiles", "locate"]


@dataclass(frozen=True)
class DataFiles:
    """Paths of every data file the lexicon is compiled from."""

    wordfreq_large_en: Path  # wordfreq: word frequencies from many corpora (zipf scale)
    wordsegment_words: Path  # wordsegment: a word list (no names)
    symspell_dictionary: Path  # SymSpell: English word list with Google n-gram counts
    sphinx_dictionary: Path  # CMU Pronouncing Dictionary as shipped with pocketsphinx
    sphinx_lm: Path  # CMU Sphinx generic US English trigram language model

    def all(self) -> tuple[Path, ...]:
        """Return every path, in a stable order (for the cache key)."""
        return (
            self.wordfreq_large_en,
            self.wordsegment_words,
            self.symspell_dictionary,
            self.sphinx_dictionary,
            self.sphinx_lm,
        )

    def stamp(self) -> str:
        """Return a cheap identity of the files: package folder, name and size of each.

        Not the full path or mtime: the packages are pinned, so every virtual
        environment (a clone's, CI's, a reinstall) shares one compiled lexicon.
        """
        parts = []
        for path in self.all():
            p = Path(path)
            parts.append(f"{p.parent.name}/{p.name}:{os.stat(p).st_size}")
        return "|".join(parts)


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"the spelling engine needs the '{name}' package: pip install newslint[...]"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def locate() -> DataFiles:
    """Return the data files of the installed packages (raises when one is missing)."""
    wf = _package_dir("wordfreq")
    ws = _package_dir("wordsegment")
    ss = _package_dir("symspellpy")
    ps = _package_dir("pocketsphinx") / "model" / "en-us"
    files = DataFiles(
        wordfreq_large_en=wf / "data" / "large_en.msgpack.gz",
        wordsegment_words=ws / "words.txt",
        symspell_dictionary=ss / "frequency_dictionary_en_82_765.txt",
        sphinx_dictionary=ps / "cmudict-en-us.dict",
        sphinx_lm=ps / "en-us.lm.bin",
    )
    for path in files.all():
        if not path.is_file():
            raise FileNotFoundError(f"spelling data file missing: {path}")
    return files
