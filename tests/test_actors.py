"""Actors across a corpus: names parsed with reference data, variants joined, namesakes and
junk kept out. Every sentence here was written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import build_articles, read_table

from newsdesk import names
from newsdesk.entities import ArticleEntities, Cluster, Mention
from newsdesk.registry import Registry
from newsdesk.resolve import resolve


@pytest.mark.parametrize("a, b, same", [
    ("Colin L. Powell", "Colin Powell", True),         # a middle initial is optional
    ("Joseph R. Biden", "Joe Biden", True),            # a nickname of the given name
    ("Hillary Rodham Clinton", "Hillary Clinton", True),
    ("George W. Bush", "George H.W. Bush", False),     # middles that conflict
    ("Bill Clinton", "Hillary Clinton", False),        # namesakes
    ("Jeb Bush", "George W. Bush", False),
    ("Maria Lopez", "Maria Lopez-Garcia", False),
    ("Samuel Hayes Jr.", "Samuel Hayes III", False),   # a parent and a child
    ("Samuel Hayes Jr.", "Samuel Hayes", True),
])
def test_same_person(a, b, same):
    assert names.same_person(a, b) is same
    assert names.same_person(b, a) is same


def test_reference_data_types_and_places():
    assert names.canonical_place("Russian Federation") == "Russia"
    assert names.canonical_place("Kingdom of Bahrain") == "Bahrain"
    assert names.canonical_place("State of Texas") == "Texas"  # the formal style of a US state
    assert names.name_type("Ministry of Agriculture") == "organization"
    assert names.name_type("Acme Holdings Inc") == "organization"
    assert names.name_type("Museum of Modern Art") == "place"
    assert names.name_type("Kenya") == "place"
    assert names.name_type("Gina Okafor") == "person"
    assert names.name_type("Asia Pacific") is None  # a given name that is also a continent
    assert names.name_type("ADA Summit") == "event"  # an acronym in capitals ("Ada") is not a given name
    assert names.name_type("Riverside Space Center") == "place"  # buildings and bases are places
    assert names.name_type("Grand Forks Air Force Base") == "place"
    assert names.name_type("G20") == "organization"
    assert names.name_type("Harbor Leaders Summit") == "event"
    assert names.name_type("Partnership for Clean Ports") == "event"
    assert names.name_type("Steven Law") != "event" and names.name_type("Kristen Day") != "event"
    assert names.name_type("Selby United") == names.name_type("Harwick Rovers") == "organization"  # clubs
    assert names.name_type("United Arab Emirates") == "place"
    assert names.name_type("Harwell Capital") == names.name_type("Brantley Energy") == "organization"  # companies
    assert names.is_particle("von") and names.is_particle("bin") and not names.is_particle("Smith")
    assert names.is_common_word("Laughter") and names.is_common_word("Thursday")
    assert not names.is_common_word("Paris") and not names.is_common_word("NATO")


def _article(*clusters: tuple[str, str, int]) -> ArticleEntities:
    """An article's actors: (form, type, mentions) each, with lower-case uses of one-word forms 0."""
    made, mentions = [], []
    for i, (form, type_, n) in enumerate(clusters):
        made.append(Cluster(i, votes=Counter({type_: n}), forms=Counter({form: n})))
        mentions += [Mention(0, len(form), form, i, "ner") for _ in range(n)]
    return ArticleEntities(made, mentions, [])


def _by_name(resolution):
    return {e.name: e for e in resolution.entities}


def test_variants_of_one_person_are_one_actor():
    per_article = [("a1", _article(("Tony Marsh", "person", 3))),
                   ("a2", _article(("Marsh", "person", 2))),
                   ("a3", _article(("Tony R. Marsh", "person", 1)))]
    r = resolve(per_article, Registry())
    assert len({r.local[("a1", 0)], r.local[("a2", 0)], r.local[("a3", 0)]}) == 1
    assert len(r.merges) == 2 and "Marsh" in {m["name"] for m in r.merges}  # each join recorded
    assert all(m["why"] for m in r.merges)


def test_namesakes_stay_apart_and_are_suggested():
    per_article = [("a1", _article(("Bill Clinton", "person", 3))),
                   ("a2", _article(("Hillary Clinton", "person", 3))),
                   ("a3", _article(("Clinton", "person", 2)))]
    r = resolve(per_article, Registry())
    ids = {r.local[(a, 0)] for a in ("a1", "a2", "a3")}
    assert len(ids) == 3
    assert any("Clinton" in s["names"] and len(s["names"]) == 3 for s in r.suggestions)


def test_a_lone_surname_joins_its_far_more_named_bearer():
    per_article = [("a1", _article(("Helen Varga", "person", 40))),
                   ("a2", _article(("Marco Varga", "person", 1))),
                   ("a3", _article(("Varga", "person", 5)))]
    r = resolve(per_article, Registry())
    assert r.local[("a3", 0)] == r.local[("a1", 0)] != r.local[("a2", 0)]


def test_acronym_joins_its_expansion_and_keeps_the_long_name():
    per_article = [("a1", _article(("Coastal Research Council", "organization", 2))),
                   ("a2", _article(("CRC", "organization", 4)))]
    r = resolve(per_article, Registry())
    assert r.local[("a1", 0)] == r.local[("a2", 0)]
    assert _by_name(r)["Coastal Research Council"].aliases == ["CRC"]


def test_letters_wordnet_knows_as_another_actor_are_no_acronym_of_a_name():
    per_article = [("a1", _article(("Open Harbor", "organization", 2), ("Grand Shipping Alliance", "organization", 1),
                                   ("Central Intelligence Agency", "organization", 1))),
                   ("a2", _article(("OH", "organization", 1), ("GSA", "organization", 3), ("CIA", "organization", 2),
                                   ("G.O.P.", "organization", 1), ("Republican Party", "organization", 4)))]
    r = resolve(per_article, Registry())
    assert r.local[("a2", 0)] != r.local[("a1", 0)]  # "OH" is Ohio
    assert r.local[("a2", 1)] != r.local[("a1", 1)]  # "GSA" is the General Services Administration
    assert r.local[("a2", 2)] == r.local[("a1", 2)]  # "CIA" is this agency
    assert r.local[("a2", 3)] == r.local[("a2", 4)]  # dotted letters are looked up too


def test_a_common_word_after_a_title_only_now_and_then_is_no_surname():
    rarely, often = _article(("Lantern", "person", 40)), _article(("Brown", "person", 10))
    rarely.clusters[0].titled, often.clusters[0].titled = 1, 6  # "President Lantern" once, "Mr Brown" often
    rarely.clusters[0].lower_uses = 20  # ("lantern" in lower case too: no brand's name)
    r = resolve([("a1", rarely), ("a2", often)], Registry())
    assert set(_by_name(r)) == {"Brown"} and [d["name"] for d in r.dropped] == ["Lantern"]


def test_a_name_with_a_possessive_inside_gives_no_surname():
    r = resolve([("a1", _article(("Harbor Press’ Lantern", "person", 1))), ("a2", _article(("Lantern", "person", 5)))],
                Registry())
    assert r.local[("a1", 0)] != r.local[("a2", 0)]  # "Lantern" is no one's surname here


def test_the_abbreviation_of_a_kind_of_body_is_no_actor():
    r = resolve([("a1", _article(("PAC", "organization", 5), ("NGO", "organization", 2), ("PBS", "organization", 3),
                                 ("NATO", "organization", 2)))], Registry())
    assert set(_by_name(r)) == {"PBS", "NATO"}  # "PBS" is a solution to WordNet, which knows no body of that name
    assert {d["name"] for d in r.dropped} == {"PAC", "NGO"}


def test_a_body_in_a_state_or_city_is_a_branch_but_in_a_country_the_body():
    per_article = [("a1", _article(("Harbor Party", "organization", 5))),
                   ("a2", _article(("Harbor Party of Ohio", "organization", 2))),
                   ("a3", _article(("Harbor Party of the United States", "organization", 1)))]
    r = resolve(per_article, Registry())
    assert r.local[("a2", 0)] != r.local[("a1", 0)] == r.local[("a3", 0)]


