"""The `newsdesk` command: build, site, serve, init, actors, evaluate."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from .issues import FatalInputError
from .shards import DEFAULT_SHARD_PAGES

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn a folder of news articles into an open data package and a website.")
err = Console(stderr=True)


@contextmanager
def _progress():
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=err, transient=True) as bar:
        def start(stage: str, total: int):
            task = bar.add_task(stage, total=total)
            return lambda n=1: bar.advance(task, n)
        yield start


def _fail(exc: FatalInputError) -> None:
    err.print("[bold red]Cannot build:[/]")
    for issue in exc.issues:
        err.print(f"  {issue}", soft_wrap=True, markup=False, highlight=False)
    raise typer.Exit(1)


@app.command()
def build(
    corpus: Path = typer.Argument(Path("corpus"), help="Folder holding articles/ (and optionally actors.yml, "
                                  "datapackage.yml)."),
    out: Path = typer.Option(Path("datapackage"), "--out", help="Where to write the data package."),
    cache: Path = typer.Option(Path("build/cache"), "--cache", help="Parse cache (safe to delete)."),
    strict: bool = typer.Option(False, "--strict", help="Exit with code 3 if any input was rejected."),
    scheduler: str = typer.Option(None, "--scheduler", envvar="NEWSDESK_SCHEDULER", metavar="ADDRESS",
                                  help="Parse and extract on the Dask cluster whose scheduler is at ADDRESS "
                                  "(tcp://HOST:8786); see README, Building on a cluster."),
    workers: int = typer.Option(None, "--workers", min=1, help="Parse and extract on a local Dask cluster of "
                                "N worker processes."),
) -> None:
    """Build the data package: articles, entities, mentions, roles and quotes tables."""
    from . import build as build_stage
    from .cluster import ClusterError  # the module imports dask only when a cluster is used

    if scheduler and workers:
        err.print("[red]Give either --scheduler (an existing cluster) or --workers (a local one), not both.[/]")
        raise typer.Exit(1)
    try:
        with _progress() as progress:
            result = build_stage.run(corpus, out, cache, progress, scheduler=scheduler, workers=workers)
    except FatalInputError as exc:
        _fail(exc)
    except ClusterError as exc:
        err.print(f"[bold red]Cannot build:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(1) from None
    table = Table(title=f"Built {out}", show_header=False)
    table.add_row("articles published", f"{result.articles:,}")
    table.add_row("articles rejected", f"{len(result.rejected):,}")
    table.add_row("entities", f"{result.entities:,}")
    table.add_row("quotes (with a speaker)", f"{result.quotes:,} ({result.attributed:,})")
    table.add_row("parsed / from cache", f"{result.parsed:,} / {result.cached:,}")
    table.add_row("seconds", "  ".join(f"{k} {v:.1f}" for k, v in result.seconds.items()))
    err.print(table)
    for level, issues in (("rejected", result.rejected), ("warning", result.warnings[:20])):
        for issue in issues:
            err.print(f"{level}: {issue}", soft_wrap=True, markup=False, highlight=False,
                      style="red" if level == "rejected" else "yellow")
    if len(result.warnings) > 20:
        err.print(f"[yellow]... and {len(result.warnings) - 20} more warnings[/] (see {out / 'report.json'})")
    if strict and result.rejected:
        raise typer.Exit(3)


@app.command()
def site(
    package_dir: Path = typer.Option(Path("datapackage"), "--package", help="The data package to publish."),
    out: Path = typer.Option(Path("build/site"), "--out", help="Where to write the website."),
    config: Path = typer.Option(None, "--config", help="Your own mkdocs.yml: its settings override newsdesk's, "
                                "and the pages in its docs_dir (default docs/ beside it) are added to the site."),
    search: bool = typer.Option(True, help="Index the site with Pagefind."),
    shard_pages: int = typer.Option(DEFAULT_SHARD_PAGES, "--shard-pages", min=1, metavar="N",
                                    help="Build the site in shards of about N pages, each its own MkDocs build "
                                    "and search bundle, in parallel; a rebuild builds again only the shards "
                                    "whose pages changed. See README, Scale."),
) -> None:
    """Render pages from the data package and build the website with MkDocs (from any folder)."""
    from . import site as site_stage

    try:
        with _progress() as progress:
            result = site_stage.run(package_dir, out, config, progress, search=search, shard_pages=shard_pages)
    except site_stage.SiteError as exc:
        err.print(f"[bold red]Cannot build the site:[/] {exc}", soft_wrap=True, highlight=False)
        raise typer.Exit(1) from None
    kept = len(result.shards) - len(result.rebuilt)
    err.print(f"Built {out}: {result.pages:,} generated pages in {result.seconds:.1f} s; {len(result.rebuilt)} of "
              f"{len(result.shards)} shards built{f', {kept} unchanged and kept' if kept else ''}. "
              f"Preview: newsdesk serve --dir {out}", soft_wrap=True, highlight=False)


@app.command()
def serve(
    site_dir: Path = typer.Option(Path("build/site"), "--dir", help="The built site to serve."),
    port: int = typer.Option(8000, "--port", help="Port on localhost."),
) -> None:
    """Preview a built site on http://localhost:PORT (Ctrl-C stops it)."""
    import contextlib
    import functools
    import http.server

    if not (site_dir / "index.html").is_file():
        err.print(f"[bold red]No site in {site_dir}[/] (no index.html): build one with "
                  f"`newsdesk site --package PACKAGE --out {site_dir}`.", soft_wrap=True, highlight=False)
        raise typer.Exit(1)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    try:
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        err.print(f"[bold red]Cannot listen on port {port}[/] ({exc.strerror}): choose another with --port.")
        raise typer.Exit(1) from None
    err.print(f"Serving {site_dir} on http://localhost:{httpd.server_address[1]}/ (Ctrl-C stops it)", highlight=False)
    with httpd, contextlib.suppress(KeyboardInterrupt):
        httpd.serve_forever()


