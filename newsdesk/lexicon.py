"""Word lists the rules share. Kept in one place so they can be read and extended."""

from __future__ import annotations

# Words that make a phrase a title or a role ("Defence Minister", "spokesperson").
ROLE_WORDS = frozenset("""
secretary minister president vice-president chancellor spokesperson spokesman spokeswoman
chief head director leader senator sen. rep. representative governor gov. mayor ambassador
general gen. admiral commander chairman chairwoman chair ceo founder co-founder premier king
queen prince princess pope judge justice attorney official officer adviser advisor analyst
professor prof. economist researcher producer reporter correspondent editor journalist
columnist author candidate nominee lawmaker congressman congresswoman assemblyman assemblywoman deputy envoy diplomat
prosecutor lawyer coach captain manager executive strategist pollster secretary-general
emperor sheikh dean commissioner inspector sheriff colonel col. lt. sgt. capt. major maj.
speaker whip treasurer auditor president-elect chairperson minister-president consul
prime administrator counsel counselor counsellor councillor councilor councilman councilwoman excellency majesty highness honorable honourable
emeritus superintendent
""".split())
# Lower-case words allowed inside a title before a name ("former Prime Minister").
TITLE_MODIFIERS = frozenset("former deputy acting vice senior interim then outgoing incoming".split())
# Honorifics are not part of a name; they tell gender where they can.
HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
              "dr": None, "dr.": None, "sir": "m", "dame": "f", "lord": "m", "lady": "f",
              "rev": None, "rev.": None, "prof": None, "prof.": None,
              "shri": "m", "shri.": "m", "smt": "f", "smt.": "f", "shrimati": "f"}  # (Indian English)
# Members of a body or people, written capitalised after its letters ("EU Members", "G7 Leaders").
MEMBER_NOUNS = frozenset("allies members partners leaders officials".split())
# Lower-case nouns that say what kind of body the name after them is ("the company Acme Data",
# "the group Sunrise", "US team Vexa").
BODY_KINDS = frozenset("""
company firm group party agency bank charity union network newspaper magazine broadcaster website band
club team organisation organization publisher startup nonprofit foundation institute university
coalition movement airline insurer lender retailer outlet channel
""".split())
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
# Verbs whose passive subject is still the speaker ("Roe was quoted as saying", "was heard
# shouting"); the passive subject of any other speech verb is spoken to or of ("Roe was asked").
QUOTED_VERBS = frozenset("quote hear overhear record film tape".split())
# Nouns through which someone else speaks: "the ministry's statement said", "a report by the
# bureau found", "a Home Office spokesman said" give the words to the statement's owner. A
# spokesperson speaks for an organisation only (a person's spokesman is a person of their own).
DOCUMENT_NOUNS = frozenset("""
statement report review analysis study survey letter blog post release filing memo document
website site paper editorial column communique communiqué bulletin notice announcement audit
""".split())
# Bodies that speak for someone: "the Roe campaign said" is Roe's word (but "accused the Roe
# campaign of “...”" does not quote it).
VOICE_NOUNS = frozenset("campaign camp team".split())
# Nouns for words someone said: a quote that completes one ("her promise that “...”") is its owner's.
SPEECH_NOUNS = frozenset("""
declaration remark remarks words comment comments promise pledge warning claim assertion vow
message assurance insistence admission prediction plea appeal call
""".split())
SPOKESPERSON_NOUNS = frozenset("spokesman spokeswoman spokesperson spokespeople representative".split())
# Verbs that only count as cues when they take a quote directly ("called it 'a disgrace'").
WEAK_SPEECH_VERBS = frozenset("call describe label brand characterize characterise defend hail welcome".split())

