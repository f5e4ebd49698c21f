"""Word lists the rules share. Kept in one place so they can be read and extended."""

from __future__ import annotations

# Words that make a phrase a title or a role ("Defence Minister", "spokesperson").
ROLE_WORDS = frozenset("""
secretary minister president vice-president chancellor spokesperson spokesman spokeswoman
chief head director leader senator sen. rep. representative governor gov. mayor ambassador
general gen. admiral commander chairman chairwoman chair ceo founder co-founder premier king
queen prince princess pope judge justice attorney official officer adviser advisor analyst
professor prof. economist researcher producer reporter correspondent editor journalist
columnist author candidate nominee lawmaker congressman congresswoman deputy envoy diplomat
prosecutor lawyer coach captain manager executive strategist pollster secretary-general
emperor sheikh dean commissioner inspector sheriff colonel col. lt. sgt. capt. major maj.
speaker whip treasurer auditor president-elect chairperson minister-president consul
""".split())
# Lower-case words allowed inside a title before a name ("former Prime Minister").
TITLE_MODIFIERS = frozenset("former deputy acting vice senior interim then outgoing incoming".split())
# Honorifics are not part of a name; they tell gender where they can.
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
              "dr": None, "dr.": None, "sir": "m", "dame": "f", "lord": "m", "lady": "f",
              "rev": None, "rev.": None, "prof": None, "prof.": None}
# Generic heads: "the NATO chief" is the person whose role names NATO.
GENERIC_HEADS = frozenset("chief head leader boss".split())

# Speech and attribution verbs, by lemma, including machine-paraphrased ("spun") variants
# such as "inform" for "tell".
SPEECH_VERBS = frozenset("""
say tell add state remark write warn urge note claim insist argue explain declare announce
assert acknowledge admit agree answer ask boast caution charge comment complain concede
confirm contend continue counter cry describe deny emphasize emphasise estimate exclaim
inform joke lament maintain mention muse observe plead point predict proclaim promise
recall reply report respond retort reveal scoff shout stress suggest testify tweet post
vow whisper yell conclude criticize criticise condemn defend decry dismiss hail praise
accuse blast slam reiterate recount quip sigh admonish affirm allege assure advise
concur demand disclose elaborate proclaim protest question reason recommend remind repeat
underline underscore threaten welcome characterize characterise call label brand pledge
quote read chant sing bark snap opine gush rave thunder fume grumble scold mock chide rail
interject marvel sneer snarl rant concede hint speculate recount reflect reassure insist
""".split())
# Verbs that only count as cues when they take a quote directly ("called it 'a disgrace'").
WEAK_SPEECH_VERBS = frozenset("call describe label brand characterize characterise defend hail welcome".split())

# Nationality and region variants that name one place.
PLACE_ALIASES = {
    "us": "United States", "u s": "United States", "usa": "United States", "u s a": "United States",
    "america": "United States", "united states": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom", "u k": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "prc": "China", "people s republic of china": "China",
    "dprk": "North Korea", "rok": "South Korea", "republic of korea": "South Korea",
    "uae": "United Arab Emirates", "eu": "European Union",
}
# News agencies credited in datelines, by their usual abbreviation.
AGENCIES = {"ap": "Associated Press", "afp": "Agence France-Presse", "upi": "United Press International",
            "reuters": "Reuters", "dpa": "Deutsche Presse-Agentur", "ansa": "ANSA", "efe": "EFE",
            "cnn": "CNN", "bbc": "BBC", "xinhua": "Xinhua", "kyodo": "Kyodo News", "yonhap": "Yonhap"}

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
                  "they": None, "them": None, "their": None, "it": "n", "its": "n", "we": None}
