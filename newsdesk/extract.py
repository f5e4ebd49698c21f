"""Extract: one article's parsed headline and body -> its actors, quotes and token count.

This is the per-article map of the build, one function wherever it runs: in the build's own
process (`build.run`) and on Dask workers (`cluster.py`), so the rules run identically and a
cluster build publishes the same bytes as a local one. The result is the tuple the extraction
cache stores; it is plain picklable data (no spaCy objects), so it can cross the network.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from . import entities, nlp, quotes
from .ingest import Article

Extraction = tuple[entities.ArticleEntities, list[quotes.Quote], int]  # (ents, found, tokens)


def extract(article: Article, title: Doc, body: Doc, matcher: entities.RegistryMatcher,
            lap: Callable[[str], None] = lambda stage: None) -> Extraction:
    """The article's actors and quotes from its parsed headline and body. `lap(stage)` is only a
    timing hook (the build times entities and quotes apart); it does not change the result."""
    doc = nlp.TokenView(body, article.body)
    ents = entities.extract(doc, article, matcher, title)
    lap("entities")
    found = quotes.extract(doc, ents)
    lap("quotes")
    return ents, found, len(doc)
