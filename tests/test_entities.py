"""Entities: people, organisations and places, resolved within and across articles."""

from __future__ import annotations

import json

import pytest
from conftest import linked_names, read_table

SEED_PEOPLE = {  # the people of the two seed articles, by a careful reading
    "000_b93b43f87ec43730.txt": {"Mark Rutte", "Pete Hegseth", "Gen Nakatani", "Shigeru Ishiba", "Aghakazim Guliyev"},
    "004_2d472f1e0b54785d.txt": {"Jens Stoltenberg", "Mao Ning", "Fumio Kishida", "Liu Zheng"},
}


def f1(expected: set, found: set) -> float:
    tp = len(expected & found)
    return 2 * tp / (len(expected) + len(found)) if expected or found else 1.0


def test_seed_people_exact_with_registry(seed_package):
    names = linked_names(seed_package)
    for file, people in SEED_PEOPLE.items():
        assert names[(file, "person")] == people


def test_seed_people_without_registry_f1(seed_package_no_registry):
    names = linked_names(seed_package_no_registry)
    tp = sum(len(people & names.get((f, "person"), set())) for f, people in SEED_PEOPLE.items())
    found = sum(len(names.get((f, "person"), set())) for f in SEED_PEOPLE)
    expected = sum(len(p) for p in SEED_PEOPLE.values())
    assert 2 * tp / (found + expected) >= 0.95


def test_seed_organisations_and_places_with_registry(seed_package):
    names = linked_names(seed_package)
    assert names[("000_b93b43f87ec43730.txt", "organization")] == {"NATO", "Caliber.Az", "Group of Seven", "IP4"}
    assert names[("004_2d472f1e0b54785d.txt", "organization")] == {
        "NATO", "Associated Press", "Keio University", "Chinese Foreign Ministry"}
    assert {"Indo-Pacific", "Yokosuka", "United States", "Washington, D.C."} <= names[("000_b93b43f87ec43730.txt", "place")]
    assert {"Asia-Pacific", "Seoul", "United Kingdom", "North Korea"} <= names[("004_2d472f1e0b54785d.txt", "place")]


def test_one_entity_per_actor_across_articles(seed_package):
    entities = {e["entity_id"]: e for e in read_table(seed_package, "entities")}
    nato = entities["nato"]
    assert nato["type"] == "organization" and int(nato["article_count"]) == 2
    us = [e for e in entities.values() if e["name"] == "United States"]
    assert len(us) == 1 and {"U.S.", "America"} <= set(eval(us[0]["aliases"]))


def test_roles_with_offsets(seed_package):
    articles = {a["article_id"]: a for a in read_table(seed_package, "articles")}
    roles = read_table(seed_package, "roles")
    found = {(r["entity_id"], r["role"]) for r in roles}
    assert ("mark-rutte", "NATO Secretary General") in found
    assert ("gen-nakatani", "Japanese Defence Minister") in found
    assert ("aghakazim-guliyev", "author") in found and ("liu-zheng", "contributor") in found
    assert ("tokyo", "dateline") in found  # "TOKYO (AP) —"
    entities = {e["entity_id"]: e for e in read_table(seed_package, "entities")}
    assert {r["entity_id"] for r in roles if r["role"] == "headline"} >= {"nato", "china"}
    for r in roles:
        written = articles[r["article_id"]][r["field"]][int(r["start"]):int(r["end"])]
        if r["role"] == "headline":  # the actor as the title writes it
            e = entities[r["entity_id"]]
            assert r["field"] == "title" and written in (e["name"], *json.loads(e["aliases"]))
        else:
            assert r["role"] in ("author", "contributor", "agency", "dateline", "source") or written == r["role"]


def test_role_noun_becomes_mention(seed_package):
    mentions = read_table(seed_package, "mentions")
    assert any(m["entity_id"] == "mark-rutte" and m["text"] == "The NATO chief" for m in mentions)


def test_mention_offsets(seed_package, newsroom_package):
    for package in (seed_package, newsroom_package):
        bodies = {a["article_id"]: a["body"] for a in read_table(package, "articles")}
        for m in read_table(package, "mentions"):
            assert bodies[m["article_id"]][int(m["start"]):int(m["end"])] == m["text"]


@pytest.mark.parametrize("kind", ["people", "organizations", "places"])
def test_newsroom_fixtures(newsroom_package, newsroom_expected, kind):
    names = linked_names(newsroom_package)
    typ = {"people": "person", "organizations": "organization", "places": "place"}[kind]
    for file, expected in newsroom_expected.items():
        if kind in expected:
            found = names.get((file, typ), set())
            if kind == "people":
                assert found == set(expected[kind]), file
            else:
                assert set(expected[kind]) <= found, file


def test_registry_matcher_longest_whole_words():
    from newsdesk.entities import RegistryMatcher
    from newsdesk.registry import parse

    reg = parse("actors:\n  - {id: us, name: United States, type: place, aliases: [U.S., US]}\n"
                "  - {id: usa-today, name: USA Today, type: organization}\n"
                "  - {id: un, name: United Nations, type: organization, aliases: [UN]}\n")
    found = RegistryMatcher(reg).find("The U.S.-led UN plan, USA Today said; UNESCO and USAID not; United Nations.")
    assert [(a.id, s) for s, _, a in found] == [("us", 4), ("un", 13), ("usa-today", 22), ("un", 60)]


@pytest.mark.parametrize(("word", "surname", "same"), [
    ("Ortgea", "Ortega", True),  # two letters swapped
    ("Lindqvst", "Lindqvist", True),  # a letter dropped
    ("Harris", "Harrison", False),  # a longer name is another family's
    ("Browne", "Brown", False),
    ("Lea", "Lee", False),  # short names are too close to tell
    ("Mortega", "Ortega", False),  # a different first letter
])
def test_mistyped_surname(word, surname, same):
    from newsdesk import names

    assert names.is_misspelling(word, surname) is same


def test_article_and_headline_actors_leave_the_given_lists_as_they_were():
    import copy

    from newsdesk import entities, ingest, nlp, registry

    text = "Governor Oyelaran Visits Harbor\n\nBy Dana Holt\n\nOyelaran toured the harbor with Ann Cole on Monday."
    article, _ = ingest.parse_article("t.txt", text.encode())
    model = nlp.load()
    matcher = entities.RegistryMatcher(registry.Registry())
    body = entities.extract(model(article.body), article, matcher)
    clusters, roles = body.clusters[:1], []  # a body's lists as the earlier step left them
    before = copy.deepcopy((clusters, roles))
    with_byline, byline_roles = entities._add_article_actors(article, clusters, roles, matcher)
    with_title, _ = entities._add_headline_actors(model(article.title), with_byline, byline_roles, matcher)
    assert (clusters, roles) == before  # nothing added to or changed in the given lists
    assert len(with_title) > len(clusters) and any(r.role == "author" for r in byline_roles)
