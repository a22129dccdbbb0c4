"""Entity mentions from the NER model's spans, cleaned up and backed by rules where it is weak.

The small model tags slang, half sentences and glued names ("Cohen Said", "Lavrov & Putin",
"NATO Kerry"), and misses acronyms ("RU", "IS"). Each span is cleaned (titles and leading
lower-case words kept out of the key, possessives and speech-verb tails cut, glued names
split) and becomes a ``Mention`` carrying label votes; ``aliases`` later sums the votes of
all mentions of one entity, so one wrong tag does not decide the label.
"""

from __future__ import annotations

import calendar
import mimetypes
import re
import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Set
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from itertools import pairwise, takewhile
from operator import attrgetter
from urllib.parse import urlsplit

from .. import schema
from ..census import read_lists
from .births import births
from .casing import common_noun, everyday_lower, lower_case_word, seldom_lower
from .companies import company, platform
from .gazetteer import ACRONYMS_IN_CONTEXT, CELESTIAL, ORG_ACRONYMS, SLANG, gazetteer, slang
from .job_posts import Field, header_fields
from .lexicon import OTHER_LANGUAGES, Kind, kind, zipf
from .links import domain, find_links, named_by_address, names_by_address
from .names import first_name, gender, surname
from .peoples import language, people
from .register import code_in, identifier, lower_opened, passed_on, romanised, versioned
from .software import software
from .stop_words import STOP_WORDS
from .teams import AFTER, listed_teams, teams_short_for, untagged_teams
from .titles import HONORIFICS, TITLES

__all__ = [
    "Mention",
    "find_mentions",
    "lower_words",
    "site_names",
    "TITLES",
    "ORG_WORDS",
    "PLACE_WORDS",
    "PAPER_HEADS",
    "MODEL_LABELS",
    "GENERATIONS",
    "prepare",
]


# honorifics written after the name they honour, as Ottoman and Persian ones are: "Shoghi Effendi", "Enver Pasha"
_HONORIFICS_AFTER = frozenset("effendi pasha bey sahib".split())
# nouns for bodies someone founds and endows, named after them: "the Clinton foundation" (``_founded``)
_FOUNDED = frozenset("foundation institute trust fund".split())
# nouns after such a noun making a compound that names no body: "trust fund", "fund raiser", "fund raising"; not
# verbs ("the Gates foundation funds", "raised")
_FOUNDED_COMPOUND = frozenset("fund raiser raisers raising".split())
# a role just before a name says it is a person's ("owner Farhad Moshiri"), though it is not part of the name
ROLES = frozenset(
    "owner manager coach chairman chairwoman ceo founder director spokesman spokeswoman striker midfielder "
    "defender goalkeeper journalist reporter commander leader".split()
)
_LEADER_OF = frozenset("administration government regime presidency campaign cabinet doctrine".split())
# verbs in the singular that a plural noun never takes: "Giannis has", a name
_SINGULAR_VERBS = frozenset({"has", "is", "was", "does"})
_SPEECH_TAIL = frozenset(
    "said says stated noted told wrote asked added claimed stressed remarked argued warned".split()
)
ORG_WORDS = frozenset(
    "front army forces party union council ministry bank group agency company corp corporation inc ltd "
    "university committee brigade brigades movement state network organization organisation federation "
    "league alliance coalition times post news herald journal gazette press institute foundation "
    "brotherhood administration department commission parliament congress senate court guard militia "
    "society ventures technologies enterprise enterprises labs partners holdings associates airlines "
    "institute school college club church bank house association institution trust fund bureau authority "
    "academy museum hospital laboratory magazine inc. corp. co. ltd. mail telegraph observer tribune chronicle "
    "panel tribunal "
    # the same heads in India's languages as English writes them ("Vishwa Hindu Parishad", "Lok Sabha", "Rashtriya
    # Sanskrit Sansthan", "Sahitya Akademi"): an institute's, a school's, a council's, an assembly's, a union's
    "sansthan sansthanam vidyapeeth vidyapeetha vidyapith vidyapitha vidyalaya mahavidyalaya vishwavidyalaya parishad "
    "parishat samiti sangh sangha sabha akademi".split()
)
# words that end a company's name made of everyday words ("Valve Software", "First Round Capital", "Rovio Studios"),
# heads only where the name ends and the model reads a body ("Software Engineering" is none)
_COMPANY_HEADS = frozenset("capital software systems solutions industries studios".split())
# what a company runs, named after it ("Fox Business", "Disney Channel"): a head only after a listed company's name, as
# "Small Business" or "Family Channel" name no one; not "music", which names a company's service ("Apple Music")
_COMPANY_ARMS = frozenset("business sports entertainment pictures channel radio television".split())
# heads that name countries as well as bodies ("Soviet Union", "Russian Federation"): where the model reads the
# name as a country, the head does not outvote it
_STATE_HEADS = frozenset({"union", "federation", "republic", "kingdom", "emirates", "states"})
# words for a state that open its name before "of" ("Kingdom of Poland", "Principality of Warsaw"), end it
# ("Polish&Lithuanian Commonwealth") or follow it in lower case ("the Sassanid empire")
_POLITIES = frozenset(
    "kingdom empire principality duchy caliphate sultanate khanate emirate tsardom republic commonwealth".split()
)
PLACE_WORDS = frozenset(
    "city province region peninsula river mountains mountain valley island islands isles oblast county district "
    "sea ocean gulf bay strait desert heights lake coast republic dam canal bridge airport falls "
    "park square avenue street road tower palace castle cathedral creek hills springs beach harbor harbour "
    "canyon prison center centre plant station garden gardens".split()
)
# place's words of buildings a body runs, which a word before them says the use of: "the Help Center", "a Research
# Center", "the Police Station"
_RUN_PLACES = frozenset("center centre station plant prison airport".split())
# features of the land that a people's adjective before them names: "the Iberian peninsula", "the Arabian Sea"
_FEATURES = set("peninsula sea ocean gulf strait desert mountains islands isles basin plateau".split())
# "in X" says Place far more often than "from X" or "to X" ("a letter from NATO", "talk to Google")
_INSIDE_PREPS = set("in into inside near across around outside throughout".split())
_PLACE_PREPS = _INSIDE_PREPS | set("at from to over towards toward via".split())
# prepositions before a place named for its owner ("at Fisherman's Wharf")
_OWNED_PLACE_PREPS = _INSIDE_PREPS | {"at"}
# lower-case words that stand only before places: "eastern Aleppo", "offshore Sinai", "occupied Crimea"
_GEO_MODIFIERS = set(
    "north south east west northern southern eastern western central northeastern northwestern southeastern "
    "southwestern offshore coastal occupied annexed rural downtown greater upper lower".split()
)
# sides that, in lower case before a continent, name a region of it: "central America", "eastern Europe"
_SIDES = set(
    "north south east west northern southern eastern western central northeastern northwestern southeastern "
    "southwestern".split()
)
# a leading prefix word is not part of the name: "Anti Baath party", "Pro Kremlin media", "Pre Columbian"
_PREFIXES = {"anti", "pro", "non", "ex", "pre"}
# articles and demonstratives, which open a sentence's noun phrase capitalised, no name's first word
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
# an oath before a name, wishing it ill ("Fuck Arsenal", "Screw Trump"): the sentence's word, never a name's first
_CURSES = {"fuck", "fucking", "fuckin", "screw", "damn", "goddamn"}
_SENTENCE_END = re.compile(r"[.!?…:;]\s*$|\n")
_GLUED = "-–—"  # dashes the tokenizer leaves on a name
_SPLIT_WORDS = {"&", "and", "/", "or", "vs", "vs.", "versus", "+"}
_LEGAL_FORMS = {"inc", "ltd", "llc", "corp", "co", "plc", "gmbh", "llp"}
MODEL_LABELS = {
    "PERSON": schema.PERSON,
    "ORG": schema.ORGANIZATION,
    "GPE": schema.PLACE,
    "LOC": schema.PLACE,
    "FAC": schema.PLACE,
    "NORP": None,
}
_DEMONYM = re.compile(r"(?:ian|ians|ese|ish|ans|an|i|ic)$")
_WORD = re.compile(r"[a-z][a-z'’-]+")
# a lower-case word alone in quotes or in a code span is mentioned, not used: a tag's name ("persia"), a term
# an address starts where a run of its characters does, each run read once: tried from each character of a long run,
# each try reading to the run's end, a 50,000-character run took seconds
_MAIL_ADDRESS = re.compile(r"(?<![^\s<>()\[\]{}\"',;:@])[^\s<>()\[\]{}\"',;:@]++@[^\s<>()\[\]{}\"',;:@]++")
_MENTIONED = re.compile(r"([\"'`])[a-z][a-z'’-]*\1|“[a-z][a-z'’-]*”|‘[a-z][a-z'’-]*’")
_PLURAL_ACRONYM = re.compile(r"\b[A-Z]{2,5}s\b")  # "TMs", "PACs"
# what each of its matches ends with, found in a text at once: a search for a pattern opening with "\b" tries every
# character (22 ms over the example thread's 40,000 words, a third of its lessons' vocabulary)
_PLURAL_SEEN = re.compile(r"[A-Z]s\b")
# endings of English adjectives: a common word so ending is no name ("Congressional elections")
_ADJECTIVE = re.compile(r"(?:al|ive|ous|ful|less|able|ible)$")
# markup and addresses the model takes into names: "[Beverly](http://…", "Mental_Health", "**Edit**"
_MARKUP = re.compile(r"[\[\]()<>*_#~`|=@/\\]|https?:|www\.|\.(?:com|org|net)\b")
# a question or an exclamation ended with no space before the next sentence: "is invisible?'It means"
_RUN_ON = re.compile(r"[a-z][?!]+[\"'’”]*[A-Z]")
_PARTICLES = {"al", "of", "de", "van", "von", "bin", "ibn", "el"}  # lower-case words inside names
_POSSESSIVE_DETERMINERS = {"my", "your", "his", "her", "our", "their", "its"}
# what a verb bids or takes after it, never a name's next word: "Mark my words"
_OBJECTS = {"my", "your", "our", "me", "us", "him", "them"}
# a noun after a name that is a person's work or words: "this Nietzsche quote", "a Verne novel"
_WORK_OF = frozenset(
    "quote quotes quotation quotations speech speeches poem poems novel novels memoir biography essay".split()
)
# a noun after a name that is named after a person: "Laplace transforms", "Cauchy-Riemann equations", "a universal
# Turing machine", "the Feynman rules"
_EPONYMOUS = frozenset(
    "equation equations transform transforms theorem theorems lemma conjecture principle paradox inequality "
    "algorithm constant distribution machine machines diagram diagrams rules".split()
)
# of those, things a body or a place has as well ("the Hezbollah machine", "the Kremlin rules"): named after a person
# where a name list knows the name or no "the" makes them one's own
_EPONYMOUS_THINGS = {"machine", "machines", "diagram", "diagrams", "rules"}
# statements named after who found them, maybe past a word before them: "Godel's incompleteness theorem"
_THEOREMS = set("theorem theorems lemma conjecture principle paradox inequality equation equations".split())
# a noun after a name's possessive that is named after a person: "Plato's cave", "Occam's razor", "Moore's law" (not
# "the Senate's rules": someone's rules are their own)
_EPONYM_OWNED = (_EPONYMOUS - {"rules"}) | set(
    "cave allegory razor wager law laws dilemma fallacy hypothesis thesis argument problem experiment".split()
)
# weekdays and months as dates write them short ("On Tue, Jan 20, 1998", "Tue Jan 20 15:06:23 1998")
_CALENDAR = {*calendar.day_abbr, *calendar.month_abbr, *calendar.day_name} - {""}
# a list's joints between a people's adjective and a word listed with it, and how many tokens they take at most
_LIST_JOINTS = {",", "and", "or", "&"}
_PEOPLE_LIST_GAP = 2
# the nouns after a name that make it a language's ("Indo-European languages")
_LANGUAGE_NOUNS = {"language", "languages"}
# the nouns after "language" that keep it a language's ("the Indo-European language family"); any other word there
# makes "language" qualify a maker's or a body's work or team ("the Google language model", "Duolingo language courses")
_LANGUAGE_KIN = {"family", "families", "group", "groups", "branch", "branches"}
# words that set one thing against another of its kind: "Sephardic ancestry (as opposed to Ashkenazi"
_CONTRASTS = ("as opposed to", "rather than", "instead of", "unlike", "versus", "vs", "vs.", "or")
# what a person is called by, as only a person prefers it: "likes to be called Romano", "calls himself Bono"
_CALLED = re.compile(
    r"\b(?:(?:likes?|liked|prefers?|preferred|wants?|wanted|asks?|asked|insists?|insisted)\s+to\s+be\s+"
    r"(?:called|named)|call(?:s|ed)?\s+(?:himself|herself))\s+$",
    re.IGNORECASE,
)
_CALLED_LAST = {"called", "named", "himself", "herself"}
# a noun after a name's possessive that only a person has: "Charlotte's face", "Jeff's wife"
_PERSONAL = set(
    "face hair eyes mouth nose lips wife husband son daughter mother father mom dad brother sister girlfriend "
    "boyfriend".split()
)
# a noun after a name that says a family bears it: "the Hoover family", "the Kennedy clan"
_FAMILY = {"family", "families", "clan", "dynasty"}
# a noun after a name that says a company or a body bears it: "a Rosatom subsidiary", "Uber shareholders"
_BODY_OF = set("subsidiary subsidiaries shareholders shareholder stock shares headquarters employees".split())
# a word before "in X" that makes X what was written or printed in, not a place: "refuted in Forbes", "an op-ed in
# Politico"
_PUBLISHED_IN = set(
    "refuted rebutted published printed wrote written quoted article articles op-ed editorial column interview "
    "piece story report".split()
)
# a verb before "on X", or before what was seen or sold there, that makes X a site or a market one goes to, not a
# place: "Go on Alibaba", "sold on eBay", "watched it on Instagram"; or what one has on a site: "81 followers on
# Twitter", "an account on Mastodon"
_ON_SITE = set(
    "go went sell sold selling buy bought buying post posted listed shop shopping order ordered watch watched saw seen "
    "read discussed follower followers account accounts profile profiles".split()
)
_THING = {"it", "this", "that", "them", "one"}
# a noun after a place's name that is an event there: "the Hama riots", "the Benghazi attack"
_EVENTS = set(
    "riot riots massacre siege uprising attack attacks bombing bombings protest protests earthquake crisis".split()
)
# a noun after a name that makes it a book cited by its parts: "First Thessalonians chapter 5, verse 3"
_BOOK_PARTS = {"chapter", "chapters", "verse", "verses", "ch", "ch."}
# the books of the Bible whose names are no one's given name: a work, not a person or a place ("rest on Leviticus")
_SCRIPTURE = set(
    "Exodus Leviticus Deuteronomy Ecclesiastes Lamentations Obadiah Habakkuk Zephaniah Haggai Malachi "
    "Galatians Ephesians Philippians Colossians Thessalonians Corinthians Hebrews Proverbs Psalms".split()
)
# a creed's or a confession's head after its name ("the Nicene creed", "the Apostles' Creed")
_CREEDS = {"creed", "creeds"}
# words before a work's title: "the film Fargo", "watched Band of Brothers", "titled Unsere Mütter"
# (not "show" or "play", verbs as often: "to show Putin", "England play Russia")
_WORK_CUES = frozenset(
    "film films movie movies series book books novel novels documentary season episode titled entitled".split()
)
# not before a person's or a place's name: "watched Obama speak", "watch Russia closely"
_WATCHED = frozenset("watch watched watching rewatched binged".split())
_ITALICS = "*_"  # markdown's marks around a title: "*Fargo*", "_Band of Brothers_"
# words before examples of a kind ("works like Vyutpattivada", "films such as Dune"), and the word for works in general,
# a cue only there, as it is a verb as often ("it works")
_EXAMPLES = frozenset({"like", "including", "as"})
_WORKS = frozenset({"works"})
_WORKS_OWNERS = frozenset("the these those other many several collected complete".split())  # "the collected works"
# nouns for what only a film, a series or a book has, before "to", "for" or "of" and its title: "the trailer to The
# Exorcist Believer", "a sequel to Dune", "an episode of The View"
_WORK_PARTS = frozenset(
    "trailer trailers teaser sequel sequels prequel prequels remake remakes reboot spoilers soundtrack screening "
    "screenings premiere adaptation episode episodes".split()
)
# heads that end the name of a happening held or run, no person, place or body: "the Trinity Test", "the conference of
# Vedic Workshop", "the Glastonbury Festival"
_EVENT_HEADS = frozenset(
    "test tests workshop workshops summit festival expo olympics tournament championship championships "
    "referendum".split()
)
# heads of bodies' names before "of" that the heads of bodies and places leave out, as their words are everyday ones
# elsewhere: "the Board of Education", "the Chamber of Commerce", "the Office of Personnel Management"; orders,
# fraternities and faiths named after their members or their house ("the Knights of Pythias", "the Temple of Set"), a
# plural's "s" left off when looked up
_BODIES_OF = frozenset(
    "board office chamber corps order service services division knight sister daughter son brother friend guild "
    "fellowship lodge legion congregation temple".split()
)
# a verb before what is won: a prize or a contest ("still win Grammy?"), no one
_WON = set("win wins won winning".split())
# a word glued by a hyphen after a prize's name: "Oscar-winning actors", "an Emmy-nominated show"
_PRIZED = frozenset("winning winner winners nominated nominee nominees".split())
# a noun after a name's possessive that its author wrote: "DeWitt's book", "Schmidhuber's paper"
_AUTHORED = set("book books textbook textbooks paper papers essay essays article articles treatise".split())
# a noun after a word that makes it the name of a matter, not of a person, place or body: "the Cipher case"
_MATTERS = set("case scandal affair probe leak leaks hearing hearings trial".split())
# the heads of laws' and treaties' names ("the Assault Weapons Ban", "the Fort Stanwix Treaty", "the Patriot Act")
_LAWS = set("act ban amendment treaty accord accords".split())
# the heads of laws' and treaties' names before "of" and where they were issued or signed ("the Edict of Nantes", "the
# Treaty of Versailles"); "Act of" is left out, as "an Act of Congress" is a body's act
_LAWS_OF = set("edict edicts treaty treaties decree statute concordat".split())
# what a piece of software is built into or shipped as: a name before one is the software's ("at least Fedora kernels",
# "a containerized Fedora implementation"), none of a person, a place or a body
_BUILT = frozenset(
    "kernel kernels implementation implementations distro distros firmware codebase plugin plugins".split()
)
# goods sold under a maker's or a brand's name: a name of several words before one is the maker's or the brand's
# ("Wright Flyer III planes", "a Sun Solaris system"), a body's if anything, never a person or a place (``_sold_under``)
_GOODS = frozenset(
    "app apps phone phones smartphone smartphones laptop laptops tablet tablets console consoles plane planes "
    "airplane airplanes aircraft airliner airliners cigarette cigarettes cigar cigars headphones earbuds system "
    "systems".split()
)
_MADE = _BUILT | _GOODS
# kinds of goods that makers sell under their own name, often a founder's surname: one word before their plural
# ("Steinway pianos", "Ruger pistols", "Kohler faucets") is the maker's, no person's (``_make_of``)
_WARES = frozenset(
    "piano guitar violin drum amplifier watch clock shirt jacket coat suit jean boot shoe sneaker trainer sandal "
    "handbag wallet perfume fragrance pistol revolver shotgun knife razor pen camera lens printer fridge "
    "refrigerator freezer oven stove cooker dishwasher washer dryer vacuum appliance faucet toilet mattress sofa "
    "bicycle motorcycle car truck tractor tyre tire drill chocolate biscuit cookie cracker candy cereal sauce soap "
    "shampoo toy product".split()
)
# goods sold by the measure, named after their maker in the singular ("Tetley tea", "Peroni is my go-to beer")
_FARE = frozenset(
    "tea coffee beer lager ale stout wine champagne vodka whisky whiskey gin rum brandy cognac cider chocolate "
    "ketchup mustard mayonnaise".split()
)
_COPULA_WORDS = 4  # words between "is" and the goods it says a name is: "Peroni is my go-to beer"
_WARES_SOLD = frozenset(
    {w + ("es" if w.endswith(("ch", "sh", "s", "x")) else "s") for w in _WARES} | {"knives", "candies"} | _FARE
)
# goods' plurals that are also a verb's, said of a person: no preposition ends their phrase ("I think Putin watches with
# interest", "Putin toys with Trump"), and where the name opens its clause ("Sanders watches and waits", "and Obama
# watches in horror") only "are" or "have" after them say goods
_WARES_DONE = frozenset("watches clocks pens toys drums suits boots coats trucks drills tires tyres vacuums".split())
_WARES_HELD = frozenset("are were have had".split())
_LISTED_ENDS = frozenset({"", ".", "and", "or"})  # the text's end, a mark, a list going on: "Breitling watches and"
_CLAUSE_JOINS = frozenset("and but or nor while as when because so if since until though although whereas".split())
# words that may follow a noun phrase's last noun (or a mark): a preposition no verb takes as its particle, a
# conjunction, a verb of being or having ("Ruger pistols and rifles", "Kohler faucets in both bathrooms"); "Breen
# watches the game", "Guido watches over the Oracle", "Breen pens a letter": a verb, its object or particle after it
_PHRASE_ENDS = frozenset(
    "in at for from with to by like than and or but nor are were is was have had that which".split()
)
# a person's years of birth and death after the name, a comma or an opening bracket before them; the shortest and the
# longest life told so (a season, "2003-2004", is shorter)
_LIFE_YEARS = re.compile(r"[ \t]*[,(][ \t]*(1[0-9]{3}|20[0-9]{2})[ \t]*[-–][ \t]*(1[0-9]{3}|20[0-9]{2})(?![\d])")
_LIFE_SPAN = (15, 122)
# a name before these, maybe after its model number, is a weapon's: "the Merkava tank", "Jericho 3 missile"
_WEAPONS = set(
    "tank tanks missile missiles rocket rockets rifle rifles bomber bombers drone drones helicopter "
    "helicopters submarine submarines warship warships".split()
)
# posts a headline capitalises ("Police Officer")
_OFFICERS = set("officer officers commissioner inspector sergeant constable".split())
# an acronym before a role names the body the person serves: "NRC chairman", "FAA spokesman"
_SERVES = ROLES | {"chief", "official", "officials", "agent", "agents", "staff", "staffer", "staffers"}
# a list between names: "Andreessen Horowitz, Hewlett Packard Enterprise, Khosla Ventures"; a slash pairs two as
# "and" does ("defended Mills/Perry")
# (the blanks before a comma or "and" taken whole: split each way, the blanks of a long gap cost their count squared)
_LISTED = re.compile(r"\s*+(?:,|/|,?\s*+(?:and|or|&))\s*")
# a capitalised word listed just before or after a name: "Blair and Brown"
_WORD_BEFORE = re.compile(r"\b([A-Z][a-z]+)(?:,|,?\s+(?:and|or|&))\s+$")
_WORD_AFTER = re.compile(r"(?:,|,?\s+(?:and|or|&))\s+([A-Z][a-z]+)\b")
# nouns for bodies before a name set beside them: "an organization -- ZEGOTA --", "a group called Antifa"
_BODY_NOUNS = set("organization organisation organizations organisations group party movement agency charity".split())
# a body's noun set after a name, a comma and a determiner ("banned from Blowout, the only other forum I post on"),
# the words that may describe it between ("only other"), and its vote: a title's weight for a person, over the model's
# place and a preposition's ("site" is none, a place's as often: "Chernobyl, the site where the reactor blew"), and the
# words of a relative clause after it up to the comma that closes it ("Fox, the network that gave us Tucker, is")
_APPOSED_BODY_NOUNS = _BODY_NOUNS | set(
    "forum website network platform company firm corporation bank brand retailer broker newspaper".split()
)
_APPOSED_DETERMINERS = frozenset("the a an my our their".split())
_BODY_DESCRIBING = 2
_CLAUSE_OPENERS = frozenset("that which where whose i we you he she they".split())
_CLAUSE_WORDS = 10
_APPOSED_BODY_VOTE = 3.0
# plural nouns for kinds of bodies and of what companies run: the names listed after one and "such as", "like" or
# "including" are bodies' ("social media sites such as Facebook and Twitter", "companies like Apple"), though the model
# reads a person in one or misses one
_KINDS_OF_BODIES = frozenset(
    "sites websites networks platforms companies firms corporations businesses brands retailers brokers banks "
    "charities newspapers".split()
)
_SUCH_AS = re.compile(r"\b(" + "|".join(sorted(_KINDS_OF_BODIES)) + r") (?:such as|like|including) ")
# and the name listed before "and other" and such a noun ("Robinhood and other platforms chose the wrong side")
_AND_OTHER = re.compile(r"\b(?:and|or) (?:the )?other (" + "|".join(sorted(_KINDS_OF_BODIES)) + r")\b")
_LIST_JOINS = frozenset({",", "and", "or", "&"})
# nouns for works that, after "the", refer back to a name just before: "Fargo claims … in both the film and the series"
_REFERRING_WORKS = set("film movie series book novel documentary".split())
_REFERRING_NOUNS = tuple(_BODY_NOUNS | _REFERRING_WORKS)  # looked for in a post's lower-cased text before its words
# the model's labels that keep a name from a work's noun referring back to it
_NAMED_LABELS = {"PERSON", "GPE", "LOC", "FAC"}
# words between a name and "the" and a noun that refers back to it
_REFERRING_REACH = 20
# head words of newspapers' names: "The Observer", "The Times", "The Independent"
PAPER_HEADS = set(
    "times post news herald journal gazette press mail telegraph observer tribune chronicle guardian independent "
    "mirror express economist spectator standard".split()
)
# a number after a name: people are not numbered so (kings take Roman numerals), sequels and models are
_NUMBERED = re.compile(r"\d{1,3}")
# nouns for papers after their names: "the Dagens Nyheter daily"
_PAPER_NOUNS = {"daily", "newspaper", "weekly", "tabloid"}
# verbs before "for" and a team's name: "Play for Super Eagles"
_PLAYED = set("play plays played playing".split())
# nouns for towns after their names: "in Owo township"
_TOWNS = {"town", "township", "village"}
# the words the three rules above look for, so that a post without them costs one search
_PAPER_NOUN = re.compile(r"\b(?:" + "|".join(_PAPER_NOUNS) + r")\b")
_PLAYED_FOR = re.compile(r"\b(?:" + "|".join(_PLAYED) + r") for\b", re.IGNORECASE)
_TOWN_WORD = re.compile(r"\b(?:" + "|".join(_TOWNS | {"native"}) + r")\b", re.IGNORECASE)
# What a text holds where ``_TOWN_WORD`` matches, looked for first in the text in lower case: a search for a pattern
# opening with "\b" tries every character, one for strings skips along (``_PAPER_NOUN``, ``_PLAYED_FOR`` and this
# were a twelfth of the rules' time on the example thread). It spells out no "i", "k" or "s", which letters other than
# their own match where the case is ignored ("İ" is two characters in lower case).
_TOWN_SEEN = re.compile("town|nat..?ve|llage")
# a numbered list's item at a line's start: "Victim 6 - "
_ITEM = re.compile(r"^([A-Z][a-z]+) \d{1,3} [-–—:] ", re.MULTILINE)
# nouns before "of" that make the name after it a happening, not a person: "the events of Kristallnacht"
_HAPPENINGS = set("events aftermath eve outbreak anniversary".split())
# a noun after a name's possessive that is a unit someone leads: "Batman's brigade" names its commander
_LED = frozenset("brigade brigades battalion battalions militia regiment unit gang band men troops fighters".split())
# the unions of lists the rules test words against, token by token: made once here, not at each test
_HEADS = ORG_WORDS | PLACE_WORDS
_STATES_POLITIES = _STATE_HEADS | _POLITIES
_NAMED_OF = _HEADS | _STATES_POLITIES | _BODIES_OF  # heads before "of" in a body's, a place's or a state's name
_NAMED_AFTER = _HEADS | _LEADER_OF
_PLURAL_HEADS = _HEADS | _STATE_HEADS
_OWNED_BODIES = ORG_WORDS | _LEADER_OF | _LED
_TITLES_ROLES = TITLES | ROLES
_TITLES_RULERS = TITLES | set("king queen emperor empress prince princess tsar czar".split())
# military ranks and civil offices that English writes as everyday words too ("General", "Major", "Judge"): a title
# only before a surname (``_ranked_surname``), not among ``TITLES``, which any name sheds
_RANKS = frozenset(
    "general admiral captain major lieutenant sergeant corporal marshal commodore brigadier judge justice mayor "
    "sheriff".split()
)
# jobs a post to fill names, as job posts head their openings ("Software Engineer", "Senior Systems Engineers")
# an English word this frequent opens a job's name ("Backend Engineers", "DevOps Engineers")
_JOB_WORD_ZIPF = 2.5
_JOBS = set(
    "engineer engineers developer developers designer designers analyst analysts scientist scientists architect "
    "architects programmer programmers".split()
)
_POSTS = _TITLES_ROLES | _OFFICERS | _JOBS
# a role a full name is set after ("the French representative in Rome, Arnaud d'Ossat,"; ``_role_apposed``), the
# describing words before it ("French"), and the place of its post between it and the comma ("in Rome")
_APPOSED_ROLES = _TITLES_ROLES | _OFFICERS | {"representative"}
_ROLE_DESCRIBING = 2
_ROLE_PREPS = frozenset("in of at for to".split())
_ROLE_PLACE_WORDS = 3
# degrees and the verbs of studying, a few words before "in" and a subject: "a degree in Neuroscience", "my first
# degree was in Neuroscience", "majoring in Computer Science"
_STUDIES = set(
    "degree degrees major majored majoring minor minored phd ph.d. doctorate masters master's bachelors bachelor's "
    "diploma bsc msc mba".split()
)
_STUDY_REACH = 3  # words between the degree and "in" ("degree was in")
_NOT_NAMES = _HEADS | _TITLES_ROLES | _SPEECH_TAIL
_WATCH_CUES = _WORK_CUES | _WATCHED
# words before a phrase that make it a kind of thing, not one named thing: "a Stan Opium poppy field", "Which Wall
# St. Bank"
_KIND_DETERMINERS = {"a", "an", "which", "what", "any", "every", "each", "another"}
# words that count what follows: a phrase under a plural noun after them names things of a kind, not one thing
_COUNTING = {"many", "few", "several"}
# nouns before "of" that make what follows a kind of thing: "the kind of Brexit you wanted"
_KINDS = {"kind", "kinds", "sort", "sorts", "type", "types", "form", "forms", "version", "versions"}
# endings of English abstract nouns made from a word ("Weirdness", "Uncertainty", "Hacking", "Impeachment")
_ABSTRACT = re.compile(r"(?:ness|ity|ty|ing|ment|ism)$")
# endings that make a country's name of its people's adjective: "Kazakh" → "Kazakhstan"
_COUNTRY_ENDINGS = ("stan", "istan", "ia", "a", "land")
# words that open a message before the name it speaks to ("Hi Artem,")
_GREETINGS = {"hi", "hello", "hey", "dear", "thanks", "cheers"}
# the one US postal code written alone as a place's name ("such as DC or Hollywood"); alone, the others are as often
# words or sites' initials ("OR", "IN", "MO" for MathOverflow), places only after a town ("Salamanca, NY")
_CAPITAL = "DC"
# a postal code after a town, ending its line: "- 570012", " 380 009", ", 302026.", " 78759", " 20500-0003"
# (the blanks before and after the dash taken whole: split each way, a long run of blanks cost its length squared)
_POSTAL = re.compile(r"[ \t]*+(?:[-–,][ \t]*+)?(?:\d{6}|\d{3} \d{3}|\d{5}(?:-\d{4})?)\.?[ \t]*")
_POSTAL_SEEN = re.compile(r"\d{3} ?\d{2,3}(?:-\d{4})?\.?[ \t]*$", re.MULTILINE)
# a line shorter than this ends a field of a signature or an address; a paragraph's wrapped lines are longer
_FIELD_LINE = 45
# marks that glue a web address to a link or a mail address before it: "see /scite.ai" is the link's, "@md.ai" a mail's
_ADDRESS_GLUE = frozenset("/ @ : .".split())
_COMMA_CODE = re.compile(r", ?[A-Z]{2}\b")  # what an address's town and state code hold: ", AK"
# a patch's trailer or a mail's header naming one person before an address ("Cc: Dmitry Kasatkin <…@gmail.com>",
# "Signed-off-by: Tetsuo Handa <…>", "From: \"Serge E. Hallyn\" <…>"), quoted or not: the name, as git writes it, of
# 80 characters at most (unbounded, a line of blanks was tried at each split: quadratic)
_TRAILER = re.compile(
    r"^[ \t>]*(?:[A-Z][a-z]+(?:-[a-z]+)*-by|Cc|CC|To|From):[ \t]+"
    r"\"?([^\W\d_][^\n<>@\"]{0,80}?)\"?[ \t]+<[^\s<>@]+@[^\s<>]+>",
    re.MULTILINE,
)
_TRAILER_EVERYDAY = 3.5  # a trailer's word this frequent in English, unless the name lists hold it, is an everyday word
_TRAILER_SEEN = re.compile(r"(?:by|Cc|CC|To|From):[ \t]")  # what every trailer holds: the lines are read only after it
# a software name weighs against every label: it names a product, not a person, place or organisation
_SOFTWARE_VOTE = -2.0
# software names a line's list holds besides a name, none a given name ("Julia", "Ruby"), for the name to be software
# too ("Tech Stack: Go, Node.js, React, Python, Cassandra, Redis"), and the vote against each label it then gets
_SOFTWARE_LISTED = 2
_LISTED_SOFTWARE_VOTE = -3.0
# what parts a line's list into its items: commas, semicolons, brackets, "and", "or", "&", and a label before a colon
# (blanks before a mark read from their run's start only: tried from each blank of a long run, each try reading to
# the run's end, a line's 50,000 blanks took 36 s)
_ITEMS = re.compile(r"(?:(?<!\s)\s++)?(?:[,;()]|:\s)\s*|(?<!\s)\s++(?:and|or|&)\s+")
# a product page linked beside the name outweighs the model's label and a given name ("Lulu" linked at …/products/lulu)
_PRODUCT_VOTE = -3.0
# "the events of X" outweighs the model's person ("the events of Kristallnacht")
_HAPPENING_VOTE = -1.5
# "the X case" names a matter after a word, against the model's label of the word ("in the Cipher case")
_MATTER_VOTE = -2.0
# "the kind of X" says X is a kind of thing, against two mentions the model tags alone ("the kind of Brexit you wanted")
_KIND_VOTE = -2.0
# a team's name, as fans write it: a score or "beat" before it, "v" or "game" after it, "are" after a town's name
# ("Liverpool are due a loss"); it outweighs the gazetteer and the model reading a club's town, as a place, in the same
# mention
_TEAM_VOTE = 3.5
_LISTED_TEAM_VOTE = 4.0  # a listed team's name of several words: the list's words, whatever the model reads
_TEAM_BEFORE = frozenset("beat beats beating v vs vs. versus".split())
# a body's head, a title or a role, alone: no team's name where the words around it frame one ("against the League")
_UNTEAMED = ORG_WORDS | _TITLES_RULERS | ROLES
# words around a name that frame a team's as often as not ("Trump lost", "RAM are", "Labor are"), or a franchise's
# or a politician's following ("Elden Ring games", "Trump supporters"; a match is "the Cavs game"): names framed so
# count for no team where a team's name the model missed is judged (``Mention.loose``)
_FANDOM_CUES = frozenset("supporters games".split())
_LOOSE_TEAM_CUES = _FANDOM_CUES | frozenset("win wins lose loses lost losing loosing draw drew are were".split())
_TEAM_AFTER = frozenset(
    "v vs vs. versus game games fixture fixtures match fan fans supporters legend win wins lose loses lost losing "
    "loosing draw drew are were".split()
)
# what is won, or a post held once ("former Gove."), is no one: outweighs the model's person
_NO_ONE_VOTE = -2.0
# goods after a one-word name: the model's reading of this mention undone, not the name's elsewhere in the thread
# ("Kohler faucets" alone is no one; "Obama shirts" beside "Obama was a good president" keeps the person)
_MAKE_VOTE = -1.0
# a word no list knows spelt one letter off a place's name ("Luganst"), with one more sign of a place, outweighs the
# model's other label
_NEAR_PLACE_VOTE = 1.0
# a listed company's name outweighs the model's other label and a town so called ("Cisco", "Halliburton")
_COMPANY_VOTE = 2.0
# a well-known online platform's name (``companies.PLATFORMS``, none a given name or an English word) outweighs the
# model's person and the words around it that speak of people: a speech verb, a pronoun after it, people listed with it
_PLATFORM_VOTE = 4.0
# a person's pronoun after one word, no name between ("his", "she"), and a speech verb after a surname of the lists:
# each outweighs the model's label alone, not a gazetteer's city nor a head word's vote
_PRONOUN_VOTE = 1.5
_SPOKEN_SURNAME_VOTE = 1.5
# such a pronoun after a surname of the lists outweighs a small town so called too ("Palin seeing Russia from her")
_PRONOUN_SURNAME_VOTE = 2.0
# a surname of the lists that the model alone reads as a place no gazetteer holds ("Thanks to Snowden"): a person's,
# over the model's place and a preposition's like "to"; not over "in" before it
_UNPLACED_SURNAME_VOTE = 2.0
# less over the model's body: firms bear their founders' surnames ("Dolan", "Ford"), places seldom a lone surname
_BODY_SURNAME_VOTE = 1.5
# endings that make a word a place's or a shop's as likely as a surname: a country's ("Persia"), a plural's or a
# possessive's without its apostrophe ("McDonalds")
_PLACE_LIKE_ENDINGS = ("ia", "land", "stan", "s")
_FULL_NAME_VOTE = 2.0  # a given name and a surname of the lists, the surname no everyday word ("Theo Hernandez")
# the model's labels that keep a word the thread also writes in lower case, for the thread to judge: people's and
# bodies' names are written in lower case in comments ("putin", "labour"), where a place's label on such a word is
# mostly a common word's ("Areas")
_LOWERED_LABELS = {"PERSON", "ORG"}
# a sentence's first word this frequent, before a name the model reads as a person's, is no part of it ("Let")
_OPENER_ZIPF = 5.0
# an English word this frequent is an ordinary word when it stands in a capitalised phrase ("Send Berbers")
_EVERYDAY_ZIPF = 4.2
# an English word this frequent, and no one's name, makes a phrase of such words no name ("Opium Poppy")
_ENGLISH_ZIPF = 3.0
# a last word this frequent, written in lower case in the thread, is no surname ("Clinton Impeachment")
_EVERYDAY_TAIL_ZIPF = 3.5
# an English word written this many Zipf units more often than the other languages' middle one (5×): English's own
# word, where a name travels ("Wizard" 1.1, "Putin" 0.5)
_ENGLISH_NOUN_GAP = 0.7
# a first name alone says Person unless it is also a word this frequent ("Forest", "Will", "Grace")
_EVERYDAY_NAME_ZIPF = 4.5
# the evidence of a given name the census lists lack, read from the birth registrations (``births``)
_REGISTERED = "a given name of the US birth registrations"
# a word English writes less often than this that is a word as common as the next with two letters swapped is a slip
# ("Shoudl": should)
_FAMOUS_ZIPF = 3.5  # a name English writes this often, one a reader knows ("Stalin" 3.7, "Obama" 4.9)
_FAMOUS_GAP = 1.0  # Zipf another language writes a famous name's word above English: "bin" (German 6.1, English 4.2)
_SLIPPED_ZIPF = 2.0
# Zipf another language writes a word above English for the word to be that language's: "Suisse" (French 4.9, English
# 3.1), not "Reich" (German 4.9, English 3.5), which English writes as its own
_FOREIGN_GAP = 1.5
# Zipf an English word is written above a word one vowel off it for the word to be that one misspelt: twenty times
_SLIP_GAP = 1.3
_VOWELS = "aeiou"
# words each per-word test keeps its answer for: the most recent, so a long run's vocabulary does not grow them
_WORDS_KEPT = 1 << 14
_SLIPPED_FROM_ZIPF = 5.0
# a word this frequent in English is one a job post's header writes in its fields ("onsite" 2.9, "fulltime" 2.9),
# where names it does not know are rarer ("Cambourne" 1.0, "Lumafield")
_HEADER_ZIPF = 2.5
# a post with this many words outside the model's names, under a tenth of them English stop words, is in another
# language: English comments have about three in five (one post in a hundred of the development threads under a
# quarter); "Biden lies" is too short to judge, and a quote a small part of an English comment
_JUDGED_WORDS = 8
_ENGLISH_SHARE = 0.1
# the least vote a rule casts that, beside the model's label, makes a word spelt as romanised Sanskrit a name ("Dr."
# before it, a gazetteer's place): a place preposition's "to" (0.5), a list of places beside it (1.0) do not
_TERM_BACKING = 1.5
# English's commonest words of three letters or more, which a typist glues to the word before ("Sanskritand")
_GLUED_WORDS = ("and", "have", "the", "was", "were", "with", "that", "for", "are", "has", "had", "but", "not")


