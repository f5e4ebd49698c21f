"""Evaluate: build a folder of annotated articles and score the result against its gold.

GOLD_DIR holds articles/<name>.txt and gold/<name>.json:
    {"quotes": [{"text": ..., "speaker": "Full Name" | null}], "people": [...],
     "organizations": [...], "places": [...]}
Rules (the same as the shared scorer): quotes under 3 words are ignored; a predicted quote
matches a gold quote when the Dice overlap of their lower-cased word multisets is >= 0.8
(one-to-one, best first); a speaker is right when the gold name equals the predicted
entity's name or one of its aliases, ignoring case, accents, punctuation and Mr./Mrs./Ms./Dr.
(for span-style gold with a "source", when the predicted name's last word is in the span).
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

import polars as pl

from . import build

TYPES = {"people": "person", "organizations": "organization", "places": "place"}


def words(text: str | None) -> list[str]:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.findall(r"[\w’']+", text.lower().replace("’", "'"))


def norm_name(name: str) -> str:
    return " ".join(w for w in words(name) if w not in {"mr", "mrs", "ms", "dr", "the"})


def dice(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * sum((Counter(a) & Counter(b)).values()) / (len(a) + len(b))


def speaker_ok(gold: dict, name: str | None, aliases: list[str]) -> bool:
    if not gold.get("speaker") or not name:
        return False
    if "source" in gold:
        last = words(name)
        return bool(last) and last[-1] in words(gold["speaker"])
    target = norm_name(gold["speaker"])
    return target == norm_name(name) or any(target == norm_name(a) for a in aliases)


def prf(tp: int, gold: int, pred: int) -> dict:
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "n": gold}


def score(gold: dict[str, dict], predicted: dict[str, list[tuple[str, str | None, list[str]]]],
          linked: dict[tuple[str, str], set[tuple[str, tuple[str, ...]]]]) -> dict:
    """gold: name -> gold json; predicted: name -> [(text, speaker name, aliases)]; linked: entities per article."""
    t: Counter = Counter()
    for name, g in gold.items():
        gq = [q for q in g.get("quotes", []) if len(words(q["text"])) >= 3]
        pq = [p for p in predicted.get(name, []) if len(words(p[0])) >= 3]
        pairs = sorted(((dice(words(a["text"]), words(b[0])), i, j) for i, a in enumerate(gq)
                        for j, b in enumerate(pq)), reverse=True)
        used_g, used_p = set(), set()
        for d, i, j in pairs:
            if d < 0.8 or i in used_g or j in used_p:
                continue
            used_g.add(i)
            used_p.add(j)
            if not gq[i].get("speaker"):
                t["unknowable"] += bool(pq[j][1])
                continue
            key = "silver" if gq[i].get("silver") else "named"
            ok = speaker_ok(gq[i], pq[j][1], pq[j][2])
            t[f"{key}_n"] += 1
            t[f"{key}_ok"] += ok
            t["attributed_tp"] += ok
        t["gold"] += len(gq)
        t["pred"] += len(pq)
        t["tp"] += len(used_g)
        t["gold_attr"] += sum(1 for q in gq if q.get("speaker"))
        t["pred_attr"] += sum(1 for p in pq if p[1])
        for key, typ in TYPES.items():
            if key in g:
                expected = {norm_name(n) for n in g[key]}
                found = linked.get((name, typ), set())
                hits = {e for e in expected if any(e == norm_name(n) or e in map(norm_name, al) for n, al in found)}
                t[f"{key}_gold"] += len(expected)
                t[f"{key}_pred"] += len(found)
                t[f"{key}_tp"] += len(hits)
    out = {"quotes": prf(t["tp"], t["gold"], t["pred"])}
    for key in ("named", "silver"):
        if t[f"{key}_n"]:
            out[f"speaker accuracy ({key})"] = {"F1": t[f"{key}_ok"] / t[f"{key}_n"], "n": t[f"{key}_n"]}
    out["attributed quotes"] = prf(t["attributed_tp"], t["gold_attr"], t["pred_attr"] - t["unknowable"])
    for key in TYPES:
        if t[f"{key}_gold"]:
            out[key] = prf(t[f"{key}_tp"], t[f"{key}_gold"], t[f"{key}_pred"])
    return out


def run(gold_dir: Path, registry: Path | None = None, progress=None, cache: Path = Path("build/cache")) -> dict:
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((gold_dir / "gold").glob("*.json"))}
    with tempfile.TemporaryDirectory(prefix="newsdesk-eval-") as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(gold_dir / "articles", corpus / "articles")
        if registry:
            shutil.copy(registry, corpus / "actors.yml")
        out = Path(tmp) / "package"
        build.run(corpus, out, cache, progress)
        tables = {name: pl.read_parquet(out / "parquet" / f"{name}.parquet")
                  for name in ("articles", "entities", "mentions", "quotes", "roles")}
    stem = {a: Path(f).stem for a, f in tables["articles"].select("article_id", "file").iter_rows()}
    ents = {e["entity_id"]: (e["name"], e["aliases"], e["type"]) for e in tables["entities"].iter_rows(named=True)}
    predicted: dict[str, list] = {}
    for q in tables["quotes"].iter_rows(named=True):
        name, aliases, _ = ents.get(q["speaker_id"] or "", (None, [], None))
        predicted.setdefault(stem[q["article_id"]], []).append((q["text"], name, aliases))
    linked: dict[tuple[str, str], set] = {}
    for table in ("mentions", "roles"):
        for article_id, entity_id in tables[table].select("article_id", "entity_id").iter_rows():
            name, aliases, typ = ents[entity_id]
            linked.setdefault((stem[article_id], typ), set()).add((name, tuple(aliases)))
    return score(gold, predicted, linked)