@app.command()
def init(
    corpus: Path = typer.Argument(..., help="The corpus folder to create (or fill, if it has none of the files)."),
) -> None:
    """Start a corpus: articles/ with an example article and sidecar, a commented datapackage.yml
    and actors.yml. Never overwrites a file."""
    import shutil

    starter = Path(__file__).parent / "starter"  # shipped in the package, so init works anywhere
    files = sorted(p.relative_to(starter) for p in starter.rglob("*") if p.is_file())
    if clashes := [str(corpus / f) for f in files if (corpus / f).exists()]:
        err.print(f"[red]{clashes[0]} exists[/]: init never overwrites; choose an empty or new folder.",
                  soft_wrap=True, highlight=False)
        raise typer.Exit(1)
    for f in files:
        (corpus / f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(starter / f, corpus / f)
    err.print(f"Created {corpus}: replace the example in {corpus / 'articles'} with your articles and edit the "
              f"two .yml files, then run `newsdesk build {corpus} --out PACKAGE` and "
              f"`newsdesk site --package PACKAGE --out SITE`.", soft_wrap=True, highlight=False)


@app.command()
def actors(
    package_dir: Path = typer.Option(Path("datapackage"), "--package", help="The data package built from the corpus."),
    out: Path = typer.Option(..., "--out", help="Where to write the starter registry (for example "
                             "corpus/actors.yml)."),
    min_mentions: int = typer.Option(2, "--min-mentions", help="Leave out actors named fewer times."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUT if it exists."),
) -> None:
    """Write a starter actors.yml from a build, for a curator to edit: actors with aliases and
    roles, suggested merges and names left out as comments."""
    import json

    import polars as pl

    from . import registry

    if out.exists() and not force:
        err.print(f"[red]{out} exists[/]: a curated registry is not overwritten; pass --force or choose another --out.")
        raise typer.Exit(1)
    report_path = package_dir / "report.json"
    if not report_path.exists():
        err.print(f"[red]No build in {package_dir}[/]: run `newsdesk build CORPUS --out {package_dir}` first.")
        raise typer.Exit(1)
    entities = pl.read_csv(package_dir / "entities.csv", infer_schema_length=0).to_dicts()
    roles = pl.read_csv(package_dir / "roles.csv", infer_schema_length=0).to_dicts()
    text = registry.starter(entities, roles, json.loads(report_path.read_text(encoding="utf-8")), min_mentions)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    registry.parse(text, str(out))  # what it writes must load
    err.print(f"Wrote {out}: {text.count(chr(10) + '  - '):,} actors. Edit it, then rebuild with it in the corpus folder.")


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder with articles/*.txt and gold/*.json (see README)."),
    registry: Path = typer.Option(None, "--registry", help="An actors.yml to build with (default: none)."),
    examples: int = typer.Option(3, "--examples", help="Errors to show per class (0: counts only)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON (scores, calibration, every error) instead "
                                  "of tables."),
) -> None:
    """Build GOLD_DIR/articles, score quotes, speakers and entities against GOLD_DIR/gold, and show
    how well speaker confidence is calibrated and which errors were made, by class."""
    from . import evaluate as evaluate_stage

    try:
        with _progress() as progress:
            result = evaluate_stage.run(gold_dir, registry, progress)
    except FatalInputError as exc:
        _fail(exc)
    if json_out:
        import json

        typer.echo(json.dumps({"scores": result.scores, "calibration": result.calibration,
                               "errors": result.errors}, indent=1))
        return
    _print_evaluation(result, gold_dir, examples)


def _print_evaluation(result, gold_dir: Path, examples: int) -> None:
    out = Console()
    table = Table(title=f"Evaluation on {gold_dir}")
    for col in ("measure", "P", "R", "F1 / accuracy", "n"):
        table.add_column(col)
    for name, row in result.scores.items():
        if name == "actors":
            continue
        table.add_row(name, *(f"{row[k]:.3f}" if isinstance(row.get(k), float) else str(row.get(k, ""))
                              for k in ("P", "R", "F1", "n")))
    out.print(table)
    if actors := result.scores.get("actors"):
        out.print(f"Actors across articles: {actors['linked']} gold actors found; {actors['splits']} found as "
                  f"several entities (splits); {actors['merges']} entities matched to several gold actors (merges).")
    calibration = Table(title="Speaker confidence: share right among matched quotes with a gold speaker")
    for col in ("confidence", "quotes", "right", "share right"):
        calibration.add_column(col)
    for row in result.calibration:
        share = "" if row["share right"] is None else f"{row['share right']:.1%}"
        calibration.add_row(row["confidence"], str(row["n"]), str(row["right"]), share)
    out.print(calibration)
    for kind, rows in result.errors.items():
        out.print(f"[bold]{kind}[/]: {len(rows)}")
        for row in rows[:examples]:
            details = "; ".join(f"{k} {v}" for k, v in row.items()
                                if k not in ("article", "quote", "name") and v is not None)
            shown = f"“{row['quote'][:90]}”" if "quote" in row else row["name"]
            out.print(f"  {row['article']}: {shown} {details}", markup=False, highlight=False,
                      soft_wrap=True)


if __name__ == "__main__":
    app()
