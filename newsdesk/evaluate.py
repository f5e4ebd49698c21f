"""Evaluate: build a folder of annotated articles and score the result against its gold.

GOLD_DIR holds articles/<name>.txt and gold/<name>.json:
    {"quotes": [{"text": ..., "speaker": "Full Name" | null}], "people": [...],
     "organizations": [...], "places": [...], "aliases": {"Full Name": ["Other Form"]}}
The rules are those of the shared scorer (`../shared/eval/score.py`; a test holds the two
together): quotes under 3 words are ignored; a predicted quote matches a gold quote when the
Dice overlap of their lower-cased word multisets is >= 0.8 (one-to-one, best first); a speaker
or entity is right when the gold name or one of its gold aliases equals the predicted entity's
name or one of its aliases, ignoring case, accents, punctuation and Mr./Mrs./Ms./Dr./the; where
the article writes none of a person's full forms, the surname alone counts; for span-style gold
(with a "source"), when the predicted name's last word is in the span.

Beyond the scores it returns what a newsroom needs to see where the tool fails on its own sample:
a calibration table (how often speakers at each confidence were right) and the errors, by class.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from . import build

TYPES = {"people": "person", "organizations": "organization", "places": "place"}
# Confidence bands of the calibration table, highest first: (label, lowest confidence in it).
BANDS = (("0.9 - 1.0", 0.9), ("0.8 - 0.9", 0.8), ("0.6 - 0.8", 0.6), ("0.4 - 0.6", 0.4), ("0.0 - 0.4", 0.0))


@dataclass(frozen=True)
class Predicted:
    """A quote as the package gives it, with its speaker's names (empty without a speaker)."""

    text: str
    speaker: str | None = None
    aliases: tuple[str, ...] = ()
    attribution: str = "none"
    confidence: float | None = None
    speaker_text: str | None = None


@dataclass
class Evaluation:
    scores: dict
    calibration: list[dict]
    errors: dict[str, list[dict]] = field(default_factory=dict)


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


def gold_forms(name: str, aliases: dict, text: str | None) -> set[str]:
    """A gold actor's canonical name and its other full forms; the surname too where the article
    writes none of them (no reader of that article alone could give more)."""
    full = [name, *aliases.get(name, [])]
    forms = {norm_name(n) for n in full}
    if text is not None and len(words(name)) > 1 and not any(norm_name(n) in norm_name(text) for n in full):
        forms.add(words(name)[-1])
    return forms


def speaker_ok(gold: dict, quote: Predicted, aliases: dict, text: str | None) -> bool:
    if not gold.get("speaker") or not quote.speaker:
        return False
    if "source" in gold:
        last = words(quote.speaker)
        return bool(last) and last[-1] in words(gold["speaker"])
    return bool(gold_forms(gold["speaker"], aliases, text) & {norm_name(n) for n in (quote.speaker, *quote.aliases)})


def prf(tp: int, gold: int, pred: int) -> dict:
    p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "n": gold}


def _match(gold_quotes: list[dict], predicted: list[Predicted]) -> list[tuple[int, int]]:
    pairs = sorted(((dice(words(g["text"]), words(p.text)), i, j) for i, g in enumerate(gold_quotes)
                    for j, p in enumerate(predicted)), reverse=True)
    used_g, used_p, matched = set(), set(), []
    for d, i, j in pairs:
        if d >= 0.8 and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            matched.append((i, j))
    return matched


def _error(errors: dict, kind: str, article: str, text: str, gold=None, found: Predicted | None = None) -> None:
    row = {"article": article, "quote": text}
    if gold is not None:
        row["gold speaker"] = gold
    if found is not None and found.speaker:
        row.update({"found": found.speaker, "as written": found.speaker_text, "method": found.attribution,
                    "confidence": found.confidence})
    errors[kind].append(row)


def score(gold: dict[str, dict], texts: dict[str, str | None], predicted: dict[str, list[Predicted]],
          linked: dict[tuple[str, str], set[tuple[str, tuple[str, ...], str]]]) -> Evaluation:
    """gold: name -> gold json; texts: name -> article text; predicted: name -> its quotes;
    linked: (name, entity type) -> {(entity name, aliases, entity id)} linked to the article."""
    t: Counter = Counter()
    bands: dict[str, Counter] = {label: Counter() for label, _ in BANDS}
    errors: dict[str, list[dict]] = defaultdict(list)
    identity = defaultdict(set)   # gold actor -> entity ids it was found as
    claimed = defaultdict(set)    # entity id -> gold actors it was matched to
    for name, g in gold.items():
        _score_quotes(name, g, texts.get(name), predicted.get(name, []), t, bands, errors)
        _score_entities(name, g, texts.get(name), linked, t, identity, claimed, errors)
    scores = {"quotes": prf(t["tp"], t["gold"], t["pred"])}
    for key in ("named", "silver"):
        if t[f"{key}_n"]:
            scores[f"speaker accuracy ({key})"] = {"F1": t[f"{key}_ok"] / t[f"{key}_n"], "n": t[f"{key}_n"]}
    scores["attributed quotes"] = prf(t["attributed_tp"], t["gold_attr"], t["pred_attr"] - t["unknowable"])
    for key in TYPES:
        if t[f"{key}_gold"]:
            scores[key] = prf(t[f"{key}_tp"], t[f"{key}_gold"], t[f"{key}_pred"])
    entity_names = {entity_id: entity for found in linked.values() for entity, _, entity_id in found}
    for (_, actor), ids in sorted(identity.items()):
        if len(ids) > 1:
            errors["actor split into several entities"].append(
                {"article": "*", "name": actor, "found as": sorted(entity_names[i] for i in ids)})
    for entity_id, actors in sorted(claimed.items()):
        if len(actors) > 1:
            errors["entity merging several actors"].append(
                {"article": "*", "name": entity_names[entity_id], "gold actors": sorted(a for _, a in actors)})
    if identity:
        scores["actors"] = {"linked": len(identity), "splits": sum(len(ids) > 1 for ids in identity.values()),
                            "merges": sum(len(actors) > 1 for actors in claimed.values())}
    calibration = [{"confidence": label, "n": c["n"], "right": c["right"],
                    "share right": c["right"] / c["n"] if c["n"] else None} for label, c in bands.items()]
    return Evaluation(scores, calibration, dict(sorted(errors.items(), key=lambda kv: -len(kv[1]))))