def test_lawsuits_web_addresses_and_glued_text_are_no_names():
    assert names.name_type("Cole v. Harbor Board") == names.name_type("Reyes vs. Reyes") == "event"
    assert names.is_lawsuit("Reyes v. Reyes") and not names.is_lawsuit("Reyes Harbor V")  # no party's mention
    for text in ("http://example.com/Harbor", "paranoia,”Cole", "wounded.--Ann Cole", "pier?Tom", "Weak - Cole"):
        assert not names.could_be_name(text), text
    for text in ("AT&T", "Yahoo!", "Ann B. Cole", "Harbor-Side Trust", "Jean-Luc Picard"):
        assert names.could_be_name(text), text


def test_a_lower_case_word_before_a_name_is_not_part_of_it():
    _, ents = _extract("Port vote\n\nMembers left the Harbor Party meeting early. The last Harbor Party "
                       "convention was in 2010, when al-Rashid Group paid for it.")
    found = {c.name for c in ents.clusters}
    assert "Harbor Party" in found and not any(n.startswith("last") for n in found), found


def test_a_plural_surname_is_a_family_and_words_made_from_names_are_no_actors():
    per_article = [("a1", _article(("Bill Harlow", "person", 3), ("Harlows", "person", 2), ("Harlow-era", "person", 1))),
                   ("a2", _article(("U.S.-Canada", "organization", 2), ("Guinea-Bissau", "place", 1),
                                   ("Ann Marsh", "person", 1), ("Marsh-backed", "person", 1)))]
    r = resolve(per_article, Registry())
    found = {(e.name, e.type) for e in r.entities}
    assert ("Harlow family", "organization") in found and ("Guinea-Bissau", "place") in found
    assert not {name for name, _ in found} & {"Harlows", "Harlow-era", "U.S.-Canada", "Marsh-backed"}
    assert {"Harlow-era", "U.S.-Canada", "Marsh-backed"} <= {d["name"] for d in r.dropped}


def test_a_title_word_ending_a_titled_name_is_its_surname():
    _, ents = _extract("Vote\n\n“It will not be easy,” said Representative Ann T. King of Ohio on Monday. "
                       "Governor Lena Judge agreed. Mr. President, Mr. Vice President, guests: good evening.")
    people = {c.name for c in ents.clusters if c.type == "person"}
    assert {"Ann T. King", "Lena Judge"} <= people
    assert not any("President" in name for name in people), people


def test_a_place_abbreviated_inside_a_name_and_a_building_without_its_namesakes_given_names():
    assert names.canonical_place("Los Angeles") == "Los Angeles"  # the most populous city of a name
    per_article = [("a1", _article(("East L.A.", "place", 2), ("Maria T. Harlow Center", "place", 1),
                                   ("Ann Arbor Hospital", "place", 1))),
                   ("a2", _article(("East Los Angeles", "place", 1), ("Harlow Center", "place", 2),
                                   ("Arbor Hospital", "place", 1)))]
    r = resolve(per_article, Registry())
    assert r.local[("a1", 0)] == r.local[("a2", 0)] and r.local[("a1", 1)] == r.local[("a2", 1)]
    assert r.local[("a1", 2)] != r.local[("a2", 2)]  # named for a city, not for an Ann


def test_names_that_differ_by_an_article_are_one_actor():
    per_article = [("a1", _article(("Republic of the Harbor Islands", "place", 2))),
                   ("a2", _article(("Republic of Harbor Islands", "place", 1))),
                   ("a3", _article(("Harbor Islands Trust", "organization", 1)))]
    r = resolve(per_article, Registry())
    assert r.local[("a1", 0)] == r.local[("a2", 0)] != r.local[("a3", 0)]


def test_titles_and_common_words_are_not_actors():
    state = _article(("State", "organization", 3), ("Laughter", "person", 2), ("Harbour Board", "organization", 1))
    state.clusters[0].lower_uses = 5  # "the state" elsewhere in the article
    r = resolve([("a1", state)], Registry())
    assert set(_by_name(r)) == {"Harbour Board"}
    assert {d["name"] for d in r.dropped} == {"State", "Laughter"}
    assert r.local[("a1", 0)] is None


def test_a_common_word_or_its_plural_is_not_a_person_even_as_a_given_name():
    word = _article(("Just", "person", 2), ("Gloria", "person", 3), ("Remarks", "person", 1))
    word.clusters[0].lower_uses = 4  # "just" elsewhere in the article
    r = resolve([("a1", word)], Registry())
    assert set(_by_name(r)) == {"Gloria"}


def test_a_people_place_or_deity_the_dictionary_knows_is_not_a_person():
    words = _article(("Lithuanian", "person", 1), ("Zeus", "person", 2), ("Okonkwo", "person", 1))
    r = resolve([("a1", words)], Registry())
    assert set(_by_name(r)) == {"Okonkwo"}


def test_a_title_typed_as_a_body_is_not_an_actor():
    titles = _article(("National Harbor Advisor", "organization", 2), ("Founder of Harbor Watch", "organization", 1),
                      ("Harbor Watch", "organization", 1), ("Boats With Justice", "organization", 1))
    r = resolve([("a1", titles)], Registry())
    assert set(_by_name(r)) == {"Harbor Watch", "Boats With Justice"}


def test_events_and_agreements_are_not_actors():
    summit = _article(("Harbor Leaders Summit", "organization", 3), ("Dana Day", "person", 2))
    r = resolve([("a1", summit)], Registry())
    assert set(_by_name(r)) == {"Dana Day"}
    assert [d["name"] for d in r.dropped] == ["Harbor Leaders Summit"]
    # a given name before a plural head or a common word before any is no one's name
    assert names.name_type("Isaac Accords") == names.name_type("Free Harbor Partnership") == "event"
    assert names.name_type("Steven Law") == names.name_type("Tom Bill") == "person"


def test_an_institution_always_capitalised_stays():
    senate = _article(("Senate", "organization", 4))
    r = resolve([("a1", senate)], Registry())
    assert set(_by_name(r)) == {"Senate"}


ARTICLES = {
    "one.txt": """Harbor council backs sea wall

Dana Whitfield, director of the Harbor Institute, welcomed the vote on Monday.

Dana Whitfield, director of the Harbor Institute: “This wall will protect ten thousand homes from the next storm.”

The Tories said the plan came too late. Kim Jong-un was not mentioned.
""",
    "two.txt": """Sea wall approved

The council approved the wall after a long debate, and Whitfield spoke to reporters.

“This wall will protect ten thousand homes from the next storm,” Whitfield said.
""",
}


@pytest.fixture(scope="module")
def actors_package(tmp_path_factory, cache):
    return build_articles(ARTICLES, tmp_path_factory.mktemp("actors"), cache)


def test_colon_label_speaker_confidence_and_one_quotation(actors_package):
    entities = {e["entity_id"]: e for e in read_table(actors_package, "entities")}
    quotes = [q for q in read_table(actors_package, "quotes") if q["text"].startswith("This wall")]
    assert len(quotes) == 2
    assert {entities[q["speaker_id"]]["name"] for q in quotes} == {"Dana Whitfield"}
    assert len({q["quotation_id"] for q in quotes}) == 1  # the same words, the same speaker
    assert all(0 < float(q["speaker_confidence"]) <= 1 for q in quotes)


def test_party_members_and_hyphenated_names(actors_package):
    names_ = {e["name"]: e["type"] for e in read_table(actors_package, "entities")}
    assert names_.get("Conservative Party") == "organization"
    assert "Kim Jong-un" in names_ and "Kim Jong" not in names_


def test_a_lower_case_party_word_is_no_mention():
    """The model may tag a lower-case "tory" as a group; trimmed to nothing, it is no mention."""
    from spacy.tokens import Span

    from newsdesk import entities, ingest, nlp, registry

    article, _ = ingest.parse_article("t.txt", b"Donors\nShe met a tory donor in Leeds on Friday.")
    doc = nlp.load()(article.body)
    word = next(t.i for t in doc if t.text == "tory")
    doc.ents = [Span(doc, word, word + 1, label="NORP")]
    ents = entities.extract(doc, article, entities.RegistryMatcher(registry.Registry()))
    assert all(article.body[m.start:m.end] == m.text and m.text for m in ents.mentions)
    assert "tory" not in {m.text for m in ents.mentions}


def _extract(text: str, headline: bool = False):
    """One article (title line, then body) through the real model and the entity stage; the
    headline's actors too when `headline`."""
    from newsdesk import entities, ingest, nlp, registry

    article, _ = ingest.parse_article("t.txt", text.encode())
    model = nlp.load()
    matcher = entities.RegistryMatcher(registry.Registry())
    return article, entities.extract(model(article.body), article, matcher, model(article.title) if headline else None)