@dataclass
class Mention:
    """One span naming an entity: offsets into the post text, the surface form, and label votes."""

    start: int
    end: int
    surface: str
    key: str  # the name without titles, the form entities are grouped by
    votes: dict[str, float] = field(default_factory=dict)
    model: str | None = None
    initial: bool = False  # first word of a sentence, where any word is capitalised
    everyday: bool = False  # a capitalised phrase with an everyday word in it ("Uranium One", "Send Berbers")
    article: bool = False  # after "the", as names of bodies and regions are ("the Pentagon", "the Donbass")
    cue: bool = False  # the words around it say what it names: a title, a speech verb or "X administration" (a
    # person's), "The" before a newspaper's head or a noun for bodies set beside it (a body's)
    shouted: bool = False  # written in capitals and no known acronym: a name only if written so elsewhere
    lowered: bool = False  # one word the thread also writes in lower case: a name only if capitalised again
    foreign: bool = False  # in a post written in another language, no name a list knows: a name only if English posts
    # of the thread write it too (the English model reads capitalised words of French or Portuguese as names)
    work: bool = False  # a film's, a series' or a book's title ("the film Fargo"): its name nowhere in the thread
    evidence: list[str] = field(default_factory=list)  # why each vote was cast: "Person+1.5 first name"
    ballots: dict[str, int] = field(default_factory=dict)  # how many votes each label got
    beside: list[tuple[str, str]] = field(default_factory=list)  # surface and key of names listed next to it
    site: bool = False  # a site of a network ("cstheory.SE"), or the network's acronym where one is written ("SE")
    given: bool = False  # a first name of the lists opens it or is all of it: a vote for Person was cast so
    # one surname of the lists the model read as no person's (a place no gazetteer holds, a body, a thing or a
    # people): a vote for Person was cast so
    surnamed: bool = False
    headed: bool = False  # ends in an organisation's head ("Khosla Ventures"): a vote for Organization was cast so
    placed: float = 0.0  # the weight of the place preposition before it ("in"), passed on to names listed after it
    addressed: bool = False  # a handle written after "@" ("@Kaveh"): a participant's, so its name is no entity
    ruled: bool = False  # a rule cast a vote, not the model's label alone (``vote``)
    backed: float = 0.0  # the heaviest vote a rule cast for a label (``vote``)
    thread: str = ""  # the post's thread, where a handle after "@" is a participant's name (``addressed``)
    post: str = ""  # the post's id and the id of the post it states it answers ("" if none): whom a writer reads
    answers: str = ""
    sex: str | None = None  # "m" or "f": one word that "his" or "her" after it refers to ("Obama showed his colours"),
    # "n" one that "its" or "their" does ("Ford wanted to move their factory")
    team: bool = False  # the words around it make it a team's ("4-0 Tottenham", "If Chelsea win"; ``_team_cue``)
    team_only: bool = False  # untagged by the model, found by those words alone ("Warriors traded Iggy"; ``teams``):
    # a name only where the thread names other teams
    loose: bool = False  # a team's by words that frame one as often as not ("Trump lost", "Labor are")
    listed: bool = False  # a listed team's short name the model read, no words around it framing a team: a team's
    # only in a thread that names three teams so ("the Kings of France" is none where "Magic" and "Giants" are named)
    surname_only: bool = False  # a capitalised word alone that neither the model nor a rule took for a name: the
    # surname of the one person its thread names in full so, or nothing (``aliases``)
    emphatic: bool = False  # one word English writes in lower case and no body's head, after "the", in a sentence
    # that capitalises such words for weight ("If you Use the Terminal"; ``_capitalises_words``): the writer's capital
    term: str = ""  # why it reads as a term of romanised Sanskrit ("Pranaam", "Subhaasitamahakosa"): words no list
    # knows, one spelt so, with the model's label alone for a name; it joins a name written elsewhere, and makes none
    lower_only: bool = False  # a word typed in lower case that English writes so rarely ("cavuto"): a mention of the
    # entity its thread names so capitalised, or nothing (``aliases``)

    def vote(self, label: str, weight: float, why: str, by_model: bool = False) -> None:
        """Cast a vote for ``label``; ``by_model``: the model's own label, which leaves the mention unruled."""
        self.ruled = self.ruled or not by_model
        if not by_model and weight > self.backed:
            self.backed = weight
        self.votes[label] = self.votes.get(label, 0.0) + weight
        self.ballots[label] = self.ballots.get(label, 0) + 1
        signed = _SIGNED.get((label, weight))
        if signed is None:
            signed = _SIGNED[label, weight] = f"{label}{weight:+g} "
        self.evidence.append(signed + why)

    def __reduce__(self) -> tuple[type[Mention], tuple]:
        """Pickled as its fields' values in order, as the model's workers send it back: a mention's attributes by name
        took twice the time to read back in the main process."""
        return Mention, _MENTION_FIELDS(self)


_MENTION_FIELDS = attrgetter(*(f.name for f in fields(Mention)))
_SIGNED: dict[tuple[str, float], str] = {}  # each label and weight as evidence opens with it ("Person+1.5 "), made once


def _without_links(text: str) -> str:
    for link in reversed(find_links(text)):
        text = text[: link.start] + " " + text[link.end :]
    return text


def prepare() -> None:
    """Load what the rules look up (place gazetteer and its places by spelling, word lists of seven languages, census
    names, companies, software names, the public suffix list) up front: loaded on first use, a list costs as much as
    the rules of a few hundred posts, and in each of the model's workers instead of once before they fork."""
    gazetteer().build_spellings()
    kind("the")
    read_lists()
    births("Linus")
    gender("Mary")
    company("Cisco")
    software("Python")
    domain("https://example.com")


def lower_words(texts: Iterable[str]) -> set[str]:
    """Words seen in lower case outside addresses and outside quotes of their own: a capitalised span made only of
    them is a common phrase, not a name ("reddit" in a link to reddit.com says nothing about "Reddit", nor a tag
    "persia" about "Persia"); and acronyms seen made plural
    ("TMs", "PACs"): such an acronym names a kind of thing, not one body."""
    words: set[str] = set()
    for text in texts:
        text = _without_links(text) if "http" in text or "www." in text else text
        # a mail address or a message's id ("donald@willmack.com", "<3855F5B0.2AD4A266@worldnet.att.net>"), masked
        # as archives mask them ("gira...@juno.com"): an account's and a server's words, not the writer's
        text = _MAIL_ADDRESS.sub(" ", text) if "@" in text else text
        text = _MENTIONED.sub(" ", text)
        words.update(_WORD.findall(text))
        if _PLURAL_SEEN.search(text):  # most texts: no capital before an "s" ending a word
            words.update(_PLURAL_ACRONYM.findall(text))
    return words


def site_names(texts: Iterable[str]) -> set[str]:
    """Names of the sites linked to ("reddit" for www.reddit.com/r/…), of those written in CamelCase after "on"
    ("questions on StackOverflow", "everything on TikTok": one is on a site, not in an identifier), the capitalised
    short name of a network's site ("Meta" of "Meta.SE") and, after a dot, the network's (".se"): a site named in the
    text is a body."""
    names: set[str] = set()
    for text in texts:
        names.update(domain(link.url).split(".")[0] for link in find_links(text))
        if "on " in text:
            names.update(name.lower() for name in _ON_CAMEL.findall(text))
        for short, network in (m.groups() for m in _network_site_names(text)):
            names.update({"." + network.lower(), short.lower()} if short[:1].isupper() else {"." + network.lower()})
    return names - {""}


# a CamelCase name after "on" (see ``site_names``), not glued by a dash to the noun it qualifies ("on SecureBoot-enabled
# machines"); opening with "on " and its word's start checked after it, as a pattern opening with "\b" is tried at every
# character (4 ms a run over the example thread, nearly every text of which holds "on ")
_ON_CAMEL = re.compile(r"on (?<=\bon )(?:the )?\[?([A-Z][a-z]+(?:[A-Z][a-z]+)+)\b(?!-\w)")
# a site of a network by its short name and the network's acronym joined by a dot or a colon ("cs.SE", "cstheory.SE",
# "Meta:SE", "math.SE"), as the web names one site among its siblings
_NETWORK_SITE = re.compile(r"(?<![\w.:@/-])([A-Za-z][a-z]+)[.:]([A-Z]{2,3})(?![\w:-]|\.\w)")
# what each of its matches holds: a search for it skips through a text at once, where ``_NETWORK_SITE``'s lookbehind is
# tried at every character (36 ms over the example thread's 40,000 words, in the rules and again in the lessons)
_NETWORK_MARK = re.compile(r"[.:][A-Z]{2}")


def _network_site_names(text: str) -> Iterator[re.Match]:
    """``_NETWORK_SITE``'s matches, but for a shouted English word of three letters after a full stop or a colon typed
    without its space ("around the world.ALL the countries", "the answer:YES"): a sentence's end or a clause's, no site;
    nor a file's type ("protests.PNG"): a file's name. Two capitals stay a site though English writes them as a word or
    a file's type ("on Meta.SO", Stack Overflow's): the network calls its sites by two."""
    if not _NETWORK_MARK.search(text):
        return iter(())  # most texts: no dot or colon before two capitals, so ``_NETWORK_SITE`` is tried nowhere
    sites = _NETWORK_SITE.finditer(text)
    return (m for m in sites if len(m.group(2)) == 2 or kind(m.group(2)) is not Kind.COMMON and not _file_type(m[2]))


# the file types Python knows by their names' endings, its own table alone (not the system's, which differs by machine)
_FILE_TYPES = mimetypes.MimeTypes()


def _file_type(ending: str) -> bool:
    """Whether ``ending`` after a dot makes a file's name ("PNG", "pdf")."""
    return _FILE_TYPES.guess_type("file." + ending.lower())[0] is not None


# path words under which a site lists what it makes or hosts: "objective-see.org/products/lulu.html"
_PRODUCT_PATHS = set(
    "products product apps app software tools tool projects project download downloads releases packages package "
    "extensions addons add-ons plugins".split()
)
# sites whose addresses name a code repository second: "github.com/owner/name"
_CODE_HOSTS = {"github.com", "gitlab.com", "bitbucket.org", "sourceforge.net", "codeberg.org"}


def _linked_products(text: str) -> dict[str, str]:
    """Names of products and repositories the post links to, lower-cased, with the address: "lulu" for
    objective-see.org/products/lulu.html, "ripgrep" for github.com/BurntSushi/ripgrep. A name written beside its
    product page names the product, not a person or a body."""
    out: dict[str, str] = {}
    for link in find_links(text):
        path = urlsplit(link.url if "://" in link.url else "http://" + link.url).path
        parts = [p for p in path.lower().split("/") if p]
        if domain(link.url) in _CODE_HOSTS and len(parts) >= 2:
            out.setdefault(parts[1].removesuffix(".git"), link.url)
        elif len(parts) >= 2 and parts[-2] in _PRODUCT_PATHS:
            out.setdefault(parts[-1].split(".")[0], link.url)
    return out


def _clean_tokens(toks: list) -> list:
    """Drop leading lower-case words/determiners/prefixes and trailing possessives, punctuation, speech verbs, slang."""
    while (
        toks
        and (
            (
                not toks[0].text.lstrip(_GLUED)[:1].isupper()
                and not (len(toks) == 1 and _famous(toks[0].text))
                and not lower_opened(toks[0].text)
            )
            or toks[0].lower_ in _DETERMINERS  # "This Catholic League (earlier groups had been local)"
            or toks[0].lower_ in _PREFIXES
            or _describing(toks)
            or (len(toks) > 1 and toks[0].lower_ in SLANG)  # "Bravo Donald tramp": a cheer before the name
            or (len(toks) > 1 and toks[0].lower_ in _CURSES)  # "Fuck Arsenal and their fans"
            or (len(toks) > 1 and toks[0].lower_ in _GREETINGS and toks[1].text[:1].isupper())  # "Dear Kulkarni,"
            or _shouted_stop_word(toks)
            or _before_one_read_alone(toks)
        )
    ):
        if toks[0].text[:1].isdigit():
            break
        toks = toks[1:]
    while toks:
        last = toks[-1]
        possessive = last.lower_ in ("'s", "’s", "'", "’")
        speech_tail = len(toks) > 1 and last.lower_ in _SPEECH_TAIL
        cited = _CHAPTER_VERSE.fullmatch(last.text)  # "Daniel 9:27": a book's chapter and verse, not the name's
        blank = last.is_punct or last.is_space or last.is_digit  # "J.P. Donoghue \n": a signature's line ends it
        titled = len(toks) > 1 and _title_cased_on(last)  # "Joe Biden Made It Look": the sentence's word
        if blank or possessive or last.lower_ in SLANG or speech_tail or cited or titled:
            toks = toks[:-1]
        elif len(toks) > 2 and last.is_lower and toks[-2].text in _GLUED and not toks[-3].whitespace_:
            toks = toks[:-2]  # "Ballard-esque", "Trump-like": a word made of the name, not the name
        elif len(toks) > 2 and toks[-2].is_space and "\n" in toks[-2].text and not last.text[:1].isupper():
            toks = toks[:-2]  # "Hal Finney\nhal@…": a signature's address on the next line, not the name's
        else:
            break
    return toks


def _before_one_read_alone(toks: list) -> bool:
    """A common word before a name that the model reads alone elsewhere in the post as a person's ("rookie LeBron
    had. Rookie LeBron barely had"): it describes the person, no part of the name."""
    if len(toks) < 2 or not _common_head_word(toks[0].text):
        return False
    text = " ".join(t.text for t in toks[1:])
    return text in toks[0].doc.ent_texts("PERSON")


def _everyman(given: str, word: str) -> bool:
    """A given name, no place's, before an English word that the census lists hold as no surname and that heads no
    body's or place's name: a type of person named after what they are ("Jill Average", "Joe Taxpayer"), no one's
    name (not "The Brady Campaign")."""
    return (
        word.lower() not in _NAMED_AFTER
        and first_name(given)
        and not gazetteer().place(given)
        and word.istitle()
        and kind(word) is Kind.COMMON
        and not surname(word)
    )


def _typed_with(doc, tok) -> bool:
    """A given name joined by "and" or "or" to a type of person named after what they are ("Joe and Jill Average"):
    the type's word is both given names', so this is a type of person too."""
    after = tok.i + 1
    return (
        after + 2 < len(doc)
        and doc[after].lower_ in ("and", "or", "&")
        and first_name(tok.text)
        and _everyman(doc[after + 1].text, doc[after + 2].text)
    )


def _bidding(doc, tok) -> bool:
    """An everyday English word followed by an object pronoun or a possessive ("Mark my words", "Bill me later"): at a
    sentence's start, a verb bidding someone, though the word is a given name too."""
    nxt = tok.i + 1
    return nxt < len(doc) and doc[nxt].lower_ in _OBJECTS and zipf(tok.lower_, "en") >= _EVERYDAY_ZIPF


def _shouted_stop_word(toks: list) -> bool:
    """A stop word shouted before a name written as names are, no acronym ("won BOTH Senate and House"): emphasis, no
    part of the name."""
    first = toks[0]
    return (
        len(toks) > 1
        and first.is_upper
        and len(first.text) > 2
        and first.lower_ in STOP_WORDS
        and first.text not in ORG_ACRONYMS
        and toks[1].is_title
    )


def _title_cased_on(tok) -> bool:
    """An everyday word capitalised as a sentence written in Title Case goes on after a name ("Joe Biden Made It
    Look Like He Was All For Us"): the function word after it is capitalised too, so the capital is the writing's,
    and the word is the sentence's, not the name's last."""
    if tok.i + 1 >= len(tok.doc) or not (tok.whitespace_ and tok.is_title and tok.is_alpha):
        return False
    nxt = tok.doc[tok.i + 1]
    if not (nxt.is_title and nxt.lower_ in STOP_WORDS) or first_name(tok.text) or surname(tok.text):
        return False
    return zipf(tok.lower_, "en") >= _EVERYDAY_ZIPF


def _region(doc, toks: list) -> str | None:
    """The name of the region a side word in lower case just before a continent names ("central America", "eastern
    Europe"): a region of its own, not the continent, nor the United States that "America" names alone; a side of
    a country or a city stays that place's ("eastern Aleppo")."""
    j = toks[0].i - 1 if len(toks) == 1 else -1
    if j < 0 or doc[j].lower_ not in _SIDES or not doc[j].is_lower or toks[0].text not in gazetteer().continents:
        return None
    return f"{doc[j].text.capitalize()} {toks[0].text}"


def _feature_after(doc, toks: list) -> bool:
    """A people's adjective the model reads alone before a feature of the land: "the Iberian Peninsula", "the Iberian
    peninsula", "the Arabian Sea" name a place, as "Russian city" does not."""
    after = toks[-1].i + 1 if toks else len(doc)
    return len(toks) == 1 and after < len(doc) and doc[after].lower_ in _FEATURES and bool(toks[-1].whitespace_)


def _opener(doc, toks: list) -> bool:
    """A sentence's first word, capitalised only for that, before a name: a function word or a word English uses this
    often ("That Abromovich is now out of favor", "Let Abromowich return"), no given name or surname ("Will Smith")
    unless a verb asking the sentence's question ("Will Trump save America?"), where the whole is no place ("Great
    Britain")."""
    first = toks[0] if len(toks) > 1 else None
    if first is None or not first.is_title:
        return False
    asks = first.lower_ in _ASKING and "?" in doc[_sentence_of(doc, first.i)[1] - 1].text
    if not asks and (first_name(first.text) or surname(first.text)):
        return False
    common = first.is_stop or zipf(first.lower_, "en") >= _OPENER_ZIPF or _comment_adverb(first.text)
    return common and _sentence_initial(doc, first.i) and not gazetteer().place(" ".join(t.text for t in toks))


@lru_cache(maxsize=_WORDS_KEPT)
def _comment_adverb(word: str) -> bool:
    """An English adverb made of an English adjective with "-ly" ("Thankfully", "Apparently", "Happily"), which
    opens a sentence to comment on it, no word of a name ("Holly", "Early" are names, "Lonely" other languages
    write)."""
    low = word.lower()
    if len(low) < 6 or not low.endswith("ly") or kind(word) is not Kind.COMMON:
        return False
    stem = low[:-2]
    return zipf(stem, "en") >= _ENGLISH_ZIPF or stem.endswith("i") and zipf(stem[:-1] + "y", "en") >= _ENGLISH_ZIPF


def _describing(toks: list) -> bool:
    """A verb's -ing form before a name, describing it ("Charming Clinton Foundation"), not part of it."""
    return len(toks) > 1 and toks[1].text[:1].isupper() and _participle(toks[0]) and not gazetteer().place(toks[0].text)


def _initialled_given(head: list, tok) -> bool:
    """Two capitals, then a surname the census lists: a given name written as its initials ("JR Smith", "CJ
    McCollum"), where the capitals are no body's acronym, country's or state's code ("EU Juncker", "UK Johnson")."""
    text = head[0].text if len(head) == 1 else ""
    if len(text) != 2 or not text.isalpha() or not text.isupper() or not tok.is_title or not surname(tok.text):
        return False
    gaz = gazetteer()
    return text not in ORG_ACRONYMS and not gaz.country_code(text) and not gaz.state_code(text)


def _split(toks: list, person: bool) -> list[list]:
    """Split glued names: "Lavrov & Putin", "NATO Kerry", "Odessa Ukraine", "the East India Company - albeit"; not a
    person's name the model reads whose given name is written as two initials ("JR Smith": ``_initialled_given``)."""
    parts: list[list] = [[]]
    for i, tok in enumerate(toks):
        # a dash with a space on either side sets a clause apart ("the East India Company - albeit a century
        # earlier"); one inside a word joins it ("Burlington-Northern")
        spaced = tok.text in _GLUED and bool(tok.whitespace_) and i > 0 and bool(toks[i - 1].whitespace_)
        splits = tok.is_punct and (tok.text not in ("-", ".", "'") or spaced)
        if tok.text == "," and i + 2 == len(toks) and toks[-1].lower_.rstrip(".") in _LEGAL_FORMS:
            continue  # "Semantic Designs, Inc.": the company's legal form, set off by a comma, ends its name
        if tok.lower_ in _SPLIT_WORDS or splits or _owner_ends(toks, i) or _field_break(tok):
            parts.append([])
        else:
            parts[-1].append(tok)
    parts = [p for p in parts if p]
    out: list[list] = []
    gaz = gazetteer()
    for part in parts:
        cur: list = []
        whole_place = gaz.place(" ".join(t.text for t in part))  # "San Francisco", not "San" and "Francisco"
        # a place, then words and a body's head: the body named after the place ("Gujarat University", "Rajasthan
        # Samskrita University"), though "University" is a town's name too and "Samskrita" no name a list knows
        body = len(part) > 1 and part[-1].lower_ in ORG_WORDS and bool(gaz.place(part[0].text))
        # the length of ``cur``'s words joined and whether each is a side, kept as it grows: a long name the model read
        # costs its length, not its square
        size, sides = 0, True
        for j, tok in enumerate(part):
            if cur and not body:
                prev = cur[-1]
                caps_change = _capitals(prev) != _capitals(tok) and not (person and _initialled_given(cur, tok))
                # no place's name is longer than ``longest``: a longer head is not joined
                head = " ".join(t.text for t in cur) if size <= gaz.longest else None
                placed = head and gaz.place(head)  # looked up once for the three tests below
                # a town named like a first name or a surname starts a person's or a body's name ("Stanley
                # Kubrick", "Katy Perry", "Hoover Institution", "Norton Commander")
                head_place = not whole_place and placed and (gaz.major(head) or not (first_name(head) or surname(head)))
                named_after = tok.lower_ in _NAMED_AFTER
                coded = placed and gaz.state_code(tok.text)  # "Washington DC", "Portland OR"
                # a town named like a person, then the state or country it is in, written out with no comma ("Austin
                # Texas 78759"): two places, as no one is named after the state ("George Washington" is one name)
                in_region = not whole_place and placed and _region_of(tok.text, placed)
                if (
                    (
                        caps_change
                        and tok.lower_ not in ORG_WORDS
                        and prev.lower_ not in ORG_WORDS
                        and not (coded or sides)  # "South Central LA": a side of the place in capitals
                    )
                    or (
                        head_place
                        and gaz.place(tok.text)
                        and tok.lower_ not in PLACE_WORDS  # "Guantanamo Bay" is one
                        and tok.lower_ != prev.lower_  # a word said twice is one name: "Kiri Kiri", "Bora Bora"
                    )
                    or in_region
                ):
                    out.append(cur)
                    cur = []
                elif (
                    head_place
                    and not named_after
                    and not tok.is_upper
                    and tok.text not in _GLUED  # "Burlington-Northern": one hyphenated word
                    and not tok.is_lower  # "University of Chicago"
                    and kind(tok.text) is not Kind.NAME
                ):
                    # (more words than ``longest`` join longer than any place's name)
                    if len(cur) == 1 and len(part) - j <= gaz.longest and _describes_place(prev.text, part[j:]):
                        cur = []  # "in Liberal South Australia": the region, which the everyday word describes
                    else:
                        break  # "Kiev Wears": the place, then a stray capitalised word (not "Vladimir Putin")
            if cur:
                size, sides = size + 1 + len(tok.text), sides and tok.lower_ in _SIDES
            else:
                size, sides = len(tok.text), tok.lower_ in _SIDES
            cur.append(tok)
        out.append(cur)
    return out


def _describes_place(word: str, rest: list) -> bool:
    """An everyday English word, though the gazetteer holds a town so called ("Liberal", Kansas), before words it holds
    whole as a place ("Liberal South Australia"): a word describing that place."""
    low = word.lower()
    whole = " ".join(t.text for t in rest)
    return zipf(low, "en") >= _EVERYDAY_ZIPF and not _DEMONYM.search(low) and bool(gazetteer().place(whole))


@lru_cache(maxsize=_WORDS_KEPT)
def _region_of(word: str, town: str) -> bool:
    """``word`` names the region the place ``town`` (the gazetteer's name) is in, written after it in one name
    ("Austin Texas 78759", "Calicut Kerala 673 017"): a country or a US state, or a first-level region of a country
    where a city or region called ``town`` lies ("the Columbia Plateau" is one name: Plateau is a state of Nigeria);
    no city's and no person's name of the census lists ("Washington", "Georgia", "Jordan" are)."""
    gaz = gazetteer()
    region = gaz.major(word) or word in gaz.provinces and gaz.lies_in(town, word)
    return region and not gaz.town(word) and word not in gaz.cities and not (first_name(word) or surname(word))


def _product_of(doc, toks: list) -> bool:
    """A listed company's name opening a product named with its version ("Microsoft Cobol 4.5") or written as brands
    write theirs ("Apple AirPods", "Apple iPhone": CamelCase, or a few lower-case letters before a capital), which
    alone would read as an identifier's, no name."""
    if not company(toks[0].text):
        return False
    after = toks[-1].i + 1
    if after < len(doc) and versioned(doc[after].text):
        return True
    return all(t.is_alpha and (lower_opened(t.text) or identifier(t.text) is not None) for t in toks[1:])


def _head_of(core: list, states: bool = False):
    """The head of a body's name before its "of" ("University of Hyderabad", "International School of Dravidian
    Linguistics", "Indian Institute of Technology Kanpur"), or None; a state's head is a country's ("Union of
    Soviet Socialist Republics"), a head here only with ``states``."""
    of = next((k for k, t in enumerate(core) if t.lower_ == "of"), 0)
    if of < 1 or of + 1 == len(core) or not core[of + 1].text[:1].isupper():
        return None
    head = core[of - 1]
    if head.text == "." and of > 1 and _cut_head(core[of - 2].text):
        return core[of - 2]  # "Univ. of Texas"
    return head if head.lower_ in ORG_WORDS and (states or head.lower_ not in _STATES_POLITIES) else None


def _state_of(core: list) -> str | None:
    """The country or first-level region that "State of" names ("the Great State of Alabama", "the State of Israel"),
    or None: the state itself, a place, where "State" before "of" heads no body ("State of the Union": no place)."""
    of = next((k for k, t in enumerate(core) if t.lower_ == "of"), 0)
    if of < 1 or core[of - 1].lower_ != "state" or not _epithets(core[: of - 1]):
        return None
    name = " ".join(t.text for t in core[of + 1 :])
    return name if _polity(name) else None


def _epithets(words: list) -> bool:
    """Everyday words before "State of", the state's epithets ("the Great State of Alabama", "the Free State of
    Bavaria"); a proper adjective there names a body of its own ("the Islamic State of Iraq")."""
    return all(_everyday(t) for t in words)


def _state_before_its_name(doc, core: list) -> bool:
    """ "the Great State" before "of Ohio", "of North Carolina": the state's epithet, which the model reads apart from
    the state's name after it (a place of its own), no body."""
    of = core[-1].i + 1
    if core[-1].lower_ != "state" or of + 1 >= len(doc) or doc[of].lower_ != "of" or not _epithets(core[:-1]):
        return False
    words = list(takewhile(lambda t: t.is_title, doc[of + 1 : of + 4]))
    return any(_polity(" ".join(t.text for t in words[:n])) for n in range(1, len(words) + 1))


def _polity(name: str) -> bool:
    """A country or a first-level region of one ("Israel", "Alabama", "Kano"), which "State of" names."""
    gaz = gazetteer()
    return name in gaz.countries or name in gaz.provinces or name in gaz.state_codes.values()


def _field_break(tok) -> bool:
    """A line break after a short line: the lines of a signature, an address or a mail header are fields of their
    own ("Tim Oxler\nTeo Computer", "Jayalakshmipuram\nMysore - 570012"), where a paragraph wrapped at its width
    runs a name on into the next line ("for last 18 years at Sagar\nUniversity")."""
    if not (tok.is_space and "\n" in tok.text):
        return False
    text = tok.doc.text
    line = text[text.rfind("\n", 0, tok.idx) + 1 : tok.idx]
    return len(line.strip()) < _FIELD_LINE


def _campus(toks: list) -> bool:
    """A body named by initials and its town, a university's campus or a club ("140 Warren Hall, UC Berkeley, CA", "owns
    AS Roma in Italy"): one name, though capitals and a capitalised word meet in it as in two glued names ("NATO Kerry":
    a known body's), and its initials no English word ("AS")."""
    if len(toks) != 2 or not toks[1].is_title:
        return False
    head, gaz = toks[0].text, gazetteer()
    initials = 2 <= len(head) <= 4 and head.isalpha() and head.isupper()
    return initials and head not in ORG_ACRONYMS and not gaz.place(head) and bool(gaz.place(toks[1].text))


def _of_the_place(toks: list) -> list:
    """A place the model names by a plural of common words, several of a kind ("City Halls"), is no place's name;
    after "of" the place they are in is ("the City Halls of Donetsk": Donetsk). Heads of places and bodies stay
    ("Rocky Mountains", "Armed Forces", "United States")."""
    of = next((k for k, t in enumerate(toks) if t.lower_ == "of"), len(toks))
    head = [t for t in toks[:of] if t.is_alpha]
    if len(head) < 2 or gazetteer().place(" ".join(t.text for t in toks)):
        return toks  # one plural word is many a place's name ("Philippines", "Alps")
    last = head[-1].lower_
    if last in _PLURAL_HEADS or not last.endswith("s") or zipf(last[:-1], "en") < 3.0:
        return toks
    if not all(zipf(t.lower_, "en") >= _ENGLISH_ZIPF and not first_name(t.text) for t in head):
        return toks
    return toks[of + 1 :]


def _owned_unmarked(toks: list) -> list:
    """A place after a name's possessive written without its apostrophe ("Mays Britain", "Putins Russia"): the
    place, not a place of that name; a place whose own name so starts stays whole ("Saint Johns Wood")."""
    gaz = gazetteer()
    if len(toks) < 2 or not toks[0].text.endswith("s") or gaz.place(" ".join(t.text for t in toks)):
        return toks
    stem = toks[0].text[:-1]
    if gaz.place(toks[0].text) or not (surname(stem) or first_name(stem)) or not toks[1].text[:1].isupper():
        return toks
    return toks[1:] if gaz.place(" ".join(t.text for t in toks[1:])) else toks


def _alternative_word(doc, toks: list) -> bool:
    """One word glued by a slash to a name of several words ("Turbo/Borland Pascal"): another first word of that
    name (Turbo Pascal), no name of its own; a known place or acronym stays ("US/Saudi Arabia")."""
    after = toks[-1].i + 1
    if len(toks) > 1 or after + 2 >= len(doc) or doc[after].text != "/" or toks[-1].whitespace_:
        return False
    word = toks[0].text
    if doc[after].whitespace_ or word.isupper() or gazetteer().major(word) or word in ORG_ACRONYMS:
        return False
    second, third = doc[after + 1], doc[after + 2]
    return second.is_title and second.whitespace_ == " " and third.is_title and not gazetteer().place(second.text)


def _english_word(toks: list) -> bool:
    """One English adjective or plural noun, capitalised ("Conservative", "Dems"), no one's name."""
    word = toks[0].text
    if len(toks) > 1 or kind(word) is not Kind.COMMON or first_name(word) or surname(word):
        return False
    return bool(_ADJECTIVE.search(word.lower())) or _plural_noun(word)


def _word_like(toks: list) -> bool:
    """One word written as words are, that no list knows as a name: no given name, big place, acronym or company
    ("Liberal", "Lib"; not "Nepal", "NATO", "Apple")."""
    word = toks[0].text
    if len(toks) > 1 or word.isupper() or first_name(word) or gazetteer().major(word) or company(word):
        return False
    return kind(word) in (Kind.COMMON, Kind.NAME)


def _group_modifier(doc, toks: list) -> bool:
    """One word before a plural the model calls a group of people ("Rockefeller Republicans", "Reagan Democrats"):
    it names a kind of those people, not an entity of its own; a known place stays ("Texas Republicans")."""
    after = toks[-1].i + 1
    if len(toks) > 1 or after >= len(doc) or not toks[-1].whitespace_ or gazetteer().place(toks[0].text):
        return False
    return doc[after].ent_type_ == "NORP" and doc[after].lower_.endswith("s") and doc[after].is_title


def _owner_ends(toks: list, i: int) -> bool:
    """A possessive inside a name that ends its owner's name, before the owned body's or place's own name
    ("U.S. Department of Energy's Energy Information Agency"); "Bill's Foundation" stays whole."""
    if toks[i].lower_ not in ("'s", "’s") or i == 0 or len(toks) - i < 3:
        return False
    return toks[-1].lower_ in _HEADS and toks[i + 1].text[:1].isupper()


_CHAPTER_VERSE = re.compile(r"\d+[:.]\d+(?:-\d+)?")
# letters, a dash and a number: an aircraft's, a weapon's or a machine's designation ("P-51s", "AK-47", "Su-27")
_DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,2}-\d+[A-Za-z]?s?")
_POSTSCRIPTS = {"PS", "PPS"}
# the line a phone's or an app's client adds under a message ("Sent from my iPhone using Tapatalk", "Sent using
# Tapatalk"), quoted or not: a few words, no sentence's stop or comma, the device the writer's ("my"), where a line of
# prose names places ("Sent from Chicago to Boston in 1909")
_CLIENT_SIGNATURE = re.compile(r"[\s>|]*Sent (?:(?:from|via) my|using) [^\n.,;!?]*", re.IGNORECASE)
_CLIENT_SIGNATURE_WORDS = 10
GENERATIONS = frozenset({"jr", "sr", "snr", "jnr"})  # a generational suffix: "Jr.", "Sr."
# the abbreviations references and addresses write with their stop, none a name: "Vol. I", "Univ. of Texas", "Dept."
_CITED_ABBREVIATIONS = frozenset(
    "vol vols univ dept pp chap figs repr transl suppl assoc inst natl intl acad ibid approx misc".split()
)
# abbreviations that are given names or words too ("Ed", "Eds"), none only after a comma or a bracket, as an
# editor's mark after the names it follows ("Ghatage, Ed.", "(eds.)")
_EDITORS = frozenset({"ed", "eds"})
# a product's edition that ends its name ("the Enterprise Edition"), and the words before its number after its name
# ("Enterprise version 4.0")
_EDITIONS = frozenset({"edition", "editions"})
_RELEASES = frozenset({"edition", "version", "release"})
_QUOTE_MARKS_ONLY = re.compile(r"[\s>|+~]*")  # what opens a quoted line before its words: ">", "> >", "|", "+", "~"
# an acronym with a verb's past ending ("CVd", "VtCed": close-voted, voted to close), never a name's ending
_ACRONYM_VERB = re.compile(r"[A-Z][A-Za-z]*[A-Z]e?d")
_INITIAL = re.compile(r"(?:[A-Z]\.)+")  # "W.", "J.G."
_LETTER_DASHED = re.compile(r"[A-Z][-–][A-Z][a-z]+")  # a letter a dash glues to a word: "E-Trade", "T-Mobile"
_GLUED_INITIAL = re.compile(r"[A-Z]\.[A-Z][a-z]{2,}")  # an initial and a surname with no space: "M.Foot"
_REGNAL = re.compile(r"[IVX][IVX1]*")  # a regnal number, with a digit 1 typed for an I ("George V1")
_RULER_INITIALS = re.compile(r"[A-Z]{2}(?:I{1,3}|IV|VI{0,3}|IX|XX?I{0,3})")  # "JPII": John Paul II by initials
_PRONOUNS = frozenset("you he she we they".split())  # a subject, never a word of a person's name
_HE, _SHE = frozenset("he his him himself".split()), frozenset("she her hers herself".split())
# what a body owns, not a person: "if Ford wanted to move their factory" (a company, however many people so called)
_ITS = frozenset({"its", "their"})
_PRONOUN_REACH = 8  # tokens after a name within which "his" or "her" refers to it
# a post where ``_said_sex`` may find one: "he", "his", "him", "himself", "she", "her", "herself", "its" or "their" as a
# word, in any case. The pattern opens with the class of the words' first letters, which Python's engine skips to at C
# speed, then looks behind for the word's start (a word boundary first would be tried at every character: twice the
# time)
_SEXED = re.compile(
    r"[hsit](?<!\w.)(?:(?<=h)(?:e|is|im(?:self)?|er(?:self)?)|(?<=s)he|(?<=i)ts|(?<=t)heir)\b", re.IGNORECASE
)
_STOPS = frozenset(".!?;:")
# a person's pronouns that refer to the clause's subject: its own, or what it owns
_SUBJECTS_OWNERS = frozenset("he his himself she herself".split())
_REFLEXIVE = frozenset(("himself", "herself"))
# a reflexive pronoun after a name these set apart is the name's own ("except for Ghannouchi himself"), not the
# subject's as after other prepositions ("He went to Bakhmut himself")
_EXCEPT = frozenset("except but save apart besides".split())
# a name after one is a place, a work or a body where something is, not the subject a later "he" refers to ("from the
# island of Maui and … what he wants")
_PREPOSITIONS = frozenset(
    "of in into on onto at from to for by with about like than over under via near across around towards toward "
    "against among between behind through within without".split()
)
# verbs opening a question before its subject: "Will Trump save America?"
_ASKING = frozenset("will would can could shall should may might must did does do is was are were has had".split())


