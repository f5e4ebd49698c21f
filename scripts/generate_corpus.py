"""Generate N realistic-looking news articles for benchmarks (reproducible from --seed).

Each article has a headline, often a dateline and a byline, named people with titles,
organisations and places, and quotes in every style news uses (curly, straight, NYT
two-apostrophe, guillemets, split quotes, multi-paragraph quotes, partial quotes).

    python scripts/generate_corpus.py OUT_DIR --articles 10000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

FIRST = ("Maria Ana Jens Mark Fumio Sarah Tom Helen Daniel Anne Lin Karin Richard Olga Pedro Amina Yuki Omar "
         "Grace Ivan Priya Lucas Chen Fatima Noah Elena Kofi Sofia Hiro Leila").split()
LAST = ("Rutte Lopez Stoltenberg Kishida Chen Brady Park Okafor Hidalgo Jian Keller Marles Petrova Alves Diallo "
        "Tanaka Haddad Mensah Novak Sharma Moreau Wang Rahman Fischer Rossi Owusu Garcia Sato Nasser Berg").split()
TITLES = ("Prime Minister|Foreign Minister|Defence Minister|Secretary General|Finance Minister|Mayor|Senator|"
          "spokesperson|chief executive|Governor|President|economist").split("|")
ORGS = ("NATO|the United Nations|the European Union|the World Bank|Reuters|the Foreign Ministry|the Central Bank|"
        "Greenpeace|the Red Cross|Siemens|the IMF|the African Union").split("|")
PLACES = ("Tokyo|Brussels|Paris|Nairobi|Seoul|Washington|Beijing|Berlin|Lagos|Madrid|Canberra|Ottawa|Kyiv|"
          "Mexico City|Jakarta|Cairo").split("|")
AGENCIES = ("AP", "Reuters", "AFP")
TOPICS = ("the budget", "climate policy", "the trade agreement", "the election", "military spending",
          "the housing plan", "energy prices", "the peace talks", "water quality", "the new rail line")
SAY = ("said", "told reporters", "added", "noted", "warned", "stated", "explained", "argued")
FILLER = [
    "The talks on {topic} began in {place} on {day} and are expected to last several days.",
    "Officials from {org} and several governments attended the meeting, which was closed to the press.",
    "Critics argue that {topic} has been delayed for years and that the costs keep rising.",
    "{place} has seen protests over {topic} since the spring, with thousands marching in the capital.",
    "Analysts said the decision could affect markets in {place} and beyond.",
    "A report published last month by {org} estimated the cost at several billion dollars.",
    "The proposal still needs the approval of parliament, where the government lacks a majority.",
]
QUOTES = [
    "We cannot wait any longer on {topic}", "This is a decisive moment for {place}",
    "Nobody expected the talks to be easy", "Our priority is the safety of every citizen",
    "The numbers speak for themselves", "We will keep working with {org} until the job is done",
    "I have never seen so much support for {topic}", "There is no alternative to dialogue",
]
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def person(rng: random.Random) -> tuple[str, str]:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}", rng.choice(TITLES)


def fill(rng: random.Random, text: str) -> str:
    return text.format(topic=rng.choice(TOPICS), place=rng.choice(PLACES), org=rng.choice(ORGS), day=rng.choice(DAYS))


def quote_paragraph(rng: random.Random, name: str, title: str, pronoun: str) -> str:
    surname = name.split()[-1]
    q1, q2 = fill(rng, rng.choice(QUOTES)), fill(rng, rng.choice(QUOTES))
    style = rng.randrange(7)
    if style == 0:
        return f"“{q1},” {surname} {rng.choice(SAY)}. “{q2}.”"
    if style == 1:
        return f'"{q1}," {pronoun} said.'
    if style == 2:
        return f"''{q1},'' said {name}, the {title.lower()}."
    if style == 3:
        return f"{title} {name} said: «{q1}.»"
    if style == 4:
        return f"{surname} described the plan as “{q1.lower()}” and called for calm."
    if style == 5:
        return f"“{q1}.\n\n“{q2},” {surname} said."
    return f"According to {name}, “{q1.lower()}.”"


def article(rng: random.Random, n: int) -> str:
    speakers = [person(rng) for _ in range(rng.randint(1, 3))]
    topic, place = rng.choice(TOPICS), rng.choice(PLACES)
    lines = [f"{speakers[0][1].title()} {speakers[0][0].split()[-1]} speaks on {topic} in {place}"]
    lead = f"{speakers[0][1]} {speakers[0][0]} defended {topic} on {rng.choice(DAYS)} in {place}."
    if rng.random() < 0.5:
        lead = f"{place.upper()} ({rng.choice(AGENCIES)}) — {lead}"
    lines.append(lead)
    for i in range(rng.randint(6, 12)):
        if i % 2 and speakers:
            name, title = rng.choice(speakers)
            lines.append(quote_paragraph(rng, name, title, rng.choice(("he", "she"))))
        else:
            lines.append(" ".join(fill(rng, rng.choice(FILLER)) for _ in range(rng.randint(2, 4))))
    lines.append(f"Story {n}.")
    if rng.random() < 0.4:
        lines.append(f"By {rng.choice(FIRST)} {rng.choice(LAST)}")
    return "\n".join(lines) + "\n"


def generate(out: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    folder = out / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:06d}.txt").write_text(article(rng, n), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="corpus folder to create (articles/ goes inside)")
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (up to 100,000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed: the same seed gives the same corpus")
    args = parser.parse_args()
    generate(args.out, args.articles, args.seed)
    print(f"wrote {args.articles:,} articles to {args.out / 'articles'}")


if __name__ == "__main__":
    main()