def _mention_names(ents) -> list[tuple[str, str]]:
    """Each mention's text and the name of its actor."""
    return [(m.text, ents.clusters[m.cluster].name) for m in ents.mentions]


def test_headline_names_the_body_person_in_full():
    article, ents = _extract(
        "Mayor Nora Lindqvist Defends Harbor Budget\n\nNora told the council on Monday that the budget was balanced.",
        headline=True)
    headline = [r for r in ents.roles if r.role == "headline"]
    names_ = {ents.clusters[r.cluster].name for r in headline}
    assert "Nora Lindqvist" in names_
    assert all(article.title[r.start:r.end] in article.title and r.field == "title" for r in headline)
    assert not any("Defends" in c.name for c in ents.clusters)


def test_title_case_verbs_do_not_join_a_name():
    _, ents = _extract(
        "Dana Whitfield Slams Budget Cuts\n\nDana Whitfield said the cuts would close two clinics.", headline=True)
    people = {c.name for c in ents.clusters if c.type == "person"}
    assert people == {"Dana Whitfield"}
    assert any(r.role == "headline" for r in ents.roles)
    _, ents = _extract("President Dana K. Whitlow Brings Tomas Varga Home\n\nThe president met Tomas Varga on Monday.",
                       headline=True)  # a middle initial is never the end of a name
    assert {c.name for c in ents.clusters if c.type == "person"} == {"Dana K. Whitlow", "Tomas Varga"}


def test_starter_registry_from_a_build(actors_package, tmp_path):
    from typer.testing import CliRunner

    from newsdesk import registry
    from newsdesk.cli import app

    out = tmp_path / "actors.yml"
    args = ["actors", "--package", str(actors_package), "--out", str(out), "--min-mentions", "1"]
    assert CliRunner().invoke(app, args).exit_code == 0
    loaded = registry.parse(out.read_text(encoding="utf-8"))
    whitfield = next(a for a in loaded.actors.values() if a.name == "Dana Whitfield")
    assert whitfield.type == "person" and "Whitfield" in whitfield.aliases
    assert "director of the Harbor Institute" in whitfield.roles
    again = CliRunner().invoke(app, args)  # a curated file is never overwritten without --force
    assert again.exit_code == 1 and "exists" in again.output


def test_names_end_at_line_breaks_and_titles_keep_their_fields():
    _, ents = _extract("Harbor talks\n\nThe Secretary of Commerce met the Harbor Trust at the Riverside "
                       "Congress Centre\n\nOslo hosted the talks.")
    assert all("\n" not in m.text for m in ents.mentions)
    assert "Commerce" not in {c.name for c in ents.clusters}
    assert names.name_type("Centre for Coastal Studies") == "organization"
    assert names.name_type("Municipality of Harborview") == "organization"
    assert names.name_type("Russian Federation") == "place"
    assert names.name_type("Harborview Star") == "organization" and names.name_type("Sun Valley") != "organization"


def test_a_city_written_with_its_district_is_one_place():
    _, ents = _extract("Visits\n\nShe spoke in Washington, D.C. on Monday and in Austin, Texas on Friday.")
    places = {c.name for c in ents.clusters if c.type == "place"}
    assert "Washington, D.C." in places and {"Austin", "Texas"} <= places  # only a whole the gazetteer knows


def test_the_end_of_a_full_name_and_a_family_name_first_join_their_person():
    per_article = [("a1", _article(("Ana Maria Diaz Ortega", "person", 3), ("Tanaka Kenji", "person", 2))),
                   ("a2", _article(("Diaz Ortega", "person", 2), ("Tanaka", "person", 2))),
                   ("a3", _article(("Luis Ortega", "person", 2)))]
    r = resolve(per_article, Registry())
    assert r.local[("a2", 0)] == r.local[("a1", 0)] != r.local[("a3", 0)]
    assert r.local[("a2", 1)] == r.local[("a1", 1)]
    assert _by_name(r)["Ana Maria Diaz Ortega"]


def test_a_transcript_label_in_capitals_names_the_person():
    _, ents = _extract("Press briefing\n\nPrime Minister Kenji Tanaka met the press on Monday.\n\n"
                       "PRIME MINISTER TANAKA: Thank you all for coming.\n\nMODERATOR: Next question.\n\n"
                       "KING HAMAD II: We welcome the agreement.")
    people = {c.name: c for c in ents.clusters if c.type == "person"}
    assert set(people) == {"Kenji Tanaka", "Hamad II"}
    assert people["Kenji Tanaka"].forms["TANAKA"] == 1
    assert names.name_type("World War II") != "person" and names.ordinary_case("KING ANN II JFK") == "King Ann II JFK"


def test_a_body_named_with_its_complement_stays_whole():
    _, ents = _extract("Aid cuts\n\nThe Coastal Agency for Ocean Research said on Monday that funds would "
                       "be cut. A fellow at the Harbor Institute Center for Marine Policy agreed. Colorado State "
                       "University of the US will host the talks.")
    orgs = {c.name for c in ents.clusters if c.type == "organization"}
    assert {"Coastal Agency for Ocean Research", "Harbor Institute Center for Marine Policy"} <= orgs
    assert not any(name.endswith("US") for name in orgs)  # where it is, not part of its name


def test_an_abbreviation_and_a_short_name_join_the_full_name():
    per_article = [("a1", _article(("U.S. Agency for Ocean Research", "organization", 2),
                                   ("Acme Foundation for the Arts", "organization", 2))),
                   ("a2", _article(("USAOR", "organization", 2), ("Acme Foundation", "organization", 1)))]
    r = resolve(per_article, Registry())
    assert r.local[("a2", 0)] == r.local[("a1", 0)] and r.local[("a2", 1)] == r.local[("a1", 1)]


def test_a_surname_that_is_also_a_title_keeps_its_suffix():
    _, ents = _extract("Test\n\nThe choir sang for the Rev. Dr. Samuel Hayes King, Jr., who preached here in 1961. "
                       "Dr. King wrote about the visit for years.")
    assert [c.name for c in ents.clusters if c.type == "person"] == ["Samuel Hayes King, Jr."]


def test_an_outlet_given_as_a_source_is_an_organisation():
    from newsdesk import nlp, quotes

    article, ents = _extract("Test\n\nBy nightfall the pier was empty, according to the Perth Morning Herald. Net "
                             "World's recent analysis of its own traffic concluded, “Readers left the site within a "
                             "minute.”")
    orgs = {c.name for c in ents.clusters if c.type == "organization"}
    assert {"Perth Morning Herald", "Net World"} <= orgs  # the model tags neither as an organisation
    (q,) = quotes.extract(nlp.load()(article.body), ents)
    assert ents.clusters[q.speaker].name == "Net World"


def test_plural_titles_and_a_possessive_start_are_not_part_of_a_name():
    _, ents = _extract("Test\n\nThe talks were led by Vice Presidents Margit Olander and Tomas Berg. Guests "
                       "toured the Governor’s Residence on Monday.")
    names_ = {c.name for c in ents.clusters}
    assert "Margit Olander" in names_ and not any(n.startswith(("Vice", "Presidents", "’s")) for n in names_)


def test_a_surname_with_particles_written_alone_joins_its_full_name():
    per_article = [("a1", _article(("Ursel von der Roe", "person", 3))),
                   ("a2", _article(("von der Roe", "person", 2)))]
    r = resolve(per_article, Registry())
    assert r.local[("a2", 0)] == r.local[("a1", 0)]


@pytest.mark.parametrize("sentence, name", [
    ("Deputy Mayor Wen Ling-zhi opened the bridge on Monday.", "Wen Ling-zhi"),         # a given name's syllable
    ("Interior director General Tariq al-Mansour said the roads were closed.", "Tariq al-Mansour"),
    ("Crown Prince Faisal bin Rashid Al Sabah met the envoy.", "Faisal bin Rashid Al Sabah"),
    ("The fund is run by Commissioner Greta van der Berg.", "Greta van der Berg"),
])
def test_names_go_on_past_hyphens_and_particles(sentence, name):
    _, ents = _extract("Test\n\n" + sentence)
    assert name in {c.name for c in ents.clusters if c.type == "person"}