def _score_quotes(name: str, g: dict, text: str | None, predicted: list[Predicted], t: Counter,
                  bands: dict[str, Counter], errors: dict[str, list[dict]]) -> None:
    aliases = g.get("aliases") or {}
    gq = [q for q in g.get("quotes", []) if len(words(q["text"])) >= 3]
    pq = [p for p in predicted if len(words(p.text)) >= 3]
    matched = _match(gq, pq)
    for i, j in matched:
        gold_q, found = gq[i], pq[j]
        if not gold_q.get("speaker"):
            if found.speaker:
                t["unknowable"] += 1
                _error(errors, "speaker given where the article names none", name, found.text, None, found)
            continue
        key = "silver" if gold_q.get("silver") else "named"
        ok = speaker_ok(gold_q, found, aliases, text)
        t[f"{key}_n"] += 1
        t[f"{key}_ok"] += ok
        t["attributed_tp"] += ok
        if found.speaker and found.confidence is not None:
            band = next(label for label, low in BANDS if found.confidence >= low)
            bands[band]["n"] += 1
            bands[band]["right"] += ok
        if not found.speaker:
            _error(errors, "speaker missing", name, found.text, gold_q["speaker"])
        elif not ok:
            _error(errors, f"wrong speaker ({found.attribution})", name, found.text, gold_q["speaker"], found)
    found_g, found_p = {i for i, _ in matched}, {j for _, j in matched}
    for i in set(range(len(gq))) - found_g:
        _error(errors, "quote missed", name, gq[i]["text"], gq[i].get("speaker"))
    for j in set(range(len(pq))) - found_p:
        _error(errors, "not a quote in the gold", name, pq[j].text, None, pq[j])
    t["gold"] += len(gq)
    t["pred"] += len(pq)
    t["tp"] += len(matched)
    t["gold_attr"] += sum(1 for q in gq if q.get("speaker"))
    t["pred_attr"] += sum(1 for p in pq if p.speaker)


def _score_entities(name: str, g: dict, text: str | None, linked: dict, t: Counter,
                    identity: dict, claimed: dict, errors: dict[str, list[dict]]) -> None:
    aliases = g.get("aliases") or {}
    for key, typ in TYPES.items():
        if key not in g:
            continue
        expected = {norm_name(n): gold_forms(n, aliases, text if key == "people" else None) for n in g[key]}
        found = linked.get((name, typ), set())
        hits, used = set(), set()
        for actor, forms in expected.items():
            for entity, entity_aliases, entity_id in found:
                if forms & {norm_name(entity), *map(norm_name, entity_aliases)}:
                    hits.add(actor)
                    used.add(entity_id)
                    identity[(key, actor)].add(entity_id)
                    claimed[entity_id].add((key, actor))
        for actor in sorted(set(expected) - hits):
            errors[f"{typ} missed"].append({"article": name, "name": actor})
        for entity, _, entity_id in sorted(found):
            if entity_id not in used:
                errors[f"{typ} not in the gold"].append({"article": name, "name": entity})
        t[f"{key}_gold"] += len(expected)
        t[f"{key}_pred"] += len(found)
        t[f"{key}_tp"] += len(hits)


def run(gold_dir: Path, registry: Path | None = None, progress=None,
        cache: Path = Path("build/cache")) -> Evaluation:
    gold = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((gold_dir / "gold").glob("*.json"))}
    texts = {name: (p.read_text(encoding="utf-8") if (p := gold_dir / "articles" / f"{name}.txt").exists() else None)
             for name in gold}
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
    ents = {e["entity_id"]: (e["name"], tuple(e["aliases"]), e["type"]) for e in tables["entities"].iter_rows(named=True)}
    predicted: dict[str, list[Predicted]] = defaultdict(list)
    for q in tables["quotes"].iter_rows(named=True):
        name, aliases, _ = ents.get(q["speaker_id"] or "", (None, (), None))
        predicted[stem[q["article_id"]]].append(Predicted(q["text"], name, aliases, q["attribution"],
                                                          q["speaker_confidence"], q["speaker_text"]))
    linked: dict[tuple[str, str], set] = defaultdict(set)
    for table in ("mentions", "roles"):
        for article_id, entity_id in tables[table].select("article_id", "entity_id").iter_rows():
            name, aliases, typ = ents[entity_id]
            linked[(stem[article_id], typ)].add((name, aliases, entity_id))
    return score(gold, texts, predicted, linked)