def _capitals(tok) -> bool:
    """An all-capital word that is not initials ("W.", "J.G.") or a regnal number ("XIV", "V1"): "NATO" in "NATO
    Kerry"."""
    return tok.is_upper and len(tok) > 1 and not _INITIAL.fullmatch(tok.text) and not _REGNAL.fullmatch(tok.text)


def _title_inside(toks: list) -> int:
    """Where a title stands inside the model's span after capitalised words of no given name, a capitalised word after
    it ("Salvadoran Archbishop Óscar Romero"): the title opens a person's name, the words before describe the person;
    0 where none does, or the span ends as a body's or a place's name does ("Prince Sultan Air Base")."""
    if len(toks) < 3 or toks[-1].lower_ in ORG_WORDS or toks[-1].lower_ in PLACE_WORDS:
        return 0
    k = next((k for k in range(1, len(toks) - 1) if toks[k].lower_ in TITLES), 0)
    if not k or not toks[k + 1].is_title or not all(t.is_title and not first_name(t.text) for t in toks[:k]):
        return 0
    return k


def _no_ones_title(word) -> bool:
    """Whether a title's word before ``word`` is no title: before an English noun English writes in lower case that no
    name list holds ("Gen Con", "MR Scanner"), a big place ("DR Congo") or a listed company's name: a name's own word,
    not a person's rank. Capitals alone say nothing: "MS Dhoni", "DR Fauci" and "MR Trump" are people as often as
    "MS Visio" is software."""
    text = word.text
    if first_name(text) or surname(text):
        return False
    return lower_case_word(text) and common_noun(text) or gazetteer().major(text) or bool(company(text))


def _untitled_by(doc, start: int, end: int) -> str | None:
    """The title's word opening tokens ``start``–``end`` (a name and maybe the title before it) where it is no title:
    a name's own word (``_no_ones_title``: "DR Congo", "Gen Con"), or a make's, one word after it before the goods
    made (``_make_of``: "Dr Martens boots"); else None."""
    if end - start < 2 or doc[start].lower_ not in TITLES:
        return None
    word = start + 2 if doc[start + 1].text == "." and end - start > 2 else start + 1
    made = word + 1 == end and _make_of(doc, word)
    return doc[start].text if made or _no_ones_title(doc[word]) else None


def _key(toks: list) -> tuple[str, list]:
    """Name without leading titles, and the tokens it spans; "Premier League" names a body, not a premier."""
    core = list(toks)
    while len(core) > 1 and core[0].lower_ in TITLES and core[-1].lower_ not in ORG_WORDS:
        if _no_ones_title(core[2] if len(core) > 2 and core[1].text == "." else core[1]):
            break  # "DR Congo", "Gen Con": the word after is the name's own
        core = core[1:]
        if core and core[0].text == ".":
            core = core[1:]
    if len(core) == 2 and core[0].lower_ in _RANKS and _ranked_surname(core[1].text, " ".join(t.text for t in core)):
        core = core[1:]  # "what General Pershing did": the rank is his title, as "Colonel" is
    return " ".join(t.text for t in core).replace(" - ", "-").replace(" .", "."), core


@lru_cache(maxsize=_WORDS_KEPT)
def _ranked_surname(word: str, name: str) -> bool:
    """A surname of the name lists after a rank English writes as an everyday word too ("General Pershing", "Mayor
    Bowser"), and no everyday word, no place, no listed company's name: "Major League", "Captain America" and "General
    Mills" name no one."""
    return surname(word) and not _everyday_word(word) and not gazetteer().place(word) and not company(name)


def _everyday(tok) -> bool:
    return _everyday_word(tok.text)


@lru_cache(maxsize=_WORDS_KEPT)
def _everyday_word(word: str) -> bool:
    """An ordinary English word ("Send", "Uncle", "Roads"), not a proper adjective ("Syrian", "Moscow")."""
    low = word.lower()
    return (
        low not in _PARTICLES
        and zipf(low, "en") >= _EVERYDAY_ZIPF
        and not _DEMONYM.search(low)
        and not gazetteer().place(word)
    )


def _participle(tok) -> bool:
    return tok.lower_.endswith("ing") and _participle_word(tok.text)


@lru_cache(maxsize=_WORDS_KEPT)
def _participle_word(word: str) -> bool:
    """A verb's -ing form ("Salivating", "Crumbling"), not a surname ("Browning", "Manning")."""
    low = word.lower()
    if len(low) < 6 or surname(word) or first_name(word):
        return False
    stem = low[:-3]
    return any(zipf(s, "en") >= 2.0 for s in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""))


@lru_cache(maxsize=_WORDS_KEPT)
def _abstract(word: str) -> bool:
    """An English abstract noun made from an English word ("Weirdness", "Uncertainty", "Hacking"), not a name
    ("Liberty", "Community": no English word under the ending) and no place ("Reading")."""
    low = word.lower()
    found = _ABSTRACT.search(low)
    if not found or len(low) < 7 or zipf(low, "en") < 2.5 or gazetteer().place(word):
        return False
    stem = low[: found.start()]
    stems = (
        stem,
        stem + "e",
        stem[:-1] if stem[-1:] == stem[-2:-1] else "",
        stem[:-1] + "y" if stem[-1:] == "i" else "",
    )
    return any(s and len(s) >= 4 and zipf(s, "en") >= 2.5 for s in stems)


def _plural_noun(word: str) -> bool:
    """An English noun's plural, no census name: "Swingers"; or one no word list knows, its singular an English noun
    with one letter misspelt ("Swasticas" for swastikas)."""
    low = word.lower()
    if not low.endswith("s") or low.endswith("ss") or surname(word) or first_name(word):
        return False
    return zipf(low[:-1], "en") >= 2.5 or kind(word) is Kind.RARE and _misspelt(low[:-1])


@lru_cache(maxsize=_WORDS_KEPT)
def _misspelt(low: str) -> bool:
    """A word of six letters or more, no English one, that one letter changed makes an English noun ("swastica")."""
    if len(low) < 6 or zipf(low, "en") > 0:
        return False
    changed = (low[:i] + c + low[i + 1 :] for i in range(1, len(low)) for c in "abcdefghijklmnopqrstuvwxyz")
    return any(zipf(word, "en") >= 2.5 for word in changed if word != low)


@lru_cache(maxsize=_WORDS_KEPT)
def _slipped_word(word: str) -> str | None:
    """The very common English word (Zipf 5+: "should", "there") that ``word``, no name of the lists and a word
    English seldom writes, is with two letters next to each other swapped ("Shoudl"), or None."""
    low = word.lower()
    if len(low) < 4 or not low.isalpha() or zipf(low, "en") >= _SLIPPED_ZIPF or first_name(word) or surname(word):
        return None
    swaps = (low[:i] + low[i + 1] + low[i] + low[i + 2 :] for i in range(len(low) - 1))
    return next((w for w in swaps if w != low and zipf(w, "en") >= _SLIPPED_FROM_ZIPF), None)


@lru_cache(maxsize=_WORDS_KEPT)
def _famous(word: str) -> bool:
    """A name English writes often and only as a name, that no census list holds as a given name or a surname and no
    other language writes far more often as a word of its own ("bin", "van"), and no English noun's plural
    ("Windows"): a famous person's or place's ("Obama", "Hitler", "Capitol"), still the name in lower case or after
    "a"."""
    name, low = word.capitalize(), word.lower()
    if kind(name) is not Kind.NAME or zipf(low, "en") < _FAMOUS_ZIPF or first_name(name) or surname(name):
        return False
    if _plural_noun(name):
        return False
    return max(zipf(low, lang) for lang in OTHER_LANGUAGES) - zipf(low, "en") < _FAMOUS_GAP


def _famous_place(key: str, model: str | None) -> bool:
    """A famous place the model reads, written in lower case too ("the Capitol", "storm the capitol"): still that
    place's name, not a common word capitalised."""
    return model in _PLACE_LABELS and _famous(key)


@lru_cache(maxsize=_WORDS_KEPT)
def _no_name(key: str) -> bool:
    """A key that is no name whatever its words and the thread: markup, sentences run on, no letter, internet register,
    a speech verb or a word glued to the next (``_glued_word``). Kept for the most recent keys: a thread names the same
    few again and again."""
    if not key or len(key) < 2 or _MARKUP.search(key) or _RUN_ON.search(key):
        return True
    if not any(c.isalpha() for c in key) or slang(key) or key.lower() in _SPEECH_TAIL:
        return True
    return any(_glued_word(word) for word in key.split())


@lru_cache(maxsize=_WORDS_KEPT)
def _glued_word(word: str) -> str | None:
    """The everyday word glued with no space to the word before it ("Sanskritand Indo-European", "Columbian
    Mayahave"): a word no list knows that is a word or name English writes and one of its commonest words, or None."""
    if len(word) < 7 or not word.isalpha() or not _unlisted(word):
        return None
    low = word.lower()
    glued = next((w for w in _GLUED_WORDS if low.endswith(w)), None)
    if glued is None:
        return None
    before = word[: -len(glued)]
    return glued if len(before) >= 4 and zipf(before.lower(), "en") >= _ENGLISH_ZIPF else None


@lru_cache(maxsize=_WORDS_KEPT)
def _unlisted(word: str) -> bool:
    """A word no list knows: no language of the word lists writes it, and it is no census name and no place of the
    gazetteer ("Pranaam"; "Scylax" is listed: French and Spanish write it)."""
    low = word.lower()
    if zipf(low, "en") or any(zipf(low, lang) for lang in OTHER_LANGUAGES):
        return False
    return not (first_name(word) or surname(word) or gazetteer().place(word))


def _term(key: str) -> str:
    """Why a name reads as a term of romanised Sanskrit ("Pranaam", "Subhaasitamahakosa"): no list knows its words
    and one is spelt so; "" for a name with a word a list knows ("Sri Achyutanand") or none spelt so ("Vidyapeetha")."""
    words = [w for w in key.split() if w.isalpha()]
    if not words or not all(_unlisted(w) for w in words):
        return ""
    return next((f"'{w}' {why}" for w in words if (why := romanised(w))), "")


def _keep(key: str, core: list, lower: set[str], model: str | None, defined: Set[str], sites: Set[str]) -> bool:
    if _no_name(key):
        return False
    if _listed(key, defined, sites):
        return True  # "reddit" written in lower case elsewhere does not make "Reddit" a common word
    if key.isupper() and key + "s" in lower:
        return False  # "TM" where the thread writes "TMs": a kind of thing (a Turing machine), not one body
    if model != "PERSON" and len(core) == 1 and _PLURAL_ACRONYM.fullmatch(key):
        return False  # "Senior Frontend Engineers, & PMs": an acronym made plural names a kind of thing, no one body
    words = [t for t in core if t.is_alpha or "-" in t.text]
    if len(core) == 2 and _DEMONYM.search(core[0].lower_) and core[1].lower_ in _FEATURES:
        words = words[:1]  # "Iberian peninsula": a people's adjective before a lower-case feature of the land
    headed_body = model == "ORG" and len(core) == 2 and core[0].is_title and core[1].lower_ in ORG_WORDS
    if any(t.text[:1].islower() and t.lower_ not in _PARTICLES and not lower_opened(t.text) for t in words) and not any(
        "-" in t.text for t in words
    ):
        # "Crime planet": a lower-case content word, not a name; "The Republican party" is one, and so is "obama"
        return headed_body or len(core) == 1 and model == "PERSON" and key.islower() and _famous(key)
    if _shouted(key, core):
        return True  # judged by the thread: a name if written so elsewhere ("NEW YORK TIMES"), else dropped
    headed = bool({core[0].lower_, core[-1].lower_} & _HEADS)  # "Flat Earth Society", "Bank of"
    if len(core) > 1 and not headed and _participle(core[-1]):
        return False  # a name and the verb after it: "Wallstreet Salivating"
    if len(core) == 2 and model == "PERSON" and _everyman(core[0].text, core[1].text):
        return False  # "Joe and Jill Average": a given name before an English word no one bears, a type of person
    abstract = len(core) > 1 and not headed and model != "PERSON" and _abstract(core[-1].text)
    if abstract and not (company(key) or _company_arm(core, model)):
        return False  # a concept or an event: "Quantum Weirdness", "Heisenberg Uncertainty", "Clinton Impeachment"
    if len(core) == 1 and model != "PERSON" and key in CELESTIAL:
        return False  # "3rd from the Sun"
    if len(core) == 1 and model == "PERSON" and any(c.isdigit() for c in key):
        return False  # "Win32", "Amd64": a product or code name, never a person's
    if len(core) == 1 and _slipped_word(key):
        return False  # "Shoudl we update": "should" typed with two letters swapped, not a name
    if len(core) == 1 and _ACRONYM_VERB.fullmatch(key):
        return False  # "I've commented below said Q & CVd": an acronym made a verb ("close-voted"), as "VtCed" is
    if len(core) == 1 and _DESIGNATION.fullmatch(key):
        return False  # "P-51s", "F-35", "AK-47": a machine's or a weapon's designation, whatever the model says
    if len(core) == 1 and model == "PERSON" and _plural_noun(key) and not _one_person_after(core[0]):
        return False  # "Swingers", "Telltales": a plural noun, where a surname would be ("Williams")
    if len(core) == 1 and _voweless(key):
        return False  # "Kc if ixmn.": letters typed at random, no name; a surname so written ("Ng") is one
    if len(core) == 1 and _ADJECTIVE.search(key) and kind(key) is Kind.COMMON:
        return False  # "Congressional", "Collaborative": an English adjective, capitalised
    lowered_label = model in _LOWERED_LABELS or _famous_place(key, model)
    if len(core) == 1 and not key.isupper():
        if key.lower() in lower and (not lowered_label or key.lower() in _HEADS):
            return False  # a common word written with a capital ("Areas", "Media", "the Foundation")
        if _DEMONYM.search(key.lower()) and model in ("GPE", "NORP"):
            return False  # "Ukrainian": a demonym, not a place
    if len(core) > 1 or key.lower() not in lower or key.lower() in _HEADS:
        return True
    # a name the model reads as a person's or a body's, though commenters write it in lower case too ("putin",
    # "labour"): judged by the thread (``Mention.lowered``)
    return lowered_label


def _company_arm(core: list, model: str | None) -> bool:
    """Two words the model reads as a body's, a listed company's name and a noun for what a company runs ("Fox
    Business", "Disney Channel"): that arm's name, though both are everyday words and the second an abstract noun."""
    return len(core) == 2 and model == "ORG" and core[1].lower_ in _COMPANY_ARMS and bool(company(core[0].text))


def _one_person_after(tok) -> bool:
    """A verb in the singular right after one word ("that Giannis has already decided"): one person, which a plural
    noun never is."""
    after = tok.i + 1
    return after < len(tok.doc) and tok.doc[after].lower_ in _SINGULAR_VERBS


def _voweless(key: str) -> bool:
    """A word written as names are, with no vowel and no name of the lists: no word's spelling, no name's."""
    return key.istitle() and key.isalpha() and not set(key.lower()) & set("aeiouy") and not surname(key)


def _said_sex(doc, after: int) -> str | None:
    """ "m" or "f" where the first personal pronoun of the sentence after a name is his or hers, no other name that
    may be the pronoun's written between (``_other_name``: "Obama said his legacy will disappear"), "n" where it is
    a body's ("Ford wanted to move their factory"); else None."""
    for tok in doc[after : after + _PRONOUN_REACH]:
        low = tok.lower_
        if low in _HE:
            return "m"
        if low in _SHE:
            return "f"
        if low in _ITS:
            return "n"
        if low in _STOPS or "\n" in low or _other_name(tok):
            return None
    return None


def _other_name(tok) -> bool:
    """A capitalised word between a name and a pronoun that may be the pronoun's: any but "I" and a country's or a big
    city's name, which "he" or "her" does not refer to ("Palin seeing Russia from her house")."""
    return tok.is_title and tok.lower_ != "i" and not gazetteer().major(tok.text)


def _abbreviated_place(doc, toks, label: str | None) -> bool:
    """One word of initials each with its stop that the model reads as a place, inside a sentence ("from Canada to
    B.C.", "Sen. Gillibrand (N.Y.)"): a place abbreviated, no shouting and no body's acronym; "P.S." opening a line is
    none."""
    if label not in ("GPE", "LOC") or len(toks) != 1:
        return False
    return bool(_INITIAL.fullmatch(toks[0].text)) and not _sentence_initial(doc, toks[0].i)


def _shouted(key: str, core: list) -> bool:
    """Capitals that are no known acronym: shouting ("BLASPHEMER", "NEW YORK TIMES") or an acronym nothing
    defines ("API", "BS"). Its model label and its casing say nothing; its words may."""
    return key.replace(" ", "").isupper() and not (len(core) == 1 and gazetteer().country_code(key))


def _shouted_body(core: list) -> bool:
    """Words in capitals ending in a body's head after a listed company's name or a country's, region's or big city's
    ("FOX NEWS exposed the lies", "the NEW YORK TIMES"): that body's name, as its head says whatever the case; a head
    after other words names no one ("FAKE NEWS")."""
    if len(core) < 2 or core[-1].lower_ not in ORG_WORDS | _COMPANY_ARMS:
        return False
    before = " ".join(t.text.capitalize() for t in core[:-1])
    return bool(company(before)) or core[-1].lower_ in ORG_WORDS and gazetteer().major(before)


_CAMEL_TAIL = re.compile(r"[a-z]([A-Z][a-z]{2,})")


def _sibling_site(key: str, sites: Set[str]) -> str | None:
    """A site of the thread that ``key``, one CamelCase word the model reads as a body, ends as ("MathOverflow" where
    the thread is on StackOverflow): a network names its sites alike, code does not name its identifiers after sites."""
    tail = _CAMEL_TAIL.search(key) if key.isalpha() else None
    if tail is None or tail.end() != len(key):
        return None
    low, end = key.lower(), tail.group(1).lower()
    return min((site for site in sites if site != low and site.endswith(end) and site != end), default=None)


def _technical(
    key: str,
    core: list,
    doc,
    code: Callable[[int, bool], str | None],
    lower: set[str],
    initial: bool,
    titled: bool,
    defined: Set[str],
    sites: Set[str],
) -> bool:
    """A name of the technical register, not a person, place or organisation: an identifier ("WebSocket",
    "TextSymbolizer"), a product with its version ("Ubuntu 8.04"), a word seen in lower case in the thread
    that is capitalised here only to start a sentence ("Dev, ..."), or, in a post with code in it (``code`` gives
    the code that bears on a character of the post), a single word that nothing but the model backs ("Fehler:
    shapefile.hpp", "Ubuntu's default `~/.bashrc`"). A name ``defined`` or among the ``sites``, as written or in lower
    case, is none (each set asked apart: their union, made once a name, took as long as the sets are large)."""
    low = key.lower()
    known = key in defined or key in sites or low in defined or low in sites
    if key in ORG_ACRONYMS or known or gazetteer().place(key):
        return False
    if any(identifier(t.text) for t in core) and not company(key):
        return True  # a listed company writes its name so too ("PayPal", "eBay")
    if core[-1].i + 1 < len(doc) and versioned(doc[core[-1].i + 1].text):
        return True
    if len(core) > 1 or titled or first_name(key) or surname(key):
        return False
    if initial and low in lower:
        return True
    return code(core[0].idx, key.isupper()) is not None


def _everyday_phrase(key: str, core: list, lower: set[str], model: str) -> bool:
    """A capitalised phrase of common words: with an everyday word in it ("Send Berbers", "Uncle Sam") or made
    of English words that are no one's names ("Opium Poppy"), not headed like a body or a place, not starting with a
    first name and no letter glued to a word ("E-Trade": one coined word), or made only of words the thread writes in
    lower case, a people's adjective aside ("Uranium One", "Russian Uranium"), or of a building's word after such a
    word ("the Help Center"). It is a name only if written so again.
    A part of a known place named by its side ("Eastern Europe", "Northern Italy") is that part's name, though both
    words are everyday ones, and a body the model reads named by a noun and its country ("Services Australia") is the
    body's."""
    if len(core) < 2 or gazetteer().place(key) or model == "ORG" and core[-1].lower_ in _COMPANY_HEADS:
        return False
    if _LETTER_DASHED.fullmatch(key):
        return False  # "my old E-Trade account": one coined word, a letter glued to a word, no phrase of words
    if _company_arm(core, model):
        return False  # "on CNBC and Fox Business": no phrase of two everyday words
    if model == "ORG" and len(core) == 2 and core[1].text in gazetteer().countries and _english_noun(core[0].text):
        return False  # "The Services Australia website", "Statistics Canada": a body named by its work and country
    if len(core) > 2 and core[0].lower_ in _POLITIES and core[1].lower_ == "of" or core[-1].lower_ in _POLITIES:
        return False  # "Kingdom of Poland", "Polish&Lithuanian Commonwealth": a state's name, however everyday
    if all(t.lower_ in _GEO_MODIFIERS for t in core[:-1]) and (
        gazetteer().major(core[-1].text) or _capitals(core[-1]) or _place_word(core[-1].lower_)
    ):
        return False  # "Eastern Europe"; "South Central LA": a side of a place named by its initials; "the Northern
        # Beaches": a side and a feature of the land, a region's name
    if len(core) == 2 and first_name(core[1].text) and not _everyday(core[0]) and core[0].is_alpha:
        return False  # "Lebron James": a given name as the surname, after a word no everyday one ("Last Valentine")
    if len(core) == 2 and model == "PERSON" and _initialled_given(core[:1], core[1]):
        return False  # "JR Smith": a given name written as its initials, though "JR" is an everyday word's spelling
    described = core[1:] if _DEMONYM.search(core[0].lower_) else core  # "Russian Uranium": a kind of uranium
    # a given name and words English writes as names ("Joe Biden" where the thread writes "joe" and "biden" too):
    # a name commenters write in lower case, not a phrase of common words
    named = first_name(core[0].text) and all(kind(t.text) is Kind.NAME for t in core)
    if not named and all(t.lower_ in lower for t in described) and not any(t.lower_ in _HEADS for t in core):
        return True
    if len(core) == 2 and core[1].lower_ in _RUN_PLACES and core[0].lower_ in lower and lower_case_word(core[0].text):
        # "visit the Help Center", "a recognised Research Center": a building a body runs after a word English and the
        # thread write in lower case says what the building is for, and names one only if written so again; a square,
        # a street or a sea so named is one place ("across Red Square", "the Dead Sea")
        return True
    words = [t for t in core if t.is_alpha or "-" in t.text]
    return (
        not {core[0].lower_, core[-1].lower_} & _HEADS
        # "International School of Dravidian Linguistics", "Federation of Labour Unions": headed before its "of"
        and _head_of(core, states=True) is None
        and not first_name(core[0].text.lstrip(_GLUED))
        and not any(_foreign_word(t.text) for t in words)  # "Credit Suisse": a name in another language's words
        and (any(_everyday(t) for t in words) or model != "PERSON" and all(_english_noun(t.text) for t in words))
    )


@lru_cache(maxsize=_WORDS_KEPT)
def _foreign_word(word: str) -> bool:
    """A word another language writes far more often than English, which writes it seldom ("Suisse"): a name's word
    in that language, no English word capitalised."""
    low = word.lower()
    english = zipf(low, "en")
    return english < _EVERYDAY_ZIPF and max(zipf(low, lang) for lang in OTHER_LANGUAGES) - english >= _FOREIGN_GAP


@lru_cache(maxsize=_WORDS_KEPT)
def _english_noun(word: str) -> bool:
    """An English word of some use that no census lists as a name ("Opium", "Poppy", "Linear"), where a name
    of two such words ("Opium Poppy seed") is a phrase the writer capitalised, unless the model reads a person's
    name in it ("Elon Musk": not every given name is in the census lists)."""
    return zipf(word.lower(), "en") >= _ENGLISH_ZIPF and not first_name(word) and not surname(word)


def _previous(doc, i: int) -> int:
    """Index of the last non-space token before token ``i`` (-1 if none)."""
    tokens = doc.tokens  # the list itself: the rules ask some 70 times a post
    i -= 1
    while i >= 0 and tokens[i].is_space:
        i -= 1
    return i


def _next(doc, i: int) -> int:
    """Index of the first non-space token after token ``i`` (the doc's length if none)."""
    tokens = doc.tokens
    i += 1
    while i < len(tokens) and tokens[i].is_space:
        i += 1
    return i


def _sentence_initial(doc, i: int) -> bool:
    """Whether token ``i`` opens a sentence or a line, where any word may be capitalised: nothing before it but quotes
    and brackets, a sentence's last mark or a forum's smiley just before it, or a line break between the word before
    and it."""
    tokens = doc.tokens
    j = _previous(doc, i)
    while j >= 0 and (tokens[j].is_quote or tokens[j].is_left_punct):
        j = _previous(doc, j)
    if j < 0:
        return True
    tok = tokens[j]
    if "emoticon_" in tok.text:
        return True  # "you say we are insular?emoticon_rolleyes Please.": a forum's smiley ends its sentence
    if _SENTENCE_END.search(tok.text + tok.whitespace_):
        return True
    return doc.text.find("\n", tokens[j + 1].idx, tokens[i].idx + len(tokens[i].text)) >= 0  # the words up to it


def _scored(tokens, k: int) -> bool:
    """A match's score ends at token ``k``: "3-0", "three nil"."""
    if tokens[k].lower_ == "nil":
        return True
    return k >= 2 and tokens[k].is_digit and tokens[k - 1].text in ("-", "–") and tokens[k - 2].is_digit


def _team_cue(doc, start: int, end: int) -> str | None:
    """The words that make a name a team's: a score just before it ("4-0 Tottenham", "3-0 at Palace", "three nil to
    Palace"), "beat" or "v" before it, "fan of" before it, or "v", "game", "fans", "win", "are" … after it ("The
    Chelsea v Arsenal game", "If Chelsea win", "Villa are fucked"); else None. "are" after a name ending in "s" is its
    plural's ("the Philippines are")."""
    tokens = doc.tokens
    i = _previous(doc, start)
    before = tokens[i].lower_ if i >= 0 else ""
    if before in _TEAM_BEFORE:
        return before
    k = _previous(doc, i) if before in ("at", "to", "of") else -1
    if before == "of" and k >= 0 and tokens[k].lower_ in ("fan", "fans"):
        return f"{tokens[k].text} of"
    if before != "of" and k >= 0 and _scored(tokens, k):
        return f"{tokens[k].text} {before}"  # "3-0 at Palace", "three nil to Palace"
    if i >= 0 and _scored(tokens, i):
        return tokens[i].text  # "4-0 Tottenham"
    after = tokens[end].lower_ if end < len(tokens) else ""
    if after in _TEAM_AFTER and not (after in ("are", "were") and tokens[end - 1].lower_.endswith("s")):
        return after
    return None


def _kind_of(doc, core: list) -> bool:
    """A capitalised phrase that describes rather than names: after "a", a phrase names a kind of thing ("a Stan
    Opium poppy field"), and so does a single word heading the phrase after "a" and its lower-case adjectives
    ("a drunken Windjammer that", "to be a Karen", a given name made a kind of person, "a magical Wizard in"; not
    "a Trump supporter", where the name qualifies the noun after it); after "many", a phrase under a plural noun
    counts things of a kind ("how many Good Ole American Mutts"); after "my", "our" ..., a phrase of common words
    under an organisation's or a place's head is one's own group, described ("my Grief Group", "our Book Club")."""
    j = _previous(doc, core[0].i)
    if j < 0 or gazetteer().place(core[0].text):
        return False
    after = core[-1].i + 1
    if doc[j].lower_ in _POSSESSIVE_DETERMINERS:
        head = core[-1].lower_ in _HEADS
        return len(core) > 1 and head and all(kind(t.text) is Kind.COMMON for t in core[:-1])
    if len(core) > 1:  # unless a given name and a surname, no English words ("another Jussie Smollet case"), or a
        # title and a given name ("for what King George did")
        titled = core[0].lower_ in _TITLES_RULERS and first_name(core[1].text)
        if doc[j].lower_ in _COUNTING and _plural_noun(core[-1].text):
            return True  # "How many Good Ole American Mutts even know": things counted, under a plural noun
        # "a Michael Jordan card": a given name and a surname of the lists before the noun they qualify, whatever
        # English writes the surname as, name the person the thing is of
        qualifying = len(core) == 2 and first_name(core[0].text) and surname(core[1].text) and _qualifies(doc, after)
        return doc[j].lower_ in _KIND_DETERMINERS and not _unworded_name(core) and not titled and not qualifying
    while j >= 0 and doc[j].is_lower and doc[j].is_alpha and not doc[j].is_stop:
        j = _previous(doc, j)  # the adjectives between "a" and the word: "a drunken Windjammer"
    heads = after >= len(doc) or not doc[after].is_alpha or doc[after].is_stop
    word = core[0].text  # a famous name is still one after "a" ("an Obama"), English's own noun is not ("a Wizard")
    return j >= 0 and doc[j].lower_ in ("a", "an") and heads and not (_famous(word) and not _english_own(word))


@lru_cache(maxsize=_WORDS_KEPT)
def _english_own(word: str) -> bool:
    """A word English writes often and far more often than other languages do, that no census list holds as a name
    ("Wizard"; not "Putin", "Trump"): as likely English's own noun capitalised as a famous name."""
    low = word.lower()
    english = zipf(low, "en")
    if english < _EVERYDAY_TAIL_ZIPF or first_name(word) or surname(word):
        return False
    return english - statistics.median(zipf(low, lang) for lang in OTHER_LANGUAGES) >= _ENGLISH_NOUN_GAP


def _chain(doc, toks: list, label: str) -> str | None:
    """The article before a name the model reads as a body's, with its "'s" ("this is a Wendy's.", "a Wendy's
    drive-thru"): the name with its "'s" is a shop's or a chain's, named for its founder (one read as a person's is
    someone's, "no better than a Koch's"). So is one surname of the lists after a possessive ("my Kohl's clearance
    rack"), read as a body's or a person's: no one owns a person by their surname; not a given name ("my Jenny's
    birthday") nor a word English writes as often as a known name ("his Papa's farm")."""
    after, before = toks[-1].i + 1, _previous(doc, toks[0].i)
    if before < 0 or after >= len(doc) or doc[after].lower_ not in ("'s", "’s"):
        return None
    if doc[before].lower_ in ("a", "an") and label == "ORG":
        return doc[before].lower_
    word = toks[0].text
    if doc[before].lower_ not in _POSSESSIVE_DETERMINERS or len(toks) > 1 or not surname(word) or first_name(word):
        return None
    return doc[before].lower_ if zipf(word.lower(), "en") < _FAMOUS_ZIPF else None


def _founded(doc, toks: list, label: str) -> str | None:
    """The noun after a name for a body founded and named after someone, written in lower case, with "the" before the
    name ("The Clinton foundation", "the Gates foundation"): the body's name is the person's and that noun, though
    the model reads the person alone. Only nouns for bodies someone founds and endows, not a place someone owns ("the
    Smith house") or a body someone leads ("the Trump administration"); only after one word, the model's person or a
    surname of the census lists, not a company's product ("the Vanguard fund") nor a full name, which stays the
    person's ("the Bill Gates foundation"); and not opening a compound of its own ("the Smith trust fund", "the Obama
    fund raiser")."""
    after, before = toks[-1].i + 1, _previous(doc, toks[0].i)
    if len(toks) > 1 or before < 0 or after >= len(doc) or doc[before].lower_ != "the" or not doc[after].is_lower:
        return None
    noun, word = doc[after].lower_, toks[0]
    if noun not in _FOUNDED or not (word.is_title and word.is_alpha) or label != "PERSON" and not surname(word.text):
        return None
    compound = after + 1 < len(doc) and doc[after + 1].lower_ in _FOUNDED_COMPOUND
    return None if compound else noun


def _suspended(doc, core: list) -> bool:
    """A name typed against a dash before "and" or "or": the first half of a compound whose head follows the second
    ("Fourier- and Laplace transforms"), named for its kind of thing as that one is."""
    after = core[-1].i + 1
    if after + 1 >= len(doc) or core[-1].whitespace_ or doc[after].text not in _GLUED:
        return False
    return doc[after + 1].lower_ in ("and", "or", "&")


def _unworded_name(core: list) -> bool:
    """Two capitalised words, a given name (or no English word) and no English word: a person's name, wherever
    it stands ("Jussie Smollet"; not "Stan Opium")."""
    given, last = core[0], core[-1]
    if len(core) != 2 or not (given.is_title and last.is_title) or zipf(last.lower_, "en") >= _ENGLISH_ZIPF:
        return False
    return first_name(given.text) or zipf(given.lower_, "en") < _ENGLISH_ZIPF


def _half(doc, core: list) -> bool:
    """One capitalised English word before a lower-case head noun of places or bodies ("between Europe and Silk
    road"): the name is the whole phrase, written half in lower case, not this word, unless the word is a place,
    no English word ("the Baath party" names the party by its own word) or an acronym ("the AFP news agency")."""
    after = core[-1].i + 1
    if len(core) > 1 or after >= len(doc) or gazetteer().place(core[0].text) or core[0].text in ORG_ACRONYMS:
        return False
    if zipf(core[0].lower_, "en") < _ENGLISH_ZIPF or _capitals(core[0]):
        return False
    return doc[after].is_lower and doc[after].lower_ in _HEADS


def _led_by(head) -> bool:
    """A head naming what a leader runs ("the Trump administration"); "Campaign" in capitals ends a body's name
    instead ("the Brady Campaign", "the Human Rights Campaign"), as a leader's campaign is written in lower case."""
    return head.lower_ in _LEADER_OF and head.text != "Campaign"


@lru_cache(maxsize=_WORDS_KEPT)
def _leader(word: str) -> bool:
    """A word before "administration", "government" or "regime" that may be the leader it is named after ("the Trump
    administration"): no big place ("the Syria regime") and no English word that is no one's name ("a Labour
    government" is the party's)."""
    if gazetteer().major(word):
        return False
    return kind(word) is not Kind.COMMON or first_name(word) or surname(word)


def _exclamation(doc, span) -> bool:
    """A one-word sentence ("Bingo.", "Fszst!", "Square."): an interjection or an aside, not a name; and a
    whole sentence exclaimed with an everyday word in it ("WOW! Great News!")."""
    after = span.end
    while after < len(doc) and doc[after].is_space:
        after += 1
    ends = after < len(doc) and doc[after].text[:1] in ".!?…"
    if not ends or not _sentence_initial(doc, span.start) or gazetteer().place(span.text):
        return False
    return len(span) == 1 or doc[after].text[:1] == "!" and any(_everyday(t) for t in span if t.is_alpha)


def _cited_abbreviation(doc, tok) -> bool:
    """A word references and addresses abbreviate, with its stop ("Vol.", "Univ."), or an editor's mark after a comma
    or a bracket ("Ghatage, Ed."): no one's name, though the model reads a capitalised word before a stop as one."""
    word = tok.lower_.removesuffix(".")
    if word not in _CITED_ABBREVIATIONS and word not in _EDITORS:
        return False
    stop = tok.text.endswith(".") or tok.i + 1 < len(doc) and doc[tok.i + 1].text == "." and not tok.whitespace_
    if not stop:
        return False
    if word in _CITED_ABBREVIATIONS:
        return True
    j = _previous(doc, tok.i)
    return j >= 0 and doc[j].text in (",", "(", "[")


def _edition(doc, core: list) -> bool:
    """A product's edition ("the Enterprise Edition") or its name before "version" and a number ("upgrade from
    Enterprise version 4.0"): software, no place nor body, though a town or a company may be so called."""
    if len(core) > 1 and core[-1].lower_ in _EDITIONS:
        return True
    after = core[-1].i + 1
    if after + 1 >= len(doc) or doc[after].lower_ not in _RELEASES:
        return False
    number = doc[after + 1].text
    return number.isdigit() or versioned(number)


def _postscript(doc, span) -> bool:
    """A postscript's mark opening its line, quoted or not ("P.S.,", "> P.S.,", "PS I have not got reply"): a
    letter's part, no name."""
    words = [t.text for t in span if not t.is_punct]
    if "".join(words).replace(".", "").upper() not in _POSTSCRIPTS:
        return False
    start = span.start_char
    return bool(_QUOTE_MARKS_ONLY.fullmatch(doc.text, doc.text.rfind("\n", 0, start) + 1, start))


def _client_signature(doc, span) -> bool:
    """A name in the line a phone's or an app's client signs a message with ("Sent from my iPhone using Tapatalk"):
    the device and the app that sent it, which the writer did not name, whatever the model reads there."""
    text = doc.text
    start, end = text.rfind("\n", 0, span.start_char) + 1, text.find("\n", span.end_char)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    return bool(_CLIENT_SIGNATURE.fullmatch(line)) and len(line.split()) <= _CLIENT_SIGNATURE_WORDS