def test_a_titled_name_in_a_headline_is_a_person_the_body_does_not_name():
    _, ents = _extract("Remarks by Governor Oyelaran at the Harbor Gala\n\nGOVERNOR: Good evening, everyone.",
                       headline=True)
    headline = {ents.clusters[r.cluster].name for r in ents.roles if r.role == "headline"}
    assert "Oyelaran" in headline
    _, ents = _extract("Minister Warns of Cuts\n\nThe minister spoke on Monday.", headline=True)
    assert not [r for r in ents.roles if r.role == "headline" and ents.clusters[r.cluster].type == "person"]


def test_a_sentence_word_glued_before_a_name_is_cut_off():
    _, ents = _extract("Test\n\nAsserting Halvorsen was wrong, the board voted again. That’s Mirela Dobos at the door.")
    people = {c.name for c in ents.clusters if c.type == "person"}
    assert not any(n.startswith(("Asserting", "That")) for n in people)
    _, ents = _extract("Test\n\nSpike Okafor scored twice on Sunday.")  # a nickname is a given name
    assert "Spike Okafor" in {c.name for c in ents.clusters}


def test_a_kind_of_body_written_alone_is_not_an_actor_nor_a_name():
    alone = _article(("Ministry", "organization", 4), ("Senate", "organization", 2), ("Harbor Museum", "place", 1))
    r = resolve([("a1", alone)], Registry())
    assert set(_by_name(r)) == {"Senate", "Harbor Museum"}  # "the Senate" names one body
    _, ents = _extract("Test\n\nThe Fisheries Department said on Monday that quotas would fall. The Department "
                       "added that the cuts were temporary. The Department set up a hotline, and her Fisheries "
                       "Department staff answered calls.")
    assert {f for c in ents.clusters for f in c.forms} == {"Fisheries Department", "Department"}  # not "her ..."
    both = Cluster(0, votes=Counter(organization=2), forms=Counter({"Department": 3, "Fisheries Department": 1}))
    assert both.name == "Fisheries Department"


def test_a_list_of_titled_people_gives_no_one_the_next_ones_title():
    _, ents = _extract("Test\n\nThe bill was backed by Senator Ilse Marqvardt, Congresswoman Hadewig Sandoval, and "
                       "Petra Lindgren, a senior adviser to Senator Marqvardt, who said it was overdue.")
    roles = {(ents.clusters[r.cluster].name, r.role) for r in ents.roles}
    assert ("Ilse Marqvardt", "Congresswoman Hadewig Sandoval") not in roles
    assert ("Petra Lindgren", "senior adviser to Senator Marqvardt") in roles  # a role may name another


def test_a_shortened_name_after_its_place_or_abbreviation_is_the_same_body():
    _, ents = _extract("Test\n\nThe Kenya National Assembly passed the harbor bill. The National Assembly will "
                       "vote again in May. The H.N. Trade Council met, and the Trade Council said it agreed. The "
                       "Maravian Congress sat late; Congress rose at ten. The White House welcomed the vote; the "
                       "House will take it up next.")
    bodies = {c.name: set(c.forms) for c in ents.clusters if c.type != "person"}
    assert bodies["Kenya National Assembly"] == {"Kenya National Assembly", "National Assembly"}
    assert bodies["H.N. Trade Council"] == {"H.N. Trade Council", "Trade Council"}
    assert "Congress" in bodies  # "Maravian" is no place: not joined
    assert "House" not in bodies["White House"]


def test_a_body_named_with_its_place_or_abbreviation_spelled_out_is_one_actor():
    per_article = [("a1", _article(("U.S. Harbor Board", "organization", 2), ("H.N. Fisheries Council", "organization", 1))),
                   ("a2", _article(("United States Harbor Board", "organization", 1),
                                   ("Harbor Nations Fisheries Council", "organization", 2))),
                   ("a3", _article(("Harbor Board", "organization", 1)))]  # no place: not joined across articles
    r = resolve(per_article, Registry())
    assert r.local[("a1", 0)] == r.local[("a2", 0)] != r.local[("a3", 0)]
    assert r.local[("a1", 1)] == r.local[("a2", 1)]


def test_a_name_opening_with_two_dictionary_words_is_no_person():
    _, ents = _extract("Test\n\nThe crowd cheered as Space Shuttle Meridian rolled past Grant Okafor on Tuesday.")
    people = {c.name for c in ents.clusters if c.type == "person"}
    assert "Space Shuttle Meridian" not in people and "Grant Okafor" in people  # "Grant" is a given name


def _with_model_span(text: str, span_text: str, label: str):
    """One article through the entity stage, as if the model had tagged `span_text` with `label`."""
    from spacy.tokens import Span

    from newsdesk import entities, ingest, nlp, registry

    article, _ = ingest.parse_article("t.txt", f"Test\n\n{text}".encode())
    doc = nlp.load()(article.body)
    at = article.body.index(span_text)
    span = doc.char_span(at, at + len(span_text))
    doc.ents = [Span(doc, span.start, span.end, label=label)]
    return entities.extract(doc, article, entities.RegistryMatcher(registry.Registry()))


def test_a_titles_field_glued_to_a_name_is_no_body():
    ents = _with_model_span("The talks were led by Secretary of Commerce Dana Reyes on Monday.",
                            "Commerce Dana Reyes", "ORG")  # the model's span runs the field into the name
    assert {c.name: c.type for c in ents.clusters} == {"Dana Reyes": "person"}


def test_a_prefixed_name_and_a_lone_hyphenated_surname():
    _, ents = _extract("Test\n\nThe pro-Halvorsen crowd cheered when Ilse Halvorsen spoke.")
    assert not any(f.startswith("pro") for c in ents.clusters for f in c.forms)
    per_article = [("a1", _article(("Marta Ruiz-Olmedo", "person", 2))), ("a2", _article(("Ruiz-Olmedo", "person", 3)))]
    r = resolve(per_article, Registry())
    assert r.local[("a2", 0)] == r.local[("a1", 0)]


def test_a_country_is_not_the_surname_of_a_person_named_after_it():
    per_article = [("a1", _article(("Dana Kenya", "person", 2))), ("a2", _article(("Kenya", "place", 5))),
                   ("a3", _article(("Kenya", "person", 1)))]  # the model once read the country as a person
    r = resolve(per_article, Registry())
    assert r.local[("a2", 0)] != r.local[("a1", 0)]
    assert {e.name: e.type for e in r.entities} == {"Dana Kenya": "person", "Kenya": "place"}


def test_medals_briefings_and_emeritus_are_no_actors_but_a_titled_body_is():
    _, ents = _extract("Test\n\nAt the press briefing, President Emeritus Halvard Moen received the Harbor Medal of "
                       "Valor. Ilse Okafor, editor of Harbor Policy Journal, wrote about it.")
    names_ = {c.name: c.type for c in ents.clusters}
    assert names_.get("Halvard Moen") == "person" and "Emeritus" not in " ".join(names_)
    assert names_.get("Harbor Policy Journal") == "organization"
    r = resolve([("a1", _article(("Harbor Medal of Valor", "organization", 1), ("Harbor Press Briefing", "organization", 1)))],
                Registry())
    assert not r.entities


def test_bodies_and_places_wordnet_names_alike_are_one_actor():
    per_article = [("a1", _article(("Burma", "place", 2), ("Federal Reserve", "organization", 3))),
                   ("a2", _article(("Myanmar", "place", 1), ("Fed", "organization", 2))),
                   ("a3", _article(("Senate", "organization", 4), ("United States Senate", "organization", 1),
                                   ("China", "place", 2), ("Taiwan", "place", 1),
                                   ("AZ", "place", 1), ("Arizona", "place", 1)))]
    r = resolve(per_article, Registry())
    assert r.local[("a1", 0)] == r.local[("a2", 0)] and r.local[("a1", 1)] == r.local[("a2", 1)]
    assert any("WordNet" in m["why"] and m["name"] == "Fed" for m in r.merges)
    # dictionary words alone name the body of whichever country the news is from: kept apart
    assert r.local[("a3", 0)] != r.local[("a3", 1)]
    # a name WordNet gives to two places of its type ("China": also Taiwan) joins neither
    assert r.local[("a3", 2)] != r.local[("a3", 3)]
    assert r.local[("a3", 4)] != r.local[("a3", 5)]  # two letters stand for too many things


