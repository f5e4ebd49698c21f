"""The extraction cache: an article's actors and quotes, kept until the article, the registry
or the extraction code changes. A warm rebuild then parses and loads nothing but what changed.

Entries are pickles written by this machine's own builds (build/cache is local scratch space:
never fill it from elsewhere).
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from .ingest import Article
from .registry import Registry

PACKAGE = Path(__file__).parent


def code_fingerprint() -> str:
    """A hash of every source file of the package: any change to code that could shape an
    extraction (a helper, the name parser, the registry loader) invalidates the cache."""
    h = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()


def _fingerprint(registry: Registry) -> str:
    h = hashlib.sha256(code_fingerprint().encode())
    h.update(repr(sorted(registry.actors.items())).encode())
    h.update(repr(sorted(registry.ignore)).encode())
    return h.hexdigest()


class ExtractionCache:
    def __init__(self, folder: Path, registry: Registry, model_salt: str):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.salt = _fingerprint(registry) + model_salt

    def _path(self, article: Article) -> Path:
        h = hashlib.sha256(self.salt.encode())
        for part in (article.body, article.byline, article.credits, article.dateline, article.agency,
                     article.source_credit):
            h.update(b"\x00" + (part or "").encode())
        return self.folder / f"{h.hexdigest()}.pickle"

    def get(self, article: Article) -> tuple | None:
        path = self._path(article)
        try:
            return pickle.loads(path.read_bytes()) if path.exists() else None
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
            return None  # damaged or from older code: extracted again

    def put(self, article: Article, value: tuple) -> None:
        path = self._path(article)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