def _salutation(doc, span) -> bool:
    """A word a message opens on, alone or after a greeting, then a comma and a new line, that is no one's
    first name or surname ("Dev,", "Hi all,"): the message speaks to the list or its readers, it names no
    one ("Hey Lucio," does name a person)."""
    if len(span) > 1 or first_name(span.text) or surname(span.text):
        return False
    j = _previous(doc, span.start)
    if j >= 0 and doc[j].lower_ in _GREETINGS:
        j = _previous(doc, j)
    after = span.end
    if j >= 0 or after >= len(doc) or doc[after].text not in (",", ":"):
        return False
    at = doc[after].idx
    return "\n" in doc.text[at : at + 3]  # a line break just after the mark, not a copy of the text after it


def _common_tail(tok, lower: Set[str]) -> bool:
    """A last word English uses often that the thread writes in lower case or no census lists as a surname
    ("Clinton Camp", "Clinton Impeachment"): a phrase about the person, not a full name, unless the model
    reads a person's name."""
    common = zipf(tok.lower_, "en") >= _EVERYDAY_TAIL_ZIPF
    return common and (tok.lower_ in lower or not surname(tok.text))


def _votes(
    mention: Mention,
    doc,
    core: list,
    titled: bool,
    model: str | None,
    sites: Set[str],
    lower: Set[str],
    postal: bool,
) -> None:
    """Label votes of one mention from the model, the gazetteer, name lists and the words around it; each
    vote keeps its reason in ``mention.evidence``. ``postal``: the post has a line ending in a postal code's digits
    (``_POSTAL_SEEN``), without which no name is a postcoded town's."""
    gaz = gazetteer()
    label = MODEL_LABELS.get(model or "")
    place = gaz.place(mention.key)
    # one word the model calls a building or a road, that no gazetteer knows and no head names ("the next Bolsonaro"):
    # the model's weakest place label, no evidence, unless "the" stands just before it ("down the Mall in London")
    j = _previous(doc, core[0].i)
    after_the = j >= 0 and doc[j].text == "the"
    # "written in Python": what is written in a language is in no place, so a preposition before it says nothing
    language = len(core) == 1 and not place and not titled and software(mention.key)
    if label and not (model == "FAC" and len(core) == 1 and not place and not after_the):
        mention.vote(label, 1.0, f"model {model}", by_model=True)
    after = core[-1].i + 1
    if model == "PERSON" and len(core) > 1 and after < len(doc) and _NUMBERED.fullmatch(doc[after].text):
        mention.vote(schema.PERSON, -1.0, f"numbered '{doc[after].text}'")  # a title's sequel: "Yakuza Kiwami 2"
    if _a_kind_of(doc, core) and not place:
        why = f"'{doc[_previous(doc, _previous(doc, core[0].i))].lower_} of' before it, a kind of thing"
        for other in (schema.PERSON, schema.PLACE, schema.ORGANIZATION):
            mention.vote(other, _KIND_VOTE, why)
    weapon = not titled and _noun_after(doc, core, _WEAPONS)
    if weapon:
        for other in (schema.PERSON, schema.PLACE, schema.ORGANIZATION):
            mention.vote(other, _PRODUCT_VOTE, f"'{weapon}' after it, a weapon's name")
    happening = not titled and _happening(doc, core)
    if happening:
        mention.vote(schema.PERSON, _HAPPENING_VOTE, f"'{happening} of' before it, a happening")
    prized = not titled and _prized(doc, core)
    if prized:  # outweighs the model and a given name both: "Oscar-winning"
        for other in (schema.PERSON, schema.PLACE, schema.ORGANIZATION):
            mention.vote(other, _PRODUCT_VOTE, f"'-{prized}' after it, a prize's name")
    if model == "PERSON" and len(core) > 1 and not titled and _common_head_word(core[0].text):
        # "Encyclopedia Brittanica", "Citizens United": a person's name starts with a given name, a body's or a
        # work's with a noun
        why = f"starts with the common word '{core[0].text}'"
        mention.vote(schema.PERSON, -1.0, why)
        mention.vote(schema.ORGANIZATION, 1.0, why)
    registered = False
    named = (
        len(core) > 1
        and core[0].whitespace_  # "Al Gore", not "Al-Nusra"
        and (
            first_name(given := core[0].text.lstrip(_GLUED)) or (registered := _registered_full_name(core, mention.key))
        )
        and core[-1].lower_ not in _HEADS
        and not (model != "PERSON" and _common_tail(core[-1], lower))
    )
    family = after < len(doc) and doc[after].lower_ in _FAMILY or _plural_family(doc, core)
    led = _owns(doc, core) and after + 1 < len(doc) and doc[after + 1].lower_ in _LED and not gaz.major(mention.key)
    # "the Commonwealth (LNP) has done f-all": a town's or a city's name after "the", a word English writes in lower
    # case too, the model reading a body or a person: the noun's, as cities are seldom named after "the"
    nouned = after_the and len(core) == 1 and model in ("ORG", "PERSON") and _noun_city(mention.key)
    if place and not nouned:
        weight = gaz.weight(mention.key)
        why = "gazetteer"
        # the model's person outweighs a city only in a name it could be a person's: one the name lists hold or one
        # written across languages alike ("Obama", a Japanese town); "Dist. Jamnagar": a rare word, the city's name
        read = model == "PERSON" and (len(core) > 1 or surname(mention.key) or kind(mention.key) is not Kind.RARE)
        person = read or named or titled or first_name(mention.key) or family or led
        if not gaz.major(mention.key) and (person or model == "ORG" and gaz.town(mention.key)):
            # a person outweighs a small town so called ("Bush", Egypt; "Beverly"), and a company a town ("Norton")
            weight, why = min(weight, 1.0), "gazetteer, a small town's name"
        mention.vote(schema.PLACE, weight, why)
    national = _national(mention.key) if len(core) == 1 and not place else None
    if _known_acronym(doc, mention.key, core[0].i, core[-1].i):
        mention.vote(schema.ORGANIZATION, 5.0, "known acronym" if mention.key.isupper() else "known body's name")
    elif national:
        mention.vote(schema.ORGANIZATION, 1.5, f"acronym opening with the country's short form '{national}'")
    coded = len(core) == 1 and gaz.state_code(core[0].text)
    if coded and core[0].i > 1 and doc[core[0].i - 2].is_title and _coded_town(doc, core[0].i - 2):
        mention.vote(schema.PLACE, 3.0, "a US state's postal code after a town's name and a comma")
    elif len(core) == 1 and core[0].i > 1 and _abroad(doc, core[0].i - 2):
        mention.vote(schema.PLACE, 3.0, "a country's code after a comma and a city of that country")
    elif (
        mention.key.isupper()
        and len(core) == 1
        and not place
        and not gaz.country_code(mention.key)
        and not (core[0].text == _CAPITAL and label == schema.PLACE)  # "such as DC or Hollywood": no body
        and not _abbreviated_place(doc, core, model)
    ):
        mention.vote(schema.ORGANIZATION, 1.5, "acronym")  # an acronym defined in the text names a body
    if model != "ORG" and not coded and _coded_town(doc, core[-1].i):
        # "UC Berkeley, CA", a campus the model reads as a body, is none
        mention.vote(schema.PLACE, 2.0, "a comma and a US state's postal code after it, an address's town")
    if postal and core[-1].lower_ not in ORG_WORDS and _postcoded(doc, core[-1].i):
        mention.vote(schema.PLACE, 2.0, "a postal code after it at its line's end, an address's town")
    linked = mention.key.lower() in sites
    if linked:
        mention.vote(schema.ORGANIZATION, 2.0, "a site linked in the thread or named as one is on it")
    address = len(core) == 1 and named_by_address(mention.key)
    if address:
        mention.vote(schema.ORGANIZATION, 2.0, "named by its web address, as start-ups are")
    near = len(core) == 1 and not place and kind(mention.key) is Kind.RARE and gaz.near(mention.key)
    if near:
        mention.vote(schema.PLACE, _NEAR_PLACE_VOTE, f"spelt one letter off the place '{near}'")
    country = core[-1].lower_ in _STATE_HEADS and label == schema.PLACE  # "Soviet Union" read as a country
    if core[-1].lower_ == "state" and len(core) > 1 and gaz.state(region := " ".join(t.text for t in core[:-1])):
        mention.vote(schema.PLACE, 3.0, f"a country's region '{region}' before 'State'")  # "Ogun State"
    elif stated := _state_of(core):
        mention.vote(schema.PLACE, 3.0, f"'State of' before the state's name '{stated}'")  # "the State of Israel"
    elif core[-1].lower_ in ORG_WORDS and len(core) > 1 and not country:
        mention.vote(schema.ORGANIZATION, 2.0, f"organisation head '{core[-1].text}'")
        mention.headed = True
    elif (of := _head_of(core)) is not None:
        mention.vote(schema.ORGANIZATION, 2.0, f"organisation head '{of.text} of'")  # "School of Dravidian Linguistics"
        mention.headed = True
    elif _company_arm(core, model):
        mention.vote(schema.ORGANIZATION, 2.0, f"a listed company's name and the arm it runs ('{core[-1].text}')")
        mention.headed = True  # "on CNBC and Fox Business": a head, as "News" is, for the names listed beside it
    if core[-1].lower_ in PLACE_WORDS and len(core) > 1:
        mention.vote(schema.PLACE, 2.0, f"place head '{core[-1].text}'")
    elif len(core) > 2 and core[0].lower_ in _POLITIES and core[1].lower_ == "of":
        mention.vote(schema.PLACE, 2.0, f"a state's head '{core[0].text} of'")  # "Kingdom of Poland"
    elif len(core) > 1 and core[-1].lower_ in _POLITIES:
        mention.vote(schema.PLACE, 2.0, f"a state's head '{core[-1].text}'")  # "Polish&Lithuanian Commonwealth"
    elif after < len(doc) and doc[after].lower_ in _POLITIES and doc[after].is_lower and not titled:
        mention.vote(schema.PLACE, 2.0, f"'{doc[after].text}' after it, a state's name")  # "the Sassanid empire"
    elif after < len(doc) and _plural_place_word(doc[after].text):
        mention.vote(schema.PLACE, 2.0, f"'{doc[after].text}' after it")  # "in Har Homa districts of East Jerusalem"
    if named and len(core) == 2 and not place and surname(core[1].text) and _surname_alone(core[1].text):
        # "bringing in Theo Hernandez": a given name and a surname, both of the lists, outweigh the model's place and
        # a preposition's
        given = core[0].text.lstrip(_GLUED)
        why = f"{_REGISTERED if registered else 'first name'} '{given}' and the surname '{core[1].text}'"
        mention.vote(schema.PERSON, _FULL_NAME_VOTE, why)
        mention.given = True
    elif named:
        mention.vote(
            schema.PERSON, 1.5, f"{_REGISTERED if registered else 'first name'} '{core[0].text.lstrip(_GLUED)}'"
        )
        mention.given = True
    elif (
        len(core) == 2
        and core[0].whitespace_
        and core[-1].lower_ not in _HEADS
        and surname(core[0].text)
        and _rare_surname(core[1].text)
    ):
        mention.vote(schema.PERSON, 1.5, f"two surnames '{core[0].text}' '{core[1].text}'")  # "Howell Raines"
    elif (
        len(core) == 2
        and core[0].whitespace_
        and core[-1].lower_ not in _HEADS
        and not place
        and _unlisted_given(core[0].text)
        and _rare_surname(core[1].text)
    ):
        why = f"a word no list holds '{core[0].text}' before the surname '{core[1].text}'"
        mention.vote(schema.PERSON, 1.5, why)  # "Chrystia Freeland"
    elif len(core) == 1 and first_name(mention.key) and zipf(core[0].lower_, "en") < _EVERYDAY_NAME_ZIPF:
        mention.vote(schema.PERSON, 1.25, "first name")  # outweighs the model's ORG alone: "Beverly's death"
        mention.given = True
    if mention.initial and len(core) == 1 and _bidding(doc, core[0]):
        # "Mark my words": a sentence opened by a verb that is also a given name, its object after it
        mention.vote(schema.PERSON, _NO_ONE_VOTE, f"a verb opening a sentence, '{doc[after].text}' after it")
    if titled:
        mention.vote(schema.PERSON, 3.0, "title or role")
    elif len(core) > 1 and core[-1].lower_ in _HONORIFICS_AFTER:
        mention.vote(schema.PERSON, 2.0, f"the honorific '{core[-1].text}' after a name")  # "Shoghi Effendi"
    if len(core) == 1 and j == core[0].i - 1 and core[0].is_title and _lower_given(doc[j]):
        # "since abraham Lincoln": a given name typed in lower case, the surname capitalised
        mention.vote(schema.PERSON, 3.0, f"given name '{doc[j].text}' in lower case just before it")
    initialled = len(core) > 1 and _INITIAL.fullmatch(core[0].text) and not gaz.place(core[0].text)
    if initialled and core[-1].is_title and surname(core[-1].text) and kind(core[-1].text) is not Kind.COMMON:
        mention.vote(schema.PERSON, 2.0, f"initials '{core[0].text}' before a surname")  # "By J.P. Donoghue"
    if j >= 0 and doc[j].lower_ in _GEO_MODIFIERS:
        mention.vote(schema.PLACE, 1.5, f"'{doc[j].lower_}' before it")
        j = _previous(doc, j)
    eponym = after < len(doc) and doc[after].lower_ in _EPONYMOUS and kind(core[-1].text) is not Kind.COMMON
    if eponym and doc[after].lower_ in _EPONYMOUS_THINGS:
        # a name of the lists the model does not read as a body's or a place's; else a name the model reads, as a kind
        # of thing ("a Turing machine", "all the Feynman rules"), not one's own ("the Hezbollah machine", "the Twitter
        # rules")
        listed = model not in ("ORG", "GPE") and (first_name(core[0].text) or surname(core[-1].text))
        read = model in ("PERSON", "ORG", "GPE")
        eponym = mention.key not in ORG_ACRONYMS and bool(listed or read and not _the_own(doc, core))
    if j >= 0 and doc[j].lower_ == "the":
        mention.article = True
        if len(core) == 1 and not titled and not family and not eponym:  # "the Feynman rules": the article is theirs
            mention.vote(schema.PERSON, -1.0, "'the' before it")  # people rarely take it: "the Donbass"
            word = first_name(mention.key) or surname(mention.key) or kind(mention.key) is Kind.COMMON
            word = word or lower_case_word(mention.key)  # "Pretty sure the Toolchain is installed"
            if model == "PERSON" and doc[j].text == "the" and not place and not word:
                # "with the Gestapo on the prowl": the model's person, no name of the lists and no English word
                # ("we've had The Pianist"), after "the", a body
                mention.vote(schema.ORGANIZATION, 1.0, "'the' before a name the model reads as a person's")
            head = mention.key.lower() in ORG_WORDS  # "the Times", "the Army": a body's head names the body
            mention.emphatic = not head and lower_case_word(mention.key) and _capitalises_words(doc, core[0].i, j)
        j = _previous(doc, j)
    before = doc[j].lower_ if j >= 0 else ""
    owner = _owns(doc, core)
    written = doc[_previous(doc, j)].lower_ if before == "in" and j > 0 else ""
    went = doc[_previous(doc, j)].lower_ if before == "on" and j > 0 else ""
    if (went in _THING or went.endswith("ly")) and j > 1:  # "saw it on", "discussed extensively on"
        went = doc[_previous(doc, _previous(doc, j))].lower_
    if written in _PUBLISHED_IN and not place:
        mention.vote(schema.ORGANIZATION, 2.0, f"'{written} in' before it, a publication")
    elif went in _ON_SITE and len(core) == 1 and not gaz.major(mention.key):
        mention.vote(schema.ORGANIZATION, 2.0, f"'{went} on' before it, a site")
    elif before in _PLACE_PREPS and not owner and not language:  # "in Plato's cave": the preposition is the cave's
        # "in Ramat Shlomo": a longer name that no given name opens is a place there too, unless the model reads a body;
        # a body's head alone after "the", which the model reads as a body, is the body sitting ("what's going on in
        # the House"), no place
        seat = model == "ORG" and mention.article and core[-1].lower_ in ORG_WORDS
        inside = len(core) == 1 and not seat or not named and not titled and model != "ORG"
        weight = 1.5 if before in _INSIDE_PREPS and inside else 0.5
        mention.vote(schema.PLACE, weight, f"'{before}' before it")
        mention.placed = weight
    elif before in _POSSESSIVE_DETERMINERS and len(core) == 1 and not place:
        mention.vote(schema.PLACE, -1.5, f"'{before}' before it")  # "your Disqus posting archive": a thing owned
    elif before in _WON and not titled and _won(doc, core, model):
        mention.vote(schema.PERSON, _NO_ONE_VOTE, f"'{before}' before it, a prize or a contest")  # "still win Grammy?"
    elif before == "former" and len(core) == 1 and not first_name(mention.key) and not _qualifies(doc, after):
        # "Bisi Akande, former Gove.": a post written short, as "former Gov" is; not "a former Trump aide"
        mention.vote(schema.PERSON, _NO_ONE_VOTE, "'former' before it and no noun after, a post")
    surname_alone = len(core) == 1 and surname(mention.key) and _surname_alone(mention.key)
    model_place = model in _PLACE_LABELS
    if surname_alone and (model_place or model == "ORG") and not place and _plain_surname(mention.key):
        # "Thanks to Snowden", "I read Fabrizio’s tweet", "(Aguilar, 121)": a place's or a body's by the model alone
        weight = _UNPLACED_SURNAME_VOTE if model_place else _BODY_SURNAME_VOTE
        mention.vote(schema.PERSON, weight, "a surname of the name lists that no gazetteer holds")
        mention.surnamed = True
        if model_place:
            mention.placed = 0.0  # the preposition before it ("Thanks to") is a person's, not passed on to a list
    last = core[-1].i
    speaks = last + 1 < len(doc) and doc[last + 1].lower_ in _SPEECH_TAIL
    if speaks and surname_alone:
        # "When Dolan said": a surname of the lists that speaks outweighs the model's body; not a listed company's name
        # ("Siemens said") nor a word English writes everyday ("Ford said")
        mention.vote(schema.PERSON, _SPOKEN_SURNAME_VOTE, "speech verb after it, a surname of the name lists")
    elif speaks:
        mention.vote(schema.PERSON, 1.0, "speech verb after it")
    elif last + 1 < len(doc) and doc[last + 1].lower_ in _WORK_OF or eponym:
        # "this Nietzsche quote", "a Turing machine"; not "the House rules", named by an English word
        mention.vote(schema.PERSON, 1.5, f"'{doc[last + 1].lower_}' after it")
    elif _eponym_owned(doc, core) and not gaz.major(mention.key):
        mention.vote(schema.PERSON, 1.5, f"'{doc.span(last + 1, last + 3).text}' after it, named after a person")
    elif _owns(doc, core) and last + 2 < len(doc) and doc[last + 2].lower_ in _PERSONAL and not gaz.major(mention.key):
        mention.vote(schema.PERSON, 2.0, f"'{doc.span(last + 1, last + 3).text}' after it, a person's")
    elif last + 1 < len(doc) and doc[last + 1].lower_ in _EVENTS and place:
        mention.vote(schema.PLACE, 1.5, f"'{doc[last + 1].lower_}' after it")  # "the Hama riots"
    elif family:
        mention.vote(schema.PERSON, 1.5, f"'{doc[last + 1].lower_}' after it")  # "the Hoover family"
    elif led:
        mention.vote(schema.PERSON, 1.5, f"'{doc[last + 2].lower_}' after it, a unit someone leads")
    elif last + 1 < len(doc) and doc[last + 1].lower_ in _BODY_OF:
        mention.vote(schema.ORGANIZATION, 1.5, f"'{doc[last + 1].lower_}' after it")  # "a Rosatom subsidiary"
    elif _matter(doc, core) and not place:
        for other in (schema.PERSON, schema.PLACE, schema.ORGANIZATION):
            mention.vote(other, _MATTER_VOTE, f"'{doc[last + 1].lower_}' after it, a matter named after a word")
    # after a preposition, a pronoun refers to a name of the one who acts, rarely to the name it takes ("from the
    # island of Maui and … what he wants"), unless that is a surname of the lists ("I wrote to Palin and she")
    # a reflexive pronoun right after the name is its own, whatever governs it ("except for Ghannouchi himself")
    governed = before in _PREPOSITIONS and not (surname_alone and not gaz.major(mention.key))
    governed = governed and not (last + 1 < len(doc) and doc[last + 1].lower_ in _REFLEXIVE and _excepted(doc, j))
    pronoun = mention.sex in ("m", "f") and not governed and _person_pronoun(doc, last + 1)
    if pronoun and surname_alone:
        why = f"'{pronoun}' after it refers to it, no other person's name between, a surname of the name lists"
        mention.vote(schema.PERSON, _PRONOUN_SURNAME_VOTE, why)
    elif pronoun:
        mention.vote(schema.PERSON, _PRONOUN_VOTE, f"'{pronoun}' after it refers to it, no other name between")
    if last + 2 < len(doc) and doc[last + 1].text == "(" and people(doc[last + 2].text) and not place:
        mention.vote(schema.PERSON, 2.0, f"the people '{doc[last + 2].text}' in brackets after it")  # "(Hausa, North)"
    member = last + 2 < len(doc) and doc[last + 1].lower_ in ("is", "was") and people(doc[last + 2].text)
    if member and not place:  # "Shagari is Hausa/Fulani like him"
        mention.vote(schema.PERSON, 2.0, f"'{doc[last + 1].text} {doc[last + 2].text}' after it, one of a people")
    line = not place and _line_of_people(doc, core)
    if line:
        mention.vote(schema.PERSON, 2.0, f"'{line}' before it, one of a line of people")  # "every mathematician since"
    if not place and [t.lower_ for t in doc.tokens[last + 1 : last + 4] if not t.is_space][:2] == [",", "who"]:
        mention.vote(schema.PERSON, 1.5, "', who' after it")  # "And Cania, who had stayed behind with our unit"
    elif not gaz.major(mention.key) and (body := _apposed_body(doc, last + 1)):
        mention.vote(schema.ORGANIZATION, _APPOSED_BODY_VOTE, f"a {body} set beside it after a comma")
    first = core[0].i
    if (
        first
        and doc[first - 1].lower_ in _CALLED_LAST
        and _CALLED.search(doc.span(max(0, first - 8), first).text_with_ws)
    ):
        mention.vote(schema.PERSON, 2.0, "what someone likes to be called or calls themself")
    if _address(doc, core):
        mention.vote(schema.PLACE, 3.0, "a house number before it opening a line, a comma after: an address")
    elif not place and not mention.headed and (life := _life_years(doc, core)):
        mention.vote(schema.PERSON, 2.0, f"the years of a life after it ({life})")
    author = _author(doc, core)
    if author and not place:
        mention.vote(schema.PERSON, 2.0, author)
    mention.cue = titled or speaks or (member and not place)
    # a platform's name is no one's, whatever the words around it say of people ("Twitter said he lied")
    online = platform(mention.key)
    listed = (online or not mention.cue) and _company(mention.key, len(core) == 1)
    if listed:
        mention.vote(schema.ORGANIZATION, _PLATFORM_VOTE if online else _COMPANY_VOTE, listed)
    # a software name, unless a title or a speech verb says person ("Hatch said": Orrin Hatch, not the tool)
    product = len(core) == 1 and not mention.cue and not first_name(mention.key) and software(mention.key)
    if product:
        for other in (schema.PERSON, schema.PLACE, schema.ORGANIZATION):
            mention.vote(other, _SOFTWARE_VOTE, f"named {product}")
    elif not mention.cue and (built := _noun_after(doc, core, _MADE)) and (built in _BUILT or _sold_under(core)):
        # a body's name before it is the body's own ("the Samsung firmware"), an acronym the jargon's ("MAC"), but a
        # maker's before its goods ("Sun Solaris system")
        goods = built in _GOODS
        others = (
            (schema.PERSON, schema.PLACE, schema.ORGANIZATION)
            if mention.key.isupper() and not goods
            else (schema.PERSON, schema.PLACE)
        )
        why = f"'{built}' after it, " + ("goods sold under a maker's name" if goods else "what software is built into")
        for other in others:
            mention.vote(other, _SOFTWARE_VOTE, why)
    elif len(core) == 1 and not mention.cue and not first_name(mention.key) and (ware := _make_of(doc, core[0].i)):
        for other in (schema.PERSON, schema.PLACE):  # "Kohler faucets": the maker's, a body if the model says so
            mention.vote(other, _MAKE_VOTE, f"'{ware}' after it, goods a maker sells under its name")
    # a site the thread links to or a web address is more than the model's word: one such mention makes a name
    mention.cue = mention.cue or linked or address


def _set_against_people(doc, core: list, peoples: list[int]) -> bool:
    """One word set against a people's adjective just before it, maybe past the noun it qualifies ("of Sephardic
    ancestry (as opposed to Ashkenazi"): another people's name or adjective, which the schema has no label for; a
    known place stays one. ``peoples`` are the ends of the model's peoples' spans, in order."""
    if len(core) > 1 or gazetteer().place(core[0].text):
        return False
    start = core[0].i
    for end in peoples[bisect_left(peoples, start - 6) : bisect_left(peoples, start)]:
        words = [t.lower_ for t in doc[end:start] if not t.is_punct and not t.is_space]
        for phrase in _CONTRASTS:
            cut = len(phrase.split())
            if words[-cut:] == phrase.split() and len(words) - cut <= 1:
                return True
    return False


def _listed_with_people(doc, core: list, spans: list[tuple[int, int]]) -> bool:
    """One word listed after a comma and before a people's adjective the model read ("white, Latino and Asian
    males"), the list right before the lower-case noun its items qualify: the word qualifies that noun too, so it is
    a people's adjective, which the schema has no label for. Without the noun the list may set a body beside a people
    ("the Russians and Gazprom"), and so may a people's plural ("Russians and Gazprom employees"); a pair without a
    comma, or a list's first item, sets a firm beside its nation as often ("German and Siemens workers"); a known
    place stays one. ``spans`` are the model's peoples' spans, in order."""
    start, end = core[0].i, core[0].i + 1
    if len(core) > 1 or not start or doc[start - 1].text != "," or gazetteer().place(core[0].text):
        return False
    for first, last in spans:  # a post's peoples are few
        if doc[last - 1].lower_.endswith("s"):
            continue  # a people named by a plural noun, no adjective: "Russians and Gazprom employees"
        if last <= start and _list_joint(doc[last:start]) and _qualifies(doc, end):
            return True  # "Asian, Latino males"
        if first >= end and _list_joint(doc[end:first]) and _qualifies(doc, last):
            return True  # "white, Latino and Asian males"
    return False


def _language_named(doc, core: list, key: str) -> bool:
    """A name right before "language" or "languages" ("Indo-European languages", "the Indo-European language
    family"): a language's or a family of languages' name, which the schema has no label for, or a people's. Another
    noun after "language" makes it a maker's or a body's ("the Google language model", "the Apple language team"),
    and a known place so written stays one ("the Quebec language laws")."""
    after = core[-1].i + 1
    if after >= len(doc) or doc[after].lower_ not in _LANGUAGE_NOUNS or gazetteer().place(key):
        return False
    return not _qualifies(doc, after + 1) or doc[after + 1].lower_ in _LANGUAGE_KIN


def _list_joint(tokens) -> bool:
    """Tokens that join two items of a list: a comma, "and" or "or", or a comma and one of them."""
    words = [t.lower_ for t in tokens]
    return bool(words) and len(words) <= _PEOPLE_LIST_GAP and all(w in _LIST_JOINTS for w in words)


def _author(doc, core: list) -> str | None:
    """Why the name is an author's: a work of theirs after its possessive ("DeWitt's book", "Dirac's _The principles
    of quantum mechanics_"), a title in italics after it and a comma ("P.C.W. Davies, _Quantum mechanics_") or before
    it and "by" ("_QED_ by Feynman"), as reading lists and citations write them."""
    after = core[-1].i + 1
    if after + 1 < len(doc) and doc[after].text in ("'s", "’s", "'", "’", ","):
        work = doc[after + 1]
        if doc[after].text != "," and (work.lower_ in _AUTHORED or work.text in _ITALICS):
            return f"'{work.text}' after its possessive, a work of its author's"
        if doc[after].text == "," and work.text in _ITALICS:
            return "a comma and a title in italics after it, as a citation names its author"
    j = _previous(doc, core[0].i)
    if j >= 0 and doc[j].lower_ == "by" and _previous(doc, j) >= 0 and doc[_previous(doc, j)].text in _ITALICS:
        return "'by' after a title in italics before it, its author"
    return None


def _address(doc, core: list) -> bool:
    """A name between a number opening a line and a comma, as a postal address writes a building or a street ("140
    Warren Hall, UC Berkeley, CA 94720"), whatever given name opens it."""
    number, after = core[0].i - 1, core[-1].i + 1
    if number < 0 or after >= len(doc) or not doc[number].is_digit or doc[after].text != ",":
        return False
    return number == 0 or doc[number - 1].text_with_ws.endswith("\n")


def _person_pronoun(doc, after: int) -> str | None:
    """The person's pronoun that refers back to the one word before ``after``: the first personal pronoun after it in
    its clause, a subject's or an owner's ("Elfrid should start since he came back"), with no name but a country's or
    a big city's (``_other_name``), no dash and no "it" between (" on Wikipedia - instead of challenging it, he
    ignored it"). An object's is another one's ("Harvard vouched for her."): "her" counts before a word it owns ("from
    her house") only."""
    for i in range(after, min(after + _PRONOUN_REACH, len(doc))):
        tok = doc[i]
        low = tok.lower_
        if low in _SUBJECTS_OWNERS:
            return tok.text
        if low == "her":
            owned = i + 1 < len(doc) and doc[i + 1].is_alpha and doc[i + 1].lower_ not in STOP_WORDS
            return tok.text if owned else None
        if low in _HE or low in _SHE or low in _ITS or low == "it" or low in _STOPS or low in _GLUED or "\n" in low:
            return None
        if _other_name(tok):
            return None
    return None


def _noun_city(key: str) -> bool:
    """A town or a city of the gazetteer, no country, region or a country's first-level region, named by a word English
    writes in lower case too ("Commonwealth", "Union", "Temple"; not "Hague", "Bronx")."""
    gaz = gazetteer()
    return key in gaz.cities and not (gaz.major(key) or key in gaz.provinces) and common_noun(key)


def _plain_surname(key: str) -> bool:
    """A surname of the lists that is no English word of some use ("Broadway") and ends as no country's or plural's
    name does ("Persia", "McDonalds"): no place's or shop's name as likely."""
    return zipf(key.lower(), "en") < _EVERYDAY_TAIL_ZIPF and not key.endswith(_PLACE_LIKE_ENDINGS)


def _surname_read_as_thing(word: str, label: str) -> bool:
    """One word the model reads as a product's or a people's name ("Bannon", "Randle") that is a surname of the census
    lists and no given name, no word English writes in lower case or every day, no listed company's, place's or
    people's name, and, read as a people's, ends as no people's adjective does ("Finnish"): a person named by the
    surname alone, which the model's labels for things leave out. (A language's name is no evidence here: the
    languages named like surnames are the small ones ``language`` leaves to the name lists.)"""
    if not surname(word) or first_name(word) or common_noun(word) or not _surname_alone(word):
        return False
    if not _plain_surname(word) or gazetteer().place(word) or people(word):
        return False
    return label != "NORP" or not _DEMONYM.search(word.lower())


def _surname_alone(key: str) -> bool:
    """A surname that is neither a listed company's name ("Siemens") nor a word English writes everyday ("Ford",
    "Brown")."""
    return kind(key) is not Kind.COMMON and zipf(key.lower(), "en") < _EVERYDAY_ZIPF and not company(key)


@lru_cache(maxsize=_WORDS_KEPT)
def _company(key: str, one_word: bool) -> str | None:
    """Why ``key`` (``one_word`` or more) names a listed company, unless it is also a given name, an everyday word
    ("Compass", "Interface") or a city ("Berkeley"): there the lexicon is no evidence. Kept for the most recent names:
    a post names the same few again and again, and so does a thread."""
    gaz = gazetteer()
    if first_name(key) or (gaz.place(key) and not gaz.town(key)):
        return None
    if one_word and kind(key) is Kind.COMMON:
        return None
    return company(key)


def _date(doc, core: list) -> bool:
    """Weekdays and months only, two of them or one beside a number: a date ("Tue Jan 20", "Tue, 20 Jan 1998"), as
    mail headers and "On Tue, Jan 20, 1998 … wrote" lines write them; "May" alone stays a name."""
    if not all(t.text in _CALENDAR for t in core):
        return False
    around = [doc[i] for i in (_previous(doc, core[0].i), core[-1].i + 1, core[-1].i + 2) if 0 <= i < len(doc)]
    return len(core) > 1 or any(t.like_num for t in around)


def _owned_title(doc, core: list) -> bool:
    """One word owning one everyday word written with a capital inside the sentence, and no more: a title named
    after its owner ("See Rosemary's Baby.", "Pandora's Box"), not the owner named, whom the thread names elsewhere if
    it is someone."""
    title = core[-1].i + 2
    if len(core) > 1 or not _owns(doc, core) or title >= len(doc) or doc[title].lower_ in _NAMED_AFTER:
        return False
    word = doc[title]
    end = title + 1 >= len(doc) or not doc[title + 1].is_title
    return word.is_title and word.is_alpha and _everyday(word) and end


@lru_cache(maxsize=_WORDS_KEPT)
def _vowel_slip(word: str) -> bool:
    """A word English seldom writes, no given name, that one vowel changed (not the first letter) makes an English
    word written twenty times as often ("Grammer" for grammar, "Basterds" for bastards): that word misspelt."""
    low = word.lower()
    own = zipf(low, "en")
    if len(low) < 5 or not low.isalpha() or own >= _ENGLISH_ZIPF or first_name(word):
        return False
    changed = (low[:i] + v + low[i + 1 :] for i in range(1, len(low)) if low[i] in _VOWELS for v in _VOWELS)
    return any(w != low and zipf(w, "en") - own >= _SLIP_GAP and kind(w.capitalize()) is Kind.COMMON for w in changed)


def _book_cited(doc, core: list) -> bool:
    """A name followed by a chapter or a verse, past a comma: a book cited by its parts ("First Thessalonians,
    chapter 4, verse 16"), not a person or a body."""
    words = [t for t in doc[core[-1].i + 1 : core[-1].i + 3] if not t.is_space]
    if words and words[0].text == ",":
        words = words[1:]
    return bool(words) and words[0].lower_ in _BOOK_PARTS


def _work_title(doc, span, label: str) -> bool:
    """A title of a work, as the text marks it: in markdown's italics, or after a word naming or watching a work
    ("the series Fargo", "watched Band of Brothers") or a part only works have ("the trailer to The Exorcist
    Believer"), maybe past other titles listed with commas ("titled Unsere Mütter, Unsere Väter"). A name the model
    reads as a person's stays one in italics (stressed: "*Putin* did it"), as does a country, region or big city
    ("*China* pays"; a town may name a film: "*Fargo*"), after "watched" ("watched Obama speak") or where it starts
    with a given name ("the film Stanley Kubrick made"); a place stays after "watch" ("watch Russia closely"), and an
    owner stays ("watched Trump's speech")."""
    person = label == "PERSON"
    # the characters around the span, read off its neighbours: building ``doc.text`` for each span costs a long post
    before = doc[span.start - 1].text_with_ws[-1:] if span.start else ""
    after = span[-1].whitespace_ or (doc[span.end].text[:1] if span.end < len(doc) else "")
    italic = before and before in _ITALICS and after[:1] == before
    k = _previous(doc, span.start - 1)
    owned = k >= 0 and doc[k].lower_ in ("'s", "’s")
    if italic and (not person or owned):  # "Veltman's _Diagrammatica_": his book, not a person
        return not (label in ("GPE", "LOC") and gazetteer().major(span.text))
    if person and first_name(span[0].text) or span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s"):
        return False
    if not person and _verb_titled(doc, span) and not gazetteer().major(span.text):
        return True
    cues = _WORK_CUES if person or label in ("GPE", "LOC") else _WATCH_CUES
    i = span.start - 1
    while i >= 0 and span.start - i <= 8 and (doc[i].text == "," or doc[i].is_title and doc[i].lower_ not in cues):
        i -= 1
    if 0 < i < span.start - 1 and doc[i].text == ":" and doc[i - 1].lower_ in cues:
        # "the old book: Duff, Chronology of India": the work's author, then its title, after a colon; a name right
        # after the colon is what is said of the work ("about the film: Warner Bros shelved it")
        i -= 1
    j = i - 2 if i > 1 and doc[i].lower_ == "as" and doc[i - 1].lower_ == "such" else i - 1
    if j >= 0 and doc[i].lower_ in _EXAMPLES and doc[j].lower_ in cues:
        i = j  # "films such as Dune": works, then one of them
    elif j > 0 and doc[i].lower_ in _EXAMPLES and doc[j].lower_ in _WORKS and _works_noun(doc[j - 1].lower_):
        # "his wonderful works like Vyutpattivada"; a person there is an artist named for the works ("works like
        # Banksy's")
        return not person and not gazetteer().major(span.text)
    if i >= 0 and doc[i].lower_ in ("the", "a"):
        i -= 1
    if i > 0 and doc[i].lower_ in ("to", "for", "of") and doc[i - 1].lower_ in _WORK_PARTS and doc[i - 1].is_lower:
        return not gazetteer().major(span.text)  # "the premiere of China": a premier misspelt
    return i >= 0 and doc[i].lower_ in cues and doc[i].is_lower and (i == span.start - 1 or doc[i + 1].text != ",")


def _works_noun(before: str) -> bool:
    """The word before "works" makes it a noun, someone's works ("his works", "the works", "wonderful works"), not the
    verb ("it works like Google does")."""
    return before in _POSSESSIVE_DETERMINERS or before in _WORKS_OWNERS or bool(_ADJECTIVE.search(before))


def _verb_titled(doc, span) -> bool:
    """A name the model cut before a capitalised English verb that ends the sentence, after a word in lower case
    ("the joker card from Batman Begins", "in Atlas Shrugged"): a title written in Title Case, whose verb prose would
    write in lower case; no head of a body's or a place's name ("the Clinton Foundations"), no title or role ("the
    Energy Secretary") and no name's word ends it."""
    after = span.end
    if after >= len(doc) or not span.start or not doc[span.start - 1].is_lower or not span[-1].whitespace_:
        return False
    tail = doc[after]
    ends = after + 1 == len(doc) or doc[after + 1].is_punct or doc[after + 1].is_space
    verb = tail.lower_.endswith(("s", "ed"))  # "Begins", "Shrugged": a verb as titles capitalise it
    if not (ends and verb and tail.is_title and tail.is_alpha) or tail.lower_ in _NOT_NAMES:
        return False
    return kind(tail.text) is Kind.COMMON and not (first_name(tail.text) or surname(tail.text))