def test_a_title_before_a_word_written_in_lower_case_as_often_is_no_person():
    _, ents = _extract("Test\n\nThe council cited Executive Order 4410 on Friday. Under the order, Governor Brown "
                       "must sign the budget, and the order binds every agency.")
    r = resolve([("a1", ents)], Registry())
    people = {e.name for e in r.entities if e.type == "person"}
    assert "Order" not in people and "Brown" in people


@pytest.mark.parametrize("name, place", [
    ("Castlewood Road", True), ("Lionel P. Okafor Center", True),  # named after someone, still a place
    ("Stuart Hall", False), ("Mary Ann Hall", False), ("Tamron Hall", False),  # surnames like a building's word
    ("Madhya Pradesh", True), ("New South Wales", True), ("San Pedro Sula", True),  # known places of two words or more
    ("Lincoln", False),  # a city's name alone may be a surname
])
def test_a_building_or_street_name_outweighs_a_person_vote(name, place):
    from newsdesk.entities import _add_name_evidence

    cluster = Cluster(0, votes=Counter({"person": 3}), forms=Counter({name: 3}))
    _add_name_evidence(cluster)
    assert (cluster.type == "place") is place


def test_a_holiday_event_or_belief_wordnet_knows_is_no_actor():
    per_article = [("a1", _article(("Yom Kippur", "person", 2), ("Islamophobia", "organization", 1),
                                   ("Google", "organization", 3), ("CBC", "organization", 1),
                                   ("Buddhism", "organization", 2), ("Scientology", "organization", 2)))]
    r = resolve(per_article, Registry())
    # a religion is a belief to WordNet and also its faithful (a group): still no actor
    assert {d["name"] for d in r.dropped} == {"Yom Kippur", "Islamophobia", "Buddhism"}
    # a search engine to WordNet, an abbreviation (also a blood count), a church known only as a body: kept
    assert set(_by_name(r)) == {"Google", "CBC", "Scientology"}


def test_a_room_wordnet_knows_is_a_place_though_its_head_names_bodies():
    per_article = [("a1", _article(("Oval Office", "organization", 2), ("Home Office", "organization", 2),
                                   ("Harvard University", "organization", 1)))]
    types = {e.name: e.type for e in resolve(per_article, Registry()).entities}
    assert types == {"Oval Office": "place", "Home Office": "organization", "Harvard University": "organization"}


def test_a_given_name_the_model_left_out_starts_the_name():
    _, ents = _extract("Test\n\nThe show included photos of novelist Ann Vale and singer-songwriter Carly Simon. "
                       "The delegation included Ambassador to the United Nations Esteban Moctezuma.")
    found = {c.name: c.type for c in ents.clusters}
    assert found.get("Carly Simon") == "person" and found.get("Esteban Moctezuma") == "person"
    assert "Simon" not in found and "Moctezuma" not in found


def test_a_surname_the_model_left_out_after_a_given_name_ends_the_name():
    from spacy.tokens import Span

    from newsdesk import entities, ingest, nlp, registry

    article, _ = ingest.parse_article("t.txt", "Test\n\nThe chances fell to Wouter Haesaerts in the first half.".encode())
    doc = nlp.load()(article.body)
    start = next(t.i for t in doc if t.text == "Wouter")
    doc.ents = [Span(doc, start, start + 1, label="ORG")]  # the model's span stops at the given name
    ents = entities.extract(doc, article, entities.RegistryMatcher(registry.Registry()))
    assert {c.name: c.type for c in ents.clusters} == {"Wouter Haesaerts": "person"}


def test_a_body_labelling_its_quote_is_its_speaker(tmp_path, cache):
    text = ("What they are saying\n\nGroups:\n\n"
            "HFL: “We applaud the governor for the strong support shown to the harbor towns this week.”\n\n"
            "Harbor Union Advocacy Center: “The governor showed that the state stands with the harbor towns.”\n\n"
            "MODERATOR: “We will take questions from the floor after the break, thank you.”\n")
    package = build_articles({"a.txt": text}, tmp_path, cache)
    names_of = {e["entity_id"]: e["name"] for e in read_table(package, "entities")}
    speakers = [names_of.get(q["speaker_id"]) for q in read_table(package, "quotes")]
    assert speakers == ["HFL", "Harbor Union Advocacy Center", None]  # a dictionary word labels no body


@pytest.mark.parametrize("sentence, field, body", [
    ("The talks were led by Secretary of the Exchequer Dana Reyes on Monday.", "Exchequer", False),
    ("Dana Reyes quit as Home Affairs minister on Monday.", "Home Affairs", False),
    ("The talks were led by Minister of Internal Relations Dana Reyes.", "Internal Relations", False),
    ("The talks were led by U.S. Trade Representative Dana Reyes.", "U.S. Trade", False),
    ("With them was Dana Reyes, United States Trade Representative.", "United States Trade", False),
    ("Dana Reyes, director of the Center for Coastal Diversity, spoke.", "Center for Coastal Diversity", True),
    ("Dana Reyes, founder of Harbor Technologies, spoke.", "Harbor Technologies", True),
    ("Dana Reyes, president of the Teamsters, spoke.", "Teamsters", True),
])
def test_a_portfolio_named_in_a_title_is_no_body(sentence, field, body):
    ents = _with_model_span(sentence, field, "ORG")
    assert (field in {c.name for c in ents.clusters if c.type == "organization"}) is body


def test_an_acronym_the_text_spells_out_in_lower_case_is_no_actor():
    _, ents = _extract("Test\n\nThe Coastal Water Authority (CWA) said the pact targets unlawful maritime "
                       "transfers (UMT) at sea. Officials said UMT cases doubled, and the UMT problem grew.")
    found = {c.name for c in ents.clusters}
    assert "UMT" not in found and "Coastal Water Authority" in found


@pytest.mark.parametrize("name, kind", [
    ("Dana Okafor Legacy Program", "event"),   # dictionary words between a person's name and the head
    ("Savannah Joint Statement", "event"),     # a given name that also names a place
    ("Operation Harbor Shield", "event"),
    ("Coastal Iodine Nutrition Study", "event"),
    ("Steven Law", "person"),                  # a head word that is a surname
    ("Harbor Expo Canada", "event"),           # where it is held after its head
    ("Summit Asia", "event"),
    ("Freedom of Navigation Act", "event"),    # a law named after its cause: the head comes last
    ("Harbor School of Law", "organization"),  # but a body's complement may end with such a word
])
def test_programmes_operations_and_studies_are_events(name, kind):
    assert names.name_type(name) == kind


def test_a_given_name_that_is_also_an_event_word_heads_no_event():
    assert names.name_type("Bill Richardson") != "event"  # "Richardson" is also a town


def test_letters_that_are_only_a_time_are_no_actor():
    r = resolve([("a1", _article(("GMT", "organization", 2), ("NATO", "organization", 2)))], Registry())
    assert {e.name for e in r.entities} == {"NATO"}


def test_namesakes_written_alone_are_told_apart_by_title(tmp_path, cache):
    articles = {
        "a.txt": "Harbor visit\n\nIlse Voss, President of Norland: “The harbor will reopen next spring for all.”\n",
        "b.txt": "Envoy speaks\n\nKarl Voss, Norland Ambassador to Estavia: “Our two ports will share the work.”\n",
        "c.txt": ("Garden talks\n\nPresident Voss met Ambassador Voss in the palace garden on Monday. "
                  "Ambassador Voss thanked the crowd. Later President Voss spoke about the harbor.\n"),
    }
    package = build_articles(articles, tmp_path, cache)
    names_of = {e["entity_id"]: e["name"] for e in read_table(package, "entities")}
    article_c = next(a["article_id"] for a in read_table(package, "articles") if a["file"].endswith("c.txt"))
    body = next(a["body"] for a in read_table(package, "articles") if a["article_id"] == article_c)
    linked = [(body[:int(m["start"])].split()[-1], names_of[m["entity_id"]])
              for m in read_table(package, "mentions") if m["article_id"] == article_c and m["text"] == "Voss"]
    assert sorted(set(linked)) == [("Ambassador", "Karl Voss"), ("President", "Ilse Voss")]
    aliases = {e["name"]: e["aliases"] for e in read_table(package, "entities")}
    assert "Voss" not in aliases["Ilse Voss"] + aliases["Karl Voss"]  # a surname two people share is no alias


