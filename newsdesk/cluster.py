"""Cluster: the per-article map (parse, entities, quotes) on a Dask cluster.

The client (the build) sends batches of articles that are not in its extraction cache; each
worker parses its batch with `nlp.pipe` and runs `extract.extract` on every article, the same
function a local build runs; the `(ents, found, tokens)` tuples come back and the build caches,
resolves and publishes them exactly as it does its own. Workers keep no cache of their own.

Dask is imported inside the client functions only, so importing this module (for
`ClusterError`, or on a worker to run `extract_batch`) costs nothing on the default path.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from . import cache as cache_module
from . import entities, nlp
from .extract import Extraction
from .extract import extract as extract_article
from .ingest import Article
from .registry import Registry

MAX_BATCH = 64  # articles per task: a task costs milliseconds of overhead, its articles seconds
TASKS_PER_THREAD = 4  # smaller tasks near the end keep every worker busy and a lost one costs little
CONNECT_TIMEOUT = "10s"


class ClusterError(Exception):
    """The cluster cannot do the work: no scheduler, a worker with other code, tasks that kill workers."""


def batch_size(articles: int, threads: int) -> int:
    return max(1, min(MAX_BATCH, math.ceil(articles / (TASKS_PER_THREAD * max(1, threads)))))


def extract(articles: list[Article], registry: Registry, salt: str, scheduler: str | None = None,
            workers: int | None = None, lap: Callable[[str], None] = lambda stage: None,
            ) -> Iterator[tuple[Article, Extraction]]:
    """Yield (article, (ents, found, tokens)) for every article, in the order batches finish.

    `salt` is the client's extraction-cache salt (code, registry and model fingerprints): a worker
    whose own differs refuses the work rather than return results the cache would file as ours."""
    from distributed import KilledWorker, as_completed

    by_id = {a.article_id: a for a in articles}
    with _client(scheduler, workers) as client:
        size = batch_size(len(articles), sum(client.nthreads().values()))
        # No `retries`: they re-run tasks that raised, and these tasks raise only on a bug or a
        # mismatched worker, which would raise again. A task whose worker is lost (killed, out of
        # memory, a dropped connection) is re-run elsewhere by the scheduler itself, up to its
        # `distributed.scheduler.allowed-failures` (default 3) lost workers, after which it is
        # taken for the cause (KilledWorker) and the build stops.
        futures = [client.submit(extract_batch, tuple(articles[i:i + size]), registry, salt, pure=False)
                   for i in range(0, len(articles), size)]
        lap("cluster")
        # Results are dropped from the cluster as they are read: the futures list is let go of
        # and as_completed releases each future once it has been yielded.
        done = as_completed(futures, with_results=True)
        del futures
        try:
            for _future, results in done:
                lap("cluster")
                for article_id, value in results:
                    yield by_id[article_id], value
        except KilledWorker as exc:
            raise ClusterError(f"a batch of articles was running on {exc.allowed_failures + 1} workers that all "
                               "died (out of memory?); see the workers' logs") from None


@contextmanager
def _client(scheduler: str | None, workers: int | None):
    """A client of the scheduler at `scheduler`, or of a local cluster of `workers` processes."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler and workers:
        raise ClusterError("give either --scheduler (an existing cluster) or --workers (a local one), not both")
    if workers:
        # Processes, one thread each: spaCy and the rules are Python code that holds the GIL.
        # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536 so that they hand freed memory
        # back at once; parsing allocates and frees so much that this tripled the build's
        # system time (measured on 200 articles: 4.3-5.0 s against 1.6-1.8 s), and these
        # workers hold no data that memory pressure would need to spill.
        with dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None}), \
                LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as local, \
                Client(local) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except ValueError as exc:  # a malformed address, e.g. an unknown protocol
        raise ClusterError(f"{scheduler} is not a Dask scheduler address ({exc}); give tcp://HOST:8786") from None
    except (OSError, TimeoutError):
        raise ClusterError(f"no Dask scheduler answered at {scheduler} within {CONNECT_TIMEOUT}: start one with "
                           f"`dask scheduler` and workers with `dask worker {scheduler}`, or check the address "
                           "(--scheduler, NEWSDESK_SCHEDULER)") from None
    with client:
        yield client


# --- On the worker ---------------------------------------------------------------------------


@functools.cache
def _model():
    """The spaCy model, loaded once per worker process (module state outlives tasks there)."""
    return nlp.load()


_matchers: dict[str, entities.RegistryMatcher] = {}  # cache salt -> matcher for that registry


def extract_batch(articles: tuple[Article, ...], registry: Registry, salt: str) -> list[tuple[str, tuple]]:
    """Runs on a worker: parse a batch of articles and extract each; (article id, extraction) pairs."""
    if salt not in _matchers:
        # The client's salt covers its code, registry and model; ours must match, or a worker with
        # another newsdesk or model would fill the client's cache with results of other rules.
        from distributed import get_worker

        if cache_module._fingerprint(registry) + nlp.model_fingerprint() != salt:
            raise ClusterError(f"the worker at {get_worker().address} runs another version of newsdesk or of "
                               f"its model ({nlp.model_fingerprint()}): install the client's on every worker")
        _matchers.clear()  # one registry at a time: a build sends one
        _matchers[salt] = entities.RegistryMatcher(registry)
    matcher = _matchers[salt]
    # Headline then body, as a local build streams them; one process per worker, so no n_process.
    docs = iter(_model().pipe((text for a in articles for text in (a.title, a.body)), batch_size=16))
    return [(a.article_id, extract_article(a, next(docs), next(docs), matcher)) for a in articles]