def _matter(doc, core: list) -> bool:
    """One English word, no one's name, before a noun naming a matter ("the Cipher case", "the Pizza affair"): the
    matter's name, not a person, place or body; a name stays ("the Epstein case", "the Mueller probe")."""
    after = core[-1].i + 1
    if len(core) > 1 or after >= len(doc) or doc[after].lower_ not in _MATTERS or not doc[after].is_lower:
        return False
    return _english_noun(core[0].text)


def _law(doc, core: list) -> bool:
    """A law's or a treaty's name: its capitalised head ends the name or follows it ("the Fort Stanwix Treaty", "the
    Assault Weapons Ban") or opens it before "of" ("the Edict of Nantes"), named after what it bans or where it was
    issued or signed, no body or place."""
    after = core[-1].i + 1
    if len(core) > 1 and core[-1].lower_ in _LAWS and core[-1].is_title:
        return True
    if len(core) > 2 and core[0].lower_ in _LAWS_OF and core[0].is_title and core[1].lower_ == "of":
        return True  # "Edict of Nantes" read whole
    start = core[0].i
    if start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _LAWS_OF and doc[start - 2].is_title:
        return True  # "Nantes" read alone after "the Edict of"
    if after >= len(doc) or doc[after].lower_ not in _LAWS or not doc[after].is_title:
        return False
    return after + 1 == len(doc) or not doc[after + 1].is_title  # "Ban Ki-moon" is a name


def _event_named(doc, core: list, label: str | None) -> bool:
    """A name ending in a capitalised head of a happening's name ("the Trinity Test", "the conference of Vedic
    Workshop"): the happening, no person, place or body. A person the model reads, named by a given name with no
    article before it, keeps the head as a surname ("Jonathan Test", "Mike Summit")."""
    if not (len(core) > 1 and core[-1].is_title and core[-1].lower_ in _EVENT_HEADS):
        return False
    start = core[0].i
    return not (label == "PERSON" and first_name(core[0].text) and (start == 0 or doc[start - 1].lower_ != "the"))


def _titled_of(core: list, label: str | None) -> bool:
    """A name shaped as a title is, "X of (the) Y", of everyday English words alone, none a head of a body's, a place's
    or a state's name ("Flailing at the Travails of Cybersecurity", "Lord of the Rings"): a work's or a slogan's title,
    not a name, where bodies are named after what they hold ("the Bank of England", "the Department of Justice", "the
    Library of Congress") and places after a place or a name ("the Isle of Man"). A name the model reads as a place's
    stays ("the Statue of Liberty")."""
    if len(core) < 3 or core[1].lower_ != "of" or label in ("GPE", "LOC", "FAC"):
        return False
    words = [core[0]] + [t for t in core[2:] if t.lower_ != "the" or t.i != core[2].i]
    for tok in words:
        low = tok.lower_
        if not (tok.is_title and tok.is_alpha and common_noun(tok.text)) or tok.text in CELESTIAL:
            return False
        if low in _NAMED_OF or low.rstrip("s") in _NAMED_OF:  # "Sisters", "Institutes": a head's plural
            return False
    return True


def _doctrine(core: list) -> bool:
    """One word naming a faith or a doctrine by its "-ism", made of an English word ("Catholicism", "Protestantism"):
    no body."""
    return len(core) == 1 and core[0].lower_.endswith("ism") and _abstract(core[0].text)


def _scripture(doc, core: list) -> bool:
    """A book of the Bible named alone, no one's given name ("Leviticus"), or a name before "creed" ("the Nicene
    creed", "the Apostles' Creed"): a work of faith, no person, place or body. A capitalised "Creed" with no "the"
    before the name is a surname ("boxing champion Apollo Creed")."""
    after = core[-1].i + 1
    creed = core[-1] if core[-1].lower_ in _CREEDS else doc[after] if after < len(doc) else None
    if creed is not None and creed.lower_ in _CREEDS:
        return creed.is_lower or core[0].i > 0 and doc[core[0].i - 1].lower_ == "the"
    return len(core) == 1 and core[0].text in _SCRIPTURE and not first_name(core[0].text)


def _place_word(word: str) -> bool:
    """A place word or its plural in lower case ("beach", "beaches", "isles")."""
    return word in PLACE_WORDS or _plural_place_word(word) or word.endswith("es") and word[:-2] in PLACE_WORDS


def _plural_place_word(word: str) -> bool:
    """A place word's plural in lower case ("districts"), one that is no place word itself ("heights")."""
    return word.endswith("s") and word[:-1] in PLACE_WORDS and word not in PLACE_WORDS


def _noun_after(doc, core: list, nouns: Set[str]) -> str | None:
    """The noun of ``nouns`` after a name, past a line's break and a model number ("Jericho 3 missile", "the
    Fedora\nimplementation"): the name is the thing's (a weapon's, software's), not a person's, a place's or a body's;
    a country's name stays ("Iran drones", "the Russia implementation"), and so does a name the noun is "of" ("the
    Google implementation of the spec": the body that made it)."""
    tokens = doc.tokens
    after = core[-1].i + 1
    while after < len(tokens) and tokens[after].is_space:
        after += 1
    if after < len(tokens) and _NUMBERED.fullmatch(tokens[after].text):
        after += 1
    if after >= len(tokens) or tokens[after].lower_ not in nouns or gazetteer().major(" ".join(t.text for t in core)):
        return None
    nxt = after + 1
    while nxt < len(tokens) and tokens[nxt].is_space:
        nxt += 1
    if nxt < len(tokens) and tokens[nxt].lower_ == "of":
        return None
    return tokens[after].lower_


def _make_of(doc, i: int) -> str | None:
    """The goods a one-word name at token ``i`` makes, the noun phrase's end after them: their plural right after it
    ("Steinway pianos for the studio", "Ruger pistols and rifles"), goods sold by the measure ("a cup of Tetley tea
    and"), or a determiner and goods after "is" ("Peroni is my go-to beer on a hot day"). Makes are named after their
    founders, as people are; their goods say which is meant. A verb with its object or particle ("Breen watches the
    game", "Guido watches over", "Putin watches with interest"), a noun before another ("a tea drinker") and a
    likeness ("my cup of tea", "the champagne of football") are no goods; after a determiner or "is" the word is a
    noun, and a preposition may follow it ("the Rolex watches on his wrist")."""
    tokens = doc.tokens
    before = _previous(doc, i)
    noun = before >= 0 and tokens[before].lower_ in _DETERMINERS
    k = _next(doc, i)
    if k < len(tokens) and tokens[k].lower_ in ("is", "was") and _next(doc, k) < len(tokens):
        k = _next(doc, k)
        if tokens[k].lower_ not in _DETERMINERS and tokens[k].lower_ not in _POSSESSIVE_DETERMINERS:
            return None
        noun = True
        for _ in range(_COPULA_WORDS):  # "my go-to", "a cheap", "the best"; "my cup of tea" says no goods
            k = _next(doc, k)
            if k >= len(tokens) or tokens[k].lower_ in _WARES_SOLD or not (tokens[k].is_lower or tokens[k].text == "-"):
                break
            if tokens[k].lower_ == "of":
                return None
    if k >= len(tokens) or tokens[k].lower_ not in _WARES_SOLD or not tokens[k].is_lower:
        return None
    end = _next(doc, k)
    after = "" if end == len(tokens) else "." if tokens[end].is_punct else tokens[end].lower_
    if not noun and tokens[k].lower_ in _WARES_DONE:  # a verb too: "Putin watches with interest", "toys with"
        opens = before < 0 or tokens[before].is_punct or tokens[before].lower_ in _CLAUSE_JOINS
        return tokens[k].text if after in _WARES_HELD or not opens and after in _LISTED_ENDS else None
    # "Messi is the champagne of football": a likeness, no goods
    if after in _LISTED_ENDS or after in _PHRASE_ENDS or noun and after in _PREPOSITIONS and after != "of":
        return tokens[k].text
    return None


def _sold_under(core: list) -> bool:
    """Whether goods after a name are sold under it: a name of two words or more no place of the gazetteer's
    ("Wright Flyer III planes", "a Sun Solaris system"); one word before goods is as often a person's or a town's as a
    maker's ("a Biden app", "Schumer phone calls", "the Boise system", "the Dewey system"), and a maker's name the
    company lists mostly hold already."""
    return len(core) > 1 and not gazetteer().place(" ".join(t.text for t in core))


def _life_years(doc, core: list) -> str | None:
    """A person's years of birth and death written after the name ("[apologies to DeForest Kelly, 1920-1999]",
    "Pierre Janet (1859–1947)"), a comma or a bracket between, the name one of the lists' (a given name first or a
    surname last); a state's or a body's years are no life ("Compaq, 1982-2002", "Nirvana (1987-2004)"), which its
    name tells."""
    last = core[-1]
    if not (surname(last.text) or first_name(core[0].text)):
        return None  # "Enron (1985-2001)", "Atari (1972-1992)": a body's years, no name of the lists
    found = _LIFE_YEARS.match(doc.text, last.idx + len(last.text))
    if not found or not _LIFE_SPAN[0] <= int(found[2]) - int(found[1]) <= _LIFE_SPAN[1]:
        return None
    return f"{found[1]}-{found[2]}"


def _excepted(doc, j: int) -> bool:
    """The preposition at token ``j`` before a name, or the word before it, sets the name apart ("all except for
    Ghannouchi himself", "no one but Ghannouchi himself")."""
    k = _previous(doc, j) if j >= 0 else -1
    return j >= 0 and doc[j].lower_ in _EXCEPT or k >= 0 and doc[k].lower_ in _EXCEPT


def _plural_family(doc, core: list) -> bool:
    """A surname after "the", written with an apostrophe as its plural ("none of the Kennedy's would"): the
    family, people, not what one of them owns."""
    after = core[-1].i + 1
    j = _previous(doc, core[0].i)
    if len(core) > 1 or j < 0 or doc[j].lower_ != "the" or not _owns(doc, core) or not surname(core[0].text):
        return False
    return after + 1 < len(doc) and (doc[after + 1].is_stop or doc[after + 1].is_punct)


def _chanted(text: str, start: int, end: int) -> bool:
    """The span lies in text repeated back to back ("Strong and Stable Strong and Stable …", where the model reads
    "Stable Strong"): a chant, whose words a phrase of everyday words is cut from, however often written."""
    after, before = text.find(text[start:end], end), text.rfind(text[start:end], 0, start)
    if after > 0 and text[start:after] == text[after : 2 * after - start]:
        return True
    return before >= 0 and 2 * before >= start and text[before:start] == text[2 * before - start : before]


def _everyday_of(core: list) -> bool:
    """Everyday words joined by "of", no head of bodies or places among them ("unlike Band of Brothers"): a work's
    title or a description, however often written; a body's or a place's name so made has its head ("Department of
    Energy", "City of London")."""
    words = [t for t in core if t.lower_ not in ("of", "the")]
    inner = [t.lower_ for t in core[1:-1]]
    return "of" in inner and all(_everyday(t) and t.lower_ not in _HEADS for t in words)


def _ruling(doc, core: list) -> bool:
    """A group's plural name after "under the" ("That was under the Tories"): the party or body that ruled then, as
    "under" a leader's name is his rule; the model reads such names as a people's."""
    j = _previous(doc, core[0].i)
    plural = len(core) == 1 and core[0].is_title and core[0].lower_.endswith("s")
    return plural and j > 0 and doc[j].lower_ == "the" and doc[_previous(doc, j)].lower_ == "under"


def _apposed_role(doc, after: int) -> bool:
    """A role set beside the name: "Batman, the commander of the battalion", "Givi, a former commander", a title after
    "former" ("Bola Ige. former Gov": a stop before a lower-case word ends no sentence)."""
    words = [t for t in doc[after : after + 5] if not t.is_space]
    if len(words) >= 3 and words[0].text in ",." and words[1].text == "former":
        return words[2].lower_ in _TITLES_ROLES
    if len(words) < 3 or words[0].text != "," or words[1].lower_ not in ("the", "a", "an"):
        return False
    role = words[2] if words[2].lower_ in ROLES or len(words) < 4 else words[3]
    return role.lower_ in ROLES and (role is words[2] or words[2].is_lower)


def _role_apposed(doc, first: int, after: int) -> bool:
    """A full name set after a role and a comma, closed by a comma or a stop ("the French representative in Rome,
    Arnaud d'Ossat, said"): the role's holder. The role in lower case after a determiner or an owner's "'s" and at most
    two describing words, then at most a preposition and a capitalised name of its post ("in Rome", "of the Treasury");
    not a list ("the heads of Apple, Google and Amazon": "and" or "or" after the closing comma). Bodies hold roles too
    ("the film's director, Warner Bros,"): not a name with a body's or a place's head, one ending in an everyday word
    no surname list holds, or a listed company's."""
    if first < 3 or doc[first - 1].text != "," or after >= len(doc) or doc[after].text not in (",", "."):
        return False
    name = doc[first:after]
    if (
        any(t.lower_ in _HEADS for t in name)
        or _common_tail(name[-1], frozenset())
        or company(doc.span(first, after).text)
    ):
        return False
    if doc[after].text == "," and after + 1 < len(doc) and doc[after + 1].lower_ in ("and", "or"):
        return False
    i = first - 2
    capitals = 0
    while i >= 0 and doc[i].is_title and capitals < _ROLE_PLACE_WORDS:
        i, capitals = i - 1, capitals + 1
    if capitals and i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if capitals and not (i >= 0 and doc[i].lower_ in _ROLE_PREPS):
        return False
    i -= bool(capitals)
    if i < 1 or not doc[i].is_lower or doc[i].lower_ not in _APPOSED_ROLES:
        return False
    before = [t.lower_ for t in doc[max(0, i - 1 - _ROLE_DESCRIBING) : i]]
    return any(w in ("the", "a", "an", "'s", "’s") for w in before)


def _apposed_body(doc, after: int) -> str | None:
    """The body's noun set beside the name ending before ``after``: a comma, a determiner, at most two describing words
    in lower case and the noun, closing its phrase (``_apposition_closed``)."""
    # blanks left out, line breaks kept: a clause ends at its line's end
    words = [t for t in doc[after : after + _BODY_DESCRIBING + _CLAUSE_WORDS + 4] if not t.is_space or "\n" in t.text]
    if len(words) < 3 or words[0].text != "," or words[1].lower_ not in _APPOSED_DETERMINERS:
        return None
    for k in range(2, min(len(words), _BODY_DESCRIBING + 3)):
        if not words[k].is_lower:
            return None
        if words[k].lower_ in _APPOSED_BODY_NOUNS:
            return words[k].lower_ if _apposition_closed(words[k + 1 :]) else None
    return None


def _apposition_closed(rest: list) -> bool:
    """Whether the words ``rest`` after a noun set beside a name close the phrase the noun ends: a mark, but "'s" or a
    list's comma ("Kowalski, the bank, and my parents"), or a relative clause closed by a comma in its sentence ("the
    only other forum I post on, but"). A noun ("Smith, a company man"), a verb ("Founded by W.O. Bentley, the company
    was") or a clause no comma closes ("Sorry Dave, the company that made it went bust") make it a sentence's
    subject."""
    if not rest:
        return True
    if rest[0].lower_ in _CLAUSE_OPENERS:
        ends = (k for k, t in enumerate(rest[1:_CLAUSE_WORDS]) if t.text == "," or t.text in _STOPS or "\n" in t.text)
        k = next(ends, None)
        return k is not None and rest[k + 1].text == ","
    if rest[0].is_alpha or rest[0].text in ("'s", "’s"):
        return False
    return not (rest[0].text == "," and len(rest) > 1 and rest[1].lower_ in ("and", "or"))


def _surname_left(doc, toks: list) -> bool:
    """A surname of the lists, no English word, right after a person's name the model read that holds none ("We have
    lost Sri Achyutanand Dash."), a space between and no capitalised word after it: the name's end, left out."""
    if not toks or toks[-1].whitespace_ != " " or toks[-1].i + 2 >= len(doc):
        return False
    word, after = doc[toks[-1].i + 1], doc[toks[-1].i + 2]
    if not (word.is_title and word.is_alpha and not word.ent_type_) or after.is_title:
        return False
    return surname(word.text) and kind(word.text) is Kind.NAME and not any(surname(t.text) for t in toks)


def _cut_compound(doc, toks: list) -> list:
    """Two names joined by a hyphen, the second cut short by the span's end ("the Rosatom-Uranium One deal": Rosatom
    and Uranium One): the first name alone. A capitalised word after the span that no entity of the model's holds
    and that heads no body or place is the rest of the second name."""
    after = toks[-1].i + 1 if toks else len(doc)
    if after >= len(doc) or not toks[-1].whitespace_ or not doc[after].is_title:
        return toks
    if doc[after].ent_type_ in MODEL_LABELS or doc[after].lower_ in _HEADS:
        return toks
    for k in range(1, len(toks) - 1):
        glued = not toks[k - 1].whitespace_ and not toks[k].whitespace_
        if toks[k].text == "-" and glued and toks[k - 1].is_title and toks[k + 1].is_title:
            return toks[:k]
    return toks


def _owned_place(doc, toks: list) -> int | None:
    """Index of the capitalised word a one-word name owns after a preposition of being in a place ("in Martha's
    Vineyard", "at Fisherman's Wharf"): the place is named for its owner, the owner is no person or body of the text.
    Not a known place owned ("in Putin's Russia"), nor a body or a rule someone leads ("Obama's Administration"), nor
    after "from" or "to", which say where words come from or go as often ("a quote from Duffy's Saints and Sinners")."""
    if len(toks) != 1 or not _owns(doc, toks) or toks[-1].i + 2 >= len(doc):
        return None
    j = _previous(doc, toks[0].i)
    if j < 0 or doc[j].lower_ not in _OWNED_PLACE_PREPS:
        return None
    owned = doc[toks[-1].i + 2]
    after = doc[owned.i + 1] if owned.i + 1 < len(doc) else None
    if not (owned.is_title and owned.is_alpha) or after is not None and after.is_title and after.is_alpha:
        return None
    if owned.lower_ in _OWNED_BODIES or first_name(owned.text) or gazetteer().major(owned.text):
        return None
    return owned.i


def _eponym_owned(doc, core: list) -> bool:
    """One word owning what is named after a person: "Plato's cave", "Occam's razor", or a theorem past the word
    that says what of ("Godel's incompleteness theorem", "Heisenberg's uncertainty principle")."""
    after = core[-1].i + 2
    if len(core) > 1 or not _owns(doc, core) or after >= len(doc):
        return False
    if after + 1 < len(doc) and doc[after].is_lower and doc[after + 1].lower_ in _THEOREMS:
        return True
    return doc[after].lower_ in _EPONYM_OWNED


def _the_own(doc, core: list) -> bool:
    """The article just before the name, not after "all": "the Hezbollah machine" is the body's own, "all the Feynman
    rules" a kind of rules."""
    j = _previous(doc, core[0].i)
    if j < 0 or doc[j].lower_ != "the":
        return False
    k = _previous(doc, j)
    return k < 0 or doc[k].lower_ != "all"


def _won(doc, core: list, model: str | None) -> bool:
    """A name after "win" that ends the clause ("still win Grammy?"): a prize or a contest, unless the model reads a
    person whom a name list knows. A noun or a possessive after it makes it what qualifies the thing won ("won Obama
    voters", "won Obama's endorsement")."""
    after = core[-1].i + 1
    if after < len(doc) and not (doc[after].is_punct or doc[after].is_space) or _owns(doc, core):
        return False
    return not (model == "PERSON" and (first_name(core[0].text) or surname(core[-1].text)))


def _prized(doc, core: list) -> str | None:
    """The word of ``_PRIZED`` glued by a hyphen after a name ("Oscar-winning actors"): the name is a prize's, as in
    "won an Oscar", whatever given name it shares; no one is "Obama-winning"."""
    hyphen = core[-1].i + 1
    if hyphen + 1 >= len(doc) or core[-1].whitespace_ or doc[hyphen].text != "-" or doc[hyphen].whitespace_:
        return None
    word = doc[hyphen + 1].lower_
    return word if word in _PRIZED else None


def _capitalises_words(doc, i: int, the: int) -> bool:
    """Whether the sentence of token ``i`` (``the`` before it) capitalises words English writes in lower case, inside
    it, ones the model reads as no name, after no "the" and beside no other capitalised word: a writer who capitalises
    words for weight, whose capital after "the" names no body as it does in "the Fed". One such word alone shows the
    habit where it is the verb taking "the" ("If you Use the Terminal"); elsewhere in the sentence it is as often a
    judgement stressed beside a body's name ("Honestly the Fed is Clueless", "the Met should be Embarrassed"), and
    two are needed ("the Team fixing up links or corrupted Smileys", "Edited" opening the line)."""
    tokens = doc.tokens
    start = i
    while start > 0 and not _sentence_initial(doc, start):
        start -= 1
    end = i + 1
    while end < len(tokens) and not _sentence_initial(doc, end):
        end += 1
    seen = 0
    for tok in tokens[start + 1 : end]:
        k = tok.i
        if k == i or not tok.is_title or tok.ent_type_ or len(tok.text) < 2 or not lower_case_word(tok.text):
            continue
        if tokens[k - 1].is_title or tokens[k - 1].lower_ == "the" or k + 1 < end and tokens[k + 1].is_title:
            continue
        seen += 1
        if seen == 2 or k == the - 1:
            return True
    return False


def _owns(doc, core: list) -> bool:
    """The name owns what follows: "Plato's cave"."""
    after = core[-1].i + 1
    return after < len(doc) and doc[after].lower_ in ("'s", "’s", "'", "’")


def _common_head_word(word: str) -> bool:
    """An English common word that is no given name ("Encyclopedia", "Citizens")."""
    return kind(word) is Kind.COMMON and not first_name(word) and word.lower() not in _TITLES_ROLES


def _serves(doc, core: list) -> bool:
    """An acronym before a role: "NRC chairman Gregory Jaczko" names the body he serves."""
    after = core[-1].i + 1
    return len(core) == 1 and _capitals(core[0]) and after < len(doc) and doc[after].lower_ in _SERVES


def _served(doc, core: list, people: Set[int]) -> bool:
    """An acronym after a person's name and "of": "Prof. Brough of SOAS", "Chuck Todd of NBC" name the body he
    belongs to; ``people`` are the ends of the names the model reads as people's. "the meaning of TCS" names none."""
    i = core[0].i - 1
    if len(core) != 1 or not _capitals(core[0]) or i < 1:
        return False
    i -= doc[i].lower_ == "the"
    return i >= 1 and doc[i].lower_ == "of" and i in people


def _body_plural(text: str) -> str | None:
    """A known body's acronym with an "s" glued ("CNNs lead pollster"): its possessive with no apostrophe, as a body is
    one of a kind; the acronym, else None."""
    return text[:-1] if _PLURAL_ACRONYM.fullmatch(text) and text[:-1] in ORG_ACRONYMS else None


_PLACE_LABELS = {"GPE", "LOC", "FAC"}
# the model's labels for things and peoples, under which it reads a surname alone now and then ("Bannon’s salute")
_THING_LABELS = {"PRODUCT", "NORP"}


def _listed_with_kinds(mentions: list[Mention], text: str) -> None:
    """A name listed beside a name headed as an organisation's is one too ("investors include Andreessen
    Horowitz, Hewlett Packard Enterprise, Khosla Ventures"), one listed beside a person's full name or first name,
    or beside a surname voted a person's, is a person's ("Josh Earnest, Carville and Hillary", "Snowden , Assange"),
    and one listed beside a software name is software ("things like React or Node"). Each mention keeps the names
    listed next to it (``Mention.beside``)."""
    # whether a list's comma or "and" joins each name and the next, read once a pair
    joined = [bool(_LISTED.fullmatch(text[min(a.end, b.end) : max(a.start, b.start)])) for a, b in pairwise(mentions)]
    if not any(joined):  # most posts: no two names listed side by side, so none casts a vote for another
        for mention in mentions:
            mention.beside = [(word, word) for word in _listed_words(text, mention, [])]
        return
    gaz = gazetteer()
    major = gaz.major
    headed = [m.headed for m in mentions]
    people = [(m.given or m.surnamed) and m.votes.get(schema.PERSON, 0) > 0 for m in mentions]
    product = [" " not in m.key and bool(software(m.key)) for m in mentions]
    leading = [_leading(m.votes) for m in mentions]  # each mention's, found once for the two lists below
    placed_by = [lead == schema.PLACE for lead in leading]
    places = [p and gaz.place(m.key) for p, m in zip(placed_by, mentions, strict=True)]
    read = [m.model == "PERSON" and lead == schema.PERSON for m, lead in zip(mentions, leading, strict=True)]

    def _comma(i: int, j: int) -> bool:
        return "," in text[min(mentions[i].end, mentions[j].end) : max(mentions[i].start, mentions[j].start)]

    bodies = [False] * len(mentions)  # capitals nothing defines that their list makes a body's
    for i, mention in enumerate(mentions):
        beside = [j for j in (i - 1, i + 1) if 0 <= j < len(mentions) and joined[min(i, j)]]
        if not beside:  # listed beside no name: no vote below
            mention.beside = [(word, word) for word in _listed_words(text, mention, [])]
            continue
        if mention.shouted and mention.key.isalpha() and any(headed[j] or bodies[j] for j in beside):
            # "raised a seed from Matrix Partners, CRV, NEA": capitals listed after a body's name, or after capitals
            # so listed, are a body's acronym, no shouting
            mention.shouted, bodies[i] = False, True
            if not any(headed[j] for j in beside):
                mention.vote(schema.ORGANIZATION, 1.5, "listed beside a body's acronym")
        mention.beside = [(mentions[j].surface, mentions[j].key) for j in beside]
        mention.beside += [(word, word) for word in _listed_words(text, mention, [mentions[j] for j in beside])]
        if headed[i] or product[i]:
            continue  # a head or a software name says what it is, whatever the list
        if any(read[j] for j in beside) and _surname_read_as_body(mention):
            mention.vote(schema.PERSON, 1.5, "a surname listed beside a name read as a person's")
        elif not mention.cue and " " not in mention.key and any(people[j] for j in beside) and not major(mention.key):
            mention.vote(schema.PERSON, 1.5, "listed beside people")
        if mention.everyday and mention.model in _PLACE_LABELS and any(placed_by[j] and _comma(i, j) for j in beside):
            # "paid at Bull Run, Gettysburg, Vicksburg": everyday words, written once, a place in a list of places (by
            # commas: "the United Kingdom of Great Britain and Northern Ireland" is one name the model cut at "and")
            mention.everyday = False
            mention.vote(schema.PLACE, 1.0, "everyday words read as a place, listed beside places")
        if mention.cue or mention.given:
            continue  # a title, a speech verb or a first name says what it is, whatever else the list holds
        placed = mentions[i - 1].placed if i and i - 1 in beside and mentions[i - 1].start < mention.start else 0.0
        if placed and not mention.placed and mention.model != "PERSON" and " " not in mention.key:
            # "in the Pacific & Caribbean": the preposition before a list is each item's
            mention.vote(schema.PLACE, placed, "listed after a place preposition's name")
            mention.placed = placed
        if any(headed[j] for j in beside):
            mention.vote(schema.ORGANIZATION, 1.5, "listed beside organisations")
        if " " not in mention.key and not gaz.place(mention.key) and any(places[j] for j in beside):
            # outweighs the model's person alone: "Protests also spread to Sousse, Sfax and Meknassy"
            mention.vote(schema.PLACE, 1.5, "listed beside places")
        if any(product[j] for j in beside):
            for label in (schema.PERSON, schema.PLACE, schema.ORGANIZATION):
                mention.vote(label, _SOFTWARE_VOTE / 2, "listed beside software")


def _set_off_by_comma(text: str, start: int, end: int) -> bool:
    """A comma is the first character other than a space before ``text[start:end]`` or after it: read off the
    characters around it, not off a copy of all the text before it and one of all the text after it (each name of a
    long post copied the post twice)."""
    before = start
    while before > 0 and text[before - 1].isspace():
        before -= 1
    if before > 0 and text[before - 1] == ",":
        return True
    after = end
    while after < len(text) and text[after].isspace():
        after += 1
    return after < len(text) and text[after] == ","


def _listed_among_software(mentions: list[Mention], text: str) -> None:
    """A name set off by a comma in a line whose list holds two software names or more besides it, none a given name,
    is software too ("Tech Stack: Go, Node.js, React, Python, Cassandra, Redis, Terraform, Docker"), though the model
    reads a person in a first name ("Cassandra", "Aurora")."""
    if text.count(",") < _SOFTWARE_LISTED:
        return
    lines: dict[int, list[str]] = {}  # by line start: the software names of its list, read once a line
    for mention in mentions:
        if mention.addressed or not _set_off_by_comma(text, mention.start, mention.end):
            continue
        start = text.rfind("\n", 0, mention.start) + 1
        if start not in lines:
            end = text.find("\n", mention.end)
            items = (item.strip() for item in _ITEMS.split(text[start : len(text) if end < 0 else end]))
            lines[start] = [item for item in items if software(item) and not first_name(item)]
        named = [item for item in lines[start] if item != mention.key]
        if len(named) >= _SOFTWARE_LISTED:
            why = f"listed among software ({', '.join(dict.fromkeys(named[:3]))})"
            for label in (schema.PERSON, schema.PLACE, schema.ORGANIZATION):
                mention.vote(label, _LISTED_SOFTWARE_VOTE, why)


# the word listed just before a name or just after it, by a comma, "and", "or" or "&", searched within a few words;
# a possessive after it opens no item but an appositive ("Hoffman, LinkedIn's founder")
_ITEM_BEFORE = re.compile(r"\b(\w+)(?:,|,?\s+(?:and|or|&))\s+$")
_ITEM_AFTER = re.compile(r"(?:,|,?\s+(?:and|or|&))\s+(\w+)\b(?!['’]s\b)")
_ITEM_REACH = 40
# what opens a person's name written with a capital inside ("McDonald", "DeForest", "LeBron", "DiCaprio", "JaVale")
_NAME_PARTICLES = frozenset("Mc Mac De Di Da Du El La Le Lo Van Von Ja".split())
# a name read as a person's by the model alone beside a product's or company's name so written: a body's, more than
# the model's person (1.0)
_PRODUCT_NEIGHBOUR_VOTE = 1.5


def _product_shaped(word: str) -> bool:
    """A word written as products and companies write their names and people never do: a capital inside it after a
    lower-case letter, no name's particle before it ("OpenGL", "UberEats"; not "McDonald", "LeBron"), capitals
    opening it before lower-case letters ("SELinux"), or a digit among its letters ("Direct3D"), no acronym ("MP3");
    a capital inside opening a given name of three letters or more is a person's ("RuPaul", "KeShawn", "FitzGerald")."""
    if not word.isalnum() or not word[:1].isupper() or word.isupper() or not word[1:].strip("0123456789"):
        return False
    if any(c.isdigit() for c in word):
        return True
    inner = next((i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower()), 0)
    if not inner:
        return word[1].isupper()
    return word[:inner] not in _NAME_PARTICLES and not (len(word) - inner >= 3 and first_name(word[inner:]))


def _listed_beside_product_names(mentions: list[Mention], doc) -> None:
    """One word the model alone reads as a person's, no given name of the lists, listed next to a word written as
    products and companies write their names (``_product_shaped``) is a product's or a company's: "projects (Vulkan,
    OpenGL, and Direct3D)", "UberEats and Postmates", "SELinux and Smack"; not beside a word the model reads as a
    person's there ("SpaceX, Musk, and the rest of them", "JuJu, Roethlisberger and Tomlin")."""
    text, people = doc.text, set(doc.ent_texts("PERSON"))
    for mention in mentions:
        key = mention.key
        if mention.model != "PERSON" or mention.ruled or " " in key or first_name(key):
            continue
        before = _ITEM_BEFORE.search(text, max(0, mention.start - _ITEM_REACH), mention.start)
        after = _ITEM_AFTER.match(text, mention.end, mention.end + _ITEM_REACH)
        shaped = [m.group(1) for m in (before, after) if m and m.group(1) not in people and _product_shaped(m.group(1))]
        if shaped:
            why = f"listed beside '{shaped[0]}', written as products' and companies' names are"
            mention.vote(schema.ORGANIZATION, _PRODUCT_NEIGHBOUR_VOTE, why)


def _ends_in_a_common_word(mentions: list[Mention]) -> None:
    """Several words the model alone reads as a person's, opened and ended by words English writes in lower case that
    no list gives as a name ("Micro Focus Server Express", "las Leyes de Reforma"): everyday words capitalised, as a
    product's, a company's or a title's are, so the model's reading is set aside and nothing else speaks for the name.
    Both ends are read: a given name the US lists miss is no everyday word, though the surname after it may be one
    ("Rishabh Pant", "Holger Rune", "Nguyen Phu Trong")."""
    for mention in mentions:
        if mention.model != "PERSON" or mention.ruled or " " not in mention.key:
            continue
        words = mention.key.split()
        if all(_lower_case_no_name(word) for word in (words[0], words[-1])):
            mention.vote(schema.PERSON, -1.0, f"'{words[0]}' and '{words[-1]}', words English writes in lower case")


def _lower_case_no_name(word: str) -> bool:
    """A word English mostly writes in lower case that no list gives as a surname or a given name."""
    if not (word.isalpha() and lower_case_word(word)):
        return False
    return not (surname(word) or first_name(word) or births(word))


# a web address in brackets right after a name, the word before its public suffix the name's ("Clay (https://clay.run)
# | Software Engineers"): a company or a site naming itself, as a job post or a signature does; a person's page is named
# after the person's full name, seldom after one word of it. Its host is read whole: its first word is often a site's
# part ("the Docs (https://docs.python.org/3/)")
_OWN_ADDRESS = re.compile(r"[ \t]{0,2}[(\[][ \t]{0,2}(?:https?://)?([\w-]+(?:\.[\w-]+)+)")
# what each of its matches holds from its bracket on: searched for in a post first, as a search opening with blanks
# tries every blank of a long run of them again and again
_BRACKETED_ADDRESS = re.compile(r"[(\[][ \t]{0,2}(?:https?://)?(?:www\.)?[\w-]+\.")
# the model's labels for bodies and places, whose reading alone other evidence may outweigh
_BODY_OR_PLACE = {"ORG", "GPE", "LOC"}
# a line's opening word before a name, quote marks aside ("> If Obasanjo cannot"), and the word after the name
_LINE_OPENING = re.compile(r"(?:>[ \t]*)*([A-Z][a-z]*) ")
_NEXT_WORD = re.compile(r" ([a-z]+)\b")


def _lines_alike(mentions: list[Mention], text: str) -> None:
    """A name the model alone reads as a body's or a place's, in the slot of lines that open alike where the model reads
    people in two others ("If Kanu Nwakwo cannot come back and Play for Super Eagles / If Bash Ali cannot come back and
    fight / If Obasanjo cannot return to the military / If Tinubu cannot be Lagos gov again"): a person too, unless a
    country, a region or a big city is so called ("If Britain cannot colonize Nigeria again")."""
    if sum(m.model == "PERSON" for m in mentions) < 2:
        return  # most posts: no two people the model reads, so no slot of lines alike holds two
    slots: dict[tuple[str, str], list[Mention]] = {}
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    openings: dict[int, re.Match | None] = {}  # by line start: a line's opening is read once, however many names
    for mention in mentions:
        line = starts[bisect_right(starts, mention.start) - 1]
        if line not in openings:
            openings[line] = _LINE_OPENING.match(text, line)
        opening = openings[line]
        after = _NEXT_WORD.match(text, mention.end)
        if opening and opening.end() == mention.start and after:
            slots.setdefault((opening[1], after[1]), []).append(mention)
    for (opening, after), alike in slots.items():
        people = {m.key for m in alike if m.model == "PERSON" and _leading(m.votes) == schema.PERSON}
        if len(people) < 2:
            continue
        for mention in alike:
            if _model_alone(mention) and not gazetteer().major(mention.key):
                mention.vote(schema.PERSON, 1.5, f"in lines opening '{opening} … {after}' as people's do")


def _job_header(mentions: list[Mention], text: str) -> list[Mention]:
    """The mentions of a post, but those in a job post's header line read by their field (``header_fields``): the
    name opening the post's first field is the company's; in the other fields (a later header's first is a role's)
    a place is a place, and so are the capitals beside one ("Remote/SF/NYC"), while words English writes ("REMOTE",
    "Onsite", "Full-Time", "Hybrid", "Visa Sponsorship", a role) are no name, however the model read them."""
    fields = header_fields(text) if mentions else []
    if not fields:
        return mentions  # most posts: no line of three fields or more
    starts = [f.start for f in fields]
    within: dict[int, list[Mention]] = {}
    for mention in mentions:
        k = bisect_right(starts, mention.start) - 1
        if k >= 0 and mention.end <= fields[k].end:
            within.setdefault(k, []).append(mention)
    company = fields[0].index == 0 and fields[0].opens_post and 0 not in within and _company_field(text, fields[0])
    if company:
        within[0] = [company]
        mentions = sorted([*mentions, company], key=lambda m: m.start)
    dropped: set[int] = set()
    for k, held in within.items():
        at = fields[k]
        if at.index == 0 and at.opens_post:
            opening = held[0]
            if not text[at.start : opening.start].strip() and not _header_place(opening):
                opening.vote(schema.ORGANIZATION, 3.0, _COMPANY_FIELD)
            continue
        places = [m for m in held if _header_place(m)]
        for mention in held:
            glued = "-" in text[mention.start - 1 : mention.start] + text[mention.end : mention.end + 1]
            if mention in places or places and _header_acronym(mention.key) and not glued:
                mention.vote(schema.PLACE, 3.0, "in a place's field of a job post's header line")
                mention.shouted = False  # "SF": capitals as places' fields abbreviate cities, no shouting
            elif all(_header_word(w) for w in _HEADER_WORDS.findall(mention.key)):
                dropped.add(id(mention))
    return [m for m in mentions if id(m) not in dropped] if dropped else mentions