def test_a_namesake_mark_needs_titles_that_cannot_be_one_persons():
    _, ents = _extract("Test\n\nSen. Hale met reporters. Senator Hale said little. Mr. Dunn and Mrs. Dunn came too.")
    marks = {c.name: c.namesake for c in ents.clusters}
    assert marks["Hale"] is None  # an abbreviation of the same title
    assert sorted(c.namesake for c in ents.clusters if c.name == "Dunn") == ["f", "m"]


def test_a_persons_span_over_and_is_two_names():
    ents = _with_model_span("The gift came from Voss and Keller of Harborview.", "Voss and Keller", "PERSON")
    assert {c.name for c in ents.clusters} == {"Voss", "Keller"}


@pytest.mark.parametrize("sentence, span, found", [
    ("Ships of the Harbor Navy’s Fifth Fleet sailed.", "Harbor Navy’s Fifth Fleet", {"Harbor Navy", "Fifth Fleet"}),
    ("The Government of the People’s Republic of Norland agreed.", "Government of the People’s Republic of Norland",
     {"Government of the People’s Republic of Norland"}),   # a group noun's possessive inside a name
    ("Members of the Harbor Police Patrolmen’s Association voted.", "Harbor Police Patrolmen’s Association",
     {"Harbor Police Patrolmen’s Association"}),            # a head word alone ends the one name
])
def test_a_bodys_span_over_a_possessive_is_the_owner_and_what_it_owns(sentence, span, found):
    assert {c.name for c in _with_model_span(sentence, span, "ORG").clusters} == found


def test_a_universitys_campus_and_a_spaced_slash():
    ents = _with_model_span("She teaches at the University of Texas at Austin now.", "University of Texas", "ORG")
    assert {c.name for c in ents.clusters} == {"University of Texas at Austin"}
    ents = _with_model_span("The show moves to the Harbor Art Center / Eastport Galleries in May.",
                            "Harbor Art Center / Eastport Galleries", "FAC")
    assert {c.name for c in ents.clusters} == {"Harbor Art Center", "Eastport Galleries"}
    r = resolve([("a1", _article(("University of Texas at Austin", "organization", 2))),
                 ("a2", _article(("UT Austin", "organization", 1)))], Registry())
    assert r.local[("a1", 0)] == r.local[("a2", 0)]  # the campus after the initials of its university


def test_a_name_whose_words_say_it_is_no_person_gives_no_surname():
    ents = _with_model_span("Aides to the Voss White House met on Monday. Later the House voted.", "Voss White House",
                            "PERSON")
    by_form = {f: c for c in ents.clusters for f in c.forms}
    assert by_form["Voss White House"].type == "place"
    assert "House" not in by_form or by_form["House"] is not by_form["Voss White House"]


@pytest.mark.parametrize("name, kind", [
    ("Harborview GOP", "organization"),   # a state's branch of a party, named by its short form
    ("Dana Guardian", "person"),          # a given name before a newspaper's word
    ("Harborview Star", "organization"),
])
def test_a_names_own_words_give_its_type(name, kind):
    assert names.name_type(name) == kind


def test_a_building_word_that_is_also_a_surname_makes_a_place_after_a_dictionary_word():
    assert names.is_facility_name("Voss White House") and names.is_facility_name("Town Hall")
    assert names.name_type("Ridley County") == "place" and names.is_facility_name("Jefferson County")  # a region
    assert names.name_type("Ridley County Council") == "organization"
    assert not names.is_facility_name("Tamron Hall")


@pytest.mark.parametrize("sentence, span, name", [
    ("The bill was written by Assemblywoman Claudia Tenbury of Harborview.", "Assemblywoman Claudia Tenbury",
     "Claudia Tenbury"),
    ("The show honored Actress Amandla Vale on Monday.", "Actress Amandla Vale", "Amandla Vale"),
    ("The case went before Judge Roe on Monday.", "Judge Roe", "Roe"),
    ("The poll found Texans Claudia Tenbury and others ahead.", "Texans Claudia Tenbury", "Claudia Tenbury"),  # a people
])
def test_a_title_glued_before_a_name_is_cut_off(sentence, span, name):
    assert {c.name for c in _with_model_span(sentence, span, "PERSON").clusters} == {name}


def test_a_document_numbered_after_a_title_word_is_no_person():
    _, ents = _extract("Test\n\nThe rule follows Executive Order 14001 and Executive Orders 14017 and 14020, "
                       "said Governor Brown.")
    assert {c.name for c in ents.clusters} == {"Brown"}


def test_a_given_name_alone_is_the_one_person_of_that_name_the_article_names_by_surname():
    per_article = [("a1", _article(("Joe Voss", "person", 3), ("Joe Manx", "person", 2))),
                   ("a2", _article(("Voss", "person", 2), ("Joey", "person", 1))),        # a nickname
                   ("a3", _article(("Voss", "person", 1), ("Manx", "person", 1), ("Joe", "person", 1))),
                   ("a4", _article(("Joe", "person", 1)))]                              # no surname to go by
    r = resolve(per_article, Registry())
    voss = r.local[("a1", 0)]
    assert r.local[("a2", 1)] == voss
    assert r.local[("a3", 2)] not in (voss, r.local[("a1", 1)])  # two people it could be: left apart
    assert r.local[("a4", 0)] not in (voss, r.local[("a1", 1)])


@pytest.mark.parametrize("word, known", [("Slavs", True), ("Lithuanians", True), ("Adams", False), ("Edwards", False)])
def test_the_plural_of_a_people_the_dictionary_knows_is_no_surname(word, known):
    assert names.is_dictionary_proper_noun(word) is known  # a given name's plural may be a surname


def test_the_publisher_in_a_list_of_sources_is_a_body():
    _, ents = _extract("Test\n\nThe storm closed the port on Monday.\n\nSources\n\n"
                       "\"Storm closes harbor port\" — The Harbor Times, May 4, 2024\n\n"
                       "“Port shut as storm hits” — Eastport Star, May 4, 2024\n")
    bodies = {c.name for c in ents.clusters if c.type == "organization"}
    assert {"Harbor Times", "Eastport Star"} <= bodies  # (the model reads "Eastport" as a place)


def test_a_head_word_after_a_title_word_ends_a_bodys_name_not_a_person():
    _, ents = _extract("Test\n\nPatients at Eastport General Hospital waited for weeks, and the Justice Department "
                       "opened an inquiry.")
    assert not [c.name for c in ents.clusters if c.type == "person"]  # no "Hospital", no "Department"
    assert names.name_type("Westby Chamber of Commerce") == "organization"


def test_a_companys_first_word_alone_is_the_company():
    _, ents = _extract("Test\n\nZyxoria Semiconductor Inc. warned on profits. Zyxoria said sales fell, and "
                       "Harbor Council members met at Harbor Hall.")
    by_form = {f: c for c in ents.clusters for f in c.forms}
    assert by_form["Zyxoria"] is by_form["Zyxoria Semiconductor Inc."]
    assert by_form["Zyxoria"].name == "Zyxoria Semiconductor Inc."  # the short form is not its name


def test_an_honorifics_gender_picks_the_family_member_a_lone_surname_names():
    article, ents = _extract("Test\n\nAnn Voss and her son Dan Voss ran the bakery. Mrs. Voss said the bread sold "
                             "out. Mr. Voss baked it.")
    linked = [(article.body[m.start - 5:m.start].split()[-1], ents.clusters[m.cluster].name)
              for m in ents.mentions if m.text == "Voss"]
    assert linked == [("Mrs.", "Ann Voss"), ("Mr.", "Dan Voss")]


def test_a_partys_whole_name_and_an_honorific_before_a_label():
    _, ents = _extract("Test\n\nThe Liberal Democrats believe they can win the seat from Harold Pennock.\n\n"
                       "Mr Pennock, a local councillor and farmer, said: “The voters of this town know better.”\n")
    assert {c.name for c in ents.clusters} == {"Liberal Democrats", "Harold Pennock"}


def test_a_transcripts_label_with_an_abbreviated_title_or_a_role_after_it_names_a_person():
    _, ents = _extract("Briefing\n\nThe following is a transcript of the briefing.\n\n"
                       "GOV. PATRICIA VANE: Good afternoon, everyone.\n\n"
                       "DR. SOFIA RAMOS, STATE HEALTH COMMISSIONER: Our testing found lead.\n\n"
                       "MODERATOR: Questions now.\n")
    assert {c.name for c in ents.clusters if c.type == "person"} == {"Patricia Vane", "Sofia Ramos"}


