"""Write a synthetic treatytrack dataset of N treaties, for benchmarks.

    python benchmarks/generate.py N OUTFILE [--seed SEED] [--states ROWS]

The bundled dataset has a few dozen treaties, too few to show how loading scales. The records
written here mimic `data/treaties.yaml` in shape and size (sourced key dates, 3-15 events of
mixed types, limits, references, long notes, non-ASCII aliases, quotes inside text) and obey
every rule the loader checks, so a benchmark times loading, not error reporting. The content is
fake: names are assembled from word lists and every URL is on an example domain.

Stdlib only, and seeded: the same N and seed give a byte-identical file on any machine.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import pycountry

REVIEWED = dt.date(2026, 11, 28)
EARLIEST = dt.date(1955, 1, 1)
LATEST_OPENING = dt.date(2025, 6, 30)

# Real ISO 3166-1 alpha-3 codes (the loader rejects unknown ones), with names for treaty titles.
STATES: dict[str, str] = {
    "USA": "the United States of America",
    "RUS": "the Russian Federation",
    "CHN": "the People's Republic of China",
    "GBR": "the United Kingdom",
    "FRA": "the French Republic",
    "IND": "the Republic of India",
    "PAK": "the Islamic Republic of Pakistan",
    "ISR": "the State of Israel",
    "PRK": "the Democratic People's Republic of Korea",
    "IRN": "the Islamic Republic of Iran",
    "DEU": "the Federal Republic of Germany",
    "ITA": "the Italian Republic",
    "ESP": "the Kingdom of Spain",
    "NLD": "the Kingdom of the Netherlands",
    "BEL": "the Kingdom of Belgium",
    "NOR": "the Kingdom of Norway",
    "SWE": "the Kingdom of Sweden",
    "FIN": "the Republic of Finland",
    "DNK": "the Kingdom of Denmark",
    "POL": "the Republic of Poland",
    "CZE": "the Czech Republic",
    "HUN": "Hungary",
    "ROU": "Romania",
    "BGR": "the Republic of Bulgaria",
    "GRC": "the Hellenic Republic",
    "TUR": "the Republic of Türkiye",
    "UKR": "Ukraine",
    "BLR": "the Republic of Belarus",
    "KAZ": "the Republic of Kazakhstan",
    "UZB": "the Republic of Uzbekistan",
    "TKM": "Turkmenistan",
    "KGZ": "the Kyrgyz Republic",
    "TJK": "the Republic of Tajikistan",
    "ARM": "the Republic of Armenia",
    "AZE": "the Republic of Azerbaijan",
    "GEO": "Georgia",
    "JPN": "Japan",
    "KOR": "the Republic of Korea",
    "AUS": "Australia",
    "NZL": "New Zealand",
    "CAN": "Canada",
    "MEX": "the United Mexican States",
    "BRA": "the Federative Republic of Brazil",
    "ARG": "the Argentine Republic",
    "CHL": "the Republic of Chile",
    "ZAF": "the Republic of South Africa",
    "NGA": "the Federal Republic of Nigeria",
    "EGY": "the Arab Republic of Egypt",
    "DZA": "the People's Democratic Republic of Algeria",
    "MAR": "the Kingdom of Morocco",
    "SAU": "the Kingdom of Saudi Arabia",
    "ARE": "the United Arab Emirates",
    "QAT": "the State of Qatar",
    "IRQ": "the Republic of Iraq",
    "SYR": "the Syrian Arab Republic",
    "IDN": "the Republic of Indonesia",
    "MYS": "Malaysia",
    "PHL": "the Republic of the Philippines",
    "THA": "the Kingdom of Thailand",
    "VNM": "the Socialist Republic of Viet Nam",
    "SGP": "the Republic of Singapore",
    "CHE": "the Swiss Confederation",
    "AUT": "the Republic of Austria",
    "IRL": "Ireland",
    "PRT": "the Portuguese Republic",
    "CUB": "the Republic of Cuba",
}
CODES = tuple(STATES)
# Every current ISO code, for tables the size of a global treaty's (`--states 190`).
ALL_CODES = tuple(sorted(c.alpha_3 for c in pycountry.countries))
NON_STATE = ("EU", "European Union")

# (what the treaty is about, its categories, a Russian and a French rendering for aliases)
SUBJECTS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    (
        "the Reduction and Limitation of Strategic Offensive Arms",
        ("nuclear", "missile", "verification"),
        "о сокращении и ограничении стратегических наступательных вооружений",
        "sur la réduction des armes stratégiques offensives",
    ),
    (
        "the Elimination of Intermediate-Range Missiles",
        ("nuclear", "missile"),
        "о ликвидации ракет средней дальности",
        "sur l'élimination des missiles à portée intermédiaire",
    ),
    (
        "the Prohibition of Nuclear Weapon Tests",
        ("test-ban", "nuclear"),
        "о запрещении испытаний ядерного оружия",
        "sur l'interdiction des essais d'armes nucléaires",
    ),
    (
        "the Prohibition of Chemical Weapons and on Their Destruction",
        ("chemical", "verification"),
        "о запрещении химического оружия",
        "sur l'interdiction des armes chimiques",
    ),
    (
        "the Prohibition of Biological and Toxin Weapons",
        ("biological",),
        "о запрещении биологического оружия",
        "sur l'interdiction des armes biologiques",
    ),
    (
        "Conventional Armed Forces",
        ("conventional", "verification"),
        "об обычных вооружённых силах",
        "sur les forces armées conventionnelles",
    ),
    (
        "the Prohibition of Anti-Personnel Mines",
        ("landmines", "conventional"),
        "о запрещении противопехотных мин",
        "sur l'interdiction des mines antipersonnel",
    ),
    (
        "the Peaceful Exploration and Use of Outer Space",
        ("space",),
        "о мирном использовании космического пространства",
        "sur l'utilisation pacifique de l'espace",
    ),
    (
        "a Nuclear-Weapon-Free Zone",
        ("nwfz", "nuclear"),
        "о зоне, свободной от ядерного оружия",
        "sur une zone exempte d'armes nucléaires",
    ),
    (
        "the Prevention of Incidents at Sea",
        ("risk-reduction",),
        "о предотвращении инцидентов в море",
        "sur la prévention des incidents en mer",
    ),
    (
        "the Physical Protection of Nuclear Material",
        ("nuclear-security", "nuclear"),
        "о физической защите ядерного материала",
        "sur la protection physique des matières nucléaires",
    ),
    (
        "the Control of Missile Technology Transfers",
        ("export-control", "missile"),
        "о контроле за передачей ракетных технологий",
        "sur le contrôle des transferts de technologie des missiles",
    ),
    (
        "Environmental Modification Techniques",
        ("environment",),
        "о воздействии на природную среду",
        "sur les techniques de modification de l'environnement",
    ),
    (
        "Notifications of Ballistic Missile Launches",
        ("missile", "risk-reduction"),
        "об уведомлениях о пусках баллистических ракет",
        "sur la notification des lancements de missiles balistiques",
    ),
    (
        "Observation Flights over the Territories of the Parties",
        ("verification", "conventional"),
        "об открытом небе",
        "sur le régime « Ciel ouvert »",
    ),
    (
        "the Cessation of Fissile Material Production",
        ("nuclear", "verification"),
        "о прекращении производства расщепляющихся материалов",
        "sur l'arrêt de la production de matières fissiles",
    ),
)
REGIONS = (
    "Pacific",
    "Central Asian",
    "African",
    "Latin American",
    "South-East Asian",
    "Baltic",
    "Mediterranean",
    "Arctic",
    "Caucasus",
    "Gulf",
    "Andean",
    "Nordic",
)
PLACES = (
    "Geneva",
    "Vienna",
    "Moscow",
    "Washington",
    "Helsinki",
    "Tlatelolco",
    "Pelindaba",
    "Bangkok",
    "Semipalatinsk",
    "Rarotonga",
    "Stockholm",
    "Paris",
    "Ottawa",
    "Oslo",
    "New York",
    "Lisbon",
)
INSTRUMENTS = ("treaty", "convention", "agreement", "protocol", "political-commitment", "regime")
INSTRUMENT_WEIGHTS = (45, 15, 20, 10, 5, 5)
INSTRUMENT_TITLES = {
    "treaty": "Treaty",
    "convention": "Convention",
    "agreement": "Agreement",
    "protocol": "Protocol",
    "political-commitment": "Joint Declaration",
    "regime": "Arrangement",
}
DOMAINS = ("treaties.example.org", "archive.example.net", "docs.example.int", "news.example.com", "library.example.edu")
LIMIT_ITEMS = (
    ("deployed strategic warheads", "warheads"),
    ("deployed and non-deployed launchers", "launchers"),
    ("ground-launched missiles with ranges of 500-5,500 km", "missiles"),
    ("battle tanks in the zone of application", "tanks"),
    ("stockpiled agents of Schedule 1", "tonnes"),
    ("on-site inspections", "inspections per year"),
    ("observation flights", "flights per year"),
    ("anti-personnel mines retained for training", "mines"),
)
QUOTES = (
    "a forced response to the other side's actions",
    "a cornerstone of strategic stability",
    "null and void",
    "until the violations are corrected",
    "without prejudice to its rights under Article XV",
)


@dataclass
class Event:
    date: dt.date
    type: str
    party: str | None = None
    note: str | None = None
    source: str = ""
    new_expiry: dt.date | None = None


def quote(text: str) -> str:
    """A YAML double-quoted scalar: backslash, quote and every control character escaped."""
    out = ['"']
    for ch in text:
        code = ord(ch)
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or ch in "\u2028\u2029\ufeff":
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def flow(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join(quote(item) for item in items) + "]"


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar-month arithmetic as the engine does it: Jan 31 + 1 month = Feb 28/29."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class Generator:
    """Builds treaty records one at a time from a single seeded random stream."""

    def __init__(self, seed: int, states: int = 0) -> None:
        self.states = states  # rows per multilateral table (0: the treaty's own parties)
        self.rng = random.Random(seed)

    def day(self, low: dt.date, high: dt.date) -> dt.date:
        if high <= low:
            return low
        return dt.date.fromordinal(self.rng.randint(low.toordinal(), high.toordinal()))

    def url(self, slug: str) -> str:
        rng = self.rng
        kind = rng.choice(("treaty", "documents", "factsheet", "press", "record"))
        return f"https://{rng.choice(DOMAINS)}/{kind}/{slug}/{rng.randint(100, 99999)}"

    def notes(self, place: str, opened: dt.date) -> str:
        """A paragraph of distinct sentences, as long as the bundled data's notes tend to be."""
        rng = self.rng
        later = self.day(opened, REVIEWED).year
        article = rng.choice(("IV", "VI", "IX", "XII", "XV", "XVII"))
        sentences = (
            f"Negotiated in {place} over {rng.randint(2, 40)} rounds; the final text was initialled on {opened.isoformat()}.",
            f'The preamble calls the agreement "{rng.choice(QUOTES)}", a phrase both sides quoted in later disputes.',
            f"Article {article} sets up a consultative commission that met {rng.randint(1, 4)} times a year.",
            f"Some sources date the exchange of instruments to {opened.year + 1}; the depositary's records were not seen.",
            f"A review conference in {later} could not agree a final document.",
            f"The parties exchanged data on {rng.randint(3, 40)} categories of items twice a year.",
            "The record lists only the states whose standing is followed; see the depositary for the full list.",
            f"Verification relies on national technical means and {rng.randint(0, 30)} on-site inspections a year.",
            f"Withdrawal is allowed if 'extraordinary events' jeopardise a party's supreme interests (Article {article}).",
            f"The {place} text is authentic in English and Russian; the French translation is unofficial.",
        )
        return " ".join(rng.sample(sentences, rng.randint(2, 8)))

    def event_note(self, event: Event, names: dict[str, str]) -> str | None:
        rng = self.rng
        if rng.random() < 0.25:
            return None
        who = names.get(event.party or "", "one party")
        notes = {
            "signed": f"Signed by {who} at a ceremony in {rng.choice(PLACES)}.",
            "ratified": f"Instrument of ratification of {who} deposited; parliamentary approval came {rng.randint(1, 11)} months earlier.",
            "acceded": f"Instrument of accession of {who} deposited with the depositary.",
            "entered-into-force": f"Entered into force for {who} thirty days after the deposit of its instrument.",
            "extended": f"The parties agreed by exchange of notes to extend the treaty by {rng.choice((5, 10, 25))} years.",
            "suspended": f'{who} suspended its implementation, calling the step "{rng.choice(QUOTES)}".',
            "resumed": f"{who} announced it would again implement the treaty in full.",
            "withdrawal-notice": f"{who} notified the depositary of its withdrawal under the withdrawal clause.",
            "withdrawal-rescinded": f"{who} rescinded its notice of withdrawal before it took effect.",
            "withdrawn": f"The withdrawal of {who} took effect at the end of the notice period.",
            "deratified": f"A law revoking the ratification by {who} was signed; the state says it remains a signatory.",
            "terminated": "The parties agreed that the treaty had ceased to be in force.",
            "superseded": "Replaced by a successor agreement on the same subject, which took over its verification regime.",
            "expired": "The treaty's term ended and it was not extended.",
            "statement": f'A statement by {who} called the treaty "{rng.choice(QUOTES)}". It had no legal effect.',
        }
        note = notes[event.type]
        return note[0].upper() + note[1:]

    def events(
        self,
        slug: str,
        kind: str,
        parties: list[str],
        opened: dt.date,
        eif: dt.date | None,
        expiry: dt.date | None,
        notice_months: int | None,
    ) -> list[Event]:
        """3-15 events obeying the loader's ordering and consistency rules."""
        rng = self.rng
        target = rng.randint(3, 15)
        pool: list[Event] = []
        after_eif = eif if eif is not None and eif <= REVIEWED else opened
        followed = parties if kind == "bilateral" else rng.sample(parties, min(len(parties), rng.randint(2, 8)))
        for party in followed:
            joined = opened
            if kind == "bilateral" or rng.random() < 0.6:
                joined = self.day(opened, opened + dt.timedelta(days=365))
                if kind != "bilateral" or rng.random() < 0.3:
                    pool.append(Event(joined, "signed", party))
                joined = self.day(joined, eif if eif is not None else joined + dt.timedelta(days=900))
                pool.append(Event(joined, "ratified", party))
            else:
                joined = self.day(after_eif, REVIEWED)
                pool.append(Event(joined, "acceded", party))
            if kind != "bilateral" and rng.random() < 0.3:
                pool.append(Event(self.day(joined, joined + dt.timedelta(days=60)), "entered-into-force", party))
            roll = rng.random()
            if roll < 0.15:
                start = self.day(max(joined, after_eif), REVIEWED)
                pool.append(Event(start, "suspended", party))
                if rng.random() < 0.5:
                    pool.append(Event(self.day(start, REVIEWED), "resumed", party))
            elif roll < 0.3:
                notice = self.day(max(joined, after_eif), REVIEWED)
                pool.append(Event(notice, "withdrawal-notice", party))
                effective = add_months(notice, notice_months or 6)
                if rng.random() < 0.2:
                    pool.append(
                        Event(self.day(notice, effective - dt.timedelta(days=1)), "withdrawal-rescinded", party)
                    )
                elif effective <= REVIEWED:
                    pool.append(Event(effective, "withdrawn", party))
            elif roll < 0.33:
                pool.append(Event(self.day(joined, REVIEWED), "deratified", party))
        for _ in range(rng.randint(1, 4)):
            # Statements may predate signature; they are the one event type that may.
            said = self.day(opened - dt.timedelta(days=700), REVIEWED)
            pool.append(Event(said, "statement", rng.choice((None, *parties))))
        if eif is not None and expiry is not None and eif <= REVIEWED and rng.random() < 0.5:
            agreed = self.day(max(eif, expiry - dt.timedelta(days=730)), expiry - dt.timedelta(days=1))
            # A withdrawal ends a bilateral treaty, and an ended treaty is not extended.
            withdrawing = kind == "bilateral" and any(e.type == "withdrawal-notice" for e in pool)
            if agreed <= REVIEWED and not withdrawing:
                extended = Event(agreed, "extended", new_expiry=add_months(expiry, 12 * rng.choice((5, 10, 25))))
                pool.append(extended)
                expiry = extended.new_expiry
        ending: Event | None = None
        if eif is not None and eif <= REVIEWED:
            if expiry is not None and expiry <= REVIEWED and rng.random() < 0.7:
                ending = Event(expiry, "expired")
            elif rng.random() < 0.12:
                ending = Event(self.day(eif, REVIEWED), rng.choice(("terminated", "superseded")))
        if ending is not None:
            # Nothing but statements after a treaty has ended, and never an extension.
            pool = [e for e in pool if e.date <= ending.date or e.type == "statement"]
            pool.append(ending)
        # Facts only: nothing after the review date.
        pool = sorted((e for e in pool if e.date <= REVIEWED), key=lambda e: e.date)
        if len(pool) > target:
            keep = sorted(rng.sample(range(len(pool)), target))
            if ending is not None and pool.index(ending) not in keep:
                keep[rng.randrange(len(keep))] = pool.index(ending)
                keep.sort()
            pool = [pool[i] for i in keep]
            # A withdrawal is kept only with the notice it follows (validate asks for both).
            noticed = {e.party for e in pool if e.type == "withdrawal-notice"}
            pool = [e for e in pool if e.type != "withdrawn" or e.party in noticed]
        while len(pool) < 3:
            pool.append(Event(self.day(opened, REVIEWED), "statement", rng.choice((None, *parties))))
            pool.sort(key=lambda e: e.date)
        names = {code: STATES.get(code, NON_STATE[1]) for code in parties}
        for event in pool:
            event.note = self.event_note(event, names)
            event.source = self.url(slug)
        return pool

    def treaty(self, index: int) -> list[str]:
        """One treaty record as YAML lines, indented for the `treaties:` list."""
        rng = self.rng
        subject, categories, russian, french = rng.choice(SUBJECTS)
        kind = rng.choices(("bilateral", "multilateral", "regional"), weights=(40, 40, 20))[0]
        instrument = rng.choices(INSTRUMENTS, weights=INSTRUMENT_WEIGHTS)[0]
        title = INSTRUMENT_TITLES[instrument]
        place = rng.choice(PLACES)
        if kind == "bilateral":
            parties = rng.sample(CODES, 2)
            name = f"{title} between {STATES[parties[0]]} and {STATES[parties[1]]} on {subject}"
        elif kind == "regional":
            parties = rng.sample(CODES, rng.randint(4, 15))
            name = f"{rng.choice(REGIONS)} {title} on {subject}"
        else:
            parties = rng.sample(CODES, rng.randint(5, 40))
            if rng.random() < 0.2:
                parties.append(NON_STATE[0])
            name = f"{title} on {subject}"
        words = [w.strip(",").lower() for w in subject.split() if w[0].isupper() or w[0].isdigit()]
        acronym = "".join(w[0] for w in words).upper() + title[0]
        slug = "-".join([*words[:5], title.lower().replace(" ", "-")])
        treaty_id = f"{slug}-{index + 1:05d}"
        short_name = f"{acronym} {index + 1}"
        aliases = [
            alias
            for alias in (acronym, f"{place} {title}", f"Договор {russian}", f"Traité {french}")
            if rng.random() < 0.5
        ]

        opened = self.day(EARLIEST, LATEST_OPENING)
        eif = opened + dt.timedelta(days=rng.randint(30, 2500)) if rng.random() < 0.85 else None
        duration = rng.choice((5, 10, 15, 20, 25)) if eif is not None and rng.random() < 0.35 else None
        notice = rng.choice((3, 6, 12)) if rng.random() < 0.75 else None
        expiry = add_months(eif, 12 * duration) if eif is not None and duration is not None else None
        events = self.events(treaty_id, kind, parties, opened, eif, expiry, notice)

        lines = [
            f"  - id: {quote(treaty_id)}",
            f"    name: {quote(name)}",
            f"    short_name: {quote(short_name)}",
        ]
        if aliases:
            lines.append(f"    aliases: {flow(aliases)}")
        lines += [
            f"    kind: {quote(kind)}",
            f"    instrument: {quote(instrument)}",
            f"    categories: {flow(list(categories[: rng.randint(1, len(categories))]))}",
        ]
        complete = kind != "multilateral" or rng.random() < 0.3
        if kind != "bilateral" and rng.random() < 0.7:
            depositary = rng.choice(("Secretary-General of the United Nations", f"Government of {STATES[parties[0]]}"))
            lines.append(f"    depositary: {quote(depositary)}")
        if not complete and rng.random() < 0.5:
            lines += [
                "    party_count:",
                f"      count: {len(parties) + rng.randint(0, 150)}",
                f"      as_of: {self.day(REVIEWED - dt.timedelta(days=2000), REVIEWED).isoformat()}",
                f"      source: {quote(self.url(treaty_id))}",
            ]
        key_dates = [("signed" if kind == "bilateral" else "opened_for_signature", opened)]
        if kind != "bilateral" and rng.random() < 0.3:
            key_dates.insert(0, ("signed", self.day(opened, opened + dt.timedelta(days=120))))
        if eif is not None:
            key_dates.append(("entry_into_force", eif))
        for key, day in key_dates:
            lines += [f"    {key}:", f"      date: {day.isoformat()}", f"      source: {quote(self.url(treaty_id))}"]
        for key, months in (("duration", 12 * duration if duration else None), ("withdrawal_notice", notice)):
            if months is not None:
                unit, amount = ("years", months // 12) if months % 12 == 0 else ("months", months)
                lines += [f"    {key}:", f"      {unit}: {amount}", f"      source: {quote(self.url(treaty_id))}"]
        lines.append("    events:")
        for event in events:
            lines += [f"      - date: {event.date.isoformat()}", f"        type: {quote(event.type)}"]
            if event.party is not None:
                lines.append(f"        party: {quote(event.party)}")
            if event.new_expiry is not None:
                lines.append(f"        new_expiry: {event.new_expiry.isoformat()}")
            if event.note is not None:
                lines.append(f"        note: {quote(event.note)}")
            lines.append(f"        source: {quote(event.source)}")
        limits = rng.sample(LIMIT_ITEMS, rng.choice((0, 0, 1, 1, 2, 3)))
        if limits:
            lines.append("    limits:")
        for item, unit in limits:
            lines += [
                f"      - item: {quote(item)}",
                f"        value: {rng.choice((0, rng.randint(1, 6000)))}",
                f"        unit: {quote(unit)}",
            ]
            if eif is not None and rng.random() < 0.5:
                lines.append(f"        deadline: {add_months(eif, 12 * rng.randint(1, 7)).isoformat()}")
            lines.append(f"        source: {quote(self.url(treaty_id))}")
        lines.append("    sources:")
        for n in range(rng.randint(1, 4)):
            what = ("Treaty text", "Depositary status page", "Fact sheet", "Ratification record", "News report")[n]
            lines += [f"      - title: {quote(f'{what}: {short_name}')}", f"        url: {quote(self.url(treaty_id))}"]
        lines.append(f"    notes: {quote(self.notes(place, opened))}")
        lines += self.participation(treaty_id, kind, parties, events, opened, eif, complete)
        lines.append("")
        return lines

    def participation(
        self,
        slug: str,
        kind: str,
        parties: list[str],
        events: list[Event],
        opened: dt.date,
        eif: dt.date | None,
        complete: bool,
    ) -> list[str]:
        """The per-state table: original parties of a bilateral treaty; one row per state of a
        multilateral or regional one (the states its events follow keep their acts there)."""
        rng = self.rng
        lines = ["    participation:", f"      coverage: {'complete' if complete else 'partial'}"]
        lines += [f"      as_of: {REVIEWED.isoformat()}", f"      source: {quote(self.url(slug) + '/status')}"]
        if kind != "bilateral" and eif is not None:
            rule = rng.choice(
                ("rule: on-deposit", "rule: after-deposit, days: 30", "rule: first-day-of-month, months: 6")
            )
            lines.append(f"      in_force_for_state: {{{rule}, source: {quote(self.url(slug) + '/final-clauses')}}}")
        lines.append("      states:")
        if kind == "bilateral":
            lines += [f"        {code}: {{original: true}}" for code in sorted(parties)]
            return lines
        followed = {e.party for e in events if e.party is not None}
        members = parties if not self.states else rng.sample(ALL_CODES, min(self.states, len(ALL_CODES)))
        rows = [f"        {code}: {self.row(opened, eif)}" for code in sorted(set(members) - followed)]
        if not rows:
            lines[-1] += " {}"
        return lines + rows

    def row(self, opened: dt.date, eif: dt.date | None) -> str:
        """One state's acts on one line, as a depositary list gives them."""
        rng = self.rng
        acts = []
        roll = rng.random()
        if roll < 0.55:
            signed = self.day(opened, opened + dt.timedelta(days=365))
            acts.append(f"signed: {signed.isoformat()}")
            if rng.random() < 0.85:
                acts.append(f"ratified: {self.day(signed, REVIEWED).isoformat()}")
        elif roll < 0.9 and (eif or opened) <= REVIEWED:
            acts.append(f"acceded: {self.day(eif or opened, REVIEWED).isoformat()}")
        else:
            acts.append(f"signed: {self.day(opened, opened + dt.timedelta(days=365)).isoformat()}")
        return "{" + ", ".join(acts) + "}"


def write_dataset(count: int, path: Path, seed: int, states: int = 0) -> int:
    """Write `count` treaties to `path` (`states` rows per multilateral table); return the file's size."""
    generator = Generator(seed, states)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(
            f"# Synthetic treatytrack dataset: {count} fake treaties (benchmarks/generate.py, seed {seed}).\n"
            "# Shaped like data/treaties.yaml; names, dates and sources are invented.\n"
            "version: 1\n"
            f"reviewed: {REVIEWED.isoformat()}\n"
            "non_state_parties:\n"
            f"  - code: {quote(NON_STATE[0])}\n"
            f"    name: {quote(NON_STATE[1])}\n"
            "treaties:\n"
        )
        for index in range(count):
            out.write("\n".join(generator.treaty(index)) + "\n")
    return path.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic treatytrack dataset for benchmarks.")
    parser.add_argument("count", type=int, help="number of treaties")
    parser.add_argument("outfile", type=Path, help="YAML file to write")
    parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    parser.add_argument(
        "--states", type=int, default=0, help="rows per multilateral or regional state table (default: its parties)"
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("count must be at least 1")
    size = write_dataset(args.count, args.outfile, args.seed, args.states)
    noun = "treaty" if args.count == 1 else "treaties"
    print(f"wrote {args.count} {noun} ({size / 1024:.0f} KiB) to {args.outfile}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