# the words of a header's field, a dash's parts apart ("Full-Time", "Hub-Based")
_HEADER_WORDS = re.compile(r"[^\W\d_]+")
_COMPANY_FIELD = "opens a job post's header line, the company's field"
# a company's name opening a header's first field: up to four words of a capital each, before an aside, a link or
# a tagline ("Iris", "Fern Creek Software", "Neon — Ship Faster with Postgres", "InfluxData: Remote")
_COMPANY_NAME = re.compile(r"\s*([A-Z][\w.&'-]*(?: [A-Z0-9][\w.&'-]*){0,3})\s*(?:$|[(,:–—]| - | https?:)")


def _company_field(text: str, at: Field) -> Mention | None:
    """The company a header's first field names where the model read no name there: words of a capital each, not
    all words English writes as a role ("Founding Engineer") nor a place ("Berlin")."""
    name = _COMPANY_NAME.match(text, at.start, at.end)
    if not name:
        return None
    key = name[1].rstrip(".")
    if all(w.isalpha() and _header_word(w) for w in re.split(r"[\s-]+", key)) or gazetteer().place(key):
        return None
    mention = Mention(name.start(1), name.start(1) + len(key), key, key, initial=True, cue=True)
    mention.vote(schema.ORGANIZATION, 3.0, _COMPANY_FIELD)
    return mention


def _header_place(mention: Mention) -> bool:
    """A place by the gazetteer ("Austin", "Texas" for "TX" after a town), a town and its state's code ("Phoenix AZ") or
    a name the model reads as a place but one English word ("Bay Area", "Gurugram"; not "North", "Remote")."""
    gaz = gazetteer()
    if gaz.place(mention.key):
        return True
    words = mention.key.split()
    if len(words) > 1 and gaz.place(" ".join(words[:-1])) and gaz.state_code(words[-1]):
        return True
    return mention.model in _PLACE_LABELS and not (len(words) == 1 and _header_word(mention.key))


def _header_word(word: str) -> bool:
    """A word English writes ("remote", "onsite", "fulltime"), no given name and no acronym: a header's fields of a
    role, a schedule or a place of work are made of such words (the web writes "SF" and "NYC" often too)."""
    return not _header_acronym(word) and zipf(word.lower(), "en") >= _HEADER_ZIPF and not first_name(word)


def _header_acronym(key: str) -> bool:
    """Capitals of two or three letters and no stop word, as a place's field abbreviates cities beside places ("SF",
    "NYC", "SLC"; not "ON" of "ON SITE")."""
    return 2 <= len(key) <= 3 and key.isalpha() and key.isupper() and key.lower() not in STOP_WORDS


def _model_alone(mention: Mention, people_aside: bool = False) -> bool:
    """The model's reading of a body or a place is the mention's one vote (votes for a person aside, if
    ``people_aside``, and then no vote at all counts too): no word around the name backs the model."""
    label = MODEL_LABELS[mention.model] if mention.model in _BODY_OR_PLACE else None
    cast = {k: n for k, n in mention.ballots.items() if not (people_aside and k == schema.PERSON)}
    return cast == {label: 1} or people_aside and not cast


def _model_and_a_town(mention: Mention) -> bool:
    """The model's body or place and a small town of the gazetteer are the mention's only votes, people's aside: many
    surnames also name a small town somewhere ("Durant" of Oklahoma), so that vote is no evidence against a person
    and the model's reading stands alone, as in ``_model_alone``."""
    gaz = gazetteer()
    if not gaz.place(mention.key) or gaz.major(mention.key) or mention.model not in _BODY_OR_PLACE:
        return False
    cast = {k: n for k, n in mention.ballots.items() if k != schema.PERSON}
    cast[schema.PLACE] = cast.get(schema.PLACE, 0) - 1
    return {k: n for k, n in cast.items() if n} in ({MODEL_LABELS[mention.model]: 1}, {})


def _placed_by_model(mention: Mention) -> bool:
    """The model reads a place and a place preposition stands before it ("a spy at Los Alamos"): two readings agree,
    which an everyday word in a name that ends in no everyday word ("in Citizens United", "in the Chawkhamba Series"
    end in one) does not outweigh."""
    return mention.model in _PLACE_LABELS and mention.placed > 0


def _lower_given(tok) -> bool:
    """A given name of the lists written in lower case, no everyday word ("abraham"; not "bill", "mark", "will")."""
    low = tok.text
    return low.isalpha() and low.islower() and first_name(low.capitalize()) and zipf(low, "en") < _EVERYDAY_NAME_ZIPF


def _surname_read_as_body(mention: Mention) -> bool:
    """One word the model alone reads as a body's or a place's that the census lists as a surname and English does
    not use as a word, no listed company ("Gummidge and McDonnell should be in an old people's home", "Eisberg and
    Resnick wrote a textbook"), or that no list knows and no language writes often ("With Morrison and Frydenburg
    promising", a surname misspelt), unless spelt as romanised Sanskrit is ("Laata, Bhrigukaccha, Vaadhuula"): beside
    a name read as a person's, it is one too. A small town's name, the gazetteer's only vote, does not count against
    it ("adding Durant and Kyrie", Durant of Oklahoma)."""
    word = mention.key
    alone = _model_alone(mention, people_aside=True) or _model_and_a_town(mention)
    rare = kind(word) is Kind.RARE and not romanised(word) and not gazetteer().place(word)
    listed = " " not in word and (surname(word) and kind(word) is not Kind.COMMON or rare)
    return alone and mention.model != "PERSON" and listed and not company(word)


def _listed_words(text: str, mention: Mention, listed: list[Mention]) -> list[str]:
    """Capitalised words listed next to ``mention`` that are no mention ("under Blair and Brown", where the model
    tags Brown alone): the thread may name them in full elsewhere (``aliases``)."""
    # each pattern tried only where the list's comma or word can stand: searched in the window, one opening with a
    # word boundary is tried at every character
    lo = max(0, mention.start - 30)
    joined = text[lo : mention.start].rstrip().endswith((",", "and", "or", "&"))
    before = _WORD_BEFORE.search(text, lo, mention.start) if joined else None
    nxt = text[mention.end : mention.end + 1]
    after = _WORD_AFTER.match(text, mention.end, mention.end + 30) if nxt == "," or nxt.isspace() else None
    found = [m.group(1) for m in (before, after) if m]
    return [w for w in found if not any(w in (m.surface, m.key) for m in listed)]


def _leading(votes: dict[str, float]) -> str | None:
    """The label with the most votes so far, None before any."""
    return max(votes, key=votes.__getitem__, default=None)


def _given_then_surname(tok, nxt, lower: Set[str], tagged: bool = False, person: bool = False) -> bool:
    """A given name and then a surname, side by side on one line ("Carly Fiorina"): a given
    name that is no English word ("Will") or big place, then a capitalised surname of the census lists or a
    rare word, neither an English word the thread writes in lower case nor a head of bodies or places. Where the
    model ``tagged`` the first word alone, a surname of the lists stands for the given name ("under Howell Raines":
    many given names are surnames too), and the second word must be a rare surname. Where the model tagged the
    second word alone as a ``person``'s, a word written alike across languages, as names are, and no everyday word,
    stands for a given name the census lists lack ("Arresting Imran Khan"; not "Hey Lucio"), unless it names a
    company."""
    if not (tok.is_title and tok.is_alpha and tok.whitespace_ == " " and nxt.is_title and nxt.is_alpha) or tok.is_stop:
        return False
    foreign = (
        person
        and kind(tok.text) is Kind.NAME
        and zipf(tok.lower_, "en") < _EVERYDAY_ZIPF  # not "Hey Lucio"
        and not company(tok.text)
        and tok.text not in ORG_ACRONYMS
    )
    given = (
        first_name(tok.text)
        or tagged
        and (surname(tok.text) or _unlisted_given(tok.text))
        and _rare_surname(nxt.text)
        or foreign
    )
    if not given or kind(tok.text) is Kind.COMMON or gazetteer().major(tok.text):
        return False
    if nxt.lower_ in lower or gazetteer().major(nxt.text):
        return False
    if (nxt.lower_ in _NOT_NAMES or kind(nxt.text) is Kind.COMMON) and not _rank_as_surname(tok, nxt):
        return False
    after = nxt.doc[nxt.i + 1] if nxt.i + 1 < len(nxt.doc) else None
    if after is not None and after.is_title and after.is_alpha and nxt.whitespace_:
        return False  # a longer capitalised phrase, not a name of two words
    return surname(nxt.text) or zipf(nxt.lower_, "en") < _ENGLISH_ZIPF


def _rank_as_surname(tok, nxt) -> bool:
    """A rank that is a surname of the lists ("Judge", "Major") after a given name of the lists the model reads alone as
    a person's ("Aaron Judge can spot"): a rank goes before a name, not after a given name, so there it ends the name.
    Ranks only, not every surname English writes as a word: after a name thanked or greeted, such a word starts the
    next sentence ("Thanks Kate Brilliant answer", "Great point Mark Just saying")."""
    return tok.ent_type_ == "PERSON" and first_name(tok.text) and nxt.lower_ in _RANKS and surname(nxt.text)


def _unlisted_given(word: str) -> bool:
    """A word too rare for the word lists to judge and no place's name: before a rare surname, a given name that the
    census lists lack ("Chrystia Freeland", whose first word the model reads alone as a place)."""
    return kind(word) is Kind.RARE and not gazetteer().place(word)


@lru_cache(maxsize=_WORDS_KEPT)
def _registered_first(word: str) -> bool:
    """A given name of the US birth registrations that may open a person's name ("Clive Palmer"): a surname or a town
    so called as well, since the word after it decides ("Stanley Kubrick"), but no everyday English word ("Justice"),
    other language's word ("Elle"), listed company ("Aviva") or software ("Haskell")."""
    if not (word.isalpha() and word.istitle()) or not births(word) or zipf(word.lower(), "en") >= _EVERYDAY_NAME_ZIPF:
        return False
    if kind(word) in (Kind.COMMON, Kind.FOREIGN):
        return False
    return not (company(word) or software(word))


def _registered_full_name(core, key: str) -> bool:
    """A given name of the US birth registrations and a surname of the lists, two words only ("Clive Palmer", "Howell
    Raines"): the registrations hold brands, places and companies too ("Archer Daniels Midland", "Kaiser Permanente"),
    so the surname must be no everyday word, company or major place ("Kingston Jamaica"), the whole no listed company
    ("Baker Hughes")."""
    if len(core) != 2 or not _registered_first(core[0].text.lstrip(_GLUED)):
        return False
    last = core[1].text
    return surname(last) and _surname_alone(last) and not gazetteer().major(last) and not company(key)


def _rare_surname(word: str) -> bool:
    """A surname of the census lists that is no English word of some use ("Raines", not "Worth")."""
    return surname(word) and zipf(word.lower(), "en") < _ENGLISH_ZIPF


# heads of a place of learning or of a learned body, the names an address's or a signature's line gives whole
_INSTITUTIONS = "University Institute College Academy School Society Association Foundation Institution".split()
# a line (after a quote's marks) of capitalised words ending in such a head, up to the line's end or a comma: the
# model cuts such a name of words it does not know ("Jagadguru Ramanandacharya Rajasthan Samskrita University")
_INSTITUTION_LINE = re.compile(
    r"^[> \t]*+((?:[A-Z][a-z]+[ \t]+){1,6}(?:" + "|".join(_INSTITUTIONS) + r"))[ \t]*+(,|\r?$)", re.MULTILINE
)


def _institution_lines(doc, spans: dict[int, tuple]) -> None:
    """Put into ``spans`` a line's institution named whole (``_INSTITUTION_LINE``), in place of the pieces the model
    read of it. The line holds no stop word ("Back To School"); ended by a comma, not its line, it opens with no
    everyday English word ("Yesterday Harvard University, …": the sentence's word, not the name's)."""
    for match in _INSTITUTION_LINE.finditer(doc.text):
        span = doc.char_span(match.start(1), match.end(1))
        if span is None or any(t.lower_ in STOP_WORDS for t in span):
            continue
        if match[2] == "," and _everyday_word(span[0].text):
            continue
        cut = [start for start, (ent, _, _) in spans.items() if start < span.end and span.start < ent.end]
        said = any(spans[start][1] == "ORG" and spans[start][0].end == span.end for start in cut)
        for start in cut:
            del spans[start]
        spans[span.start] = (span, "ORG", said)


# a capitalised word and its dot before "of" and a capital: a head of ``_INSTITUTIONS`` cut short ("Univ. of Texas")
_CUT_HEAD = re.compile(r"\b([A-Z][a-z]{3,})\. of (?=[A-Z])")
_INSTITUTION_HEADS = tuple(head.lower() for head in _INSTITUTIONS)


def _cut_head(word: str) -> bool:
    """A word of four letters or more that opens a head of ``_INSTITUTIONS`` and is no head itself ("Univ")."""
    stub = word.lower()
    return len(stub) >= 4 and any(head.startswith(stub) and head != stub for head in _INSTITUTION_HEADS)


def _cut_institutions(doc, spans: dict[int, tuple]) -> None:
    """Put into ``spans`` a place of learning whose head is cut short before "of" ("Univ. of Texas", "Inst. of
    Physics"), in place of the pieces the model read of it (the stub alone as a person, the place after "of")."""
    if ". of " not in doc.text:
        return  # most posts: searched once, not at every capital
    for match in _CUT_HEAD.finditer(doc.text):
        if not _cut_head(match[1]):
            continue
        first = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        after = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if first is None or after is None:
            continue
        end = after.start
        named = spans.get(end)
        if named is not None:
            end = named[0].end
        else:
            while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                end += 1
        span = doc.span(first.start, end)
        for start in [start for start, (ent, _, _) in spans.items() if start < span.end and span.start < ent.end]:
            del spans[start]
        spans[span.start] = (span, "ORG", False)


# particles of surnames written capitalised between a given name and the rest ("El Hadri", "Van Gogh", "Bin Laden")
_SURNAME_PARTICLES = _PARTICLES - {"of"}


def _particle_surname(doc, ent, spans: dict[int, tuple]) -> None:
    """Run a person's name the model read on over a capitalised particle and the capitalised word after it, one
    space apart ("Chawki Belhoussine El Hadri dies", where the model reads "Hadri" alone as a place): the particle
    opens the surname, whatever the model made of its last word; not a place so named ("Trump El Paso rally")."""
    if ent.end + 1 >= len(doc) or ent[-1].whitespace_ != " ":
        return
    particle, last = doc[ent.end], doc[ent.end + 1]
    if not (particle.is_title and particle.lower_ in _SURNAME_PARTICLES and particle.whitespace_ == " "):
        return
    if not (last.is_title and last.is_alpha) or gazetteer().place(f"{particle.text} {last.text}"):
        return
    read = [start for start in spans if ent.end <= start <= last.i]
    if any(spans[start][0].end > last.i + 1 for start in read):
        return  # the word opens a longer name the model read ("El Hadri Street")
    for start in read:
        del spans[start]
    spans[ent.start] = (doc.span(ent.start, last.i + 1), "PERSON", True)


def _spans(doc, lower: Set[str], ents: tuple) -> list[tuple]:
    """The model's entity spans with their labels, and the people's names it misses or cuts short, a given name and
    a surname side by side: untagged, or one word of them tagged alone ("Fiorina" of "Carly Fiorina").
    Each comes with whether the label is the model's own. ``ents`` are the doc's entities."""
    covering = {i: ent for ent in ents for i in range(ent.start, ent.end)}
    spans: dict[int, tuple] = {ent.start: (ent, ent.label_, True) for ent in ents}
    for tok, nxt in pairwise(doc.tokens):  # each token and the next, without indexing the doc twice a token
        if not (tok.is_title and tok.is_alpha and tok.whitespace_ == " " and nxt.is_title and nxt.is_alpha):
            continue  # most pairs: no two capitalised words one space apart (``_given_then_surname``'s first test)
        one, two = covering.get(tok.i), covering.get(nxt.i)
        tagged = one is not None and len(one) == 1 and two is None
        person = one is None and two is not None and len(two) == 1 and two.label_ == "PERSON"
        if not _given_then_surname(tok, nxt, lower, tagged=tagged, person=person):
            continue
        if one is None and two is None:
            spans[tok.i] = (doc.span(tok.i, nxt.i + 1), "PERSON", False)
        elif one is not None and two is None and one.end == nxt.i:
            spans[one.start] = (doc.span(one.start, nxt.i + 1), one.label_, True)
        elif one is None and two is not None and len(two) == 1:
            del spans[two.start]
            spans[tok.i] = (doc.span(tok.i, nxt.i + 1), two.label_, True)
    for ent in ents:
        # "Principality of" and "Warsaw": the model cut a state's name at its "of", and labelled the place after it
        after = spans.get(ent.end)
        head = [t.lower_ for t in ent if t.lower_ != "the"]
        if head[1:] == ["of"] and head[0] in _POLITIES and ent.start in spans and after and after[1] in ("GPE", "LOC"):
            del spans[ent.end]
            spans[ent.start] = (doc.span(ent.start, after[0].end), after[1], True)
    for ent in ents:
        if ent.label_ == "PERSON" and ent.start in spans:
            _particle_surname(doc, ent, spans)
    _institution_lines(doc, spans)
    _cut_institutions(doc, spans)
    return [spans[i] for i in sorted(spans)]


def _epithet(span, core: list) -> bool:
    """A title before common words, no one's name ("Ms. Moneybags", "Mr. Reset Dictator"): a nickname that
    describes, not a name."""
    if len(core) == len(span) or span[0].lower_ not in HONORIFICS:
        return False
    words = [t.text for t in core if t.is_alpha]
    if not words or any(first_name(w) or surname(w) for w in words):
        return False
    return kind(words[-1]) is Kind.COMMON or _compound(words[-1].lower())


@lru_cache(maxsize=_WORDS_KEPT)
def _compound(low: str) -> bool:
    """A word made of two English words ("moneybags", "fatcat"), as epithets are."""
    return any(zipf(low[:i], "en") >= 3.5 and zipf(low[i:], "en") >= 3.5 for i in range(3, len(low) - 2))


def _happening(doc, core: list) -> str | None:
    """The noun of "the events of X", "the aftermath of X" before a name that owns nothing after it: X is a happening
    ("the events of Kristallnacht") or the place of one, not a person, whatever the model reads."""
    j = _previous(doc, core[0].i)
    if j < 1 or doc[j].lower_ != "of" or _owns(doc, core):
        return None
    noun = doc[_previous(doc, j)].lower_
    return noun if noun in _HAPPENINGS else None


def _a_kind_of(doc, core: list) -> bool:
    """A name heading the phrase after "kind of", "sort of" or "type of" ("the kind of Brexit you wanted"): a kind
    of thing, no one person, body or place; not where the name qualifies a noun after it ("the kind of Trump
    voter")."""
    j = _previous(doc, core[0].i)
    if j < 1 or doc[j].lower_ != "of" or doc[_previous(doc, j)].lower_ not in _KINDS:
        return False
    after = core[-1].i + 1
    return after >= len(doc) or not doc[after].is_alpha or doc[after].is_stop


def _post(core: list) -> bool:
    """A title read alone ("Pa Awolowo had his house ransacked", "former Gov, Ondo State"), or a post named in English
    words ending in a title or a role ("Wounds 70, Including Police Officer as ... supporters clash"), or a job in
    words English writes less, as trades name theirs ("Senior Backend Engineers"): no one's name."""
    if len(core) == 1 or core[-1].lower_ not in _POSTS:
        return len(core) == 1 and core[0].lower_ in TITLES
    least = _JOB_WORD_ZIPF if core[-1].lower_ in _JOBS else _ENGLISH_ZIPF
    return all(zipf(t.lower_, "en") >= least and not first_name(t.text) for t in core)


def _post_cut(doc, core: list) -> bool:
    """English words the model reads as a body's name just before the job they name ("a Software Engineer position",
    "Slab | Software Engineer |"): the post's first words, no name."""
    after = core[-1].i + 1
    return (
        after < len(doc)
        and doc[after].lower_ in _JOBS
        and doc[after - 1].whitespace_ == " "
        and _post([*core, doc[after]])
    )


def _subject_studied(doc, core: list) -> bool:
    """A subject a degree is in ("a degree in Neuroscience", "a second degree in Computer Science"): a field of
    study, no place nor body, though the model reads "in" and capitals so."""
    j = _previous(doc, core[0].i)
    if j < 0 or doc[j].lower_ != "in":
        return False
    for _ in range(_STUDY_REACH):
        j = _previous(doc, j)
        if j < 0 or doc[j].is_punct:
            return False
        if doc[j].lower_ in _STUDIES:
            return True
    return False


def _qualifies(doc, after: int) -> bool:
    """A lower-case word, no stop word, at ``after``: the noun a name before it qualifies ("a former Trump aide")."""
    return after < len(doc) and doc[after].is_lower and doc[after].is_alpha and not doc[after].is_stop


def _people_adjective(doc, core: list) -> bool:
    """A people's adjective before a lower-case noun, named after its country ("the Kazakh mines": Kazakhstan):
    not a place of its own, though a small town may be so called."""
    after = core[-1].i + 1
    if len(core) > 1 or after >= len(doc) or not doc[after].is_lower or not doc[after].is_alpha or doc[after].is_stop:
        return False
    word = core[0].text
    gaz = gazetteer()
    if first_name(word) or gaz.major(word):
        return False
    return any(gaz.major(word + ending) for ending in _COUNTRY_ENDINGS)


def _known_acronym(doc, key: str, first: int, last: int) -> bool:
    """``key``, tokens ``first`` to ``last``, is a known body's acronym (``ORG_ACRONYMS``): one that is as often a
    common abbreviation only where the words around it say the body (``ACRONYMS_IN_CONTEXT``: "the FB group", "on
    FB", not "The FB ran for 20 yards")."""
    if key not in ORG_ACRONYMS:
        return False
    if (after := ACRONYMS_IN_CONTEXT.get(key)) is None:
        return True
    return (last + 1 < len(doc) and doc[last + 1].lower_ in after) or (first > 0 and doc[first - 1].lower_ == "on")


def _acronym_tokens(
    doc, taken: set[int], lower: set[str], defined: set[str], sites: Set[str], initials: _Initials, people: Set[int]
) -> list[tuple]:
    """All-capital tokens the model missed that are known acronyms, sites' names or country codes ("RU", "IS"), or a
    body's by the words around them (``_serves``, ``_served``), each with its key (a known body's acronym for its
    plural, ``_body_plural``)."""
    gaz = gazetteer()
    out = []
    for tok in doc:
        plural = _body_plural(tok.text) if tok.text[-1:] == "s" else None
        if tok.i in taken or not (tok.is_upper or plural) or not tok.is_alpha or len(tok) < 2:
            continue
        if plural:
            out.append((tok, plural))
            continue
        prev_caps = tok.i > 0 and doc[tok.i - 1].is_upper and len(doc[tok.i - 1]) > 1
        next_caps = tok.i + 1 < len(doc) and doc[tok.i + 1].is_upper and len(doc[tok.i + 1]) > 1
        if prev_caps or next_caps:
            continue  # part of shouted text
        text = tok.text
        if passed_on(doc.text, tok.idx):
            continue
        known = _known_acronym(doc, text, tok.i, tok.i) or text in defined or "." + text.lower() in sites
        known = known or gaz.place(text) or _serves(doc, [tok]) or _served(doc, [tok], people)
        if not known and _national(text):
            j = _previous(doc, tok.i)
            known = j >= 0 and doc[j].lower_ == "the"  # "the USAAF unleashed": a body, not a currency
        if not known and gaz.country_code(text) and text.lower() not in lower and text.lower() not in SLANG:
            known = True
        if known and not _spelt_out(initials, text, defined):
            out.append((tok, text))
    return out


# particles that join a place's name to the word after it between dashes ("Saint-Jean-sur-Richelieu",
# "Frankfurt-am-Main", "Stratford-upon-Avon")
_PLACE_PARTICLES = set("sur sous en de du des la le les lès am an im ob upon on".split())
# features of the land a place's name is glued to in lower case ("Aso-rock")
_LANDFORMS = PLACE_WORDS | {"rock", "rocks"}
# a signature's mark, the line "-- " above it, quoted or not
_SIGNATURE_MARK = re.compile(r"^(?:[ \t]*>)*[ \t]*--[ \t]*$", re.MULTILINE)
_SIGNATURE_LINES = 4  # the lines a signature holds under its mark, as the mail clients' custom keeps it
# what may stand around a name that is a post's only word: blanks, punctuation, quotes, markdown's emphasis
_NOT_WORDS = " \t\n.,;:!?…\"'“”‘’()[]*_-"
# endings of English words for doers: "programmer", "creator", "novelist"
_DOERS = ("er", "or", "ist")
# words that place a name in a line of people ("every mathematician since Frege"), the nouns for them (titles, roles,
# rulers and makers, and words of six letters or more ending as nouns for people do: not the doers' "-er" and "-or",
# which end as many nouns for things, "the first summer after Brexit", "every computer since Windows") and the
# determiners before the noun
_IN_LINE = {"since", "after", "before"}
_LINE_NOUNS = _TITLES_ROLES | set("king queen emperor empress monarch ruler writer author philosopher poet".split())
_PEOPLE_NOUNS = ("ian", "ist")
_LINE_DETERMINERS = {"every", "each", "no", "any", "the", "a", "an", "first", "last"}
# words of quantity that may open a phrase an acronym spells ("many worlds"), though stop words
_QUANTITIES = {"many", "more", "most", "few", "several", "much"}


# a word of three letters or more, lower case after its first, standing alone, and what may join two into a phrase
_SPELLING_WORD = re.compile(r"(?<!\w)\w[a-z]{2,}(?!\w)")
_JOINER = re.compile(r"[ \t\n-]+")


class _Initials:
    """The first letters of a text's runs of lower-case words of three letters or more, apart or joined by a dash,
    a run's letters apart from the next's: a phrase spelling an acronym is where the acronym's letters stand in them,
    so each acronym of a long post is looked for in one short string, not in the whole text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spelt: dict[str, bool] = {}

    @cached_property
    def _runs(self) -> tuple[str, list[str | None]]:
        """The letters and their words, read when the post's first acronym asks (most posts have none)."""
        letters: list[str] = []
        words: list[str | None] = []
        end = -1
        for match in _SPELLING_WORD.finditer(self.text):
            if end >= 0 and not _JOINER.fullmatch(self.text, end, match.start()):
                letters.append(" ")
                words.append(None)
            letters.append(match.group()[0])
            words.append(match.group())
            end = match.end()
        return "".join(letters), words

    def phrases(self, key: str) -> Iterator[list[str]]:
        """The phrases spelling ``key``, each as its words, leftmost first and not overlapping."""
        letters, words = self._runs
        key = key.lower()
        at = letters.find(key)
        while at >= 0:
            yield words[at : at + len(key)]  # type: ignore[misc]  # no run's break inside a match
            at = letters.find(key, at + len(key))


def _spelt_out(initials: _Initials, key: str, defined: Set[str]) -> bool:
    """An acronym the post also spells out in lower case ("MW" beside "i.e. many worlds is not true"), and that
    nothing defines or knows as a body's or place's: the name of an idea, which the schema has no label for. The
    phrase is of words of content, a word of quantity allowed first ("many worlds"), so that words run together by
    chance do not spell it ("for having", "the mapping"). A body's or place's name spelt out in lower case still
    names it: it ends in its head ("the american civil liberties union") or the gazetteer knows it ("new york")."""
    if not (2 <= len(key) <= 5 and key.isalpha() and key.isupper()) or key in ORG_ACRONYMS or key in defined:
        return False
    if gazetteer().place(key):
        return False
    if key not in initials.spelt:
        initials.spelt[key] = any(_spelling(words) for words in initials.phrases(key))
    return initials.spelt[key]


def _spelling(words: list[str]) -> bool:
    """Whether a phrase of lower-case words whose first letters spell an acronym spells out an idea (``_spelt_out``)."""
    first, *rest = words
    if (first in STOP_WORDS and first not in _QUANTITIES) or not STOP_WORDS.isdisjoint(rest):
        return False
    return words[-1] not in _HEADS and not gazetteer().place(" ".join(words).title())


def _initials_site(text: str, core: list) -> str | None:
    """The site a phrase's initials name in the post ("npr.org" beside "National Public Radio"), or None: a body's
    name, however everyday its words."""
    letters = "".join(t.text[0] for t in core if t.is_alpha).lower()
    if len(letters) < 3:
        return None
    found = re.search(rf"(?<![\w.@/]){letters}\.(?:org|com|net|gov|edu|co\.uk|org\.uk)\b", text, re.IGNORECASE)
    return found.group() if found else None


def _doer_described(doc, core: list) -> bool:
    """English words after "the" that end in a word for a doer ("the Great Programmer does not care"): a role that
    describes someone, as a title does, no name. A body's or a place's head ends a name, and names and words no
    English dictionary writes keep it one."""
    before = _previous(doc, core[0].i)
    if len(core) < 2 or before < 0 or doc[before].lower_ != "the" or core[-1].lower_ in _HEADS:
        return False
    return core[-1].lower_.endswith(_DOERS) and all(t.is_alpha and _english_noun(t.text) for t in core)


def _dashed_feature(doc, toks: list) -> list:
    """A place's name glued by a dash to a feature of the land in lower case ("from Aso-rock"): the name runs on to
    the feature's word, Aso Rock and not the town Aso."""
    after = toks[-1].i + 1 if toks else len(doc)
    if after + 1 >= len(doc) or toks[-1].whitespace_ or doc[after].text != "-" or doc[after].whitespace_:
        return toks
    feature = doc[after + 1]
    return [*toks, doc[after], feature] if feature.is_lower and feature.lower_ in _LANDFORMS else toks


def _particle_joined(doc, toks: list) -> list:
    """A place's name glued by dashes to a particle in lower case and a capitalised word ("Saint-Jean-sur-Richelieu",
    "Frankfurt-am-Main"): one name, running on to that word, not the place its first words name."""
    after = toks[-1].i + 1 if toks else len(doc)
    if after + 3 >= len(doc) or toks[-1].whitespace_ or any(doc[i].whitespace_ for i in range(after, after + 3)):
        return toks
    dash, particle, dash_after, name = doc[after : after + 4]
    joined = dash.text == dash_after.text == "-" and particle.text in _PLACE_PARTICLES and name.is_title
    return [*toks, dash, particle, dash_after, name] if joined else toks


def _line_of_people(doc, core: list) -> str | None:
    """ "since", "after" or "before" and a noun for people who do something just before a name, a determiner before
    the noun ("every mathematician since Frege", "the first president after Nixon"): the noun and the word, as one of
    a line of people is named by when they lived; None where the words are not so ("ever since Brexit")."""
    j = _previous(doc, core[0].i)
    if j < 2 or doc[j].lower_ not in _IN_LINE:
        return None
    k = _previous(doc, j)
    noun, low = doc[k], doc[k].lower_
    people = low in _LINE_NOUNS or len(low) >= 6 and low.endswith(_PEOPLE_NOUNS)
    if not (noun.is_lower and noun.is_alpha and people) or low in STOP_WORDS:
        return None
    determined = any(doc[i].lower_ in _LINE_DETERMINERS for i in range(max(0, k - 2), k))
    return f"{noun.text} {doc[j].text}" if determined and zipf(noun.lower_, "en") >= _ENGLISH_ZIPF else None


def _with_someone(doc, core: list, key: str) -> bool:
    """One word after a bare "with" that no gazetteer knows ("associating with Puken"): one keeps company with
    someone, not with a place; "trade with the West" and "with Russia" are the places'."""
    before = _previous(doc, core[0].i)
    return len(core) == 1 and before >= 0 and doc[before].lower_ == "with" and not gazetteer().place(key)


def _national(word: str) -> str | None:
    """The country's short form an acronym of two more capitals or more opens with, as a country's bodies' acronyms
    do ("USAAF", "USMC", "UKIP"): "US", "UK" or another of the gazetteer's usual capital forms. A currency's or a
    coin's code opens so too ("USDT"): only "the" before it says body."""
    if not word.isalpha() or not word.isupper():
        return None
    gaz = gazetteer()
    return next((word[:n] for n in (2, 3) if len(word) >= n + 2 and word[:n] in gaz.countries), None)


def _untagged_countries(doc, taken: set[int], lower: Set[str]) -> list:
    """Countries' one-word names the model missed, as in a list of them one a line ("Cuba / Hispaniola / Mexico"),
    and cities' of a million people ("the 2011 Jeddah floods"): a country, a region or such a city, no given name or
    surname ("Jordan", "Chad", "Houston") and no English word ("Turkey", "China"), that the thread never writes in lower
    case, and no word of a longer capitalised phrase ("Good Morning Vietnam")."""
    gaz = gazetteer()
    out = []
    for tok in doc:
        if not tok.is_title or not tok.is_alpha or len(tok.text) < 4 or tok.i in taken or tok.lower_ in lower:
            continue
        if not gaz.major(tok.text) or first_name(tok.text) or surname(tok.text) or kind(tok.text) is Kind.COMMON:
            continue
        joined_before = tok.i > 0 and doc[tok.i - 1].whitespace_ == " " and doc[tok.i - 1].is_title
        joined_after = tok.i + 1 < len(doc) and tok.whitespace_ == " " and doc[tok.i + 1].is_title
        if joined_before or joined_after:
            continue
        out.append((tok, tok.text))
    return out


def _untagged_regions(doc, taken: set[int], ents: tuple) -> list:
    """Names of two or three words of countries, first-level regions and cities of a million people that the model
    missed ("Did New South Wales tracing ever find"): each word capitalised, one space between, no word of a longer
    capitalised phrase but a stop word opening the sentence before it; a name of several words is no everyday word,
    as one word may be ("Turkey"). A word of it the model read otherwise is left to that reading ("the occupied
    Palestinian Territory": a people's adjective)."""
    gaz = gazetteer()
    out = []
    for i, tok in enumerate(doc):
        if i in taken or not tok.is_title or not _joined(tok) or (i > 0 and _capitalised_word_before(doc[i - 1])):
            continue
        for n in (3, 2):
            if i + n > len(doc):
                continue
            span = doc.span(i, i + n)
            words = list(span)
            if any(t.i in taken or not (t.is_title and t.is_alpha) for t in words):
                continue
            if any(t.whitespace_ != " " for t in words[:-1]) or _joined(words[-1]):
                continue
            if gaz.major(span.text) or span.text in gaz.provinces:
                if not any(ent.start < span.end and span.start < ent.end for ent in ents):
                    out.append(span)
                break
    return out


def _capitalised_word_before(tok) -> bool:
    """A capitalised word right before a name, one space between, that is no stop word ("Did" opening a question)."""
    return tok.whitespace_ == " " and tok.is_title and tok.lower_ not in STOP_WORDS


def _joined(tok) -> bool:
    """A capitalised word right after ``tok``, one space between: the name goes on."""
    nxt = tok.i + 1
    return tok.whitespace_ == " " and nxt < len(tok.doc) and tok.doc[nxt].is_title


def _placed_untagged(doc, taken: set[int], lower: Set[str]) -> list:
    """Places the gazetteer knows that the model missed or read as a people or a language, right after a preposition
    of being inside ("the government's palace in Tunis", the model's language): one capitalised word, a country, a
    first-level region or a city of 100,000 people or more, the preposition outweighing a surname of the lists that
    ``_untagged_countries`` leaves out ("Tunis", a city of 690,000 and a surname); no given name ("in Jordan's
    view"), no other name of a city only, no word the thread writes in lower case and no word of a longer
    capitalised phrase."""
    gaz = gazetteer()
    out = []
    for tok in doc:
        if not tok.is_title or not tok.is_alpha or len(tok.text) < 4 or tok.i in taken or tok.lower_ in lower:
            continue
        j = _previous(doc, tok.i)
        if j < 0 or doc[j].lower_ not in _INSIDE_PREPS or not gaz.place(tok.text):
            continue
        if gaz.weight(tok.text) < 2.0 or gaz.town(tok.text) or first_name(tok.text):
            continue
        joined_after = tok.i + 1 < len(doc) and tok.whitespace_ == " " and doc[tok.i + 1].is_title
        if not joined_after:
            out.append((tok, tok.text))
    return out


def _coded_town(doc, last: int) -> bool:
    """The name ending at token ``last`` is a town's before a comma and a US state's postal code ("Anchorage, AK.",
    "Salamanca, NY?"), the code ending its phrase, as an address's last part does."""
    code = last + 2
    if code >= len(doc) or doc[last + 1].text != "," or not gazetteer().state_code(doc[code].text):
        return False
    return (code + 1 == len(doc) or not doc[code + 1].is_alpha) and not _abroad(doc, last)


def _abroad(doc, last: int) -> str | None:
    """The country a code after a comma names, where the name ending at token ``last`` is a city of that country and
    no town of the US state the code also names ("Bogota, CO": Colombia, not Colorado)."""
    code = last + 2
    if code >= len(doc) or doc[last + 1].text != ",":
        return None
    first = last
    while first > 0 and doc[first - 1].is_title and doc[first - 1].is_alpha:
        first -= 1
    countries = (gazetteer().abroad(doc.span(i, last + 1).text, doc[code].text) for i in range(first, last + 1))
    return next((country for country in countries if country), None)


def _postcoded(doc, last: int) -> bool:
    """The name ending at token ``last`` ends an address's line before its postal code ("Mysore - 570012", "Tirupati
    517507", "Jaipur, 302026.", "Austin Texas 78759"): a town's, as a signature's last line gives it."""
    end = doc[last].idx + len(doc[last].text)
    line_end = doc.text.find("\n", end)
    return bool(_POSTAL.fullmatch(doc.text, end, len(doc.text) if line_end < 0 else line_end))


def _postcoded_towns(doc, taken: set[int], postal: bool) -> list:
    """Towns the model missed before a postal code at a line's end ("Tirupati 517507"): one capitalised word a
    gazetteer knows as a place. ``postal``: the post has a line ending in a postal code's digits (``_POSTAL_SEEN``)."""
    if not postal:
        return []  # most posts: no number of five or six digits ends a line
    gaz = gazetteer()
    return [
        tok
        for tok in doc
        if tok.i not in taken and tok.is_title and tok.is_alpha and gaz.place(tok.text) and _postcoded(doc, tok.i)
    ]