def test_a_state_named_like_a_city_is_the_state_only_after_a_town_or_as_a_governors():
    _, ents = _extract("Test\n\nTalks in Washington ended on Friday. The team flew on to Tacoma, Washington, where "
                       "the Governor of Washington met them, and then to New York. A school in Ithaca, New York, "
                       "joined the bid.")
    found = [ents.clusters[m.cluster].name for m in ents.mentions if m.text in ("Washington", "New York")]
    assert found == ["Washington, D.C.", "Washington (state)", "Washington (state)", "New York City", "New York (state)"]


def test_a_name_abbreviated_in_brackets_is_a_name_and_so_are_its_letters():
    _, ents = _extract("Test\n\nVolunteers at Tidewater Heron Trust (THT) counted the birds, THT said. The Office for "
                       "Coastal Affairs (Ofca) said a report was due. An Ofca spokesperson said the count would go on. "
                       "The Clean Harbours Act (CHA) was passed in 2019, and CHA rules apply.")
    pairs = _mention_names(ents)
    assert {text for text, name in pairs if name == "Tidewater Heron Trust"} == {"Tidewater Heron Trust", "THT"}
    assert {text for text, name in pairs if name == "Office for Coastal Affairs"} == {"Office for Coastal Affairs", "Ofca"}
    assert sum(text == "Ofca" for text, _ in pairs) == 2  # the letters alone, later, too
    # an act is no actor, and its letters go with it
    assert not {"Clean Harbours Act", "CHA"} & {e.name for e in resolve([("a1", ents)], Registry()).entities}


def test_a_hyphenated_surname_written_alone_is_its_person():
    _, ents = _extract("Test\n\nWinger Sami Okonkwo-Bell scored twice. Okonkwo-Bell said the team had earned it. "
                       "Later, Mary Ann Pike-Lowe said the win was deserved, and Pike-Lowe thanked the fans. "
                       "The shirts were made by G-III, and G-III Apparel Group said sales were up.")
    pairs = _mention_names(ents)
    assert {name for text, name in pairs if text == "Okonkwo-Bell"} == {"Sami Okonkwo-Bell"}
    assert {name for text, name in pairs if text == "Pike-Lowe"} == {"Mary Ann Pike-Lowe"}
    assert not any(ents.clusters[m.cluster].type == "person" for m in ents.mentions if "III" in m.text)  # letters, no name


def test_a_company_written_with_and_without_its_legal_form_is_one_actor_under_its_short_name():
    _, ents = _extract("Test\n\nShares in Quarrow Freight plc fell 8% on Monday. Quarrow Freight said demand "
                       "had slowed, and Quarrow expects a better year.")
    companies = {ents.clusters[m.cluster].id for m in ents.mentions if m.text.startswith("Quarrow")}
    assert len(companies) == 1 and ents.clusters[companies.pop()].type == "organization"
    per_article = [("a1", _article(("Kessler Hydro GmbH", "organization", 1), ("Kessler Hydro", "organization", 2))),
                   ("a2", _article(("Kessler Hydro", "organization", 3))),
                   ("a3", _article(("Bloomberg L.P.", "organization", 1), ("Ann Bloomberg", "person", 2),
                                   ("Bloomberg", "person", 1)))]
    r = resolve(per_article, Registry())
    assert r.local[("a1", 0)] == r.local[("a2", 0)] == _by_name(r)["Kessler Hydro"].entity_id
    assert r.local[("a3", 0)] != r.local[("a3", 1)]  # a lone word may be a surname: no company joins a person


def test_a_kind_of_person_is_no_body_or_place_and_an_indian_honorific_is_no_name():
    r = resolve([("a1", _article(("Spaniard", "organization", 2), ("Briton", "place", 1), ("Acme", "organization", 2),
                                 ("Heinz", "organization", 2)))], Registry())  # (WordNet's person, and a name)
    assert {d["name"] for d in r.dropped} == {"Spaniard", "Briton"} and set(_by_name(r)) == {"Acme", "Heinz"}
    _, ents = _extract("Test\n\nShri Rakesh Kumar Tiwari opened the bridge. Shri Tiwari said it had taken four years.")
    assert {c.name for c in ents.clusters if c.type == "person"} == {"Rakesh Kumar Tiwari"}


def test_a_full_name_of_a_body_is_the_person_and_the_body():
    _, ents = _extract("Test\n\nTom Aldersey of Jefferies said the shares were cheap. The ferry follows Robert's "
                       "Rules of Order, and Catherine of Aragon is a play.")
    found = {c.name: c.type for c in ents.clusters}
    assert found.get("Tom Aldersey") == "person" and found.get("Jefferies") == "organization"
    assert "Order" not in found  # not a name before "of" ("Robert's Rules"), nor one given name alone


def test_the_dateline_place_is_linked_to_the_article():
    _, ents = _extract("Talks end\n\nNEW YORK (AP) — Talks in New York ended on Friday, officials said.")
    dateline = [r for r in ents.roles if r.role == "dateline"]
    assert [(ents.clusters[r.cluster].name, r.field) for r in dateline] == [("New York City", "dateline")]
    assert ents.clusters[dateline[0].cluster].forms["New York"] >= 1  # the body's mention: one actor
    _, ents = _extract("Talks end\n\nRIVERBEND, Ohio — Talks ended on Friday, officials said.")
    assert not [r for r in ents.roles if r.role == "dateline"]  # a town the gazetteer does not know: left alone


def test_an_untagged_name_before_a_persons_title_is_who_they_work_for():
    _, ents = _extract("Test\n\nZentrix co-founder Dana Holt said sales rose. The FDPA Director Sam Kell agreed, "
                       "and Senate Majority Leader Tom Hale and TV reporter Ann Pike listened. Later the Norland-AFT "
                       "President Lee Marsh spoke.")
    found = {c.name: c.type for c in ents.clusters}
    assert found.get("Zentrix") == found.get("FDPA") == "organization"
    assert found.get("Dana Holt") == found.get("Sam Kell") == "person"
    # a dictionary word is part of the title, two letters are no one's, nor is the end of a longer name
    assert not {"Majority", "Senate Majority", "TV", "CIO"} & set(found)


def test_names_listed_together_are_of_one_kind():
    _, ents = _extract("Test\n\nLenders include Bank of Harwick, Torvald Savings Bank, Halvorsen, Brisk Capital, "
                       "Marlowe, and Morrow Capital Group.")  # (the model: "Marlowe" a person)
    assert {c.name: c.type for c in ents.clusters}.get("Marlowe") == "organization"
    _, ents = _extract("Test\n\nLenders include Bank of Harwick, and Marlowe.")
    assert {c.name: c.type for c in ents.clusters}.get("Marlowe") == "person"  # one other is too few to tell
    _, ents = _extract("Test\n\nThe tour went to Salem, Oregon, and Marlowe.")
    assert {c.name: c.type for c in ents.clusters}.get("Marlowe") == "person"  # a town and its state: no list


@pytest.mark.parametrize("sentence, word, kept", [
    ("The Vorlanis agreed to a truce after attacks by the Vorlanis on ships.", "Vorlanis", "organization"),
    ("To Invest in Better Schools, Rivia adds teachers.", "Invest", None),
    ("They urged a Successful and Peaceful Rivia.", "Successful", None),
    ("Grow Rivia Foundation gave money to Rivia.", "Grow Rivia Foundation", "organization"),  # a head word
    ("The National Rivers Survey program ended in Rivia.", "National Rivers Survey", None),  # a programme's
    ("Rivia hosted the Acme Party conference.", "Acme Party", "organization"),
    ("We thank our Partners in Rivia.", "Partners", None),  # a common noun after "our"
])
def test_a_plural_after_the_is_a_group_and_a_heading_s_words_are_no_name(sentence, word, kept):
    _, ents = _extract(f"Test\n\n{sentence}")
    assert {c.name: c.type for c in ents.clusters}.get(word) == kept


