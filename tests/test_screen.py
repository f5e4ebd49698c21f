"""The spun-text detector on invented sentences: thesaurus swaps in the fixed phrases of news are
evidence, ordinary news wording is not. No sentence here comes from a seed or an evaluation set."""

from pathlib import Path

import pytest

from newsdesk import ingest, screen

ROOT = Path(__file__).resolve().parents[1]

SPUN = [
    ("The Prime Pastor met reporters after the vote.", "Prime Minister"),
    ("Talks with the Overseas Minister ended without a deal.", "Foreign Minister"),
    ("Judges of the Supreme Tribunal heard the appeal on Tuesday.", "Supreme Court"),
    ("The Safety Council will meet again next week.", "Security Council"),
    ("The White Home declined to comment on the report.", "White House"),
    ("Envoys of the Joined Nations arrived in the capital.", "United Nations"),
    ("Scientists warned that worldwide warming is speeding up.", "global warming"),
]

CLEAN = [
    "The Prime Minister told reporters the Supreme Court would rule on the case, a White House aide said.",
    "Officials said the Defence Minister and the Foreign Secretary met the Foreign Minister on Monday.",
    "Rights groups held a news conference on arms control and nuclear weapons.",
    "Voters queued at a polling place in the rain, local media reported.",
    "The European Union and the United Nations backed the Middle Eastern peace effort.",
    "The Cold War ended decades ago, the historian said, but its habits did not.",
]


@pytest.mark.parametrize(("sentence", "phrase"), SPUN)
def test_a_thesaurus_swap_in_a_news_phrase_is_evidence(sentence, phrase):
    evidence = screen.spun_evidence(sentence)
    assert len(evidence) == 1 and f"(for “{phrase}”)" in evidence[0]


@pytest.mark.parametrize("sentence", CLEAN)
def test_ordinary_news_wording_is_not_evidence(sentence):
    assert screen.spun_evidence(sentence) == []


def test_case_must_match_the_phrase():
    """A capitalised name swapped in lower case is another phrase, and so is a term capitalised."""
    assert screen.spun_evidence("the prime pastor and the Worldwide Warming") == []


def test_stated_for_said_is_evidence_only_when_said_never_appears():
    assert screen.spun_evidence("He stated it. She stated it. They stated it.") == [
        "“stated” 3 times and “said” never"]
    assert screen.spun_evidence("He stated it. She stated it. They stated it. He said so.") == []


def test_an_article_is_flagged_on_three_pieces_of_evidence_not_fewer():
    two = " ".join(s for s, _ in SPUN[:2])
    three = " ".join(s for s, _ in SPUN[:3])
    arts = [ingest.Article(f"a{n}", f"{n}.txt", f"T{n}", body) for n, body in
            enumerate([two, three, " ".join(CLEAN)])]
    _, issues = screen.screen(arts)
    assert [("suspected-spun" in a.flags) for a in arts] == [False, True, False]
    assert [i.file for i in issues] == ["1.txt"] and "Supreme Tribunal" in issues[0].message


def test_the_machine_paraphrased_seed_is_flagged_and_the_other_is_not():
    """The second seed is a spinner's copy of a news story (see DESIGN.md); the first is not."""
    seeds = sorted((ROOT / "corpus" / "articles").glob("*.txt"))
    bodies = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in seeds]
    counts = [len(screen.spun_evidence(b)) for b in bodies]
    assert counts[1] >= screen.SPUN_THRESHOLD > counts[0]
