"""Bad input: nothing crashes, nothing is lost, nothing runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import polars as pl
import pytest
from conftest import ROOT, read_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk import build, entities, ingest, nlp, quotes, registry, screen
from newsdesk.issues import FatalInputError

STORY = "Officials met on Monday.\nThe talks went well, said Jane Roe.\n"


def write(folder: Path, name: str, data: bytes) -> None:
    (folder / name).write_bytes(data)


@pytest.fixture(scope="module")
def messy(tmp_path_factory, cache):
    """A corpus of everything a scraper produces, built once."""
    corpus = tmp_path_factory.mktemp("messy") / "corpus"
    art = corpus / "articles"
    art.mkdir(parents=True)
    cases = {
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t\n \r\n",
        "title-only.txt": b"Just a headline\n",
        "fake.pdf.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" + bytes(range(256)) * 4,
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200,
        "cp1252.txt": "Caf\u00e9 owners protest\nThe caf\u00e9\u2019s owner said \u201cno\u201d.\n".encode("cp1252"),
        "latin1.txt": "Ni\u00f1os return to school\nThe ni\u00f1os were happy, said Ana Ruiz.\n".encode("latin-1"),
        "bom.txt": "\ufeffBOM headline\nA story saved by a Windows editor.\n".encode("utf-8"),
        "crlf.txt": b"CRLF headline\r\nFirst line.\r\nSecond line.\r\n",
        "lone-cr.txt": b"CR headline\rFirst line.\rThird line.\r",
        "mojibake.txt": "Mojibake headline\nThe minister\u2019s caf\u00e9 plan \u2013 bold, he said.\n".encode("utf-8")
        .decode("cp1252").encode("utf-8"),  # "minister\u00e2\u20ac\u2122s caf\u00c3\u00a9"
        "control.txt": b"Control chars\x07 headline\nText with a NUL\x00 and a bell\x07 inside.\n",
        "huge-line.txt": b"word " * 4_000_000,
        "long-paragraph.txt": b"Long paragraph\n" + b"The council met again and talked. " * 3000 + b"\n",
        "dup-a.txt": b"Same story\n" + STORY.encode(),
        "sidecar.txt": b"Story with a sidecar\nThe sidecar next to this file has problems.\n",
        "dup b copy.txt": b"Same story\n" + STORY.encode(),
        "\u00fcnic\u00f6de \u540d\u524d.txt": b"Unicode file name\n" + b"A story about names in Z\xc3\xbcrich.\n",
        "!!!.txt": b"Punctuation file name\nA story with an odd file name.\n",
        "same-slug-1.txt": b"Same Slug!\nFirst of two stories that slug alike.\n",
        "same-slug-2.txt": b"Same slug?\nSecond of two stories that slug alike.\n",
        "one-long-quote.txt": ("Speech\n\u201c" + "We will not rest until the work is done. " * 50 + "\n").encode(),
        "unbalanced.txt": "Unbalanced\n\u201cOpen and never closed, she said.\nNext paragraph \u201cnested \u2018inner\u201d mixed\" marks\u2019 and rock \u2019n\u2019 roll.\n".encode(),
    }
    for name, data in cases.items():
        write(art, name, data)
    (art / "sidecar.yml").write_text("url: https://example.org/a\npublished: 2024-13-45\ncolour: blue\n", encoding="utf-8")
    (art / "crlf.yml").write_text("url: [unclosed\n", encoding="utf-8")
    out = corpus.parent / "datapackage"
    result = build.run(corpus, out, cache)
    return cases, result, out


def test_every_input_is_published_or_rejected_with_a_reason(messy):
    cases, result, out = messy
    published = {a["file"] for a in read_table(out, "articles")}
    rejected = {i.file for i in result.rejected}
    assert published | rejected == set(cases) and not published & rejected
    reasons = {i.file: i.message for i in result.rejected}
    assert reasons["empty.txt"] == "empty file" and reasons["whitespace.txt"] == "empty file"
    assert reasons["title-only.txt"].startswith("title but no body")
    assert "binary" in reasons["fake.pdf.txt"] and "binary" in reasons["image.txt"]
    assert "over the 1,000,000 limit" in reasons["huge-line.txt"]
    assert "duplicate: same text as dup b copy.txt" in reasons["dup-a.txt"]  # the first in file order stays


def test_encodings_and_line_ends(messy):
    _, result, out = messy
    rows = {a["file"]: a for a in read_table(out, "articles")}
    assert rows["cp1252.txt"]["encoding"] == "cp1252" and "caf\u00e9\u2019s owner" in rows["cp1252.txt"]["body"]
    assert rows["latin1.txt"]["encoding"] in ("cp1252", "latin-1") and "ni\u00f1os" in rows["latin1.txt"]["body"]
    assert rows["bom.txt"]["title"] == "BOM headline"
    assert rows["crlf.txt"]["body"] == "First line.\n\nSecond line."
    assert rows["lone-cr.txt"]["body"] == "First line.\n\nThird line."
    assert "\x00" not in rows["control.txt"]["body"] and "\x07" not in rows["control.txt"]["title"]
    mojibake = rows["mojibake.txt"]
    assert "minister\u2019s caf\u00e9 plan \u2013 bold" in mojibake["body"] and "mojibake-repaired" in mojibake["flags"]
    assert any("mojibake" in i.message for i in result.warnings if i.file == "mojibake.txt")


def test_sidecar_problems_are_warnings_naming_the_file(messy):
    _, result, out = messy
    warnings = [str(i) for i in result.warnings]
    assert any(w.startswith("sidecar.yml") and "colour" in w for w in warnings)
    assert any(w.startswith("sidecar.yml") and "published" in w for w in warnings)
    assert any(w.startswith("crlf.yml:") and "YAML" in w for w in warnings)
    row = next(a for a in read_table(out, "articles") if a["file"] == "sidecar.txt")
    assert row["url"] == "https://example.org/a" and row["published"] == ""


def test_odd_file_names_and_colliding_titles(messy):
    _, _, out = messy
    ids = {a["file"]: a["article_id"] for a in read_table(out, "articles")}
    assert ids["same-slug-1.txt"] == "same-slug" and ids["same-slug-2.txt"] == "same-slug-2"
    assert ids["\u00fcnic\u00f6de \u540d\u524d.txt"] == "unicode-file-name" and ids["!!!.txt"] == "punctuation-file-name"


def test_quotes_survive_bad_marks(messy):
    _, _, out = messy
    files = {a["article_id"]: a["file"] for a in read_table(out, "articles")}
    by_file: dict[str, list[str]] = {}
    for q in read_table(out, "quotes"):
        by_file.setdefault(files[q["article_id"]], []).append(q["text"])
    assert len(by_file["one-long-quote.txt"]) == 1 and by_file["one-long-quote.txt"][0].endswith("done.")
    unbalanced = by_file["unbalanced.txt"]
    assert unbalanced[0] == "Open and never closed, she said."  # stops at its paragraph's end
    assert all("\n" not in q for q in unbalanced)


def test_offsets_valid_everywhere(messy):
    _, _, out = messy
    bodies = {a["article_id"]: a for a in read_table(out, "articles")}
    for table, field in (("quotes", "text"), ("mentions", "text")):
        for row in read_table(out, table):
            assert bodies[row["article_id"]]["body"][int(row["start"]):int(row["end"])] == row[field]
    for r in read_table(out, "roles"):
        assert int(r["end"]) <= len(bodies[r["article_id"]][r["field"]])


def test_near_duplicates_are_flagged():
    original = (ROOT / "corpus" / "articles" / "000_b93b43f87ec43730.txt").read_text(encoding="utf-8")
    other_story_same_topic = (ROOT / "corpus" / "articles" / "004_2d472f1e0b54785d.txt").read_text(encoding="utf-8")
    edited = original.replace("April 8", "April 9").replace("closely", "carefully")
    words = original.split(" ")  # a spinner's copy: one word in four replaced
    respun = " ".join(w if n % 4 else f"{w}ish" for n, w in enumerate(words))
    arts = [ingest.Article(f"a{n}", f"{n}.txt", f"T{n}", body) for n, body in
            enumerate([original, edited, respun, other_story_same_topic])]
    screen.screen(arts)
    assert arts[0].near_duplicates == ["a1", "a2"] and arts[1].near_duplicates == ["a0", "a2"]
    assert arts[3].near_duplicates == [] and "near-duplicate" in arts[2].flags


def test_ten_thousand_tiny_files(tmp_path):
    art = tmp_path / "articles"
    art.mkdir()
    for n in range(10_000):
        (art / f"{n:05d}.txt").write_text(f"Headline {n}\nStory number {n} in a few words.\n", encoding="utf-8")
    articles, issues = ingest.run(art)
    kept, dupes = screen.screen(articles)
    assert len(kept) == 10_000 and not [i for i in issues + dupes if i.level == "rejected"]
    assert len({a.article_id for a in kept}) == 10_000


@pytest.mark.parametrize(("text", "problem"), [
    ("actors:\n  - id: a\n    name: A\n    type: person\n  - id: a\n    name: B\n    type: person\n", "duplicate id"),
    ("actors:\n  - {id: a, name: A, type: person, aliases: [X]}\n  - {id: b, name: B, type: person, aliases: [X]}\n",
     "already claimed"),
    ("actors:\n  - {id: Bad Id, name: A, type: person}\n", "lower-case"),
    ("actors:\n  - {id: a, name: A, type: robot}\n", "type must be"),
    ("actors:\n  - {id: a, name: A, type: person, wikidata: 42}\n", "wikidata"),
    ("actors:\n  - {id: a, name: A, type: person, colour: red}\n", "unknown key"),
    ("actors:\n  - {id: a, name: A\n", "YAML syntax error"),
])
def test_registry_errors_name_file_and_line(text, problem):
    with pytest.raises(FatalInputError) as err:
        registry.parse(text, "actors.yml")
    issue = err.value.issues[0]
    assert problem in issue.message and issue.file == "actors.yml" and issue.line is not None


def test_exit_codes(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / "good.txt").write_text("Good\nA fine story.\n", encoding="utf-8")
    (corpus / "articles" / "empty.txt").write_text("", encoding="utf-8")
    cmd = [sys.executable, "-m", "newsdesk.cli", "build", str(corpus), "--out", str(tmp_path / "out"),
           "--cache", str(tmp_path / "cache")]
    ok = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert ok.returncode == 0 and "empty.txt: empty file" in ok.stderr
    assert subprocess.run([*cmd, "--strict"], capture_output=True, text=True, check=False).returncode == 3
    (corpus / "actors.yml").write_text("actors:\n  - {id: a, name: A, type: robot}\n", encoding="utf-8")
    fatal = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert fatal.returncode == 1 and "actors.yml:2" in fatal.stderr


def test_a_write_that_fails_midway_leaves_the_previous_package(tmp_path):
    """The package is written beside its folder and swapped in whole: a writer that wrote into
    the folder directly would leave new CSVs next to old ones here."""
    from newsdesk import package, tables

    out = tmp_path / "datapackage"
    build.run(ROOT / "corpus", out, tmp_path / "cache")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    frames = {name: pl.read_parquet(out / "parquet" / f"{name}.parquet") for name in tables.SCHEMAS}
    frames["articles"] = frames["articles"].with_columns(pl.lit("changed").alias("title"))
    del frames["roles"]  # written after the articles table: the write fails halfway
    with pytest.raises(KeyError):
        package.write(frames, {}, {}, out)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


@pytest.mark.slow
def test_killed_build_leaves_previous_package_intact(tmp_path):
    out = tmp_path / "datapackage"
    build.run(ROOT / "corpus", out, tmp_path / "cache")
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    corpus = tmp_path / "big"
    (corpus / "articles").mkdir(parents=True)
    text = (ROOT / "corpus" / "articles" / "004_2d472f1e0b54785d.txt").read_text(encoding="utf-8")
    for n in range(400):  # far more than can be parsed before the kill
        (corpus / "articles" / f"{n:03d}.txt").write_text(f"Story {n}\n{text}\nVariant {n}.", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "newsdesk.cli", "build", str(corpus), "--out", str(out),
                             "--cache", str(tmp_path / "cache2")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    time.sleep(6)
    assert proc.poll() is None, "the build finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


@pytest.fixture(scope="module")
def model():
    return nlp.load()


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=300))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_extraction_on_random_text(model, text):
    article, _ = ingest.parse_article("r.txt", ("Random\n" + text).encode())
    if article is None:
        return
    doc = model(article.body)
    ents = entities.extract(doc, article, entities.RegistryMatcher(registry.Registry()))
    for m in ents.mentions:
        assert article.body[m.start:m.end] == m.text
    for q in quotes.extract(doc, ents):
        assert article.body[q.start:q.end] == q.text
        assert q.speaker is None or 0 <= q.speaker < len(ents.clusters)