# Head words that make a name an organisation ("Ministry of Defence", "Labour Party") or a
# place, by the convention that buildings and venues are places ("Museum of Flight").
ORGANIZATION_HEADS = frozenset("""
ministry department agency office council committee commission party union association chamber
university college school institute institution foundation bank corporation company group
court parliament senate congress assembly police army navy force forces church society
federation league board authority bureau administration service services network news times
post press journal herald tribune gazette magazine radio television tv organisation
organization org coalition alliance fund trust club team centre-left movement front municipality family
united rovers wanderers athletic albion fc afc
""".split())  # (the last line: sports clubs, "Selby United", "Harwick Rovers")
# Last words of companies' names that rigour's legal forms do not list ("Acme Glass Co.", "Acme
# Holdings"): a lone first word of such a name is the company's short name.
COMPANY_WORDS = frozenset("""co corp company corporation group holdings partners resources energy capital
industries technologies therapeutics pharmaceuticals airlines motors systems""".split())
# Words that open the complement of a name: its head comes before them ("Agency" in "Agency for
# International Development", "Council" in "Council on Foreign Relations").
COMPLEMENT_WORDS = frozenset(("of", "for", "on"))
# Small words that initials skip ("EU" for "European Union", "UN" for "the United Nations").
STOPWORDS = frozenset(["of", "the", "and", "for", "on", "in", "to", "at", "&", "de", "du", "la"])
# Head words of names that are not actors: events, agreements, laws, programmes and prizes
# ("the G20 Summit", "the Harbor Accords", "the Lunar Lander Program").
EVENT_HEADS = frozenset("""
summit conference forum meeting talks dialogue roundtable workshop seminar symposium expo fair
festival championship championships tournament cup olympics games award awards prize agreement
agreements accord accords
treaty pact deal act bill law partnership framework initiative program programme plan strategy
statement declaration communique communiqué day week month anniversary medal medals briefing gaggle
study census
""".split())
# Last words of newspaper names ("Harborview Star", "Riverton Sun"): organisations, when they end a
# name of two or more words (alone, or inside a name, they are ordinary words).
PUBLICATION_HEADS = frozenset("""
sun star mirror observer guardian telegraph chronicle standard independent express mail inquirer
examiner courier dispatch register monitor bulletin globe
""".split())
FACILITY_HEADS = frozenset("""
museum gallery center centre station hotel airport stadium arena square street road avenue
bridge tower towers palace residence garden gardens park house room hall mosque cathedral
temple hospital prison base facility building plaza planetarium
""".split())
# Last words of the names of regions below a state ("Ridley County", "Orne Parish"): places, and
# never a person's surname.
REGION_HEADS = frozenset("county province parish township borough prefecture oblast canton governorate".split())
# Of those, words that are also common surnames: "Tamron Hall" or "Ann Park" may be a person.
SURNAME_HEADS = frozenset("hall house park garden temple tower palace".split())

# Head words that, written alone, are a short reference back to a full name ("the Department",
# "the Alliance", "the Museum"), not a name: all of the above but those that name one institution
# on their own in a country's news ("the Senate", "the House", "the Army") and newspapers' words.
ONE_INSTITUTION_HEADS = frozenset("""
senate congress parliament assembly house police army navy church news times post press journal
herald tribune gazette magazine radio television tv network
""".split())
SHORT_REFERENCE_HEADS = (ORGANIZATION_HEADS | FACILITY_HEADS) - ONE_INSTITUTION_HEADS

# Party names by the words news uses for members and short forms ("Tories", "Lib Dems",
# "GOP"): each maps to the party's name, so members' words link to the party.
PARTY_FORMS = {
    "tory": "Conservative Party", "tories": "Conservative Party", "conservatives": "Conservative Party",
    "conservative": "Conservative Party",
    "conservative party": "Conservative Party",
    "labour": "Labour Party", "labour party": "Labour Party", "new labour": "Labour Party",
    "lib dem": "Liberal Democrats", "lib dems": "Liberal Democrats", "liberal democrat": "Liberal Democrats",
    "liberal democrats": "Liberal Democrats",
    "democrats": "Democratic Party", "democratic party": "Democratic Party",
    "republicans": "Republican Party", "republican party": "Republican Party", "gop": "Republican Party",
    "snp": "Scottish National Party", "scottish national party": "Scottish National Party",
    "ukip": "UK Independence Party", "uk independence party": "UK Independence Party",
}

# Nationality and region variants that name one place.
PLACE_ALIASES = {
    "us": "United States", "u s": "United States", "usa": "United States", "u s a": "United States",
    "america": "United States", "united states": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom", "u k": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "united kingdom": "United Kingdom",
    "prc": "China", "people s republic of china": "China",
    "dprk": "North Korea", "rok": "South Korea", "republic of korea": "South Korea",
    "uae": "United Arab Emirates",
    "washington d c": "Washington, D.C.", "washington dc": "Washington, D.C.",
    "l a": "Los Angeles",
}
# US states whose name alone news uses for the great city of that name ("talks in Washington");
# after a town and a comma ("Seattle, Washington") the name is the state's, whose page is kept apart.
# Each: the city, and the state's abbreviation where it is no common word ("Albany, N.Y.").
STATE_NAMED_CITIES = {"new york": ("New York City", "n y"), "washington": ("Washington, D.C.", None)}
# News agencies credited in datelines, by their usual abbreviation.
AGENCIES = {"ap": "Associated Press", "afp": "Agence France-Presse", "upi": "United Press International",
            "reuters": "Reuters", "dpa": "Deutsche Presse-Agentur", "ansa": "ANSA", "efe": "EFE",
            "cnn": "CNN", "bbc": "BBC", "xinhua": "Xinhua", "kyodo": "Kyodo News", "yonhap": "Yonhap"}

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
                  "they": None, "them": None, "their": None, "it": "n", "its": "n", "we": None}