def _coded_towns(doc, taken: set[int]) -> list:
    """Towns the model missed before a comma and a US state's postal code ("Anchorage, AK."): capitalised words, no
    English word alone."""
    out = []
    if not _COMMA_CODE.search(doc.text):
        return out  # most posts: no comma before two capitals, so their words are not looked at one by one
    for tok in doc:
        if tok.i in taken or not tok.is_title or not tok.is_alpha or not _coded_town(doc, tok.i):
            continue
        first = tok.i
        while first > 0 and doc[first - 1].is_title and doc[first - 1].is_alpha and first - 1 not in taken:
            first -= 1
        if first == tok.i and kind(tok.text) is Kind.COMMON:
            continue
        out.append(doc.span(first, tok.i + 1))
    return out


def _initialled(doc, taken: set[int]) -> list:
    """Words of an initial glued to a surname that the model misses ("M.Foot or N.Kinnock"): a capital, a dot, then a
    census surname or a word written alike across languages, as names are; no English word that is no surname, and no
    stop word that is no given name ("hepatitis B.But": a sentence's last letter glued to the next one's first word)."""
    out = []
    if not _GLUED_INITIAL.search(doc.text):
        return out
    for tok in doc:
        if tok.i in taken or not _GLUED_INITIAL.fullmatch(tok.text):
            continue
        rest = tok.text[2:]
        if rest.lower() in STOP_WORDS and not first_name(rest):
            continue  # "hepatitis B.But can be managed"
        if surname(rest) or kind(rest) in (Kind.NAME, Kind.RARE):
            out.append(tok)
    return out


def _shouted_places(doc, taken: set[int]) -> list:
    """Words written in capitals that the model missed and the gazetteer knows as places once written as names are
    ("THE FATE OF BAKHMUT"), with that form: a country, a region or a big city, or a place whose name is no English
    word ("READING"), given name or surname."""
    gaz = gazetteer()
    out = []
    for tok in doc:
        if not tok.is_upper or not tok.is_alpha or len(tok.text) < 4 or tok.i in taken:
            continue
        name = tok.text.capitalize()
        if not gaz.place(name) or gaz.weight(name) < 2.0 or first_name(name) or surname(name):
            continue
        if kind(name) is not Kind.COMMON and zipf(tok.lower_, "en") < _EVERYDAY_ZIPF or gaz.major(name):
            out.append((tok, name))
    return out


def _lowered_people(doc, ents: tuple) -> list:
    """A person's name the model reads in a comment's lower case: a given name and a surname of the census lists, the
    surname no English word ("joe rogan", not "james woods"), or a given name it reads alone and a surname of the lists
    in lower case, the two an item inside a list ("tucker, hannity, fox, James woods, and joe rogan"; not "Clinton
    said", "Hillary too"), or a given name of the lists no English word, in lower case, before one capitalised word
    the model reads as a person ("micheal Jackson"; not "the bill Obama signed"). ``ents`` are the doc's entities."""
    out = []
    for ent in ents:
        if _lower_given_before(doc, ent):
            out.append(doc.span(ent.start - 1, ent.end))
            continue
        if ent.label_ != "PERSON" or not first_name(ent[0].text.capitalize()):
            continue
        if len(ent) == 2 and ent[0].is_lower and ent[1].is_lower and ent[0].is_alpha and ent[1].is_alpha:
            if surname(ent[1].text.capitalize()) and zipf(ent[1].lower_, "en") < _ENGLISH_ZIPF:
                out.append(ent)
        elif len(ent) == 1 and ent[0].is_title and ent.start > 0 and ent.end + 1 < len(doc):
            before, nxt, after = doc[_previous(doc, ent.start)], doc[ent.end], doc[ent.end + 1]
            listed = before.text == "," and (after.text == "," or after.lower_ in ("and", "or"))
            if nxt.is_lower and nxt.is_alpha and surname(nxt.text.capitalize()) and listed and ent[0].whitespace_:
                out.append(doc.span(ent.start, ent.end + 1))
    return out


# countries' names English writes in lower case for a thing named after them ("his panama hat", "green chile")
_LOWER_THINGS = frozenset("bermuda chile guinea panama".split())


def _lowered_places(doc, taken: set[int], ents: tuple) -> list:
    """A country, a continent or a US state the model reads in a comment's lower case ("in the iowa debate", "in
    south america"): its words capitalised a country's or a region's name; one word no given name or surname
    ("georgia", "jordan"), no English word ("turkey") and no thing named after the place (``_LOWER_THINGS``); several
    words are that name whole, which no person bears and no phrase of everyday words spells. ``ents`` are the doc's
    entities."""
    out = []
    for ent in ents:
        tok = ent[0]
        if ent.label_ not in _PLACE_LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        if not all(t.is_lower and t.is_alpha for t in ent):
            continue
        if len(ent) > 1:
            # a word of the prose, not one glued to what goes before it ("font-family:times new roman,new york")
            apart = ent.start == 0 or bool(doc[ent.start - 1].whitespace_)
            if apart and all(t.whitespace_ for t in ent[:-1]) and gazetteer().weight(_capitalised(ent.text)) >= 4.0:
                out.append(ent)
            continue
        if tok.lower_ in _LOWER_THINGS:
            continue
        name = tok.text.capitalize()
        if gazetteer().weight(name) >= 4.0 and not (first_name(name) or surname(name)) and kind(name) is Kind.NAME:
            out.append(ent)
    return out


def _capitalised(words: str) -> str:
    """Each word of a name typed in lower case with its capital ("south america": "South America")."""
    return " ".join(word.capitalize() for word in words.split(" "))


def _lower_given_before(doc, ent) -> bool:
    """A given name of the lists, no English word, typed in lower case before the one word the model reads as a
    person ("micheal Jackson")."""
    if ent.label_ != "PERSON" or len(ent) != 1 or not ent[0].is_title or ent.start == 0:
        return False
    given = doc[ent.start - 1]
    rare = given.is_lower and given.is_alpha and zipf(given.lower_, "en") < _ENGLISH_ZIPF
    return rare and bool(given.whitespace_) and first_name(given.text.capitalize())


def _listed_among_people(doc, lowered: list, taken: set[int], ents: tuple) -> list:
    """One lower-case word no English uses, an item of a list with two people or more in it ("tucker, hannity, fox,
    James woods, and joe rogan"): a name written as the rest of the list is, in lower case, so a person's. ``ents``
    are the doc's entities."""
    people = [(span.start, span.end) for span in lowered]
    people += [(ent.start, ent.end) for ent in ents if ent.label_ == "PERSON"]
    out: list = []
    if len(set(people)) < 2:
        return out  # most posts: no two people to list a word among, so their words are not looked at one by one
    for tok in doc[1:-1]:
        if not tok.is_lower or not tok.is_alpha or len(tok.text) < 3 or tok.i in taken:
            continue
        before, after = doc[tok.i - 1], doc[tok.i + 1]
        if before.text != "," or not (after.text == "," or after.lower_ in ("and", "or")):
            continue
        if kind(tok.text) is Kind.COMMON or zipf(tok.lower_, "en") >= _ENGLISH_ZIPF:
            continue
        first, last = _sentence_of(doc, tok.i)
        items = {
            (start, end)
            for start, end in people
            if first <= start
            and end <= last
            and (start == first or doc[start - 1].text == "," or doc[start - 1].lower_ in ("and", "or"))
            and (end == last or doc[end].text in (",", ".", "!", "?") or doc[end].lower_ in ("and", "or"))
        }
        if len(items) >= 2:
            out.append(tok)
    return out


def _item_heads(doc, taken: set[int]) -> list:
    """Names heading the items of a numbered list whose items the model reads people at the head of ("Victim 1 - Pa
    Awolowo", ... "Victim 6 - Bisi Akande, former Gove."): two capitalised words or more after an item's number and
    dash, none an English word unless a name of the lists, in a list of three items or more under one word, the model
    reading a person at the head of one of them at least. Such an item is one of a kind; its name the model misses
    where a blank line stands before it."""
    items: dict[str, list[int]] = {}
    for match in _ITEM.finditer(doc.text):
        items.setdefault(match[1], []).append(match.end())
    out: list = []
    if not any(len(heads) >= 3 for heads in items.values()):
        return out
    people = [ent for ent in doc.ents if ent.label_ == "PERSON"]
    for heads in items.values():
        if len(heads) < 3:
            continue
        starts = [doc.char_span(h, h + 1, alignment_mode="expand") for h in heads]
        starts = [span.start for span in starts if span is not None]
        if not any(ent.start <= i < ent.end for i in starts for ent in people):
            continue
        for i in starts:
            end = i
            while end < len(doc) and doc[end].is_title and doc[end].is_alpha and _name_word(doc[end].text):
                end += 1
                if doc[end - 1].whitespace_ != " ":
                    break  # its words one space apart: "Bisi Akande," ends at the comma
            if end - i >= 2 and not taken.intersection(range(i, end)):
                out.append(doc.span(i, end))
    return out


def _name_word(word: str) -> bool:
    """A word that may be part of a name: no English word, unless a given name or a surname of the lists."""
    return kind(word) is not Kind.COMMON and (first_name(word) or surname(word) or not _everyday_word(word))


def _sentence_of(doc, i: int) -> tuple[int, int]:
    """The bounds (first token, one past the last) of the sentence token ``i`` is in, by its punctuation and line
    breaks (the pipeline parses no sentences)."""
    first = i
    while first > 0 and not _SENTENCE_END.search(doc[first - 1].text + doc[first - 1].whitespace_):
        first -= 1
    last = i + 1
    while last < len(doc) and not _SENTENCE_END.search(doc[last - 1].text + doc[last - 1].whitespace_):
        last += 1
    return first, last


def _apposed_bodies(doc, taken: set[int]) -> list:
    """A name the model missed set beside a noun for bodies ("an organization -- ZEGOTA -- exclusively for the aid of
    Jews", "a group called Antifa"): the body's name, capitalised or in capitals, no English word."""
    out = []
    for tok in doc[2:]:
        if not (tok.is_title or tok.is_upper) or not tok.is_alpha or len(tok.text) < 3 or tok.i in taken:
            continue
        j = _previous(doc, tok.i)
        k = _previous(doc, j) if doc[j].text in ("--", ",", ":", "called", "named") or doc[j].text in _GLUED else -1
        if k >= 0 and doc[k].lower_ in _BODY_NOUNS and kind(tok.text.capitalize()) is not Kind.COMMON:
            out.append((tok, doc[k].lower_))
    return out


def _kinds_listed(doc) -> list:
    """The names listed after a plural noun for a kind of body and "such as", "like" or "including" ("sites such as
    Facebook and Twitter"), or before "and other" and such a noun ("Robinhood and other platforms"), each a span of
    capitalised words, with why; an item of one word English uses as a word or a software name ("Linux and other
    platforms") is passed over, and ends a list after "such as" as its line or its sentence does."""
    text = doc.text
    before = list(_AND_OTHER.finditer(text)) if " other " in text else []
    listing = " such as " in text or " like " in text or " including " in text
    after = list(_SUCH_AS.finditer(text)) if listing else []
    if not before and not after:
        return []  # most posts: no such list
    out: list = []
    tokens = doc.tokens
    starts = [t.idx for t in tokens]  # a match's first token, found by bisection
    for match in before:
        end = _previous(doc, bisect_left(starts, match.start()))
        start = end + 1
        while start > 0 and tokens[start - 1].is_alpha and _capitalised_name(tokens[start - 1].text):
            start -= 1
        # "The Guardian and other newspapers", "Today Robinhood and other platforms": the name after a stop word or an
        # everyday word opening the sentence
        while start <= end and (tokens[start].is_stop or start < end and _opening_word(doc, start)):
            start += 1
        if start <= end and (start < end or _body_word(tokens[start].text)):
            out.append((doc.span(start, end + 1), f"listed before '{match[0]}'"))
        elif start > end >= 0 and _lowered_company(tokens[end]):
            out.append((doc.span(end, end + 1), f"a listed company's name in lower case before '{match[0]}'"))
    for match in after:
        i = bisect_left(starts, match.end())
        while i < len(tokens):
            start = i
            while i < len(tokens) and tokens[i].is_alpha and _capitalised_name(tokens[i].text):
                i += 1
            if i == start or (i - start == 1 and not _body_word(tokens[start].text)):
                break  # what follows a word passed over is no item of the list
            out.append((doc.span(start, i), f"listed after '{match[0].strip()}'"))
            # the list ends with its line or its sentence: "sites like Reddit and Imgur\n\nCheers\nMike"
            while i < len(tokens) and (
                (tokens[i].is_space and "\n" not in tokens[i].text) or tokens[i].lower_ in _LIST_JOINS
            ):
                i += 1
    return out


def _lowered_company(tok) -> bool:
    """A word in lower case that the company lists hold capitalised, listed as a body ("bye bye walmart and the other
    retailers"), no everyday word or given name (``_company``)."""
    return tok.is_alpha and tok.is_lower and bool(_company(tok.text.capitalize(), True))


def _capitalised_name(word: str) -> bool:
    """A word written as a name is: its capital first ("Facebook"), or a company's or product's shape ("eBay")."""
    return word.istitle() or _product_shaped(word)


def _body_word(word: str) -> bool:
    """One word listed as a kind of body that may be one: no everyday English word nor its plural ("Docs"), no
    software name ("Windows")."""
    return kind(word) is not Kind.COMMON and not software(word) and not _plural_noun(word)


def _opening_word(doc, i: int) -> bool:
    """Token ``i`` is an everyday English word opening a sentence, capitalised as any word there is."""
    return kind(doc.tokens[i].text) is Kind.COMMON and _sentence_initial(doc, i)


def _untagged_beside_companies(doc, taken: set[int]) -> list:
    """A capitalised word the model missed, inside a sentence, listed by a comma, "and" or "or" right beside a listed
    company's one-word name ("backgrounds from Google, Facebook, Microsoft"): a company too, unless English uses it as
    a word or it is a given name of the lists; with the company's name. Read at the list's commas and words alone, so
    a post's other words are not looked at."""
    tokens = doc.tokens
    found: dict[int, str] = {}
    for join in tokens:
        if join.lower_ not in _LIST_JOINS:
            continue
        left, right = _previous(doc, join.i), _next(doc, join.i)
        if left < 0 or tokens[left].lower_ in _LIST_JOINS:
            continue  # the list's first word, or the "and" of ", and", whose items its comma reads
        while right < len(tokens) and tokens[right].lower_ in _LIST_JOINS:
            right = _next(doc, right)
        if right >= len(tokens):
            continue
        for one, other in ((left, right), (right, left)):
            name = _listed_company(tokens[other])
            if name and one not in found and _untagged_name(doc, one, taken):
                found[one] = name
    return [(tokens[i], name) for i, name in sorted(found.items())]


def _untagged_platforms(doc, taken: set[int]) -> list:
    """Well-known online platforms' names the model missed ("Twitter banned him.", "when Facebook wanted to patent"):
    the list names them wherever the sentence puts them, opening it too, where an everyday word's capital says
    nothing (``plausible``); not shouted ("FACEBOOK" is judged as shouting is)."""
    return [t for t in doc.tokens if t.i not in taken and t.is_alpha and platform(t.text) and not t.text.isupper()]


def _listed_company(tok) -> str | None:
    """The token's word if it is a listed company's one-word name, else None: not a platform's, a body by its own
    evidence only ("Google Maps and Yahoo Finance" lists no company beside "Maps")."""
    return tok.text if tok.is_alpha and tok.is_title and not platform(tok.text) and _company(tok.text, True) else None


def _untagged_name(doc, i: int, taken: set[int]) -> bool:
    """Token ``i`` is a capitalised word the model missed inside a sentence, no English word nor given name."""
    tok = doc.tokens[i]
    if i in taken or not tok.is_alpha or len(tok.text) < 3 or not (tok.is_title or _product_shaped(tok.text)):
        return False
    return not first_name(tok.text) and kind(tok.text) is not Kind.COMMON and not _sentence_initial(doc, i)


def _untagged_papers(doc, taken: set[int]) -> list:
    """A newspaper's name the model missed, inside a sentence: one word after "The" written with its capital, that
    heads newspapers' names ("including The Observer"; "The" so written starts a title), or "Daily" and a capitalised
    word ("Ben Shapiro/Daily Wire"), as papers and sites are called."""
    out: list = []
    if "The" not in doc.text and "Daily" not in doc.text:
        return out  # the word before the name is one of the two
    for the, tok in pairwise(doc.tokens):
        if tok.i in taken or the.i in taken or not tok.is_title or not tok.is_alpha:
            continue
        if the.text == "Daily" and not _sentence_initial(doc, the.i):
            out.append(doc.span(the.i, tok.i + 1))
            continue
        if the.text != "The" or tok.lower_ not in PAPER_HEADS:
            continue
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and after.lower_ == "of":
            continue  # "(The Guardian of the Baha'i Faith)": a post and what it keeps, no paper
        if not _sentence_initial(doc, the.i) and not (after is not None and after.is_title and tok.whitespace_):
            out.append(doc.span(tok.i, tok.i + 1))
    return out


def _handles(doc, taken: set[int]) -> list:
    """Tokens that address someone by a handle ("@Kaveh I think…"), which the model leaves untagged: the thread's
    participants, whom the thread also names without the "@" ("my response to Kaveh"). Only a handle opening a
    sentence or a line addresses, and one in capitals is a body's account ("@BBC your coverage…"): a handle inside
    a sentence names an account ("as @NASA posted"), whose body or person stays an entity wherever it is named."""
    if "@" not in doc.text:
        return []
    return [
        t
        for t in doc
        if t.text[:1] == "@"
        and t.text[1:2].isalpha()
        and not t.text[1:].isupper()
        and _sentence_initial(doc, t.i)
        and t.i not in taken
    ]


def _network_sites(doc, taken: set[int]) -> list:
    """Sites of a network by their short name and the network's acronym ("cs.SE", "Meta:SE"), however the tokenizer
    cut them."""
    spans = (doc.char_span(m.start(), m.end(), alignment_mode="expand") for m in _network_site_names(doc.text))
    return [span for span in spans if span is not None and not taken.intersection(range(span.start, span.end))]


def _framed_papers(doc, taken: set[int]) -> list:
    """A paper's name the model missed between "the" and a noun for papers ("remarks published in the Dagens Nyheter
    daily"): words that may be a name's, none an English word unless a name of the lists."""
    out = []
    if not any(noun in doc.text for noun in _PAPER_NOUNS) or not _PAPER_NOUN.search(doc.text):
        return out
    for tok in doc[2:]:
        if tok.lower_ not in _PAPER_NOUNS or not tok.is_lower:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].is_title and doc[start - 1].is_alpha and _name_word(doc[start - 1].text):
            start -= 1
        if start < tok.i and start > 0 and doc[start - 1].text == "the" and not taken.intersection(range(start, tok.i)):
            out.append(doc.span(start, tok.i))
    return out


def _teams_played_for(doc, taken: set[int]) -> list:
    """A team's name the model missed after "play for" ("If Kanu Nwakwo cannot come back and Play for Super Eagles"):
    capitalised words, English ones too, as teams are named ("Super Eagles"); one word alone only if no English word
    or one a name list or the gazetteer knows ("adults play for Money" names no team)."""
    out = []
    if "play" not in doc.text.lower() or not _PLAYED_FOR.search(doc.text):
        return out
    for tok in doc[2:]:
        if tok.i in taken or not tok.is_title or not tok.is_alpha or doc[tok.i - 1].lower_ != "for":
            continue
        if doc[tok.i - 2].lower_ not in _PLAYED:
            continue
        end = tok.i + 1
        while end < len(doc) and doc[end - 1].whitespace_ == " " and doc[end].is_title and doc[end].is_alpha:
            end += 1
        named = end - tok.i > 1 or _name_word(tok.text) or gazetteer().place(tok.text)
        if named and not taken.intersection(range(tok.i, end)):
            out.append(doc.span(tok.i, end))
    return out


def _towns_named(doc, taken: set[int]) -> list:
    """A town's name the model missed that a noun for towns after it or "native" before it frames ("in Owo township",
    "in his native Owo"): a place the gazetteer knows, no given name and no English word."""
    gaz = gazetteer()
    out = []
    if not _TOWN_SEEN.search(doc.text.lower()) or not _TOWN_WORD.search(doc.text):
        return out
    for tok in doc[1:-1]:
        before, after = doc[tok.i - 1].lower_, doc[tok.i + 1].lower_
        if not (before == "native" or after in _TOWNS) or tok.i in taken or not tok.is_title or not tok.is_alpha:
            continue
        if gaz.place(tok.text) and not first_name(tok.text) and kind(tok.text) is not Kind.COMMON:
            out.append((tok, f"'{before}' before it" if before == "native" else f"'{after}' after it"))
    return out


_STATE_PLACED = frozenset({"in", "from", "across", "to", "into", "of"})  # before a region: a place, not a product


def _states_named(doc, taken: set[int]) -> list:
    """A country's region the model missed, capitalised before "state" typed in lower case ("Kano state should be
    included"): the state of that name, as "Ogun State" is, where the gazetteer's states hold it (``Gazetteer.state``)
    and it is no everyday word, which the capital of a sentence's start or a product's name gives as often ("Unity
    state machine"), unless a preposition of place puts it there ("born in Rivers state")."""
    out = []
    if " state" not in doc.text:
        return out
    for tok in doc[1:]:
        if tok.text != "state" or tok.i - 1 in taken or tok.i in taken:
            continue
        region = doc[tok.i - 1]
        if not (region.is_title and region.is_alpha and region.whitespace_ == " "):
            continue
        placed = region.i > 0 and doc[region.i - 1].lower_ in _STATE_PLACED
        if gazetteer().state(region.text) and (placed or not _everyday_word(region.text)):
            out.append(doc.span(region.i, tok.i + 1))
    return out


def _trailer_names(doc, taken: set[int]) -> list:
    """People a patch's trailer or a mail's header names before their address that the model missed ("Cc: Dmitry
    Kasatkin <…>", "Uwe Kleine-König"): two to four words, each capitalised or an initial, none a body's or a place's
    head, and at most one an everyday word the name lists lack ("Grant Likely"; lists, robots and services sign so
    too: "Linux Kernel Mailing List", "Hulk Robot", "Google Calendar")."""
    out = []
    if "<" not in doc.text or not _TRAILER_SEEN.search(doc.text):
        return out
    for match in _TRAILER.finditer(doc.text):
        span = doc.char_span(*match.span(1))
        if span is None or not 2 <= len(span) <= 4 or taken.intersection(range(span.start, span.end)):
            continue
        words = [t for t in span if t.text != "-" or not 0 < t.i - span.start < len(span) - 1]
        if not all(_INITIAL.fullmatch(t.text) or t.is_title and t.is_alpha and t.lower_ not in _HEADS for t in words):
            continue
        if sum(not _INITIAL.fullmatch(t.text) and _everyday_unnamed(t) for t in words) < 2:
            out.append(span)
    return out


def _everyday_unnamed(tok) -> bool:
    """An everyday English word the name lists lack ("Mailing", "Robot"; not "Fan", which a given name is)."""
    return zipf(tok.lower_, "en") >= _TRAILER_EVERYDAY and not (first_name(tok.text) or surname(tok.text))


def _address_names(doc, taken: set[int]) -> list:
    """Companies the model missed that are named by their web address ("MD.ai | Software Engineer"), a word alone, not
    part of a link or a mail address (``links.named_by_address``)."""
    if not names_by_address(doc.text):
        return []
    return [
        tok
        for tok in doc
        if tok.i not in taken
        and "." in tok.text
        and named_by_address(tok.text)
        and not (tok.i and doc[tok.i - 1].text in _ADDRESS_GLUE and not doc[tok.i - 1].whitespace_)
    ]


def _self_addressed(doc, taken: set[int]) -> list:
    """A capitalised word the model missed right before its own web address in brackets ("Clay (https://clay.run) |
    Software Engineers"): a company or a site naming itself, as a job post's head or a signature does."""
    text = doc.text
    if ("(" not in text and "[" not in text) or not _BRACKETED_ADDRESS.search(text):
        return []  # most posts: no web address in brackets
    out = []
    for tok in doc:
        if (
            tok.i in taken
            or not tok.is_alpha
            or not tok.is_title
            or text[tok.idx + len(tok.text) : tok.idx + len(tok.text) + 1] not in " (["
        ):
            continue
        own = _OWN_ADDRESS.match(text, tok.idx + len(tok.text))
        if own and domain(f"http://{own[1]}").split(".")[0].lower() == tok.lower_ and kind(tok.text) is not Kind.COMMON:
            out.append(tok)
    return out


def _emphasised_regions(doc, taken: set[int]) -> list:
    """A country's region English writes as a word ("England", "Wales") that the model missed, set apart by
    markdown's emphasis on both sides ("still use **England** to mean the UK"): the name itself is spoken of."""
    out: list = []
    if "*" not in doc.text and "_" not in doc.text:
        return out  # most posts: no emphasis, so their words are not looked at one by one
    for tok in doc[1:-1]:
        before, after = doc[tok.i - 1], doc[tok.i + 1]
        if tok.i in taken or not tok.is_title or before.text[-1:] not in _ITALICS or after.text[:1] != before.text[-1]:
            continue
        if not before.whitespace_ and not tok.whitespace_ and gazetteer().worded(tok.text):
            out.append(tok)
    return out


def _cited(doc, taken: set[int]) -> list:
    """A name the model missed in "as X (once) said" ("As Pirandello once remarked"): one capitalised word, no
    English word or place, cited for its words, as writers cite people."""
    out = []
    for tok in doc[1:-1]:
        if not tok.is_title or not tok.is_alpha or tok.i in taken or doc[tok.i - 1].lower_ != "as":
            continue
        verb = doc[tok.i + 1]
        if verb.lower_ in ("once", "famously", "rightly", "memorably") and verb.i + 1 < len(doc):
            verb = doc[verb.i + 1]
        if verb.lower_ in _SPEECH_TAIL and kind(tok.text) is not Kind.COMMON and not gazetteer().place(tok.text):
            out.append(tok)
    return out


# a name's initial, dotted or glued to another ("V.I Subrahmaniom")
_NAME_INITIAL = re.compile(r"[A-Z](?:\.[A-Z])*\.?")
# words after a title that a name holds at most: a given name, a middle one or an initial, a surname
_TITLED_WORDS = 3


def _titled_untagged(doc, taken: set[int]) -> list:
    """A title and the name after it that the model missed ("In 2008, Cardinal Cláudio Hummes, head of…", "Prof V.I
    Subrahmaniom"): the title written as titles are (``TITLES``; "MS Visio", "PA" are a company's or a state's
    letters), a dot after it only where the title is short for a word ("Col. Sanders"; in "elected Governor. Wasilla
    residents…" it ends a sentence), then up to three capitalised words or initials, one space apart, ending in a word
    and before no other capitalised word, none an English word (``_titled_word``), the last no big place, people or
    language ("Dr Pepper", "President Elect", "Bishop of Uppsala" name no one so)."""
    out = []
    for tok in doc[:-1]:
        if tok.i in taken or tok.lower_ not in TITLES or not tok.is_title:
            continue
        dotted = doc[tok.i + 1].text == "." and not tok.whitespace_
        if dotted and f"{tok.lower_}." not in TITLES:
            continue
        first = tok.i + 1 + dotted
        end = first
        while end < len(doc) and end - first <= _TITLED_WORDS and doc[end - 1].whitespace_ == " ":
            word = doc[end]
            if not (word.is_title or _NAME_INITIAL.fullmatch(word.text)) or end in taken:
                break
            end += 1
        if end == first or end - first > _TITLED_WORDS or not all(_titled_word(t) for t in doc[first:end]):
            continue
        last = doc[end - 1].text
        if _NAME_INITIAL.fullmatch(last) or gazetteer().major(last) or people(last) or language(last):
            continue
        out.append(doc.span(tok.i, end))
    return out


def _titled_word(tok) -> bool:
    """A word a name after a title may hold: an initial, a given name of the lists, or a word no list knows as
    English's, a title's or a head's, a noun only where the lists hold it as a surname ("Pepper" of "Dr Pepper" is
    written in lower case, "Moneybags" of "Ms. Moneybags" is a noun and no surname)."""
    if _NAME_INITIAL.fullmatch(tok.text):
        return True
    low = tok.lower_
    if not tok.is_alpha or tok.is_stop or low in TITLES or low in ORG_WORDS or low in PLACE_WORDS:
        return False
    word = tok.text
    if kind(word) is Kind.COMMON:
        return False
    if first_name(word):
        return True  # "Dr Grant"
    return not lower_case_word(word) and (not common_noun(word) or bool(surname(word)))


def _referred_to(doc, mentions: list[Mention]) -> None:
    """A name that "the" and a noun of its kind refer back to, no name between and no title after the noun: "read up a
    bit about the AK, if I were you. You may not realize, but the organization included Jewish fighters" (a body, though
    in capitals nothing defines), "Fargo claims to be a true story... That's a joke, in both the film and the TV series"
    (a work, where the model reads no person's or place's name and no country, region or big city is so called: a
    town's name alone is no evidence of a place there)."""
    if not mentions:
        return  # no name to refer back to, so the post's words are not looked at one by one
    low = doc.text.lower()
    if not any(noun in low for noun in _REFERRING_NOUNS):
        return  # most posts: no noun to refer back with (a word's lower case is in its text's, ASCII as these are)
    starts = [m.start for m in mentions]
    for tok in doc[1:-1]:
        body, work = tok.lower_ in _BODY_NOUNS, tok.lower_ in _REFERRING_WORKS
        if not (body or work) or doc[tok.i - 1].lower_ != "the" or doc[tok.i + 1].is_title:
            continue
        before = [m for m, start in zip(mentions, starts, strict=True) if start < tok.idx]
        if not before or len(doc.text[before[-1].end : tok.idx].split()) > _REFERRING_REACH:
            continue
        named = before[-1]
        if body and named.shouted and named.article and named.model == "ORG":
            named.shouted = False
            named.vote(schema.ORGANIZATION, 1.5, f"'the {tok.lower_}' after it refers to it")
        elif work and named.model not in _NAMED_LABELS and not named.cue and not gazetteer().major(named.key):
            # "the" before a name the model reads as a body's is how bodies are named, not works: "a book, "Early
            # Baseball Cards from the Library of Congress." The book includes…" refers to the title, not the body
            named.work = named.work or not (named.article and named.model == "ORG")


_IS_A_BODY = re.compile(
    r"\s+(?:is|was|are|were)\s+(?:such\s+)?(?:a|an)\s+(?:[a-z]+\s+){0,2}(" + "|".join(sorted(_BODY_NOUNS)) + r")\b"
)


# a noun for bodies just after a name "the" stands before: "told the AFP news agency", "the UNION newspaper"
_BODY_AFTER = re.compile(r"\s+(?:[a-z]+\s+)?(" + "|".join(sorted(_BODY_NOUNS | {"newspaper", "daily"})) + r")\b")


def _said_to_be_bodies(mentions: list[Mention], text: str) -> None:
    """A name the model reads as a body's that the sentence calls one ("HRC is such a dogshit organization") or that
    "the" and a noun for bodies frame ("the AFP news agency"): a body, though in capitals nothing defines."""
    for mention in mentions:
        if mention.model != "ORG":
            continue
        said = _IS_A_BODY.match(text, mention.end)
        framed = mention.article and _BODY_AFTER.match(text, mention.end)
        if said:
            mention.shouted = False
            mention.vote(schema.ORGANIZATION, 1.5, f"called a{'n' if said[1][0] in 'aeiou' else ''} {said[1]}")
        elif framed:
            mention.shouted = False
            mention.vote(schema.ORGANIZATION, 1.5, f"'the' before it and '{framed[1]}' after it")


# a trade in a company's shares written in lower case before or after its ticker ("bought 5 shares in GME", "buying of
# GME", "GME stock", "100 shares GME @ $30"), or the cashtag's dollar glued to it ("$GME"); the prose's own words, so a
# line shouted whole ("BUY THE DIP") frames nothing, nor a noun before it ("wealthy on stock IPO's")
_TRADED_BEFORE = re.compile(
    r"(?:\$|\b(?:shares?|stocks?)\s+(?:of|in)\s+"
    r"|\b(?:buy|buys|buying|bought|sell|sells|selling|sold|holding)\s+(?:(?:of|some|more)\s+)?)$"
)
_TRADED_AFTER = re.compile(r"\s+(?:shares?|stocks?)\b|\s*@\s*\$")
_SHORT_CAPITALS = re.compile(r"[A-Z]{2,5}")  # a ticker's letters, or a body's ("GME", "LNP")
# characters before a ticker in which its trade's words are looked for
_TRADED_REACH = 24


def _capitals_of_a_body(mention: Mention) -> bool:
    """Capitals read as shouting, short as a ticker's or a body's letters, no English word ("first stocks EVER") nor
    internet register ("buying BS"): what the prose around them may show a body's."""
    key = mention.key
    return mention.shouted and bool(_SHORT_CAPITALS.fullmatch(key)) and not slang(key) and kind(key) is not Kind.COMMON


def _traded(mentions: list[Mention], text: str) -> None:
    """Capitals nothing defines whose shares the sentence trades ("People are buying GME", "bought 5 shares in GME"):
    a listed company's ticker, no shouting."""
    for mention in mentions:
        if not _capitals_of_a_body(mention):
            continue
        before = _TRADED_BEFORE.search(text, max(0, mention.start - _TRADED_REACH), mention.start)
        after = _TRADED_AFTER.match(text, mention.end)
        if before or after:
            cue = (before or after)[0].strip()
            mention.shouted = False
            mention.vote(schema.ORGANIZATION, 1.5, f"'{cue}' {'before' if before else 'after'} it: a traded ticker")


# a verb of will, speech or thought after a name, in the present ("The LNP need to reinstate", "How can the paper
# believe that"), which a thing or a code is not said to do; past forms that read as participles too ("the TLC
# needed") are left out, "said" (no thing is "said" after its name) is not
_ACTS = re.compile(
    r"\s+(?:(?:just|also|never|always|still|really|clearly|now|successfully)\s+)?"
    r"(?:needs?|wants?|believes?|says?|said|claims?|thinks?|knows?|decides?|refuses?|promises?|plans|threatens?|"
    r"insists?|argues?|agrees?|supports?|opposes?|blames?|hates?|cares?|fights?|tries)\b"
)


def _acting(mentions: list[Mention], text: str) -> None:
    """Capitals nothing defines after "the" that will, say or think ("The LNP need to reinstate Job Keeper"): a body
    acting, as people without "the" do; no shouting."""
    for mention in mentions:
        if not (mention.article and _capitals_of_a_body(mention)):
            continue
        if acts := _ACTS.match(text, mention.end):
            mention.shouted = False
            mention.vote(
                schema.ORGANIZATION, 1.5, f"'the' before it and '{acts[0].split()[-1]}' after it: a body acting"
            )


# a strike called or held after a name ("NARD is going on strike indefinitely", "ASUU has been on strike since",
# "NUT embarked on a warning strike"): what a union or an association does, never a person or a thing alone
_ON_STRIKE = re.compile(
    r"\s+(?:(?:is|are|was|were|has|have|had|will|to)\s+)?(?:(?:be|been|go|goes|going|gone|went|embark|embarks|"
    r"embarked|embarking)\s+)?on\s+(?:an?\s+)?(?:(?:indefinite|nationwide|warning|total)\s+)?strike\b"
)


def _striking(mentions: list[Mention], text: str) -> None:
    """Capitals nothing defines that go on strike ("NARD is going on strike"): a union's or an association's letters,
    no shouting; a given name so shouted is a person's ("JOHN is on strike too")."""
    for mention in mentions:
        if not _capitals_of_a_body(mention) or first_name(mention.key.capitalize()):
            continue
        if _ON_STRIKE.match(text, mention.end):
            mention.shouted = False
            mention.vote(schema.ORGANIZATION, 1.5, "on strike after it: a union's or an association's letters")


# a noun for someone who holds a post in a body or plays for it, right after its name ("former MLB pitcher", "a UN
# official"); nouns of a trade or a use ("developers", "users", "holder", "welder") are left out, as a technology's
# acronym stands before them as often ("SQL developers", "CCW permit holder", "MIG welder"), and so are nouns a device
# or a program is called as well ("SSH agent forwarding", "DVD players", "TV executives")
_POST_AFTER = re.compile(
    r"\s+(?:pitchers?|catchers?|coach(?:es)?|umpires?|referees?|officials?|spokes(?:man|men|woman|women|person)"
    r"|chairm[ae]n|chairwom[ae]n|commissioners?|employees?|staffers?|officers?)\b"
)


def _staffed(mentions: list[Mention], text: str) -> None:
    """Capitals nothing defines before a noun for someone who holds a post in a body or plays for it ("We welcome
    former MLB pitcher Dean Kiekhefer"): that body's acronym, no shouting."""
    for mention in mentions:
        if not _capitals_of_a_body(mention):
            continue
        if post := _POST_AFTER.match(text, mention.end):
            mention.shouted = False
            mention.vote(schema.ORGANIZATION, 1.5, f"'{post[0].strip()}' after it: a post in a body")


# countries said to be in or of what "the" names ("the wealthiest countries in the OECD", "member states of the EU"):
# a body of states; a unit or a room one is "in the" ("in the ED", "in the XP era") has no countries before it
_STATES_IN = re.compile(r"\b(?:countries|nations|states|economies)\s+(?:in|of)\s+the\s+$")
# characters before capitals in which countries are looked for
_STATES_REACH = 32


def _of_states(mentions: list[Mention], text: str) -> None:
    """Capitals nothing defines that countries are said to be in or of ("one of the wealthiest countries in the
    OECD"): a body whose members are states, no shouting. An everyday word of English is a part of the world they are
    in ("the richest countries in the WEST"), however it is written, as a body's letters are not (EU 4.6, west 5.3)."""
    for mention in mentions:
        if not (mention.article and _capitals_of_a_body(mention)) or zipf(mention.key.lower(), "en") >= _OPENER_ZIPF:
            continue
        if _STATES_IN.search(text, max(0, mention.start - _STATES_REACH), mention.start):
            mention.shouted = False
            mention.vote(schema.ORGANIZATION, 1.5, "countries said to be in or of it: a body of states")


_BESIDE_AFTER = re.compile(r"\s*(?:,|&|/|\band\b|\bor\b|\bnor\b)\s*([A-Z][A-Za-z.]*[A-Za-z])")
_BESIDE_BEFORE = re.compile(r"([A-Z][A-Za-z.]*[A-Za-z])(?:\s+[a-z]+)?\s*(?:,|&|/|\band\b|\bor\b|\bnor\b)\s*$")


