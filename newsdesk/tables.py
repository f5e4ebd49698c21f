"""Tables: the build's records -> rows -> polars frames, checked against SCHEMAS.

SCHEMAS is the one place the tables are defined: the frames are checked against it,
the descriptor embeds it, the site's data dictionary renders it, and every row is made from
its columns (`row`).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from functools import cache

import polars as pl

from .text import name_key

ID = {"pattern": "^[a-z0-9][a-z0-9-]*$"}


def _f(name: str, type_: str, description: str, required: bool = False, format: str | None = None,
       **constraints) -> dict:
    field = {"name": name, "type": type_, "description": description} | ({"format": format} if format else {})
    if required or constraints:
        field["constraints"] = ({"required": True} if required else {}) | constraints
    return field


def _offsets(what: str) -> list[dict]:
    return [_f("start", "integer", f"Character offset where the {what} starts in the article body "
               "(the `field` column names another column where given): body[start:end] is the text.",
               minimum=0),
            _f("end", "integer", f"Character offset where the {what} ends (exclusive).", minimum=0)]


SCHEMAS: dict[str, dict] = {
    "articles": {
        "fields": [
            _f("article_id", "string", "Stable identifier, derived from the title.", True, **ID),
            _f("file", "string", "Path of the source file under articles/.", True),
            _f("title", "string", "Headline: the first non-empty line of the file.", True),
            _f("body", "string", "The story text, paragraphs separated by a blank line; dateline, byline, "
               "credits and boilerplate moved to their own columns. All offsets point into it.", True),
            _f("dateline", "string", "The dateline as written, e.g. 'TOKYO (AP) —'."),
            _f("dateline_place", "string", "The place named in the dateline."),
            _f("agency", "string", "News agency credited in the dateline, e.g. AP."),
            _f("byline", "string", "Author name(s) from the byline, comma-separated."),
            _f("credits", "string", "Credit lines, e.g. '... contributed to this report.'"),
            _f("boilerplate", "string", "Site boilerplate removed from the end of the text."),
            _f("source_credit", "string", "Outlet credited inside the text ('..., Caliber.Az reports')."),
            _f("url", "string", "Address of the original (sidecar).", format="uri"),
            _f("published", "date", "Publication date (sidecar)."),
            _f("publisher", "string", "Publisher (sidecar)."),
            _f("language", "string", "Language code (sidecar)."),
            _f("license", "string", "Licence of the article text (sidecar); if empty, the text remains "
               "its publisher's."),
            _f("word_count", "integer", "Words in the body.", True, minimum=0),
            _f("encoding", "string", "Encoding the file was decoded from."),
            _f("sha256", "string", "SHA-256 of the source file's bytes.", True, pattern="^[0-9a-f]{64}$"),
            _f("flags", "array", "Findings about the text: mojibake-repaired, suspected-spun, near-duplicate."),
            _f("spun_evidence", "array", "Phrases typical of machine-paraphrased ('spun') text found in it."),
            _f("near_duplicates", "array", "article_ids of articles with largely the same text."),
        ],
        "primaryKey": ["article_id"],
    },
    "entities": {
        "fields": [
            _f("entity_id", "string", "Stable identifier: registry id, or a slug of the name.", True, **ID),
            _f("name", "string", "Canonical name.", True),
            _f("type", "string", "person, organization or place.", True, enum=["person", "organization", "place"]),
            _f("aliases", "array", "Every other surface form seen in the corpus or given by the registry."),
            _f("wikidata", "string", "Wikidata id, from the curated registry only.", pattern="^Q[1-9][0-9]*$"),
            _f("mention_count", "integer", "Mentions in article bodies.", True, minimum=0),
            _f("article_count", "integer", "Articles linked to the entity (mentions or roles).", True, minimum=0),
            _f("quote_count", "integer", "Quotes attributed to the entity.", True, minimum=0),
        ],
        "primaryKey": ["entity_id"],
    },
    "mentions": {
        "fields": [
            _f("mention_id", "string", "Identifier: article_id, 'm' and the mention's number.", True, **ID),
            _f("article_id", "string", "The article.", True),
            _f("entity_id", "string", "The entity mentioned.", True),
            *_offsets("mention"),
            _f("text", "string", "The mention as written: body[start:end].", True),
            _f("how", "string", "How it was found: registry, ner (the model), title (after a title), "
               "speaker (untagged subject of a speech verb), label (a name opening a paragraph before a "
               "comma or colon), employer (an untagged name before a person's title: 'Acme CEO Ann Roe'), "
               "kind (a name after a noun that says what kind of body it is: 'the company Acme'), "
               "surname, acronym, role-noun ('the NATO chief'), source (outlet credit).", True),
        ],
        "primaryKey": ["mention_id"],
        "foreignKeys": [
            {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}},
            {"fields": ["entity_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}},
        ],
    },
    "quotes": {
        "fields": [
            _f("quote_id", "string", "Identifier: article_id, 'q' and the quote's number.", True, **ID),
            _f("article_id", "string", "The article.", True),
            _f("text", "string", "The quoted words without the quote marks: body[start:end].", True),
            *_offsets("quote"),
            _f("kind", "string", "full (sentences), fragment (partial quote inside a sentence), term "
               "(a single quoted word, given no speaker). Quoted titles of works, events and agreements "
               "are not quotes and are left out.", True, enum=["full", "fragment", "term"]),
            _f("speaker_id", "string", "The entity who said it; empty when the article does not say "
               "or the speaker could not be resolved."),
            _f("speaker_text", "string", "The speaker as written next to the cue ('he', 'Rutte')."),
            _f("speaker_start", "integer", "Offset of speaker_text in the body.", minimum=0),
            _f("speaker_end", "integer", "End offset of speaker_text in the body.", minimum=0),
            _f("cue", "string", "The attribution cue ('said', 'told', 'according to')."),
            _f("attribution", "string", "How the speaker was found: name, pronoun, role-noun, carried "
               "(from the quote before it), context (the person the sentence before is about), none.", True,
               enum=["name", "pronoun", "role-noun", "carried", "context", "none"]),
            _f("speaker_confidence", "number", "How likely the speaker is right, from 0 to 1, by how it was "
               "found (measured on annotated news: at 0.9 and above, at least 95% were right); empty "
               "without a speaker.", minimum=0, maximum=1),
            _f("quotation_id", "string", "The same words by the same speaker in several articles share "
               "one quotation_id (whitespace, case and punctuation ignored).", True),
            _f("paragraph", "integer", "Paragraph number in the body, from 0.", True, minimum=0),
        ],
        "primaryKey": ["quote_id"],
        "foreignKeys": [
            {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}},
            {"fields": ["speaker_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}},
        ],
    },
    "roles": {
        "fields": [
            _f("role_id", "string", "Identifier: article_id, 'r' and the role's number.", True, **ID),
            _f("entity_id", "string", "The entity described.", True),
            _f("article_id", "string", "The article.", True),
            _f("role", "string", "The title or description as written ('NATO Secretary General'), or "
               "author, contributor, agency, dateline (the place it was written), source, headline (named in "
               "the article's title).", True),
            _f("field", "string", "Article column the offsets point into.", True,
               enum=["body", "title", "byline", "credits", "dateline"]),
            *_offsets("role"),
        ],
        "primaryKey": ["role_id"],
        "foreignKeys": [
            {"fields": ["article_id"], "reference": {"resource": "articles", "fields": ["article_id"]}},
            {"fields": ["entity_id"], "reference": {"resource": "entities", "fields": ["entity_id"]}},
        ],
    },
}

POLARS_TYPES = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "date": pl.String,
                "array": pl.List(pl.String), "boolean": pl.Boolean}


def frame(name: str, rows: list[dict]) -> pl.DataFrame:
    """Rows -> a frame with exactly the schema's columns, types and order, sorted by key."""
    schema = {f["name"]: POLARS_TYPES[f["type"]] for f in SCHEMAS[name]["fields"]}
    df = pl.DataFrame(rows, schema=schema, orient="row") if rows else pl.DataFrame(schema=schema)
    return df.sort(SCHEMAS[name]["primaryKey"])


