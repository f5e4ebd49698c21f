"""Building on a Dask cluster: real `dask scheduler` and `dask worker` processes on 127.0.0.1.

A cluster build must publish the same bytes as a local one, also when a worker is killed while
it holds work: the scheduler re-runs that worker's tasks on the other one.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from typer.testing import CliRunner

from newsdesk import build, cluster, ingest
from newsdesk.cli import app
from newsdesk.registry import Registry

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent  # the venv's own `dask` command
CORPUS = FIXTURES / "newsroom"  # 18 articles (or a few more): batches of 3 on two one-thread workers
ARTICLES = len(list((CORPUS / "articles").glob("*.txt")))  # every one is published (none rejected)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def files(package: Path) -> dict[str, bytes]:
    return {p.relative_to(package).as_posix(): p.read_bytes() for p in sorted(package.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def local_package(tmp_path_factory) -> dict[str, bytes]:
    """The default build of the corpus, from an empty cache."""
    work = tmp_path_factory.mktemp("local")
    build.run(CORPUS, work / "package", work / "cache")
    return files(work / "package")


@pytest.fixture
def dask_cluster(tmp_path):
    """A scheduler and two single-thread workers, each its own process: (address, {worker address: process})."""
    from distributed import Client

    address = f"tcp://127.0.0.1:{free_port()}"
    log = open(tmp_path / "dask.log", "w")  # noqa: SIM115 - closed in the finally block
    procs: list[subprocess.Popen] = []
    workers: dict[str, subprocess.Popen] = {}
    try:
        procs.append(subprocess.Popen([BIN / "dask", "scheduler", "--host", "127.0.0.1", "--port",
                                       address.rsplit(":", 1)[1], "--no-dashboard"], stdout=log, stderr=log))
        for n in range(2):
            port = free_port()
            # --no-nanny: the process we start is the worker itself, so killing it loses the worker
            # (a nanny would restart it).
            proc = subprocess.Popen([BIN / "dask", "worker", address, "--nworkers", "1", "--nthreads", "1",
                                     "--no-nanny", "--host", "127.0.0.1", "--worker-port", str(port),
                                     "--no-dashboard", "--name", f"w{n}",
                                     "--local-directory", str(tmp_path / f"w{n}")], stdout=log, stderr=log)
            procs.append(proc)
            workers[f"tcp://127.0.0.1:{port}"] = proc
        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
            assert set(client.scheduler_info()["workers"]) == set(workers)
        yield address, workers
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=5)  # a process that ignores SIGTERM is killed: teardown stays short
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def test_a_cluster_build_publishes_the_same_bytes(dask_cluster, local_package, tmp_path):
    address, _ = dask_cluster
    ticks = []

    def progress(stage, total):
        ticks.append(total)
        return lambda n=1: ticks.append(-n)

    result = build.run(CORPUS, tmp_path / "package", tmp_path / "cache", progress, scheduler=address)
    assert files(tmp_path / "package") == local_package
    assert result.parsed == ARTICLES and result.cached == 0
    assert ticks[0] == ARTICLES and -sum(ticks[1:]) == ARTICLES  # the progress bar went to the end
    # A second build sends nothing: every article comes from the client's extraction cache.
    again = build.run(CORPUS, tmp_path / "again", tmp_path / "cache", scheduler=address)
    assert again.parsed == 0 and again.cached == ARTICLES
    assert files(tmp_path / "again") == local_package
    # Workers refuse work from a client whose code, registry or model differs from theirs.
    articles, _ = ingest.run(CORPUS / "articles")
    with pytest.raises(cluster.ClusterError, match="another version of newsdesk"):
        list(cluster.extract(articles[:1], Registry(), "a client of other code", scheduler=address))


def test_a_worker_killed_mid_build_loses_nothing(dask_cluster, local_package, tmp_path):
    """SIGKILL a worker that holds a batch as soon as the first batch has come back."""
    from distributed import Client

    address, workers = dask_cluster
    killed: dict[str, list] = {}
    with Client(address, timeout="30s") as observer:

        def kill_a_busy_worker(n=1):
            if killed:
                return
            busy = {w: keys for w, keys in observer.processing().items() if keys}
            assert busy, "no worker holds work after the first result: the corpus is too small to test this"
            victim = sorted(busy)[0]
            workers[victim].send_signal(signal.SIGKILL)
            killed[victim] = busy[victim]

        result = build.run(CORPUS, tmp_path / "package", tmp_path / "cache",
                           lambda stage, total: kill_a_busy_worker, scheduler=address)
        (victim, lost), = killed.items()
        assert lost and workers[victim].wait(timeout=10) == -signal.SIGKILL
        assert list(observer.scheduler_info()["workers"]) == [w for w in workers if w != victim]
    assert result.parsed == ARTICLES
    assert files(tmp_path / "package") == local_package


def test_a_local_cluster_from_the_command_line(local_package, tmp_path):
    out = tmp_path / "package"
    result = CliRunner().invoke(app, ["build", str(CORPUS), "--out", str(out), "--cache", str(tmp_path / "cache"),
                                      "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert f"{ARTICLES} / 0" in result.output  # parsed / from cache
    assert files(out) == local_package


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    address = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    monkeypatch.setenv("NEWSDESK_SCHEDULER", address)  # the environment variable is read too
    start = time.perf_counter()
    result = CliRunner().invoke(app, ["build", str(CORPUS), "--out", str(tmp_path / "out"),
                                      "--cache", str(tmp_path / "cache")])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a clean exit, not an uncaught exception
    assert "Traceback" not in result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and address in lines[0] and "dask scheduler" in lines[0], result.output
    assert time.perf_counter() - start < 30
    assert not (tmp_path / "out").exists()


def test_the_default_build_does_not_import_dask(tmp_path):
    code = ("import sys; from pathlib import Path; from newsdesk import build; "
            f"build.run(Path({str(ROOT / 'corpus')!r}), Path({str(tmp_path / 'out')!r}), Path({str(tmp_path / 'c')!r})); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "NEWSDESK_SCHEDULER": ""})
    assert run.stdout.strip() == "[]"
