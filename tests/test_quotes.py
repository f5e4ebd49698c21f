"""Quotes: finding them (every mark style) and their speakers."""

from __future__ import annotations

import pytest
from conftest import read_table
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.quotes import find_quotes

SEED_QUOTES = {  # the 13 quotes of the seed corpus and who said them
    "China is rapidly building up its armed forces": "Mark Rutte",
    "We cannot afford to be naive.": "Mark Rutte",
    "The truth that Russia and China are coming nearer": "Jens Stoltenberg",
    "Safety just isn’t regional however world.": "Jens Stoltenberg",
    "NATO wants to verify we’ve got associates,": "Jens Stoltenberg",
    "You will need to work extra carefully": "Jens Stoltenberg",
    "authoritarian pushback": "Jens Stoltenberg",
    "a drive for regional and world peace and stability": "Mao Ning",
    "NATO has continuously sought to achieve": "Mao Ning",
    "I wish to stress that the Asia-Pacific": "Mao Ning",
    "sensible cooperation": "Jens Stoltenberg",
    "army boots within the area": "North Korea",
    "Asian model of NATO,": "North Korea",
}


@pytest.mark.parametrize(("text", "expected"), [
    ("He said “hello there” today.", ["hello there"]),
    ('He said "hello there" today.', ["hello there"]),
    ("He said ''hello there'' today.", ["hello there"]),
    ("He said ``hello there'' today.", ["hello there"]),
    ("He said «hello there» today.", ["hello there"]),
    ("He said ‘hello there’ today.", ["hello there"]),
    ("“It is ‘fine’ now,” she said.", ["It is ‘fine’ now,"]),  # quote inside a quote stays inside
    ("“First part,” he said. “Second part.”", ["First part,", "Second part."]),
    ("It’s the party’s plan, he said.", []),  # apostrophes are not quote marks
    ("“Never closed at all\n\nNext paragraph is plain.", ["Never closed at all"]),
    ("“Opens here and\n\n“continues here.”", ["Opens here and", "continues here."]),  # one per paragraph
    # a quote continued into a paragraph without its opening mark: two quotes, one per paragraph
    ("He said, “We won the cup today.\n\nWe will win it again next year, and the year after that.”",
     ["We won the cup today.", "We will win it again next year, and the year after that."]),
    ("“Growth will slow this year.\n\nJane Roe, Acme Institute.”", ["Growth will slow this year."]),  # a credit
    ('Mixed "straight and curly” marks.', ["straight and curly"]),
    # a list of sources cites headlines, no one's words; an epigraph signed with a year is a quote
    ("Sources\n\n“Harbour reopens after the storm” — The Coastal Times, March 3, 2021\n\n"
     "Jo Lee. \"Ferry fares to rise\" — Daily Courier, 4 March 2021", []),
    ("“The sea forgives nothing.” — Ann Cole, 1999", ["The sea forgives nothing."]),
])
def test_find_quotes(text, expected):
    assert [q.text for q in find_quotes(text)] == expected


@given(st.text(alphabet=st.sampled_from(list("ab “”\"'‘’«»`\n.,")), max_size=300))
@settings(max_examples=300, deadline=None)
def test_find_quotes_offsets_always_valid(text):
    for q in find_quotes(text):
        assert text[q.start:q.end] == q.text
        # a quote runs on past a paragraph break only into a paragraph that opens with a quote mark
        for k in range(len(q.text)):
            if q.text.startswith("\n\n", k):
                assert q.text[k + 2:k + 4].startswith(("“", '"', "«", "‘", "„", "‹", "``", "''")), repr(q.text)


def test_seed_quotes_and_speakers(seed_package):
    entities = {e["entity_id"]: e["name"] for e in read_table(seed_package, "entities")}
    quotes = [q for q in read_table(seed_package, "quotes") if len(q["text"].split()) > 1]
    assert len(quotes) == len(SEED_QUOTES)
    for q in quotes:
        start = next(k for k in SEED_QUOTES if q["text"].startswith(k))
        assert entities[q["speaker_id"]] == SEED_QUOTES[start], q["text"]


def test_quote_offsets_and_attribution(seed_package, newsroom_package):
    for package in (seed_package, newsroom_package):
        bodies = {a["article_id"]: a["body"] for a in read_table(package, "articles")}
        for q in read_table(package, "quotes"):
            assert bodies[q["article_id"]][int(q["start"]):int(q["end"])] == q["text"]
            assert (q["attribution"] == "none") == (q["speaker_id"] == "")


def test_newsroom_speakers(newsroom_package, newsroom_expected):
    files = {a["article_id"]: a["file"] for a in read_table(newsroom_package, "articles")}
    entities = {e["entity_id"]: e["name"] for e in read_table(newsroom_package, "entities")}
    found = {(files[q["article_id"]], q["text"]): entities.get(q["speaker_id"]) for q in read_table(newsroom_package, "quotes")}
    for file, expected in newsroom_expected.items():
        for start, speaker in expected["quotes"].items():
            match = [who for (f, text), who in found.items() if f == file and text.startswith(start)]
            assert match == [speaker], (file, start)


def test_titles_are_not_quotes_and_single_words_get_no_speaker(newsroom_package):
    quotes = read_table(newsroom_package, "quotes")
    texts = {q["text"] for q in quotes}
    assert "Writing it was the hardest thing I have done," in texts  # the quote beside the titles stays
    assert not texts & {"The Quiet Harbour,", "Queen of Crime.", "Morning Harbor with Tim Olsen,"}  # a show's name too
    terms = [q for q in quotes if q["kind"] == "term"]
    assert terms and all(q["speaker_id"] == "" for q in terms)


def test_names_of_events_and_agreements_are_titles():
    (signed,) = find_quotes("Both sides signed the “Harbor Cooperation Agreement” on Monday.")
    (deal,) = find_quotes("She called it “a bad deal for the workers of this town” on Monday.")
    assert signed.kind == "title" and deal.kind == "fragment"