def check(frames: dict[str, pl.DataFrame]) -> list[str]:
    """Problems with the frames against SCHEMAS: columns, required values, keys. Empty when fine."""
    problems = []
    for name, schema in SCHEMAS.items():
        df = frames[name]
        expected = [f["name"] for f in schema["fields"]]
        if df.columns != expected:
            problems.append(f"{name}: columns {df.columns} != {expected}")
            continue
        for f in schema["fields"]:
            if f.get("constraints", {}).get("required") and df[f["name"]].null_count():
                problems.append(f"{name}.{f['name']}: {df[f['name']].null_count()} empty values")
        if df.select(schema["primaryKey"]).is_duplicated().any():
            problems.append(f"{name}: duplicate primary key")
        for fk in schema.get("foreignKeys", []):
            col, ref = fk["fields"][0], fk["reference"]
            known = frames[ref["resource"]][ref["fields"][0]]
            missing = df.filter(pl.col(col).is_not_null() & ~pl.col(col).is_in(known.implode()))
            if missing.height:
                problems.append(f"{name}.{col}: {missing.height} values not in {ref['resource']}")
    return problems


@cache  # asked for every row of every table: read the schema once
def columns(name: str) -> tuple[str, ...]:
    return tuple(f["name"] for f in SCHEMAS[name]["fields"])


