"""Benchmark newsdesk on generated corpora: cold build, warm rebuild after one change, site.

    python scripts/benchmark.py --sizes 1000 10000 [--work build/bench] [--workers 2]
    python scripts/benchmark.py --sizes --site-sizes 10000 100000     # the site alone, no NLP
    python scripts/benchmark.py --sizes --stage-sizes 1000 10000 100000   # resolve, tables, package alone

For each size: generate the corpus, build it cold (empty cache), time spaCy's own nlp.pipe
over the same texts with the same components (the floor for the NLP stage), change one
article and rebuild warm, then build the site. With --workers N, also build it cold through a
local Dask cluster of N worker processes (`newsdesk build --workers N`) and check that its
package is byte-identical to the default build's. Each build runs in a child process so its
peak memory can be read (for a cluster build, the client's only). Prints a table and writes
build/bench/results.md.

With --stage-sizes, the reduce after the per-article map (resolve, tables, package) alone at each
size, from the articles and extraction results of a real 300-article build repeated with new ids
(no NLP): the seconds and the peak resident memory of each stage.

With --site-sizes, the site alone (sharded, with search) at each size from a package made without
NLP by tiling a real 300-article build (scripts/synthetic_package.py): cold, then warm after one
article's text changed; its memory is the sum over the site step's whole process tree.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pickle
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))


def child(kind: str, *args: str) -> tuple[dict, float, float, float]:
    """Run one measured step in a child process: (its JSON result, wall seconds, peak RSS in MB, CPU
    seconds). CPU seconds include the processes it started and waited for (parsers, local workers):
    they measure the work done, which the load of a shared machine changes less than wall time."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, *args], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        sys.exit(f"{kind} failed: {out[-2000:]}")
    return json.loads(out), time.perf_counter() - start, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def run_child(kind: str, args: list[str]) -> None:
    if kind == "build":
        from newsdesk import build

        corpus, out, cache = map(Path, args[:3])
        r = build.run(corpus, out, cache, workers=int(args[3]) if len(args) > 3 else None)
        print(json.dumps({"articles": r.articles, "tokens": r.tokens, "parsed": r.parsed, "seconds": r.seconds}))
    elif kind == "floor":
        from newsdesk import ingest, nlp

        articles, _ = ingest.run(Path(args[0]) / "articles")
        model = nlp.load()
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in model.pipe((a.body for a in articles), n_process=2, batch_size=16))
        print(json.dumps({"seconds": time.perf_counter() - start, "tokens": tokens}))
    elif kind == "synthetic":
        import synthetic_package

        template, out, size = Path(args[0]), Path(args[1]), int(args[2])
        frames = synthetic_package.tables(template, size)
        start = time.perf_counter()
        synthetic_package.write(template, out, size, frames)
        print(json.dumps({"package_seconds": time.perf_counter() - start,
                          "rows": {name: frame.height for name, frame in frames.items()}}))
    elif kind == "change":  # one article's text changed, the package written again
        import polars as pl
        import synthetic_package

        template, package, size = Path(args[0]), Path(args[1]), int(args[2])
        frames = {p.stem: pl.read_parquet(p) for p in (package / "parquet").glob("*.parquet")}
        middle = frames["articles"]["article_id"][size // 2]
        frames["articles"] = frames["articles"].with_columns(
            pl.when(pl.col("article_id") == middle).then(pl.col("body") + "\n\nThe council will meet again next week.")
            .otherwise(pl.col("body")).alias("body"))
        synthetic_package.write(template, package, size, frames)
        print(json.dumps({"changed": middle}))
    elif kind == "stages":
        from newsdesk import build

        corpus, cache, out, size = Path(args[0]), Path(args[1]), Path(args[2]), int(args[3])
        actors, articles, per_article, article_quotes = tiled_extraction(corpus, cache, size)
        result = {"rows": {"mentions": sum(len(ents.mentions) for _, ents in per_article),
                           "quotes": sum(map(len, article_quotes.values()))}, "inputs_mb": memory_mb()}
        peak_mb()  # the tiling's own peak is not the stages'

        def lap(stage: str) -> None:  # each stage's seconds and the peak memory while it ran, inputs included
            result[stage] = {"seconds": time.perf_counter() - lap.start, "peak_mb": peak_mb()}
            lap.start = time.perf_counter()
        lap.start = time.perf_counter()
        build.publish(articles, per_article, article_quotes, actors, build.load_metadata(corpus), [], out, lap)
        print(json.dumps(result))
    elif kind == "site_only":
        from newsdesk import site

        package, out = map(Path, args)
        start = time.perf_counter()

        def progress(stage: str, total: int):  # a line per shard, so a long run shows how it goes
            done = [0]

            def tick(n: int = 1) -> None:
                done[0] += n
                print(f"  {stage} {done[0]}/{total} at {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
            return tick
        r = site.run(package, out, progress=progress)
        print(json.dumps({"pages": r.pages, "seconds": r.seconds, "shards": len(r.shards), "rebuilt": len(r.rebuilt)}))
    elif kind == "site":
        from newsdesk import site

        package, work = map(Path, args)
        result = site.run(package, work / "site")  # the packaged base configuration and pages
        pages, seconds = result.pages, result.seconds
        html = [p for sub in ("articles", "actors", "quotes") for p in (work / "site" / sub).glob("*.html")]
        size = sum(p.stat().st_size for p in html)
        index = sum(p.stat().st_size for p in (work / "site" / "pagefind").rglob("*") if p.is_file())
        print(json.dumps({"pages": pages, "seconds": seconds, "bytes_per_page": size / max(1, len(html)),
                          "pagefind_bytes": index}))


def memory_mb(field: str = "VmRSS") -> float:
    """This process's resident memory (VmRSS) or its peak since the last reset (VmHWM), from Linux."""
    return int(Path("/proc/self/status").read_text().split(f"{field}:")[1].split()[0]) / 1024


def peak_mb() -> float:
    """This process's peak resident memory since the last call."""
    peak = memory_mb("VmHWM")
    Path("/proc/self/clear_refs").write_text("5")  # resets the peak to the current resident memory
    return peak


def tiled_extraction(corpus: Path, cache: Path, n: int) -> tuple:
    """The reduce stages' inputs for `n` articles without NLP: the registry, and the articles of a
    real generated corpus with their extraction results (in `cache`: build the corpus first),
    repeated with new ids (copy g of article a is a-g) as synthetic_package.py repeats a package's
    rows. Each copy is unpickled afresh, so its texts and objects are its own, as in a real corpus.
    Names repeat too: the number of distinct actors stays the corpus's."""
    from newsdesk import ingest, nlp, registry, screen
    from newsdesk.cache import ExtractionCache

    actors = registry.load(corpus / "actors.yml")
    articles, _ = ingest.run(corpus / "articles")
    articles, _ = screen.screen(articles)
    store = ExtractionCache(cache / "extract", actors, nlp.model_fingerprint())
    template = pickle.dumps([(a, *store.get(a)[:2]) for a in articles])
    tiled, per_article, article_quotes = [], [], {}
    for g in range(-(-n // len(articles))):
        for a, ents, found in pickle.loads(template)[:n - len(tiled)]:
            a.article_id, a.file = f"{a.article_id}-{g}", a.file.replace(".txt", f"-{g}.txt")
            a.near_duplicates = [f"{other}-{g}" for other in a.near_duplicates]
            tiled.append(a)
            per_article.append((a.article_id, ents))
            article_quotes[a.article_id] = found
    return actors, tiled, per_article, article_quotes


def stage_bench(size: int, work: Path) -> dict:
    """Resolve, tables and package alone at `size` articles (tiled_extraction), in a child process."""
    template_package(work)  # the generated corpus, built once with NLP: its parses are cached
    base = work / f"stages-{size}"
    shutil.rmtree(base, ignore_errors=True)
    corpus, cache = work / "template" / "corpus", work / "template" / "cache"
    # built again, so that its extraction results are cached for the current code (parses are cached)
    child("build", str(corpus), str(base / "template"), str(cache))
    result, wall, _, _ = child("stages", str(corpus), str(cache), str(base / "datapackage"), str(size))
    return {"size": size, "wall": wall, **result}


STAGES = ("resolve", "tables", "package")


def stage_table(results: list[dict]) -> str:
    rows = ["| articles (a generated corpus's extraction repeated, no NLP) | mentions | quotes | inputs MB | "
            + " | ".join(f"{s} s | {s} peak MB" for s in STAGES) + " | ms / article (3 stages) |",
            "|" + "---|" * (5 + 2 * len(STAGES))]
    for r in results:
        total = sum(r[s]["seconds"] for s in STAGES)
        rows.append(f"| {r['size']:,} | {r['rows']['mentions']:,} | {r['rows']['quotes']:,} | {r['inputs_mb']:,.0f} | "
                    + " | ".join(f"{r[s]['seconds']:.1f} | {r[s]['peak_mb']:,.0f}" for s in STAGES)
                    + f" | {1000 * total / r['size']:.2f} |")
    return "\n".join(rows)


def tree_child(kind: str, *args: str) -> tuple[dict, float, float, float]:
    """Run one step in a child process and sample the memory of it and every process it starts
    (MkDocs and Pagefind shards run side by side): (its JSON result, wall seconds, peak MB of the
    sum of their resident sets, CPU seconds of them all). RUSAGE_CHILDREN's memory would give only
    the largest single process; its CPU time is the sum, which a loaded machine changes less than
    wall time."""
    import resource

    import psutil

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, *args], stdout=subprocess.PIPE, text=True)
    root, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        total = 0
        try:
            for p in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):
                    total += p.memory_info().rss
        except psutil.Error:
            pass
        if total > peak and total // 2**28 > peak // 2**28:  # every 256 MB more
            print(f"  peak so far {total / 2**20:,.0f} MB at {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
        peak = max(peak, total)
        time.sleep(0.2)
    out = proc.stdout.read()
    if proc.returncode:
        sys.exit(f"{kind} failed: {out[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return json.loads(out), time.perf_counter() - start, peak / 2**20, cpu


def template_package(work: Path) -> Path:
    """A real package (300 generated articles through the whole NLP build), to tile."""
    from generate_corpus import generate

    base = work / "template"
    if not (base / "datapackage" / "datapackage.json").is_file():
        shutil.rmtree(base, ignore_errors=True)
        generate(base / "corpus", 300)
        child("build", str(base / "corpus"), str(base / "datapackage"), str(base / "cache"))
    return base / "datapackage"


def site_bench(size: int, work: Path, warm: bool = True) -> dict:
    """The site alone at `size` articles, from a package made without NLP: cold, then (`warm`) warm
    after one article changed."""
    template = template_package(work)
    base = work / f"site-{size}"
    shutil.rmtree(base, ignore_errors=True)
    package, out = base / "datapackage", base / "site"
    made, _, made_mem, _ = child("synthetic", str(template), str(package), str(size))
    cold, cold_wall, cold_mem, cold_cpu = tree_child("site_only", str(package), str(out))
    print(f"  cold: {cold_wall:.0f} s, {cold_mem:,.0f} MB", file=sys.stderr, flush=True)
    if not warm:
        return {"size": size, "rows": made["rows"], "package_seconds": made["package_seconds"], "package_mem": made_mem,
                "cold": cold, "cold_wall": cold_wall, "cold_mem": cold_mem, "cold_cpu": cold_cpu}
    child("change", str(template), str(package), str(size))
    warm, warm_wall, warm_mem, warm_cpu = tree_child("site_only", str(package), str(out))
    return {"size": size, "rows": made["rows"], "package_seconds": made["package_seconds"], "package_mem": made_mem,
            "cold": cold, "cold_wall": cold_wall, "cold_mem": cold_mem, "cold_cpu": cold_cpu, "warm": warm,
            "warm_wall": warm_wall, "warm_mem": warm_mem, "warm_cpu": warm_cpu}


def site_table(results: list[dict]) -> str:
    rows = ["| articles (generated package, no NLP) | mentions | quotes | pages | shards | package write | "
            "site cold (CPU s) | ms / page | peak MB (all processes) | warm after one change (CPU s) | shards rebuilt "
            "| warm / cold |", "|" + "---|" * 12]
    for r in results:
        warm = (f"{r['warm_wall']:.1f} ({r.get('warm_cpu', 0):.0f}) | {r['warm']['rebuilt']} | "
                f"{r['warm_wall'] / r['cold_wall']:.0%}"
                if "warm" in r else "not run | | ")
        rows.append(f"| {r['size']:,} | {r['rows']['mentions']:,} | {r['rows']['quotes']:,} | {r['cold']['pages']:,} | "
                    f"{r['cold']['shards']} | {r['package_seconds']:.1f} | {r['cold_wall']:.1f} ({r.get('cold_cpu', 0):.0f}) | "
                    f"{1000 * r['cold_wall'] / r['cold']['pages']:.1f} | {max(r['cold_mem'], r.get('warm_mem', 0)):,.0f} | "
                    f"{warm} |")
    return "\n".join(rows)


def files(package: Path) -> dict[str, bytes]:
    return {p.relative_to(package).as_posix(): p.read_bytes() for p in sorted(package.rglob("*")) if p.is_file()}


def bench(size: int, work: Path, workers: int | None = None) -> dict:
    from generate_corpus import generate

    base = work / str(size)
    shutil.rmtree(base, ignore_errors=True)
    corpus, cache, package = base / "corpus", base / "cache", base / "datapackage"
    generate(corpus, size)
    cold, cold_wall, cold_mem, cold_cpu = child("build", str(corpus), str(package), str(cache))
    floor, _, _, _ = child("floor", str(corpus))
    cluster = None
    if workers:  # before the change below, so both builds read the same corpus
        on_cluster = base / "datapackage-cluster"
        _, cluster_wall, cluster_mem, cluster_cpu = child("build", str(corpus), str(on_cluster), str(base / "cache-cluster"),
                                             str(workers))
        cluster = {"workers": workers, "wall": cluster_wall, "mem": cluster_mem, "cpu": cluster_cpu,
                   "identical": files(on_cluster) == files(package)}
    changed = sorted((corpus / "articles").glob("*.txt"))[size // 2]
    changed.write_text(changed.read_text(encoding="utf-8") + "The council will meet again next week.\n",
                       encoding="utf-8")
    warm, warm_wall, warm_mem, _ = child("build", str(corpus), str(package), str(cache))
    (base / "site-work").mkdir()
    site, site_wall, site_mem, _ = child("site", str(package), str(base / "site-work"))
    return {"size": size, "cold": cold, "cold_wall": cold_wall, "cold_mem": cold_mem, "cold_cpu": cold_cpu,
            "floor": floor,
            "warm": warm, "warm_wall": warm_wall, "warm_mem": warm_mem, "site": site, "site_wall": site_wall,
            "site_mem": site_mem, "cluster": cluster}


def table(results: list[dict]) -> str:
    stages = ("ingest", "nlp", "entities", "quotes", "tables", "package")
    rows = ["| articles | tokens | " + " | ".join(stages) + " | site | cold total | tokens/s | NLP / nlp.pipe | "
            "non-NLP share | warm total (NLP) | warm / cold | peak MB | ms/page | KB/page |",
            "|" + "---|" * (len(stages) + 13)]
    for r in results:
        s = r["cold"]["seconds"]
        cold_total = r["cold_wall"]
        non_nlp = cold_total - s["nlp"]
        rows.append(
            f"| {r['size']:,} | {r['cold']['tokens']:,} | " + " | ".join(f"{s.get(k, 0):.1f}" for k in stages)
            + f" | {r['site']['seconds']:.1f} | {cold_total:.1f} | {r['cold']['tokens'] / s['nlp']:,.0f} | "
            f"{s['nlp'] / r['floor']['seconds']:.2f} | {non_nlp / cold_total:.0%} | "
            f"{r['warm_wall']:.1f} ({r['warm']['seconds']['nlp']:.1f}) | {r['warm_wall'] / cold_total:.0%} | "
            f"{max(r['cold_mem'], r['warm_mem'], r['site_mem']):,.0f} | "
            f"{1000 * r['site']['seconds'] / r['site']['pages']:.1f} | {r['site']['bytes_per_page'] / 1024:.1f} |")
    clustered = [r for r in results if r.get("cluster")]
    if clustered:
        rows += ["", "| articles | cold build (CPU s) | cold on a local cluster (CPU s) | workers | cluster / default "
                 "| client peak MB | identical |", "|---|---|---|---|---|---|---|"]
        for r in clustered:
            c = r["cluster"]
            rows.append(f"| {r['size']:,} | {r['cold_wall']:.1f} ({r['cold_cpu']:.0f}) | {c['wall']:.1f} ({c['cpu']:.0f}) | "
                        f"{c['workers']} | {c['wall'] / r['cold_wall']:.2f} | {c['mem']:,.0f} | "
                        f"{'yes' if c['identical'] else 'NO'} |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="corpus sizes to run "
                        "(none: the site benchmark alone)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="scratch folder")
    parser.add_argument("--workers", type=int, help="also build cold on a local Dask cluster of this many "
                        "worker processes and compare its package with the default build's")
    parser.add_argument("--site-sizes", type=int, nargs="*", default=[], help="also time the site alone at these "
                        "sizes, from packages generated without NLP (tiled from a real 300-article build)")
    parser.add_argument("--stage-sizes", type=int, nargs="*", default=[], help="also time resolve, tables and "
                        "package alone at these sizes, from a generated corpus's extraction results repeated (no NLP)")
    parser.add_argument("--cold-only", type=int, nargs="*", default=[], help="site sizes to build cold only "
                        "(no warm rebuild)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(args.child[0], args.child[1:])
        return
    args.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        print(f"benchmarking {size:,} articles ...", file=sys.stderr)
        results.append(bench(size, args.work, args.workers))
        (args.work / "results.json").write_text(json.dumps(results, indent=1))
    header = (f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, {os.cpu_count()} cores, "
              f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, Python "
              f"{platform.python_version()}; times in seconds")
    site_results = []
    for size in args.site_sizes:
        print(f"benchmarking the site alone at {size:,} articles ...", file=sys.stderr)
        site_results.append(site_bench(size, args.work, warm=size not in args.cold_only))
        (args.work / "site-results.json").write_text(json.dumps(site_results, indent=1))
    stage_results = []
    for size in args.stage_sizes:
        print(f"benchmarking resolve, tables and package at {size:,} articles ...", file=sys.stderr)
        stage_results.append(stage_bench(size, args.work))
        (args.work / "stage-results.json").write_text(json.dumps(stage_results, indent=1))
    report = f"{header}\n\n{table(results)}\n" if results else f"{header}\n"
    if site_results:
        report += f"\n{site_table(site_results)}\n"
    if stage_results:
        report += f"\n{stage_table(stage_results)}\n"
    (args.work / "results.md").write_text(report)
    print(report)
    if any(r["cluster"] and not r["cluster"]["identical"] for r in results):
        sys.exit("the cluster build's package differs from the default build's")


if __name__ == "__main__":
    main()
