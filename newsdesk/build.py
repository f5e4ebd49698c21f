"""Build: corpus folder -> data package. Runs the stages in order, one way.

ingest -> screen -> nlp -> entities + quotes (per article, streamed) -> resolve
-> tables -> package. One small `Context` goes with the build: the issues found, the seconds
spent under the name of the step they time, and the progress display. The summary says what was
built, warned about and rejected.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import cache as cache_module
from . import entities, extract, ingest, nlp, package, quotes, registry, resolve, screen, tables
from .issues import FatalInputError, Issue


def _no_progress(label: str, total: int) -> Callable[..., None]:
    return lambda n=1: None


@dataclass
class Context:
    """What the steps of one build share: the issues found so far, the seconds spent, each under
    the name of the step it times, and the progress display (`progress(label, total)` returns a
    function to call as items are done)."""

    progress: Callable[[str, int], Callable[..., None]] = _no_progress
    issues: list[Issue] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    clock: float = field(default_factory=time.perf_counter)

    def lap(self, step: str) -> None:
        """Charge the time since the last lap to `step`."""
        now = time.perf_counter()
        self.seconds[step] += now - self.clock
        self.clock = now


@dataclass
class BuildResult:
    articles: int = 0
    entities: int = 0
    quotes: int = 0
    attributed: int = 0
    tokens: int = 0
    parsed: int = 0
    cached: int = 0
    issues: list[Issue] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def rejected(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "rejected"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]


def load_metadata(corpus: Path) -> dict:
    path = corpus / "datapackage.yml"
    if not path.exists():
        return {}
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date
        mark = getattr(exc, "problem_mark", None)
        raise FatalInputError([Issue(str(path), "fatal", f"YAML syntax error: {getattr(exc, 'problem', exc)}",
                                     mark.line + 1 if mark else None)]) from None
    if not isinstance(meta, dict):
        raise FatalInputError([Issue(str(path), "fatal", "expected a mapping (name:, title:, licenses:, ...)")])
    return meta


def run(corpus: Path, out: Path, cache: Path, progress=None, scheduler: str | None = None,
        workers: int | None = None) -> BuildResult:
    """Build the package for `corpus` into `out`; `progress(stage, total)` returns a tick function.
    With `scheduler` (a Dask scheduler's address) or `workers` (a local cluster of that many
    processes) the articles not in the extraction cache are parsed and extracted on a cluster."""
    ctx = Context(progress or _no_progress)
    result = BuildResult()

    # Load: everything the build depends on, failing early on a broken registry.
    if not (corpus / "articles").is_dir():
        raise FatalInputError([Issue(str(corpus), "fatal", "no articles/ folder: put one .txt file per article in "
                                     f"{corpus / 'articles'}")])
    actors = registry.load(corpus / "actors.yml")
    meta = load_metadata(corpus)
    ctx.lap("registry and metadata")
    articles, issues = ingest.run(corpus / "articles")
    ctx.issues += issues
    ctx.lap("ingest")
    articles, issues = screen.screen(articles)
    ctx.issues += issues
    ctx.lap("screen")

    # Process: each article's actors and quotes come from the extraction cache, or from a parse
    # (itself cached by content) that is dropped as soon as they are extracted, here or on a
    # cluster; either way the cache is filled here.
    store = cache_module.ExtractionCache(cache / "extract", actors, nlp.model_fingerprint())
    per_article: list[tuple[str, entities.ArticleEntities]] = []
    article_quotes: dict[str, list[quotes.Quote]] = {}
    tick = ctx.progress("Parsing and extracting", len(articles))
    todo = []
    for a in articles:
        hit = store.get(a)
        if hit is None:
            todo.append(a)
            continue
        ents, found, tokens = hit
        per_article.append((a.article_id, ents))
        article_quotes[a.article_id] = found
        result.tokens += tokens
        result.cached += 1
        tick()
    ctx.lap("cache")
    if todo:
        if scheduler or workers:
            from . import cluster  # dask is imported only when a cluster is asked for

            fresh = cluster.extract(todo, actors, store.salt, scheduler, workers, ctx.lap)
            result.parsed += len(todo)
        else:
            fresh = _extract_here(todo, actors, cache, ctx, result)
        for article, (ents, found, tokens) in fresh:
            store.put(article, (ents, found, tokens))
            per_article.append((article.article_id, ents))
            article_quotes[article.article_id] = found
            result.tokens += tokens
            tick()
            ctx.lap("cache")
    resolution, frames = publish(articles, per_article, article_quotes, actors, meta, ctx.issues, out, ctx.lap)
    result.issues, result.seconds = ctx.issues, ctx.seconds
    result.articles, result.entities = len(articles), len(resolution.entities)
    result.quotes = frames["quotes"].height
    result.attributed = frames["quotes"]["speaker_id"].is_not_null().sum()
    return result


def publish(articles: list, per_article: list, article_quotes: dict, actors, meta: dict, issues: list[Issue],
            out: Path, lap: Callable[[str], None]) -> tuple:
    """The reduce after the per-article map: resolve actors across the corpus, make the tables and
    write the package into `out`. `lap(stage)` is called as each stage ends. Returns the resolution
    and the tables."""
    per_article.sort(key=lambda x: x[0])
    resolution = resolve.resolve(per_article, actors)
    lap("resolve")

    # Save: tables checked against the schemas, then the package, atomically.
    rows = tables.rows(articles, per_article, article_quotes, resolution)
    frames = {name: tables.frame(name, rows[name]) for name in tables.SCHEMAS}
    problems = tables.check(frames)
    if problems:  # a bug, not bad input: refuse to publish a package that breaks its own schema
        raise RuntimeError("tables do not match their schemas:\n" + "\n".join(problems))
    lap("tables")
    package.write(frames, meta, package.report(issues, resolution, articles), out)
    lap("package")
    return resolution, frames


def _extract_here(todo: list, actors, cache: Path, ctx: Context, result: BuildResult):
    """Parse `todo` in this machine's processes (through the parse cache) and extract each article:
    yields (article, (ents, found, tokens))."""
    model = nlp.load()
    matcher = entities.RegistryMatcher(actors)
    by_id = {a.article_id: a for a in todo}
    ctx.lap("nlp")

    def parsed(cached: bool, context: tuple[str, str]) -> None:
        if context[1] == "body":  # articles are counted, not their headlines
            result.cached += cached
            result.parsed += not cached

    # Each article's headline and body go through one stream (its headline first), so both are
    # parsed in the same batches; a headline waits only until its body comes out.
    texts = ((text, (a.article_id, part)) for a in todo for text, part in ((a.title, "title"), (a.body, "body")))
    titles = {}  # article id -> parsed headline
    for parsed_doc, (article_id, part) in nlp.parse(model, texts, cache / "nlp", parsed):
        if part == "title":
            titles[article_id] = parsed_doc
            continue
        ctx.lap("nlp")
        article = by_id[article_id]
        yield article, extract.extract(article, titles.pop(article_id), parsed_doc, matcher, ctx.lap)