def _listed_with_bodies(mentions: list[Mention], text: str, defined: Set[str]) -> None:
    """Capitals nothing defines listed beside a body's acronym that is known, defined in the thread or framed as a
    body's ("neither pro PDP nor APC", "the UNION newspaper & NTA"): a body of the same kind, not shouting."""
    shouted = [m for m in mentions if m.shouted and " " not in m.key]
    if not shouted:
        return  # most posts: no capitals to judge
    # the bodies' acronyms of the post; the defined and the known ones are asked apart, not copied into one set a post
    bodies = {m.key for m in mentions if not m.shouted and m.votes.get(schema.ORGANIZATION, 0.0) > 0.0}
    bodies = {key for key in bodies if key.isupper()}
    for mention in shouted:
        after = _BESIDE_AFTER.match(text, mention.end)
        before = _BESIDE_BEFORE.search(text, max(0, mention.start - 40), mention.start)
        named = (m[1] for m in (after, before) if m)
        beside = [name for name in named if name in bodies or name in defined or name in ORG_ACRONYMS]
        if beside:
            mention.shouted = False
            mention.vote(schema.ORGANIZATION, 1.5, f"listed beside the body '{beside[0]}'")


def find_mentions(
    doc, lower: set[str], defined: set[str], exclude: list[tuple[int, int]], sites: Set[str] = frozenset()
) -> list[Mention]:
    """Cleaned entity mentions of one parsed post; spans overlapping ``exclude`` (participant names) are skipped.
    ``sites`` are the names of sites linked to (see ``site_names``)."""

    def excluded(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in exclude)

    out: list[Mention] = []
    taken: set[int] = set()
    code: list[str | None] = []  # the post's first piece of code, looked for once, when a name needs it
    signed: list[int] = []  # where the post's signature marks ("-- ") end, quoted or not, found with the code

    def post_code(at: int, capitals: bool) -> str | None:
        """The post's first piece of code, but None for a word written as names are (not in ``capitals``) in a
        signature (``at``, a character of it): a mail that quotes a patch or names a function says nothing of the
        company its writer signs for ("Linux NFS client maintainer, Hammerspace"); an acronym there may be code's.
        A signature's lines are short: a long line under a "--" is prose (a heading's underline in Markdown)."""
        text = doc.text
        if not code:
            code.append(code_in(_without_links(text)))
            if code[0] is not None:
                signed.extend(m.end() for m in _SIGNATURE_MARK.finditer(text))
        k = bisect_left(signed, at)
        if not capitals and k and text.count("\n", signed[k - 1], at) <= _SIGNATURE_LINES:
            end = text.find("\n", at)
            if len(text[text.rfind("\n", 0, at) + 1 : end if end >= 0 else None].strip(" \t>")) < _FIELD_LINE:
                return None
        return code[0]

    ents = doc.ents  # made once a post: each asking makes the spans anew
    peoples = [ent.end for ent in ents if ent.label_ == "NORP"]
    people_spans = [(ent.start, ent.end) for ent in ents if ent.label_ == "NORP"]
    person_ends = {ent.end for ent in ents if ent.label_ == "PERSON"}  # where the model's people's names end
    initials = _Initials(doc.text)  # this post's, kept for its search alone: threads search others meanwhile
    # the post's words: a name that is all of them ("Janjaweieds") the model labelled with no words around it to read
    post_words = doc.text.strip(_NOT_WORDS)
    lowered = _lowered_people(doc, ents)
    named_lower = {i for span in lowered for i in range(span.start, span.end)}  # the whole name, below
    sexed = bool(_SEXED.search(doc.text))
    postal = bool(_POSTAL_SEEN.search(doc.text))  # looked for once a post, not once a name (``_postcoded``)
    teams_listed = listed_teams(doc)
    # a listed team's name of several words is the team's, whatever span the model reads around it or in it ("the
    # Golden State Warriors", read as a building; "West" of "West Ham", read as a region)
    in_full = {i for start, end, several in teams_listed if several for i in range(start, end)}
    for ent, label, said in _spans(doc, lower, ents):
        # "claiming Bannon’s salute", "minutes for Randle": a surname the model reads as a product's or a people's
        thing = label in _THING_LABELS and len(ent) == 1 and _surname_read_as_thing(ent[0].text, label)
        thing = thing and not _make_of(doc, ent.start)  # "Steinway pianos": a make's name, read as a thing
        if (label not in MODEL_LABELS and not thing) or ent.start in named_lower:
            continue
        if thing:
            label, said = "PERSON", False  # the model's label says no more than its reading of a capitalised word
        if in_full and in_full.intersection(range(ent.start, ent.end)):
            continue
        cleaned = _clean_tokens(list(ent))
        campus = label == "ORG" and _campus(cleaned)
        parts = [cleaned] if campus else _split(cleaned, label == "PERSON")
        words = len(parts) > 1 and any(_english_word(p) for p in parts)
        for at, toks in enumerate(parts):
            if words and _word_like(toks):
                continue  # "Liberal or Conservative", "Lib/Dems": listed with an English word, a word too
            if _alternative_word(doc, toks):
                continue
            toks = _clean_tokens(_cut_compound(doc, toks))
            if label == "ORG" and len(toks) > 1 and _product_of(doc, toks):
                toks = toks[:1]  # "Microsoft Cobol 4.5", "Apple AirPods": a listed company's product; the company
            if label == "PERSON" and _opener(doc, toks):
                toks = toks[1:]  # "Let Abromowich return his money": the sentence's first word, not the name's
            if label == "PERSON" and _surname_left(doc, toks):
                toks = [*toks, doc[toks[-1].i + 1]]  # "We have lost Sri Achyutanand Dash.": the name ends in "Dash"
            inner = _title_inside(toks)
            if inner:
                toks = toks[inner:]  # "the Salvadoran Archbishop Óscar Romero": the title and the name it opens
            region = label in ("GPE", "LOC") and _region(doc, toks)
            if region:
                toks = [doc[toks[0].i - 1], *toks]  # "out of central America": the region, not the United States
            feature = label == "NORP" and _feature_after(doc, toks)
            if feature:
                toks = [*toks, doc[toks[-1].i + 1]]  # "the Iberian peninsula": the place the people's adjective names
            dashed = False
            if toks and label in ("FAC", "LOC", "GPE"):
                toks = _of_the_place(toks)  # "the City Halls of Donetsk": Donetsk; "the City Halls": none
                toks = _owned_unmarked(toks)  # "Mays Britain": Britain
                # "from Aso-rock": the rock, not the town; "Saint-Jean-sur-Richelieu", not "Saint-Jean"
                glued = _particle_joined(doc, _dashed_feature(doc, toks))
                toks, dashed = glued, len(glued) > len(toks)
            if not toks or _group_modifier(doc, toks):
                continue
            if label == "PERSON" and any(t.lower_ in _PRONOUNS for t in toks):
                continue  # "going with JP I. You can go": the model ran a name into the next sentence's subject
            after = doc[toks[-1].i + 1].lower_ if toks[-1].i + 1 < len(doc) else ""
            led = len(toks) == 2 and _led_by(toks[1]) or len(toks) == 1 and after in _LEADER_OF
            leader = led and _leader(toks[0].text)
            if leader:
                toks = toks[:1]  # "the Trump administration": the person it is named after
            chain = label in ("ORG", "PERSON") and _chain(doc, toks, label)
            if chain:
                toks = [*toks, doc[toks[-1].i + 1]]  # "a Wendy's": the shop's name keeps its "'s"
            founded = len(parts) == 1 and label in ("ORG", "PERSON") and _founded(doc, toks, label)
            if founded:
                # "The Clinton foundation": the body, not its namesake the model read
                toks, label, said = [*toks, doc[toks[-1].i + 1]], "ORG", False
            owned = _owned_place(doc, toks)
            if owned:
                toks, said = doc[toks[0].i : owned + 1], False  # the model's label was the owner's
            first = toks[0].i
            # take a title just before the span into the surface form ("Mr. Lavrov")
            titled = first > 0 and doc[first - 1].lower_ in HONORIFICS and doc[first - 1].text[:1].isupper()
            titled = titled and not (label in ("GPE", "LOC") and doc[first - 1].is_upper)  # "DR Congo": a republic's
            untitled = _untitled_by(doc, first - 1 if titled else first, toks[-1].i + 1)
            titled = titled and not untitled
            first -= titled
            span = doc.span(first, toks[-1].i + 1)
            key, core = _key(list(span))
            key = region or key.strip(_GLUED).replace(" 's", "'s").replace(" ’s", "’s")
            role = first > 0 and doc[first - 1].lower_ in ROLES or _apposed_role(doc, toks[-1].i + 1)
            role = role or len(toks) > 1 and not titled and _role_apposed(doc, first, toks[-1].i + 1)
            titled = titled or leader or role or len(core) < len(span) and not untitled
            key = _body_plural(key) or key  # "CNNs lead pollster": CNN's
            if _serves(doc, core) or _served(doc, core, person_ends):
                defined = defined | {key}
            if not (region or _keep(key, core, lower, label, defined, sites)) or _epithet(span, core):
                continue
            if label == "PERSON" and len(core) == 1 and _typed_with(doc, core[0]):
                continue
            if _post(core) or _post_cut(doc, core) or _doer_described(doc, core) or _subject_studied(doc, core):
                continue
            if _exclamation(doc, span) or _salutation(doc, span) or _half(doc, core) or _postscript(doc, span):
                continue
            if _client_signature(doc, span):
                continue
            if key.rstrip(".").lower() in GENERATIONS:
                continue  # "Sammy Davis, Jr.": the name's suffix after its comma, read alone, is no one's name
            if _edition(doc, core):
                continue  # "the Enterprise Edition", "Enterprise version 4.0": a product's edition, no name
            if len(core) == 1 and passed_on(doc.text, core[0].idx):
                continue  # "RT @MichaelSkolnik: ...": a tweet passed on, the mark no broadcaster
            if len(core) == 1 and _cited_abbreviation(doc, core[0]):
                continue  # "poems, Vol. I", "Ghatage, Ed.": a reference's abbreviation, no name
            if not chain and _kind_of(doc, core):
                continue
            if _people_adjective(doc, core) or _book_cited(doc, core) or _suspended(doc, core) or _date(doc, core):
                continue
            if _owned_title(doc, core):
                continue
            if _law(doc, core) or _doctrine(core) or _scripture(doc, core):
                continue
            if _event_named(doc, core, label) or _titled_of(core, label):
                continue  # "the Trinity Test", "the Travails of Cybersecurity": a happening's or a work's name
            if _state_before_its_name(doc, core):
                continue  # "the Great State of Ohio", read as "the Great State" and "Ohio": the state's epithet
            ruling = label == "NORP" and _ruling(doc, core)
            if label == "NORP" and not gazetteer().major(key) and not ruling and not feature and not _region_read(key):
                continue  # a people's name ("Kazakh") or a word the model takes for one ("Laplace transforms")
            if people(key) or label in ("ORG", "GPE", "LOC") and _set_against_people(doc, core, peoples):
                continue  # "Hausa", "Yoruba" read as a body or a place: a people, which the schema has no label for
            if label in ("ORG", "GPE", "LOC") and _listed_with_people(doc, core, people_spans):
                continue  # "white, Latino and Asian males": a people's adjective, listed with one before their noun
            if language(key) or _language_named(doc, core, key):
                continue  # "concordance with Sanskrit" read as a body: a language, which the schema has no label for
            initial = _sentence_initial(doc, span.start)
            if initial and not first_name(core[0].text) and _vowel_slip(core[-1].text):
                continue  # "Grammer helps..": an English word misspelt, capitalised as a sentence opens
            sibling = label == "ORG" and len(core) == 1 and _sibling_site(key, sites)
            if not sibling and _technical(key, core, doc, post_code, lower, initial, titled, defined, sites):
                continue
            if _spelt_out(initials, key, defined):
                continue
            if key in ACRONYMS_IN_CONTEXT and not _known_acronym(doc, key, core[0].i, core[-1].i):
                continue  # "FB coaches": a common abbreviation (a fullback) where no word around it says the body
            # dashes glued to the name: "--George W. Bush", "Mitt Romney- labeling him"
            surface = span.text.lstrip(_GLUED).rstrip(_GLUED)
            start = span.start_char + len(span.text) - len(span.text.lstrip(_GLUED))
            end = start + len(surface)
            if excluded(start, end):
                continue
            if start and doc.text[start - 1] == "#":
                said = False  # "… vigilantes. #Ferguson": a hashtag, outside the sentence the model reads it in
            mention = Mention(start, end, surface, key, model=label if said else None, initial=initial)
            if sexed and len(core) == 1:
                mention.sex = _said_sex(doc, span.end)
            known = key in ORG_ACRONYMS or key in defined or key.lower() in sites or gazetteer().place(key)
            state = len(core) == 1 and gazetteer().state_code(key)
            abroad = len(core) == 1 and first > 1 and _abroad(doc, first - 2)
            if abroad:
                known = mention.key = abroad  # "Bogota, CO": Colombia, the country of the city before it
            elif state and (key == _CAPITAL and label in ("GPE", "LOC") or first > 1 and _coded_town(doc, first - 2)):
                known = mention.key = state  # "Anchorage, AK.": Alaska, one place with the state written out
            elif not known and key.isupper() and gazetteer().major(key.title()):
                known = mention.key = key.title()  # "THE SCANDAL IN NEW YORK": a country or big city, shouted
            # "JPI called for equality": initials and a regnal number, as popes and kings are called, no shouting
            ruler = label == "PERSON" and bool(_RULER_INITIALS.fullmatch(key))
            shouted = not (known or ruler or _abbreviated_place(doc, span, label)) and _shouted(key, core)
            mention.shouted = shouted and not _shouted_body(core)
            # a word the thread writes in lower case too is judged by the thread; a famous place the model reads is
            # that place in lower case ("storm the capitol"), and lower case is all "obama" has; a small town's name
            # is no more known than the word it is ("Police", a town in Poland, where the thread writes "police")
            in_lower = key.lower() in lower and not key.islower() and not _famous_place(key, label)
            known_name = known and not gazetteer().town(mention.key)
            # a given name of the lists the model reads as a person's inside a sentence, that English seldom types in
            # lower case ("the outbreak which Gladys got under control", where the thread writes "gladys" too): the
            # name typed without its capital elsewhere, where "mark" or "heather" typed so is a word; a line's first
            # word is capitalised whatever it is ("Donald tees <…> wrote", where a participant signs "donald tees")
            typed_name = said and label == "PERSON" and not initial and first_name(key)
            typed_name = typed_name and seldom_lower(key)
            mention.lowered = not (known_name or typed_name) and len(core) == 1 and in_lower
            # "AS Roma": no "as"; "Aso-rock": a place glued to its feature
            mention.everyday = not (campus or dashed) and _everyday_phrase(mention.key, core, lower, label)
            if mention.everyday and (_chanted(doc.text, start, end) or _everyday_of(core)):
                continue
            site = mention.everyday and _initials_site(doc.text, core)
            if site:
                mention.everyday = False  # "from National Public Radio, this article, npr.org/…": the body's site
            mention.work = _work_title(doc, span, label)
            model = None if leader or not said else label
            _votes(mention, doc, core, titled, model, sites, lower, postal)
            if untitled:
                mention.vote(schema.PERSON, _NO_ONE_VOTE, f"'{untitled}' before it, a name's own word, no title")
            if mention.everyday and _placed_by_model(mention) and not _everyday(core[-1]):
                mention.everyday = False  # "a spy at Los Alamos": an everyday word, but the model's place after "at"
            team = not (model == "PERSON" and not gazetteer().place(key)) and _team_cue(doc, span.start, span.end)
            if team and mention.key not in gazetteer().countries:
                mention.vote(schema.ORGANIZATION, _TEAM_VOTE, f"'{team}' around it, a team's name")
                mention.team = True
                mention.loose = team.lower() in _LOOSE_TEAM_CUES
            elif teams_short_for(key):
                # "win Villa", read as a place: a listed team's short name, the team's in a thread of teams
                mention.team = mention.loose = mention.listed = True
            if ruler:
                mention.vote(schema.PERSON, 2.0, "initials and a regnal number, as popes and kings are called")
            if thing:
                mention.vote(
                    schema.PERSON, _BODY_SURNAME_VOTE, "a surname of the name lists the model reads as a thing"
                )
                mention.surnamed = True
            if site:
                mention.vote(schema.ORGANIZATION, 2.0, f"its initials the name of a site the post names ('{site}')")
            if sibling:
                mention.vote(schema.ORGANIZATION, 2.0, f"a CamelCase name ending as the thread's site '{sibling}'")
                mention.cue = True
            if model and span.text == post_words:
                mention.vote(MODEL_LABELS[model], -1.0, "the whole post, which the model read with no words around it")
            if model in ("GPE", "LOC") and _with_someone(doc, core, key):
                mention.vote(schema.PLACE, -1.0, "'with' before one word no gazetteer knows: company kept, not a place")
            if owned:
                mention.vote(schema.PLACE, 1.5, f"'{doc[_previous(doc, first)].lower_}' before an owner's name")
            if ruling:
                mention.vote(schema.ORGANIZATION, 1.5, "'under the' before a group's name, a ruling party or body")
            if founded:
                why = f"'the' before it and '{founded}' after it in lower case, a body named after someone"
                mention.vote(schema.ORGANIZATION, 2.0, why)
                mention.cue = True
            if chain:
                mention.vote(schema.ORGANIZATION, 3.0, f"'{chain}' before a name with its 's, a shop named so")
                mention.cue = True  # the words around it say what it names, however rare the name ("an Arby's")
            nxt = toks[-1].i + 1
            home = len(parts) > 1 and nxt < ent.end and gazetteer().place(key)
            if home and _region_of(doc[nxt].text, home):
                why = f"the region '{doc[nxt].text}' after it in one name, the place it is in"
                mention.vote(schema.PLACE, 2.0, why)  # "Austin Texas 78759": the town, however people are named
            town = " ".join(t.text for t in parts[at - 1]) if at and parts[at - 1][-1].i + 1 == toks[0].i else ""
            home = town and gazetteer().place(town)
            if home and _region_of(key, home):
                why = f"after the town '{town}' in one name, the region it is in"
                mention.vote(schema.PLACE, 2.0, why)  # "Calicut Kerala 673 017": the region, however the model reads it
            if region and not gazetteer().place(region):
                why = f"'{core[0].lower_}' before the continent '{core[-1].text}', its region"
                mention.vote(schema.PLACE, 2.0, why)
            out.append(mention)
            taken.update(range(span.start, span.end))
    kinds = _kinds_listed(doc)
    if kinds:
        listed_as = {(span.start_char, span.end_char): why for span, why in kinds}
        for mention in out:
            if why := listed_as.get((mention.start, mention.end)):
                mention.vote(schema.ORGANIZATION, 2.0, why)
    # names the model missed or read in lower case that the words around them mark: (span, key, label, weight, why);
    # "M.Foot" is keyed "M. Foot", as an initial and a surname are
    paper = "a newspaper's name ('The' and its head, or 'Daily' and a name) inside a sentence"
    marked = [
        (doc.span(t.i, t.i + 1), t.text.replace(".", ". ", 1), schema.PERSON, 3.0, "an initial glued to a surname")
        for t in _initialled(doc, taken)
    ]
    marked += [
        (doc.span(t.i, t.i + 1), t.text, schema.PERSON, 2.0, "cited for its words ('as … said')")
        for t in _cited(doc, taken)
    ]
    marked += [
        (span, _key(list(span))[0], schema.PERSON, 2.0, f"the title '{span[0].text}' before it")
        for span in _titled_untagged(doc, taken)
    ]
    marked += [
        (doc.span(t.i, t.i + 1), t.text, schema.ORGANIZATION, 2.0, f"set beside '{noun}'")
        for t, noun in _apposed_bodies(doc, taken)
    ]
    marked += [(span, span.text, schema.ORGANIZATION, 2.0, paper) for span in _untagged_papers(doc, taken)]
    marked += [
        (span, _capitalised(span.text) if span.text.islower() else span.text, schema.ORGANIZATION, 2.0, why)
        for span, why in kinds
    ]
    marked += [
        (doc.span(t.i, t.i + 1), t.text, schema.ORGANIZATION, 2.0, f"listed beside the listed company '{name}'")
        for t, name in _untagged_beside_companies(doc, taken)
    ]
    marked += [
        (doc.span(t.i, t.i + 1), t.text, schema.ORGANIZATION, _PLATFORM_VOTE, company(t.text))
        for t in _untagged_platforms(doc, taken)
    ]
    marked += [
        (doc.span(t.i, t.i + 1), t.text.capitalize(), schema.PERSON, 2.0, "a word no English uses, listed among people")
        for t in _listed_among_people(doc, lowered, taken, ents)
    ]
    marked += [
        (span, span.text, schema.ORGANIZATION, 2.0, "'the' and a noun for papers around it")
        for span in _framed_papers(doc, taken)
    ]
    marked += [(doc.span(t.i, t.i + 1), t.text, schema.PLACE, 2.0, why) for t, why in _towns_named(doc, taken)]
    stated = "a country's region before 'state'"
    marked += [(span, f"{span[0].text} State", schema.PLACE, 3.0, stated) for span in _states_named(doc, taken)]
    trailer = "named before an address in a patch's trailer or a mail's header ('Cc: … <…>')"
    marked += [(span, span.text, schema.PERSON, 2.0, trailer) for span in _trailer_names(doc, taken)]
    own = "its own web address in brackets right after it, as a company's or a site's"
    marked += [(doc.span(t.i, t.i + 1), t.text, schema.ORGANIZATION, 2.0, own) for t in _self_addressed(doc, taken)]
    address = "named by its web address, as start-ups are"
    marked += [(doc.span(t.i, t.i + 1), t.text, schema.ORGANIZATION, 2.0, address) for t in _address_names(doc, taken)]
    emphasis = "a country's region set apart by markdown's emphasis ('**England**')"
    marked += [(doc.span(t.i, t.i + 1), t.text, schema.PLACE, 2.0, emphasis) for t in _emphasised_regions(doc, taken)]
    coded = "a comma and a US state's postal code after it, an address's town"
    marked += [(span, span.text, schema.PLACE, 2.0, coded) for span in _coded_towns(doc, taken)]
    postcoded = "a postal code after it at its line's end, an address's town"
    marked += [
        (doc.span(t.i, t.i + 1), t.text, schema.PLACE, 2.0, postcoded) for t in _postcoded_towns(doc, taken, postal)
    ]
    team = "'play for' before it, a team's name"
    marked += [(span, span.text, schema.ORGANIZATION, 2.0, team) for span in _teams_played_for(doc, taken)]
    item = "heads an item of a numbered list the model reads people heading"
    marked += [(span, _key(list(span))[0], schema.PERSON, 2.0, item) for span in _item_heads(doc, taken)]
    marked += [
        (span, span.text.title(), schema.PERSON, 2.0, "a given name and a surname of the name lists, in lower case")
        for span in lowered
    ]
    marked += [
        (
            span,
            _capitalised(span.text),
            schema.PLACE,
            2.0,
            "a country's or a region's name the model reads in lower case",
        )
        for span in _lowered_places(doc, taken, ents)
    ]
    worded = "gazetteer: a place's name of several words, which the model missed"
    marked += [
        (span, span.text, schema.PLACE, gazetteer().weight(span.text), worded)
        for span in _untagged_regions(doc, taken, ents)
    ]
    sites_named = _network_sites(doc, taken)
    site = "a site of a network: its short name and the network's acronym joined ('cs.SE')"
    marked += [(span, span.text, schema.ORGANIZATION, 2.0, site) for span in sites_named]
    site_bounds = {(span.start, span.end) for span in sites_named}
    for span, key, label, weight, why in marked:
        if taken.intersection(range(span.start, span.end)) or excluded(span.start_char, span.end_char):
            continue
        initial = _sentence_initial(doc, span.start)
        mention = Mention(span.start_char, span.end_char, span.text, key, initial=initial, cue=True)
        mention.site = (span.start, span.end) in site_bounds
        mention.vote(label, weight, why)
        out.append(mention)
        taken.update(range(span.start, span.end))
    named = [ent for ent in ents if ent.label_ in MODEL_LABELS]  # not "for the Magic", read as a PRODUCT
    for start, end, why in untagged_teams(doc, taken | in_full, named):  # a listed name of several words is below
        span, initial = doc.span(start, end), _sentence_initial(doc, start)
        if excluded(span.start_char, span.end_char) or end - start == 1 and span[0].lower_ in _UNTEAMED:
            continue  # "against the League", "plays for the Queen": a body's head or a title alone, no team's name
        if end - start == 1 and initial and why in AFTER:
            continue  # "Football fans", "Video games": before a frame, a sentence's first word is capitalised whatever
        mention = Mention(span.start_char, span.end_char, span.text, span.text, initial=initial)
        mention.article = start > 0 and doc[start - 1].lower_ == "the"
        mention.team = mention.team_only = True
        mention.loose = why in _FANDOM_CUES
        mention.vote(schema.ORGANIZATION, _TEAM_VOTE, f"'{why}' around it, a team's name the model missed")
        out.append(mention)
        taken.update(range(start, end))
    for start, end, several in teams_listed:
        span = doc.span(start, end)
        if taken.intersection(range(start, end)) or excluded(span.start_char, span.end_char):
            continue  # a short name the model read and a rule kept: the words around it and its thread judge it
        mention = Mention(span.start_char, span.end_char, span.text, span.text, initial=_sentence_initial(doc, start))
        mention.article = start > 0 and doc[start - 1].lower_ == "the"
        # a short name alone ("Warriors", "Villa") is a team's only where its thread names three teams by other words
        mention.team, mention.team_only, mention.loose = True, not several, not several
        why = "a listed team's name of several words" if several else "a listed team's short name"
        mention.vote(schema.ORGANIZATION, _LISTED_TEAM_VOTE if several else _TEAM_VOTE, why)
        out.append(mention)
        taken.update(range(start, end))
    for tok in _handles(doc, taken):
        if not excluded(tok.idx, tok.idx + len(tok)):
            out.append(Mention(tok.idx, tok.idx + len(tok), tok.text, tok.text[1:], addressed=True))
            taken.add(tok.i)
    acronyms = _acronym_tokens(doc, taken, lower, defined, sites, initials, person_ends)
    places = _shouted_places(doc, taken | {tok.i for tok, _ in acronyms}) + _untagged_countries(doc, taken, lower)
    places += _placed_untagged(doc, taken | {tok.i for tok, _ in places}, lower)
    for tok, key in acronyms + places:
        if excluded(tok.idx, tok.idx + len(tok)):
            continue
        mention = Mention(tok.idx, tok.idx + len(tok), tok.text, key, initial=_sentence_initial(doc, tok.i))
        mention.site = "." + key.lower() in sites  # "SE" where "cs.SE" is written: the network, no country's code
        if mention.site:
            mention.vote(schema.ORGANIZATION, 2.0, f"the network of the sites named '….{key}'")
        _votes(mention, doc, [tok], False, None, sites, lower, postal)
        out.append(mention)
    out.sort(key=lambda m: m.start)
    products = _linked_products(doc.text)
    for mention in out:
        url = products.get(mention.key.lower()) if " " not in mention.key else None
        if url:
            for label in (schema.PERSON, schema.PLACE, schema.ORGANIZATION):
                mention.vote(label, _PRODUCT_VOTE, f"linked as a product ({url})")
    _referred_to(doc, out)
    _said_to_be_bodies(out, doc.text)
    _traded(out, doc.text)
    _acting(out, doc.text)
    _striking(out, doc.text)
    _staffed(out, doc.text)
    _of_states(out, doc.text)
    _listed_with_bodies(out, doc.text, defined)
    _listed_with_kinds(out, doc.text)
    _listed_among_software(out, doc.text)
    _listed_beside_product_names(out, doc)
    _ends_in_a_common_word(out)
    _lines_alike(out, doc.text)
    out = _job_header(out, doc.text)
    for mention in out:
        # no title, head, list or gazetteer voted, and no words around it as heavily as a name's evidence: the model
        # alone ("ran away to Saakala", where "to" is a weak vote for a place, names no place the lists know)
        if mention.backed < _TERM_BACKING:
            mention.term = _term(mention.key)
        if mention.model in _LOWERED_LABELS and _model_all_for_it(mention) and _named_after_someone(mention.key):
            mention.everyday = True  # "take home all the Oscars": a name only if written so again
    out += _lone_words(doc, out, lower, excluded)
    typed = _typed_lower(doc, out, excluded)
    if (out or typed) and _in_another_language(doc, ents):
        # English's word list judged the lower-case words: another language's words are its own ("rio", a river
        # in Portuguese, "roma"), no name typed without its capital
        for mention in out:
            mention.foreign = not (mention.addressed or _known(mention.key, defined, sites))
        return out
    return out + typed


# the model's labels of a word no surname is: "Thu" of a mail's date, "Sixty"
_NO_SURNAME = frozenset("DATE TIME MONEY PERCENT QUANTITY CARDINAL ORDINAL".split())


def _lone_words(doc, found: list[Mention], lower: Set[str], excluded: Callable[[int, int], bool]) -> list[Mention]:
    """Words written as names are (a capital, then lower case) that no mention in ``found`` holds, as a surname written
    alone is where the model misses it ("Damon was excellent", of Matt Damon): each a mention naming someone only where
    its thread names one person in full with that surname (``Mention.surname_only``, judged in ``aliases``). None is
    an everyday word (English's own, or an English word the thread also writes in lower case: "Brown", "brown"), a
    big place, a planet, a people or a language ("Tamil"), a listed team's short name or a listed company, a date's
    word ("Thu"), a word of a longer capitalised name ("Wall Street"), a word before a number ("Page 2"), a word
    after a determiner ("the Wagner", a card) or glued after a slash ("r/Damon", a forum), or a word English writes
    in lower case opening a sentence, where its capital says nothing ("Jobs are scarce" beside Steve Jobs)."""
    tokens = doc.tokens
    held = sorted((m.start, m.end) for m in found)
    starts = [start for start, _ in held]
    out = []
    for tok in tokens:
        text = tok.text
        if len(text) < 3 or not tok.is_title or not tok.is_alpha or tok.is_stop or tok.ent_type_ in _NO_SURNAME:
            continue
        low = tok.lower_
        if not _surname_shaped(text) or low in lower and zipf(low, "en") >= _ENGLISH_ZIPF:
            continue
        before, after = _previous(doc, tok.i), _next(doc, tok.i)
        if before >= 0 and (tokens[before].lower_ in _DETERMINERS or _capitalised_word_before(tokens[before])):
            continue
        if before >= 0 and tokens[before].text == "/" and not tokens[before].whitespace_:
            continue  # "r/Damon", "/u/Damon": a forum's or a user's name
        if after < len(tokens) and (tok.whitespace_ and tokens[after].is_title or tokens[after].like_num):
            continue  # "Damon Albarn", "Wall Street": a longer name's word; "Page 2", "Season 3"
        if _of_run(doc, tok.i, before, after):
            continue  # "King of the hill", "the Battle of Hastings": a title's or an idiom's word
        start, end = tok.idx, tok.idx + len(text)
        k = bisect_left(starts, end)
        if any(held[j][1] > start for j in range(max(0, k - 3), k)) or excluded(start, end):
            continue
        initial = _sentence_initial(doc, tok.i)
        if initial and lower_case_word(text):
            continue  # "Jobs are scarce", "Grant me this": a word English writes in lower case, capitalised to open
        if _unread_surname(text, tokens[before].lower_ if before >= 0 else "") and not _make_of(doc, tok.i):
            mention = Mention(start, end, text, text, initial=initial)
            mention.vote(schema.PERSON, _BODY_SURNAME_VOTE, "a rare surname of the name lists and no word, alone")
            mention.surnamed = True
            out.append(mention)
            continue
        out.append(Mention(start, end, text, text, initial=initial, surname_only=True))
    return out


def _unread_surname(word: str, before: str) -> bool:
    """A capitalised word alone that the model read as no name, a surname of the lists and nothing else a list or
    English knows (``_surname_read_as_thing``), written rarely (things named after someone are written often: "Pascal",
    "Parkinson's", "Faber & Faber") and after no place's preposition ("in Knickerbocker blue"): someone's ("Nets traded
    Crabbe for a first", "Clyde or Breen"), wherever the thread names no one in full with it."""
    if zipf(word.lower(), "en") >= _ENGLISH_ZIPF or before in _PLACE_PREPS or software(word):
        return False
    return _surname_read_as_thing(word, "")


# characters glued to a word that make it part of an address, a handle, a tag, a forum's name, an identifier or a file's
# ("@cavuto", "r/cavuto", "#cavuto", "cavuto_fan", "cavuto.com")
_GLUED_BEFORE = frozenset("@/#_\\.:=~")
_GLUED_AFTER = frozenset("@/_\\=~")
# a span of code in backticks
_TICKED = re.compile(r"`[^`\n]*`")


def _typed_lower(doc, found: list[Mention], excluded: Callable[[int, int], bool]) -> list[Mention]:
    """Words typed in lower case that English rarely writes so (``everyday_lower``: not "china", "trump", "heat"), of
    three letters or more, no stop word, held by no mention in ``found``: each a mention of the entity its thread names
    capitalised by that word ("cavuto" where "Cavuto" is named), or nothing (``Mention.lower_only``, judged in
    ``aliases``). None glued to an address's, a handle's, a tag's or an identifier's marks ("@cavuto", "r/cavuto",
    "cavuto.com"), inside a link, in code between backticks or alone in quotes ("'persia'", a tag's name)."""
    text = doc.text
    out = []
    held = sorted((m.start, m.end) for m in found)
    starts = [start for start, _ in held]
    apart: list[tuple[int, int]] | None = None  # the post's links, code and quoted words, found when a word needs them
    for tok in doc.tokens:
        if not tok.is_lower or not tok.is_alpha or tok.is_stop or len(tok.text) < 3 or everyday_lower(tok.text):
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        if start and text[start - 1] in _GLUED_BEFORE or end < len(text) and text[end] in _GLUED_AFTER:
            continue
        if end + 1 < len(text) and text[end] == "." and text[end + 1].isalnum():
            continue  # "cavuto.com", "cavuto.py"
        k = bisect_left(starts, end)
        if any(held[j][1] > start for j in range(max(0, k - 3), k)) or excluded(start, end):
            continue
        if apart is None:
            apart = [(link.start, link.end) for link in find_links(text)] if "http" in text or "www." in text else []
            apart += [m.span() for m in _TICKED.finditer(text)] if "`" in text else []
            apart += [m.span() for m in _MENTIONED.finditer(text)]
        if any(s < end and start < e for s, e in apart):
            continue
        out.append(Mention(start, end, tok.text, tok.text, lower_only=True))
    return out


def _of_run(doc, i: int, before: int, after: int) -> bool:
    """Whether token ``i`` (``before`` and ``after`` its neighbours' indices) is a word of a title-like "X of the Y"
    run whose head is a common noun capitalised (``common_noun``): the head, before "of the" or "of" and a capitalised
    word ("King of the hill", "Lord of the Rings", "Prince of Persia"), or the word right after "of" ("the Battle of
    Hastings"). The capitals of such a run are a title's, a rank's or an idiom's, not a surname's. A surname heads no
    run ("Damon of the Red Sox", "Warren of Massachusetts": English writes neither in lower case), nor a word before
    "of" and a word in lower case ("Damon of all people"), nor a head capitalised only to open a sentence, as English
    writes it in lower case ("Pictures of Damon")."""
    tokens = doc.tokens
    if after < len(tokens) and tokens[after].lower_ == "of":
        then = _next(doc, after)
        return (
            common_noun(tokens[i].text)
            and then < len(tokens)
            and (tokens[then].lower_ == "the" or tokens[then].is_title)
        )
    if before < 0 or tokens[before].lower_ != "of":
        return False
    head = _previous(doc, before)
    return (
        head >= 0
        and common_noun(tokens[head].text)
        and not (_sentence_initial(doc, head) and lower_case_word(tokens[head].text))
    )


@lru_cache(maxsize=_WORDS_KEPT)
def _surname_shaped(word: str) -> bool:
    """No English word of its own, big place, planet, people, language, listed team's short name or listed company: a
    surname may be it."""
    return not (
        kind(word) is Kind.COMMON
        or gazetteer().major(word)
        or word in CELESTIAL
        or people(word)
        or language(word)
        or teams_short_for(word)
        or company(word)
    )


def _region_read(key: str) -> bool:
    """A country's first-level region that the gazetteer knows by this name and no list holds as a people's or a
    language's ("Dist. Jamnagar ( Gujarat)", "the capital Tunis", which the model reads as a people's): the place, as
    a country or a city of a million people the model so reads is; no town's name, which a people's plural may spell
    ("Brits", a town of South Africa)."""
    return key in gazetteer().provinces and not (people(key) or language(key))


def _model_all_for_it(mention: Mention) -> bool:
    """The model's label is the one vote for any label, others' votes none or against ("'the' before it")."""
    label = MODEL_LABELS.get(mention.model or "")
    if not label or mention.ballots.get(label) != 1:
        return False
    return all(weight <= 0 for other, weight in mention.votes.items() if other != label)


def _named_after_someone(word: str) -> bool:
    """A given name's plural that no list holds as a name ("the Oscars"): things called after someone, no one's name."""
    return word.isalpha() and word.endswith("s") and first_name(word[:-1]) and not (first_name(word) or surname(word))


def _in_another_language(doc, ents: tuple) -> bool:
    """A post that reads as another language's: few English stop words among its words outside the model's names
    (``ents``)."""
    named = {i for ent in ents for i in range(ent.start, ent.end)}
    words = [t for t in doc if t.is_alpha and t.i not in named]
    return len(words) >= _JUDGED_WORDS and sum(t.is_stop for t in words) < _ENGLISH_SHARE * len(words)


def _listed(key: str, defined: Set[str], sites: Set[str]) -> bool:
    """A name the lists know as it is written: a place of the gazetteer, a body's acronym, a name the thread defines or
    a site it links to."""
    return bool(key in ORG_ACRONYMS or key in defined or key.lower() in sites or gazetteer().place(key))


def _known(key: str, defined: Set[str], sites: Set[str]) -> bool:
    """A listed name (``_listed``) or a famous one: "Ukraine", "Putin" in a comment in French still count."""
    return _listed(key, defined, sites) or " " not in key and _famous(key)