def row(name: str, record, **derived) -> dict:
    """A row of table `name`: each column of its schema from `derived` where given, otherwise
    from the record's attribute of the same name. The schema is the one list of the columns."""
    return {column: derived[column] if column in derived else getattr(record, column)
            for column in columns(name)}


def rows(articles, per_article, article_quotes, resolution) -> dict[str, list[dict]]:
    """The rows of every table, from the articles, each article's extraction and the actors
    resolved across the corpus."""
    local = resolution.local
    mentions, roles, quote_rows = [], [], []
    for article_id, ents in per_article:
        for n, m in enumerate(ents.mentions, 1):
            if entity_id := local[(article_id, m.cluster)]:  # None: dropped as not an actor
                mentions.append(row("mentions", m, mention_id=f"{article_id}-m{n:04d}",
                                    article_id=article_id, entity_id=entity_id))
        for n, r in enumerate(ents.roles, 1):
            if entity_id := local[(article_id, r.cluster)]:
                roles.append(row("roles", r, role_id=f"{article_id}-r{n:04d}", entity_id=entity_id,
                                 article_id=article_id))
        for n, q in enumerate(article_quotes[article_id], 1):
            speaker_id = local[(article_id, q.speaker)] if q.speaker is not None else None
            quote_rows.append(row(
                "quotes", q, quote_id=f"{article_id}-q{n:04d}", article_id=article_id, speaker_id=speaker_id,
                attribution=q.attribution if speaker_id else "none",
                speaker_confidence=q.confidence if speaker_id else None,
                quotation_id=quotation_id(q.text, speaker_id)))
    mention_count = Counter(m["entity_id"] for m in mentions)
    quote_count = Counter(q["speaker_id"] for q in quote_rows if q["speaker_id"])
    linked = defaultdict(set)
    for linked_row in mentions + roles:
        linked[linked_row["entity_id"]].add(linked_row["article_id"])
    entity_rows = [row("entities", e, mention_count=mention_count[e.entity_id],
                       article_count=len(linked[e.entity_id]), quote_count=quote_count[e.entity_id])
                   for e in resolution.entities]
    article_rows = [row("articles", a) for a in articles]
    return {"articles": article_rows, "entities": entity_rows, "mentions": mentions, "quotes": quote_rows,
            "roles": roles}


def quotation_id(text: str, speaker_id: str | None) -> str:
    """One id for the same words by the same speaker, wherever they were published."""
    digest = hashlib.sha256(f"{name_key(text)}\x00{speaker_id or ''}".encode()).hexdigest()
    return f"qt-{digest[:16]}"