def test_a_desk_marker_members_and_a_leaders_administration_are_no_actor():
    _, ents = _extract("Test\n\nEU Members met in Rivia on Monday.\n\nEND\n")
    assert "END" not in {c.name for c in ents.clusters}
    r = resolve([("a1", _article(("EU Members", "organization", 2), ("European Partners", "organization", 1),
                                 ("NATO", "organization", 3), ("Toronto Rangers", "organization", 1),
                                 ("Ann Roe", "person", 2), ("Roe Administration", "organization", 2),
                                 ("Food and Drug Administration", "organization", 1),
                                 ("Vornes", "organization", 1), ("Mel Vorne", "person", 1)))], Registry())
    assert {d["name"] for d in r.dropped} == {"EU Members", "European Partners", "Roe Administration"}
    assert {"NATO", "Toronto Rangers", "Food and Drug Administration", "Vorne family"} <= set(_by_name(r))


def test_a_states_abbreviation_is_the_state_and_letters_or_one_institution_are_no_title():
    _, ents = _extract("Test\n\nSen. Dana Holt, R-Ky., spoke in Lexington, Ky., and later in Columbia, S.C. on Monday.")
    assert {"Kentucky", "South Carolina"} <= {c.name for c in ents.clusters if c.type == "place"}
    assert names.canonical_place("Mo") is None  # without its dots, a word or a given name
    r = resolve([("a1", _article(("NBC", "organization", 2), ("Army", "organization", 2), ("MD", "organization", 1),
                                 ("Staff", "organization", 1)))], Registry())
    assert set(_by_name(r)) == {"NBC", "Army"}  # (a degree's letters and a title word alone are no actor)


def test_a_common_word_the_corpus_capitalises_as_a_name_is_a_brand_not_a_person():
    def brand(mentions: int, openings: int, lower: int, titled: int = 0) -> str | None:
        c = Cluster(0, votes=Counter({"person": mentions}), forms=Counter({"Twitter": mentions}), titled=titled,
                    lower_uses=lower, opening_uses=openings)
        r = resolve([("a1", ArticleEntities([c], [Mention(0, 7, "Twitter", 0, "ner")] * mentions, []))], Registry())
        return _by_name(r)["Twitter"].type if "Twitter" in _by_name(r) else None
    assert brand(10, 2, 1) == "organization"
    assert brand(10, 9, 0) is None  # capitalised only where a sentence or a bracket opens ("(Applause.)")
    assert brand(10, 0, 10) is None  # written in lower case as often
    opening = Cluster(0, votes=Counter({"organization": 2}), forms=Counter({"Regardless": 2}), opening_uses=2)
    r = resolve([("a1", ArticleEntities([opening], [Mention(0, 10, "Regardless", 0, "ner")] * 2, []))], Registry())
    assert [d["name"] for d in r.dropped] == ["Regardless"]  # capitalised only where sentences open


def test_a_handle_or_a_lower_case_word_ends_no_persons_name_and_a_body_named_like_a_surname_is_suggested():
    _, ents = _extract("Test\n\nAnn Pike wrote on Twitter @annpike that Dana Holt had won. Holt agreed.")
    people = {c.name for c in ents.clusters if c.type == "person"}
    assert {"Ann Pike", "Dana Holt"} <= people and not [n for n in people if "@" in n]
    ents = _with_model_span("Dana Holt, a Reddit regular, had won.", "Reddit regular", "PERSON")
    assert "Reddit regular" not in {c.name for c in ents.clusters}
    r = resolve([("a1", _article(("Dana Holt", "person", 2))), ("a2", _article(("Holt", "organization", 3)))],
                Registry())
    assert r.local[("a1", 0)] != r.local[("a2", 0)]  # the types differ: kept apart, and suggested
    assert {"names": ["Holt", "Dana Holt"], "why": "a body's name written alone and the surname of one person: "
            "kept apart, the model typed it a body"} in r.suggestions


def test_a_body_named_with_its_host_is_two_names():
    _, ents = _extract("Test\n\nThe show opens at the Harlow Museum of Art at Kestrel University in Evanston. "
                       "She studied at the University of Texas at Austin.")
    found = {c.name: c.type for c in ents.clusters}
    assert found.get("Harlow Museum of Art") == "place" and found.get("Kestrel University") == "organization"
    assert "University of Texas at Austin" in found  # a place after "at" is part of the name


def test_a_score_after_a_place_and_a_barristers_letters_are_no_name():
    ents = _with_model_span("Late on, Portugal 2 – 1 Ghana was the score.", "Portugal 2", "ORG")
    assert {c.name for c in ents.clusters} == {"Portugal"}
    r = resolve([("a1", _article(("SC", "organization", 1), ("KC", "organization", 1), ("NATO", "organization", 1)))],
                Registry())
    assert set(_by_name(r)) == {"NATO"}  # "Ann Roe, SC, said": Senior Counsel, no actor


def test_a_name_after_a_noun_saying_what_kind_of_body_it_is_is_a_body():
    _, ents = _extract("Test\n\nFigures from the company Quorvia UK's survey arm showed a rise. The final saw US team "
                       "Vexa9 beat Brazil, and the group Ann Roe founded in Rivia said nothing on Monday. The charity "
                       "Comic Aid of Rivia gave books.")
    found = {c.name: c.type for c in ents.clusters}
    assert found.get("Quorvia UK") == found.get("Vexa9") == found.get("Comic Aid of Rivia") == "organization"
    assert found.get("Ann Roe") != "organization"  # a person's name after the noun is no body's


@pytest.mark.parametrize("text, found", [
    # a proper adjective in running text names its party; one capitalised only by style does not
    ("Test\n\nShoppers were angry. The Liberal leader said the party would move amendments to give towns a veto.",
     {"Liberal"}),
    ("Test\n\n~ Bold owner Dana Reyes is selling the Harbor Gazette.\n\nWe have NEVER been prouder, said Dana Reyes.",
     {"Dana Reyes", "Harbor Gazette"}),
])
def test_a_word_capitalised_by_style_is_no_name(text, found):
    _, ents = _extract(text)
    assert {c.name for c in ents.clusters} == found


def test_letters_in_brackets_after_a_body_name_are_that_body_even_from_another_language():
    ents = _with_model_span("The Nordic Retail Federation (BVKE) said the rule went too far. BVKE director "
                            "Lena Dahl said so on Monday.", "Nordic Retail Federation", "ORG")
    bodies = [c for c in ents.clusters if c.type == "organization"]
    assert len(bodies) == 1 and set(bodies[0].forms) == {"Nordic Retail Federation", "BVKE"}


def test_an_institution_opening_every_sentence_it_is_in_stays():
    congress = _article(("Congress", "organization", 2), ("Harbor", "organization", 2))
    for cluster in congress.clusters:
        cluster.opening_uses = 2  # both written only where a sentence opens
    r = resolve([("a1", congress)], Registry())
    assert set(_by_name(r)) == {"Congress"}


def test_letters_spelled_out_as_a_law_are_no_actor():
    act = _article(("FONA", "organization", 2), ("Harbor Board", "organization", 2))
    act.clusters[0].forms["Freedom of Navigation Act"] += 1  # "the Freedom of Navigation Act (FONA)"
    r = resolve([("a1", act)], Registry())
    assert set(_by_name(r)) == {"Harbor Board"}


@pytest.mark.parametrize("text, person, alone", [
    ("Marta Dal Pozzo, the group's head, spoke first.\n\n“It is a weak answer,” Dal Pozzo said.", "Marta Dal Pozzo",
     "Dal Pozzo"),                        # a surname of two words
    ("Tomás Alarcón Ruiz, its chief executive, spoke first.\n\n“We share the concern,” Alarcón said.",
     "Tomás Alarcón Ruiz", "Alarcón"),    # a first surname, used alone
    ("Sean Patrick Doyle opened the fair on Monday. Patrick said the fair was late.", "Sean Patrick Doyle", None),
])
def test_a_surname_of_several_words_or_a_first_surname_joins_the_full_name(text, person, alone):
    _, ents = _extract(f"Test\n\n{text}")
    people = {c.name: set(c.forms) for c in ents.clusters if c.type == "person"}
    assert person in people
    if alone:
        assert alone in people[person] and alone not in people
    else:  # a middle given name is no surname: "Patrick" alone is someone else
        assert people[person] == {person}


def test_a_number_after_a_name_is_no_part_of_it():
    _, ents = _extract("Test\n\nThe shooting of Dana Whitlow 16 in the park shocked the town. Whitlow was unarmed.")
    assert {c.name for c in ents.clusters if c.type == "person"} == {"Dana Whitlow"}
