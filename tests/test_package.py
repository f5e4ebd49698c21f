"""The data package: valid, keyed, reproducible, cached."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import ROOT, descriptor

from newsdesk import build, package


def test_frictionless_validate(seed_package):
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "frictionless"), "validate",
                             str(seed_package / "datapackage.json")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]
    assert package.validate(seed_package) == []


def test_descriptor_is_complete(seed_package):
    desc = descriptor(seed_package)
    assert {"name", "title", "description", "version", "licenses", "sources", "contributors", "keywords"} <= set(desc)
    assert "remain the property of their publishers" in desc["description"]
    for r in desc["resources"]:
        assert {"path", "format", "mediatype", "encoding", "bytes", "hash", "schema"} <= set(r)
        assert r["hash"].startswith("sha256:") and (seed_package / r["parquet"]).exists()
        assert r["schema"]["primaryKey"]
        assert all(f.get("type") and f.get("description") for f in r["schema"]["fields"])


def test_broken_foreign_key_is_caught(seed_package, tmp_path):
    broken = tmp_path / "pkg"
    shutil.copytree(seed_package, broken)
    mentions = broken / "mentions.csv"
    lines = mentions.read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    first[2] = "no-such-entity"
    lines[1] = ",".join(first)
    mentions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert package.validate(broken)  # (bytes and hash also no longer match)


def test_rebuild_is_byte_identical_and_cached(seed_package, cache, tmp_path):
    again = tmp_path / "again"
    result = build.run(ROOT / "corpus", again, cache)
    assert result.parsed == 0 and result.cached == 2  # unchanged articles are not parsed again
    for path in sorted(p for p in seed_package.rglob("*") if p.is_file()):
        assert (again / path.relative_to(seed_package)).read_bytes() == path.read_bytes(), path.name


def test_committed_package_is_current(seed_package):
    committed = ROOT / "datapackage"
    for path in sorted(p for p in seed_package.rglob("*") if p.is_file()):
        assert (committed / path.relative_to(seed_package)).read_bytes() == path.read_bytes(), path.name


def test_cli_build_any_folder(tmp_path):
    corpus = tmp_path / "mine"
    shutil.copytree(ROOT / "tests" / "fixtures" / "newsroom" / "articles", corpus / "articles")
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "newsdesk.cli", "build", str(corpus), "--out", str(out),
                             "--cache", str(tmp_path / "cache")], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "articles published" in result.stderr and (out / "datapackage.json").exists()
