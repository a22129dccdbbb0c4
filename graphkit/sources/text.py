"""Reader for a news article and its comment section copied as plain text from a web page.

Layout: an optional date line (a line that is a date, maybe after a label such as "Updated:"; a headline holding a
date is the headline), a headline, an optional byline naming the article's writer ("Posted by alice", "submitted 3
hours ago by alice", "12 points by alice", "By Alice Smith"), the article body, then comments. A comment starts at an
author line (a short line holding a user name as sites and lists show them: "Joerg van den Hoff", "Hughes, Sam", "Lacy
Moore - Aspendora", "川陀大学图书馆", "S.L.C", a name with emoji beside it, a handle such as "jay.bsky.social", a mail
address, a name before its address, a name with a nickname in quotes ('Pavel "JasnaPaka" Cvrček', 'Moritz "mo." Sauer'),
a group's name or a slogan set with capitals ("The Fixed Income", "Just Do It"), a handle with a capital after a short
lower-case start ("iStake ADA"), a site or handle after a name's dash ("Srdjan - cardano.blue", "Tom Hawtin -
tackline"), a member's number before a name, a sender a list rewrote ("Chao Yu via Linux-f2fs-devel", naming Chao Yu
as the mbox reader does); Disqus appends " ."
to some names; a bare handle, "@alice", or a user name holding dots or other marks, "s.anand", "spl!te", "R/W", or of
several words that a comment addresses, "su rm -rf /", on a page that shows its writers so) or after two blank lines
with no author line (an anonymous comment). A name line that ends a comment (a mail's sign-off) is no author line: on
a page that sets its comments apart by two blank lines, any name line after fewer; elsewhere one right above the next
author line, one after dashes ("--Anand", "~Nathan"), a first name or a name under a closing nearer the text above
than the line below, one right under a closing ("Regards,"), one above a signature or a quoted mail's header ("--",
"_____", "-----Original Message", or an "X wrote:" line right under it), a line of a signature block whose lines stand
a blank line apart (a name, a title, a company over a telephone number or an address), and the comment's author's own
name under a closing or thanks a blank line apart or above a postscript, a footnote or quoted lines ("-David" under
David Dederscheck); above other text that name is another writer's author line (a "Kelly" answering Kelly Opal). After
a surname's comma come given names ("Hughes, Sam"), not common words ("Austin, Texas"). Where the page's author lines
stand after a blank line, a name line right under a line of text is that text's (a wrapped sentence's last word, a
signature's line). Greetings and closings ("Hi", "Hi Jonas", "Regards") are no names. Paragraphs of one comment are
separated by single blank lines. Replies are not marked; extraction infers them. A question-and-answer site's page
copied from the site, which signs each post under its text, is read by ``qa_page``; a page a scraper wrote with each
post's writer on a labelled line ("Author: berrios.eth", "Posted by: …") by ``labelled``.

A file that is really code or data (a script holding a saved page, ``var data = [...];``, or
source code) is refused with one line saying what it is, rather than read as a one-comment page.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .. import attribution, schema
from ..census import first_name
from ..errors import InputError
from ..frequency import COMMON_ZIPF, zipf
from ..records import Post
from . import SNIFF_BYTES, Format, Input, formats, labelled, qa_page, register
from ._shared import PAGE_PLATFORM, ZONE, list_sender, named, page_comment

__all__ = ["FORMAT", "parse", "author_name", "not_prose"]

PLATFORM = PAGE_PLATFORM

_MONTHS = (
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july "
    "august september october november december"
).split()
_DAYS = "mon tue wed thu fri sat sun monday tuesday wednesday thursday friday saturday sunday".split()
# the words of a date: month and weekday names, numbers ("11th", "2016-12-11", "10:32", "10.32"),
# "am"/"pm", "at"/"on"/"of"/"the"
_DATE_WORD = re.compile(
    rf"^(?:{'|'.join(_MONTHS + _DAYS)}|\d{{1,4}}(?:st|nd|rd|th)?|\d{{1,4}}(?:[-/.:]\d{{1,4}}){{1,2}}"
    r"|[ap]\.?m|at|on|of|the|[-–—])$"
)
# a label before a date: "Published", "Last updated on", or a few words ending in a colon ("Datum:")
_DATE_LABEL = re.compile(
    r"^(?:(?:last\s+)?(?:published|posted|updated|modified|created|written|dated?)(?:\s+(?:on|at))?\s*:?|"
    r"[^\d\s:]+(?:\s+[^\d\s:]+){0,2}:)\s*",
    re.I,
)
_STOP = set(
    "a an and are as at be but by for from had has have he her his i if in is it its me mine my no "
    "not of on or our she so than that the their them they this to up us was we were what when "
    "who will with you your ago days hours minutes weeks months years here there thanks thank yes".split()
)
_NAME_FORBIDDEN = re.compile(r"[,;:!?…\"“”‘’()\[\]{}<>/\\=+*&%$#@|]|\.\S|\.\.|https?:")
# what users set in display names beside the name: emoji and other symbols, their joiners and variation selectors,
# combining marks (Arabic vowels)
_DECORATION = frozenset(("So", "Sk", "Cf", "Mn", "Me"))
# dotted initials: "S.L.C", "S.L.C.", "J.R.R. Tolkien", "A.Srinivasa"
_INITIALS = re.compile(r"\b(?:[^\W\d_]\.){2,}(?!\S)|\b(?:[^\W\d_]\.)+(?=[^\W\d_])")
# a name may end in one: "Alessandro Feitosa Jr.", "Jiří Macich ml." (Czech "mladší", the younger)
_TITLES = frozenset("jr sr dr mr mrs ms prof st ml".split())
# a number a site shows before a member's name ("23F3002987 J SRI BALAJI PRABHU"): letters and six digits or more
_ID = re.compile(r"(?=(?:\D*\d){6})[^\W_]+")
_CAMEL = re.compile(r"[a-z]{1,3}[A-Z][A-Za-z]+")
_LONGEST_UNCASED = 8  # characters of a name in a script without spaces ("川陀大学图书馆")
# Chinese particles, pronouns, adverbs and words of praise that short comments hold ("太棒了", "不错", "感谢作者",
# "好文章") and names do not
_CHINESE_GRAMMAR = frozenset("的了吗呢吧啊呀嘛么是我你很得不没这那都也就还谢到被已好赞棒")
# Short comments in other scripts without case that names are not: a Japanese or Korean word ending as a sentence
# does (polite verbs, thanks, praise: "ありがとう", "すごいです", "감사합니다", "좋아요"), common short words of praise
# and thanks, and Arabic function words and words of thanks and praise ("شكرا جزيلا", "ما شاء الله"); a line
# opening with "الله" is a phrase of praise ("الله أكبر"), as names hold it last ("عبد الله").
_SENTENCE_END = re.compile(
    r"(?:ます|です|ました|でした|ません|ください|ございます|がとう|でとう|ごい|いい|しい|よね|ですね|ほど|にちは|んばんは"
    r"|니다|요|죠|니까)$"
)
_UNCASED_WORDS = frozenset(
    "おはよう よろしく さすが 대박 최고 감사 진짜 화이팅 파이팅 "
    "شكرا شكراً جزيلا جزيلاً جدا جداً في من إلى الى عن هذا هذه ذلك لا نعم كل مع لم لن قد هل يا انا أنا انت أنت هو هي "
    "نحن ما والله ماشاء الحمد الحمدلله اللهم".split()
)
_GOD = frozenset(("الله", "اللہ"))
# words of a script without case in a name ("محمد علي"): more are a line of text ("بسم الله الرحمن الرحيم")
_MOST_UNCASED = 2
# a handle as shown alone: a fediverse address ("@alice@mastodon.social") or a domain name ("jay.bsky.social",
# "dfrag.com"), not a site's address ("www.example.io") nor a file's name ("setup.py"); a name of two parts only
# before a country's or a common top-level domain, not code or a missed space ("np.array", "os.path", "ok.thanks").
# A bare "@carlton" on a line of its own is a forum post's first words more often than its author line, but on a page
# that shows its writers so it is the author line (``_handles``).
_BARE_HANDLE = re.compile(r"@\w[\w.]*")  # "@alice", "@mastodonpy_test"
_FILE_ENDINGS = "py|js|ts|json|md|txt|html?|css|csv|xml|ya?ml|toml|ini|cfg|log|sh|pdf|png|jpe?g|gif|zip|gz|exe"
_HANDLE = re.compile(
    rf"@[\w.-]*\w@[\w-]+(?:\.[\w-]+)+|(?!www\.)[a-z\d][\w-]*(?:\.[\w-]+)+\.(?!(?:{_FILE_ENDINGS})$)[a-z]{{2,}}"
    rf"|[a-z\d][\w-]*\.(?:(?!(?:{_FILE_ENDINGS})$)[a-z]{{2}}|com|org|net|edu|gov|info|app|dev|social|blue|xyz|blog"
    r"|online|computer)"
)
# a user name holding dots, as Discourse allows them and shows them over a post ("s.anand", "HARISH.S", "name.y2k"):
# words of letters, digits, "_" or "-" joined by single dots, a letter in it and a letter or digit last; not a file's
# name ("setup.py"), a site's ("www.example.io") nor an abbreviation's dots ("e.g."). Read so only on a page that
# shows its writers by user names (``_usernames``): elsewhere such a line is a module's name ("http.server").
_DOTTED_NAME = re.compile(r"(?!www\.)(?=[\w.-]*[^\W\d_])\w[\w-]*(?:\.[\w-]+)+(?<=[^\W_])")
_FILE_ENDING = re.compile(rf"\.(?:{_FILE_ENDINGS})$", re.I)
# a user name holding other marks that sites allow in one: a "!" or a "/" inside ("spl!te", "R/W", "/dev/null",
# "openid.cz/arcao"), or set between "=" or "~" and dashes on both sides ("-=Tom=-"; "~Nathan" alone is a sign-off);
# one word, not ending as a sentence does. Read so, as a dotted name is, only on a page that shows its writers by
# user names, and not where the marks make it text (``_marked_text``).
_MARKED_NAME = re.compile(r"(?P<left>[-=~]*)(?P<name>[\w.-]*[!/][\w.!/-]*|[\w.-]+)(?<![.!])(?P<right>[-=~]*)")
_LONGEST_USER_NAME = 40  # characters of a user name holding marks or of several words
_MARKED_LETTERS = 2  # letters a user name holding marks has at least ("R/W"; "/s" is a mark)
_SUBREDDIT = re.compile(r"/?r/\w+")
# a nickname in quotes inside a display name, as forums and list archives show one ('Pavel "JasnaPaka" Cvrček',
# 'Jane „JJ“ Doe'): straight, curly or low-high quotes around a word or two, after the name's first word
_NICKNAME = re.compile(r"\s+(?:\"([^\"]+)\"|“([^“”]+)”|„([^„“”]+)[“”]|‘([^‘’]+)’)(?=\s|$)")
_LONGEST_NICKNAME = 24
# a second name or an affiliation in brackets after a display name, as comment sections show one ("Jane Doe (Acme
# Corp)", a Disqus guest's "shanglin huang (sweet sorrow)")
_ASIDE = re.compile(r"(?P<name>\S.*?)\s+\((?P<aside>[^()\s][^()]*)\)")
_LONGEST_ASIDE = 24
# lower-case words inside a name: "Joerg van den Hoff", "Ivan Vilata i Balaguer"
_PARTICLES = frozenset(
    "van von der den de del della di da du des la le dos das do ten ter bin ibn al el y i e zu".split()
)
# a name's two parts: "Hughes, Sam" (surname first), "Steven Lam, KeenSystems BV", "Lacy Moore - Aspendora" (a company)
_PARTS = re.compile(r",\s+|\s+[-–—]\s+")
# a mail address, as written or as a list archive hides it ("anne.yajhfc at free.fr")
_ADDRESS = re.compile(r"[\w.+-]+(?:@|\s+at\s+)[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}")
_LONGEST_NAME_LINE = 200  # an author line is short, a name and maybe an address: a longer line is text
# a name over its address: "Jane Doe <jane@example.org>"; the name ends on a non-blank, so the blanks before the address
# are read once, not from each blank of a long run
_ADDRESSED = re.compile(r"(.+?)(?<!\s)\s*<([^<>]+)>")
_AGO = re.compile(r"^\d+\s+\w+\s+ago$", re.I)
_PERSONAL = re.compile(r"\b(I|I'm|I’m|I've|I’ve|me|my|you|your|you're|you’re)\b")
_QUOTED = re.compile(r"“[^“”]*”|\"[^\"]*\"")  # no “ inside: an unclosed “ is passed over once
# a script that assigns a value: "var data = [", "window.__DATA__ = {", "module.exports = ["
# (each run of blanks taken whole: split three ways, a page opening with 800 blanks took 1.7 s, 10,000 about an hour)
_ASSIGNMENT = re.compile(r"\s*+(?:(?:var|let|const)\s++[\w$]++|[\w$.]++|export\s++default)?\s*+[=:]?\s*+(?=[\[{])")
# an attribution line over quoted lines: "On …, X wrote:", "Am … schrieb X:", "X a écrit :" (see ``_attribution``;
# Gmail's date-first one holds no word)
_WROTE = re.compile(rf"\b{attribution.one_of()}\b.*:$", re.I)
# what a mail's sign-off stands over: a signature or footer rule ("-- ", "_____", "-------------- next part"), a
# quoted mail's header ("----- Original Message -----", "Von: …"), or an attribution line; not the line that opens a
# signed mail ("-----BEGIN PGP SIGNED MESSAGE-----", under its writer's author line)
_SIGNATURE = re.compile(
    r"^\s*(?:--(?!-*\s*BEGIN PGP SIGNED MESSAGE)|__|(?:from|von|de|sent|gesendet)\s*:)|^-*\s*original message", re.I
)
# what a mail's text may go on with under its writer's sign-off: a postscript, a footnote or a bracketed
# remark ("[1] http://…", "[mailto:…"), quoted lines or the line that attributes them
_POSTSCRIPT = re.compile(r"\s*p\.?\s?s\b", re.I)
_AFTERWORD = re.compile(rf"^(?:{_POSTSCRIPT.pattern}|\s*[\[*>])|\b{attribution.one_of()}\b", re.I)
# a greeting ("Hi Jonas") or a closing on a line of its own: text, not a name
_SALUTATION = re.compile(
    r"^(?:(?:hi|hello|hey|dear)\b.*|regards|regs|cheers|greetings|best|bye|ciao|sincerely|yours|(?:kind|best|warm)\s+regards|"
    r"best\s+wishes|all\s+the\s+best)$",
    re.I,
)
_CLOSING = re.compile(r"(?:,|\bthanks|\bregards|\bcheers|\bbest|\bthx|\bbye)\s*$", re.I)
# a closing a blank line may part from the name under it: a short line ending in a comma ("Thank you for your time,",
# "All the best,") or a closing alone ("Best regards.", "Cheers", "TIA"); not "Thanks!", which may end a forum post
_CLOSING_ALONE = re.compile(
    r"^(?:[^\n,]{1,40},|(?:(?:kind|best|warm|many)\s+)?(?:regards|wishes|greetings)|cheers|best|bye|ciao|sincerely"
    r"|yours(?:\s+truly)?|all\s+the\s+best|take\s+care|tia|hth|thanks\s+in\s+advance|mit\s+\w+\s+gr\S+)[.,]?$",
    re.I,
)
# thanks on a line of its own ("Thanks!", "Many thanks.", "Thank you", "TIA"): a forum post may end in it and the
# next post's author line follow, so a name under it signs off only as the writer's own or over a postscript
# (``_signs_off``)
_THANKS = re.compile(
    r"^(?:many\s+)?(?:thanks|thank\s+you|thx|ty|tia)(?:\s+(?:again|a\s+lot|in\s+advance|very\s+much))?\s*[.!]*$", re.I
)
# a line of a signature's contacts: a telephone number ("t (204) 272-6099", "Tel.: +49 30 1234567"), a mail or a web
# address alone
_PHONE = re.compile(r"(?:[a-z]{1,6}\.?\s*(?::\s*)?)?\+?(?:[\d()./-]\s?){7,}", re.I)
_LONGEST_CONTACT = 60  # characters of a contact line
_WEB = re.compile(r"(?:https?://|www\.)\S+")
# a sign-off after dashes or a tilde, as a name line never stands: "--Anand", "-Paul", "~Nathan"; not a name set
# between dashes ("-Phil-", a list's writer)
_DASHES = "-–—~"
_DASHED = re.compile(rf"\s*[{_DASHES}]+[^{_DASHES}]*$")
_FIRST_NAME = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?")  # a sign-off's first name alone: "Reinhard", "Hans-Peter"
# a byline under the headline: a handle after "posted/submitted … by" or "N points by", or "By" and a capitalised name
_BYLINE = re.compile(
    r"^(?:(?:posted|submitted|written|published)\b[^\n]{0,40}?\bby|\d+\s+points?\s+by)\s+(?:u/|@)?(.+)$|^(By)\s+(.+)$",
    re.I,
)
_DELIMITERS = {",": "comma", "\t": "tab", ";": "semicolon"}  # of a table read as text (``_table``)
_CODE_LINE = re.compile(r"(?:[;{}]|=>|\*/)\s*$|^\s*(?://|/\*|#include|import |from \S+ import |def |class )")


@dataclass
class _Block:
    """A run of non-blank lines, with the number of blank lines before it."""

    start: int
    end: int
    text: str
    blanks_before: int


def author_name(line: str) -> str:
    """A user name as shown on the page, without Disqus's trailing " ." or the address after a name ("Jane Doe
    <jane@example.org>": Jane Doe, as a mail's sender is named)."""
    return _sender(line)[0]


def _sender(line: str) -> tuple[str, bool]:
    """The name on an author line, and whether the line gives the writer's address after it."""
    name = re.sub(r"(?<!\s)\s+\.$", "", line.strip()).strip()  # from a run's start: not each blank's
    addressed = _ADDRESSED.fullmatch(name)
    if addressed and _ADDRESS.fullmatch(addressed.group(2).strip()):
        return _unlisted(addressed.group(1)), True
    return _unlisted(name), False


def _unlisted(name: str) -> str:
    """The writer's name in a sender a list rewrote ("Chao Yu via Linux-f2fs-devel": Chao Yu), as the mbox reader
    names the writer; the name as it is otherwise. A name before "via" is two words or more, or one that is a given
    name or a word rarely written in English ("BrainGeek"): "Sent via email" is a mail's last line. A list's name
    holds marks or is in lower case ("B.A.T.M.A.N", "kasan-dev", "groups.io"); a site's or a newsroom's does not
    ("Breaking News via CNN", "Mike via Twitter")."""
    via = list_sender(name) if len(name) <= _LONGEST_NAME_LINE and " via " in name else None
    if via is None or not (re.search(r"[-._]", via[1]) or via[1].islower()):
        return name
    writer = via[0]
    words = writer.split()
    return writer if len(words) > 1 or (words and (first_name(writer) or _rare(writer))) else name


def _looks_like_name(line: str, loose: bool = False) -> bool:
    """A user name: one to four capitalised words (one word may be a lower-case handle), maybe with particles
    inside ("van den"), or two such parts ("Hughes, Sam", "Lacy Moore - Aspendora"), a mail address or a handle.
    Before an address any short name is one ("javier acebes <javier.acebes@…>"). A ``loose`` name, as a page that
    sets its comments apart by two blank lines shows it, may go on in lower case ("Tanya kamboj"): a short line of
    text such as "Good bot" is one too, and is taken for a name only where the page's layout says so."""
    # before any pattern (some cost the square of a long line's blanks) and the cache (which keeps short lines)
    return len(line) <= _LONGEST_NAME_LINE and _short_name(line, loose)


@lru_cache(maxsize=4096)  # a page's layout is read by asking of each line more than once
def _short_name(line: str, loose: bool) -> bool:
    name, addressed = _sender(line)
    name = _without_nickname(_without_aside(name))
    if _ADDRESS.fullmatch(name) or _HANDLE.fullmatch(name):
        return True
    if addressed:
        return len(name) <= 40 and re.search(r"[^\W_]", name) is not None and not re.search(r"[:<>@]", name)
    if not re.search(r"[^\W_]", name) or len(name) > 40 or _AGO.match(name) or _looks_like_date(name):
        return False  # "September 19, 2025" is a month's name and numbers, as "Hughes, Sam" is a name's words
    parts = _PARTS.split(name, maxsplit=1)
    if len(parts) == 2 and "," in name and len(parts[0].split()) == 1 and not _given_names(*parts):
        return False
    # a handle after a dash follows a name: two words, or a given name or a rare word ("Source - reuters.com" is text)
    before = parts[0].split()
    dashed = (
        len(parts) == 2
        and not name[len(parts[0]) :].startswith(",")
        and (len(before) > 1 or any(first_name(w) or _rare(w) for w in before))
    )
    return _name_part(parts[0], len(parts) == 1, loose) and all(
        _name_part(part, False, loose) or dashed and _affiliation_handle(part) for part in parts[1:]
    )


def _affiliation_handle(part: str) -> bool:
    """A user's handle or site after a name and its dash, in lower case ("Tom Hawtin - tackline", "Srdjan -
    cardano.blue"): a domain name, or one word of letters rarely written in English ("Lacy Moore - absolutely" is
    text)."""
    word = part.strip()
    return bool(_HANDLE.fullmatch(word) or word.isalpha() and word.islower() and _rare(word))


def _without_nickname(name: str) -> str:
    """A display name without the nickname in quotes inside it ('Pavel "JasnaPaka" Cvrček': Pavel Cvrček), to be
    read as a name. The quotes stay (and no name holds them) unless they hold one or two words and no sentence's
    marks nor common words, after the name's first word, with a name of two words or more around them: 'Click "OK"'
    and 'The "Home" Button' are text."""
    found = list(_NICKNAME.finditer(name))
    if len(found) != 1 or found[0].start() == 0:
        return name
    nickname = next(group for group in found[0].groups() if group is not None)
    rest = (name[: found[0].start()] + " " + name[found[0].end() :]).split()
    words = nickname.split()
    if (
        len(rest) < 2
        or not 1 <= len(words) <= 2
        or len(nickname) > _LONGEST_NICKNAME
        or re.search(r"[,;:!?…]|\.(?!\w|$)", nickname)
        or nickname.endswith(".")
        and len(words) > 1
        or any(w.lower() in _STOP for w in words)
    ):
        return name
    return " ".join(rest)


def _without_aside(name: str) -> str:
    """A display name without the second name or affiliation in brackets after it ("Jane Doe (Acme Corp)": Jane Doe),
    to be read as a name. The brackets stay (and no name holds them) unless a name of two words or more stands before
    them and they hold one to three words with a letter, no common words nor sentence's, address's or path's marks:
    "Balance (shoes and pedals)", "Off-road (trails)", "Kind regards (in colour )" and "Discord (https://…)" are
    text."""
    if len(name) > _LONGEST_NAME_LINE or not name.rstrip().endswith(")"):  # before the pattern: a line, not text
        return name
    found = _ASIDE.fullmatch(name.strip())
    if not found or len(found.group("name").split()) < 2:
        return name
    aside = found.group("aside")
    words = aside.split()
    if (
        not 1 <= len(words) <= 3
        or len(aside) > _LONGEST_ASIDE
        or not re.search(r"[^\W\d_]", aside)
        or re.search(r"[,;:!?…/@\\]|\.\S", aside)
        or any(w.lower() in _STOP for w in words)
    ):
        return name
    return found.group("name")


def _given_names(surname: str, part: str) -> bool:
    """The given names after a surname and its comma: words that start as names do, a capital and a small letter,
    or initials, not a code ("Fairfax, VA": a place); and each a given name of the census lists ("Hughes, Sam",
    "Braithwaite, Edward F.") or, with the surname, a word rarely written in English, as names of other tongues are
    ("Ceschia, Marcello"). Two common words are a comment's short line: "Okay, Cool", "Austin, Texas", "Berlin,
    Fintech" (a job's place and field), "Depression, Psychosis"."""
    words = part.split()
    if not all(len(w.rstrip(".")) == 1 or _uncased(w) or (w[:1].isupper() and w[1:2].islower()) for w in words):
        return False
    named = [w for w in words if len(w.rstrip(".")) > 1 and not _uncased(w)]
    return all(map(first_name, named)) or all(_rare(w) for w in [surname, *named])


def _rare(word: str) -> bool:
    """A word rarely written in English (less than about once in 500,000 words): a name, not a common word."""
    return zipf(word.lower(), "en") < COMMON_ZIPF


def _name_part(name: str, alone: bool, loose: bool = False) -> bool:
    """One part of a name; a lower-case handle stands only ``alone``, lower-case words after a capitalised one
    only in a ``loose`` name. A name may end in an initial ("Edward F.") or
    a title ("Jr."); its words may be of any script, dotted initials ("S.L.C") or styled letters ("𝞍𝞎𝝳"), with
    emoji and symbols beside them ("Anna 🌸")."""
    plain = name.isascii()  # no symbols, marks or other scripts' punctuation to look for
    name = _INITIALS.sub(lambda m: m.group().replace(".", "") if m.group().isupper() else m.group(), _bare(name, plain))
    if _NAME_FORBIDDEN.search(name) or _SALUTATION.match(name) or (not plain and any(map(_punctuation, name))):
        return False
    words = name.split()
    if not words or (re.search(r"(?<!\b[A-Z])\.$", name) and words[-1][:-1].lower() not in _TITLES):
        return False
    named = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and w in _PARTICLES)]
    shouted = len(words) > 1 and name.isupper()
    if len(named) == 5 and _ID.fullmatch(named[0]):  # a student's or member's number before the name
        named = named[1:]
    if not named or len(named) > 4:
        return False
    if not (loose and _titled(named, name)) and any(
        w.lower() in _STOP and not _initial(w, i, shouted) for i, w in enumerate(named)
    ):
        return False
    if sum(1 for w in named if _uncased(w)) > _MOST_UNCASED or _uncased_text(named):
        return False
    if loose and _capital(named[0], loose):
        return True
    lone = alone and len(words) == 1  # a lower-case handle; a word of a script without case must read as a name
    # a title after a name of two words or more may be written in lower case ("Jiří Macich ml.")
    titled = len(named) > 2 and named[-1].rstrip(".").lower() in _TITLES
    return all(
        _capital(w, loose)
        or any(c.isdigit() for c in w)
        or (lone and not _uncased(w))
        or (titled and i == len(named) - 1)
        for i, w in enumerate(named)
    )


def _lower_case_name(line: str, rare: bool = False) -> bool:
    """A name written all in lower case, as some writers set theirs ("kevin granade", "volt 9"): two or three
    words of letters, none a common word, maybe a number last. Read so where an author line stands on a page that
    sets its comments apart by two blank lines (``_spaced``), as its other author lines show; elsewhere (where one
    blank line sets comments apart as it does paragraphs) only on a page showing its writers by user names and with
    each word ``rare`` in English ("janko hrasko", "lední brtník"), as a comment's own short lines ("plain text
    links", a list of add-ons) are not."""
    line = _without_aside(line)
    words = line.split()
    number = r"\d+" if rare else r"\d+(?:\.\d+)*"  # a version ("dougal 5.0.0") only by the page's layout
    letters = words[:-1] if len(words) > 1 and re.fullmatch(number, words[-1]) else words
    return (
        len(line) <= 40
        and len(words) >= 2
        and 1 <= len(letters) <= 3
        and all(w.isalpha() and w.islower() and w not in _STOP and not _SALUTATION.match(w) for w in letters)
        and (not rare or all(map(_rare, words)))
    )


def _bare(name: str, plain: bool) -> str:
    """A display name without the emoji, symbols and marks users set in it, and without their joiners (none in a
    ``plain`` ASCII name)."""
    if plain:
        return name
    return " ".join("".join(c for c in name if unicodedata.category(c) not in _DECORATION).split())


def _punctuation(char: str) -> bool:
    """Punctuation of any script that no name holds ("，", "。", "؟"); not a name's dots, apostrophes or dashes."""
    return unicodedata.category(char) in ("Po", "Ps", "Pe", "Pi", "Pf") and char not in ".'·"


def _titled(words: list[str], name: str) -> bool:
    """A display name of common words each set with a capital, as names of groups, sites and slogans are ("The Fixed
    Income", "Just Do It"): two words or more, not in capitals alone, none speaking to or of its reader or writer
    ("Thank You", "Me Too") nor thanks ("Thanks Again"), and a word outside ``_STOP`` ("Not To Be" is text). Read so
    only where the page sets its author lines apart by two blank lines: one blank line apart, "So True", "The End"
    and "How To Fix It" are a comment's own lines."""
    return (
        len(words) > 1
        and all(w[:1].isupper() for w in words)
        and not name.isupper()
        and not re.search(rf"{_PERSONAL.pattern}|\b(?:we|us|our)\b", name, re.I)
        and not _THANKS.match(name)
        and any(w.lower() not in _STOP for w in words)
    )


def _initial(word: str, i: int, shouted: bool) -> bool:
    """A lone capital letter after a name ("Vishnuprasad A") or in a name written in capitals ("A LAKSHMI") is an
    initial, not the article."""
    return word == "A" and (i > 0 or shouted)


def _uncased(word: str) -> bool:
    return not any(c.isupper() or c.islower() for c in word)


def _uncased_text(words: list[str]) -> bool:
    """Words of a script without case that are a short comment, not a name (``_SENTENCE_END``, ``_UNCASED_WORDS``)."""
    if words[0] in _GOD:
        return True
    return any(_uncased(w) and (w in _UNCASED_WORDS or _SENTENCE_END.search(w) is not None) for w in words)


def _capital(word: str, loose: bool = False) -> bool:
    """A word as a name starts: a capital, a letter of a script without case (CJK, Arabic), or a styled letter
    (mathematical alphanumerics and other compatibility forms, which only display names use). An uncased word
    longer than a name is a run of text written without spaces, and one holding a Chinese particle, pronoun or
    adverb, or of one character alone or held ("顶", "哈哈哈"), a short comment. A handle's capital after a short
    lower-case start ("iStake") counts only in a ``loose`` name: elsewhere "iPhone" and "eBay" are products."""
    first = next((c for c in word if c.isalpha()), "")
    if not first:
        return False
    if _uncased(word):
        return len(word) <= _LONGEST_UNCASED and _CHINESE_GRAMMAR.isdisjoint(word) and len(set(word)) > 1
    # a handle set with a capital after a short lower-case start ("iStake", "tcOops")
    camel = loose and _CAMEL.fullmatch(word) is not None
    return not first.islower() or unicodedata.normalize("NFKC", first) != first or camel


def _looks_like_date(line: str) -> bool:
    """A line that is a date, maybe after a label ("JULY 2022", "Updated: Tue 12 Mar 2024 10.32 GMT"); a
    headline that holds one ("Mock ROE [TDS Jan 2025]") is not."""
    rest = _DATE_LABEL.sub("", line.strip(), count=1)
    words = [w.strip("()[].") for w in re.split(r"[\s,|·•]+", rest) if w.strip("()[].")]
    if not words or not all(_DATE_WORD.match(w.lower()) or ZONE.fullmatch(w) for w in words):
        return False
    low = rest.lower()
    return bool(re.search(r"\b(19|20)\d\d\b", low)) and (
        any(w.lower() in _MONTHS for w in words) or bool(re.search(r"\d{1,4}[-/.]\d", low))
    )


def _blocks(raw: str) -> list[_Block]:
    blocks: list[_Block] = []
    blanks = 0
    for match in re.finditer(r"[^\n]*\n?", raw):
        line = match.group()
        if not line:
            break
        if not line.strip():
            blanks += 1
            continue
        start, end = match.start(), match.start() + len(line.rstrip())
        blocks.append(_Block(start, end, raw[start:end], blanks))
        blanks = 0
    return blocks


def _is_personal(text: str) -> bool:
    return bool(_PERSONAL.search(_QUOTED.sub(" ", text)))


def _byline(line: str) -> str | None:
    """The writer a byline names ("Posted by alice 3 hours ago": alice), or None if the line is not one. After
    "By" alone the rest of the line must be a capitalised name ("By now" is prose)."""
    found = _BYLINE.match(line.strip()) if "\n" not in line and len(line) <= 100 else None
    if not found:
        return None
    words = []
    for word in (found.group(1) or found.group(3)).split()[:4]:
        if word.lower() in _STOP or word[0].isdigit() or _NAME_FORBIDDEN.search(word.rstrip(".")):
            break
        words.append(word)
    if found.group(2) and (len(words) != len(found.group(3).split()) or not all(w[0].isupper() for w in words)):
        return None
    return " ".join(words) or None


def _spaced(lines: list[_Block]) -> bool:
    """Whether the page sets its comments apart by two blank lines: most breaks of two or more blank lines open
    at a name line (an author), at least two do. On such a page a name line after fewer blank lines is text. A
    handle with a capital after a short lower-case start ("tcOops Tan") counts here, as the name it is on such a
    page."""
    breaks = [i for i, line in enumerate(lines) if line.blanks_before >= 2]
    named = sum(
        1
        for i in breaks
        if i + 1 < len(lines)
        and (
            _looks_like_name(lines[i].text)
            or _CAMEL.match(lines[i].text.lstrip()) is not None
            and _looks_like_name(lines[i].text, True)
        )
    )
    return named >= 2 and 2 * named > len(breaks)


def _apart(lines: list[_Block]) -> bool:
    """Whether the page's author lines stand after a blank line: most name lines that a blank line and text follow
    (its author lines, and some of its comments' own lines) do. On such a page a name line right under a line of
    text ends that text ("call" closing "… with `-ms' one would not"), however like a name it looks."""
    named = [
        line.blanks_before >= 1
        for line, after in zip(lines, lines[1:], strict=False)
        if after.blanks_before >= 1 and _looks_like_name(line.text)
    ]
    return 2 * sum(named) > len(named)


def _handles(lines: list[_Block]) -> bool:
    """Whether the page shows its writers as bare handles ("@alice", as a Mastodon or Twitter page does): more of
    the lines where author lines stand (after a blank line, over one) are such than are names, at least two. There
    only such lines are author lines; elsewhere a bare handle is a post's first words, calling its reader
    ("@carlton")."""
    placed = [
        line.text.strip()
        for line, after in zip(lines, lines[1:], strict=False)
        if line.blanks_before >= 1 and after.blanks_before >= 1
    ]
    bare = sum(1 for text in placed if _BARE_HANDLE.fullmatch(text))
    return bare >= 2 and bare > sum(1 for text in placed if _looks_like_name(text))


def _usernames(lines: list[_Block]) -> bool:
    """Whether the page shows its writers by their user names, as a forum's topic does ("carlton", "23f1001909",
    "Haricharan"): more of the name lines where author lines stand (after a blank line, over one) are one word than
    are more, at least two, a user name holding marks ("spl!te", ``_marked_name``) counted as one (a section of a
    few comments may hold no other two: "Joelp", "spl!te"). There a user name holding dots or other marks
    (``_user_name``) is an author line too."""
    placed = [
        line.text.strip()
        for line, after in zip(lines, lines[1:], strict=False)
        if line.blanks_before >= 1 and after.blanks_before >= 1
    ]
    names = [text for text in placed if _looks_like_name(text)]
    marked = sum(1 for text in placed if len(text) <= _LONGEST_USER_NAME and _marked_name(text))
    one = sum(1 for text in names if " " not in text) + marked
    return one >= 2 and one > len(names) - one


def _user_name(line: str, page: str) -> bool:
    """A user name holding dots or other marks (``_DOTTED_NAME``, ``_marked_name``) on ``page``, not a file's name
    nor code's."""
    name = line.strip()
    return (
        len(name) <= _LONGEST_USER_NAME
        and (_DOTTED_NAME.fullmatch(name) is not None or _marked_name(name))
        and _FILE_ENDING.search(name) is None
        and not ("." in name and _code_name(name, page))
    )


def _addressed(lines: list[_Block]) -> frozenset[str]:
    """The names a page's comments address as their writers address one another, alone on a line before a colon
    ("Marvin:", "su rm -rf / :"). A handle that no name's shape admits, several words and marks ("su rm -rf /"), is
    an author line where such a line addresses it."""
    names = (line.text.strip()[:-1].rstrip() for line in lines if line.text.rstrip().endswith(":"))
    return frozenset(name for name in names if 0 < len(name) <= _LONGEST_USER_NAME and ":" not in name)


def _marked_name(name: str) -> bool:
    """A user name holding a "!" or a "/", or set between marks on both sides (``_MARKED_NAME``), that is no text."""
    found = _MARKED_NAME.fullmatch(name)
    if not found:
        return False
    left, right = found.group("left"), found.group("right")
    decorated = bool(left and right) and bool(re.search("[=~]", left + right))
    return (decorated or not (left or right) and re.search("[!/]", name) is not None) and not _marked_text(name)


def _marked_text(name: str) -> bool:
    """Whether a word holding marks is text rather than a user name: fewer than two letters ("/s", "24/7"), a site's
    address or a subreddit, a sign-off after a slash as after dashes ("/Björn"), a path (three
    parts or more after a slash or a tilde first, or a slash last), or a pair of common words or of single small
    letters ("and/or", "w/o")."""
    if sum(c.isalpha() for c in name) < _MARKED_LETTERS or "www." in name or _SUBREDDIT.fullmatch(name):
        return True
    parts = name.split("/")
    if name.endswith("/") or name[0] == "/" and len(parts) == 2 or name[0] in "/~" and len(parts) > 3:
        return True
    return len(parts) > 1 and all(p.islower() and (len(p) == 1 or not _rare(p)) for p in parts)


def _code_name(name: str, page: str) -> bool:
    """Whether the dotted ``name`` is a module's or a function's, as a post about code shows one on a line of its
    own: in lower case, under a module of Python's standard library ("http.server", "os.path", "json.loads") or
    one the page imports ("import numpy as np" over "np.linalg"), or written elsewhere on the page as code is
    ("app.solve(question)", "python -m pkg.tool", "from pkg.sub import"). A user's name is rarely any of these."""
    if name != name.lower():
        return False
    first, quoted = name.split(".", 1)[0], re.escape(name)
    if first in sys.stdlib_module_names:
        return True
    # "import np", "import numpy as np", "from numpy import linalg, fft"
    imported = rf"\bimport\s+(?:[\w.]+\s+as\s+|(?:[\w.]+\s*,\s*)*){re.escape(first)}\b"
    written = rf"\bfrom\s+{quoted}\s+import\b|-m\s+{quoted}\b|(?<![\w.@]){quoted}(?:\(|\.\w)"
    return re.search(f"{imported}|{written}", page) is not None


def _own_name(name: str, author: str | None, whole: bool = False) -> bool:
    """A sign-off by the comment's own author: part of the author line's name ("Kelly" under "Kelly Opal"), maybe
    after dashes ("-David"). The whole name again may be the same writer's next comment, unless ``whole``."""
    words, own = name.lstrip(_DASHES + " ").lower().split(), (author or "").lower().split()
    return bool(words) and len(words) <= len(own) - (not whole) and all(w in own for w in words)


def _ends_before_author(lines: list[_Block], i: int, blanks: int = 2) -> bool:
    """The next comment's author line and text follow this name line after ``blanks`` blank lines: the later line
    is the author (or it would be read as text), this one ends a comment."""
    return (
        i + 2 < len(lines)
        and lines[i + 1].blanks_before >= blanks
        and lines[i + 2].blanks_before >= 1
        and _looks_like_name(lines[i + 1].text)
    )


def _signs_off(lines: list[_Block], i: int, author: str | None) -> bool:
    """A name line ending a comment (a mail's sign-off) rather than the next one's author line, on a page whose
    comments are not set apart by two blank lines (``_spaced``): one the next author line follows; one after
    dashes ("--Anand"); a first name, or a name under a closing, nearer the text above than the line below (an
    author line the list shows in no name's shape follows: "Best,", "Reinhard", then "user mailing list for …");
    the author's own first name over a postscript, a footnote or quoted lines (over other text it is the author
    line of a writer of that name), or under a closing a blank line apart ("Regards", "David" under David
    Rhodes); a name right under a closing ("Regards,"); one a signature block follows, or an "X wrote:" line
    right under its text (a mail answering under what it quotes goes on)."""
    line, below = lines[i], lines[i + 1] if i + 1 < len(lines) else None
    above = lines[i - 1].text.strip() if i > 0 else ""
    if _ends_before_author(lines, i, 1) or _DASHED.match(line.text):
        return True
    closed = bool(_CLOSING_ALONE.match(above) or _CLOSING.search(above) or _THANKS.match(above))
    if (
        below
        and 0 < line.blanks_before < below.blanks_before
        and (closed or _FIRST_NAME.fullmatch(line.text.strip()) or line.text.lstrip()[:1] in _DASHES)
        and not (_AGO.match(below.text.strip()) or _looks_like_date(below.text))  # an author line over its date
    ):
        return True
    name = author_name(line.text)
    if below and (
        _own_name(name, author)
        and (_AFTERWORD.search(below.text) or _attribution(below.text))
        or closed
        and _POSTSCRIPT.match(below.text)
    ):
        return True
    # the whole name only after a comma, which asks for it ("Kind regards." may end a mail, and the same writer's
    # next one start under it); under thanks, the first name unless the text below greets it (a "Kelly" answering
    # Kelly Opal's "Thanks" with "Hi Kelly,": no writer greets herself)
    if line.blanks_before == 1 and _CLOSING_ALONE.match(above) and _own_name(name, author, above.endswith(",")):
        return True
    if line.blanks_before == 1 and _THANKS.match(above) and _own_name(name, author) and not _greets(below, name):
        return True
    if _signature_block(lines, i):
        return True
    if line.blanks_before == 0 and _CLOSING.search(above):
        return True
    return below is not None and (
        _SIGNATURE.search(below.text) is not None or (line.blanks_before == 0 and _attribution(below.text))
    )


def _greets(below: _Block | None, name: str) -> bool:
    """Whether the line below greets ``name`` ("Hi Kelly,")."""
    return below is not None and re.match(rf"(?:hi|hello|hey|dear)\s+{re.escape(name)}\b", below.text, re.I) is not None


def _contact(line: str, web: bool = True) -> bool:
    """A line of a signature's contacts: a telephone number, a mail address or (if ``web``) a web address alone."""
    line = line.strip()
    if len(line) > _LONGEST_CONTACT:
        return False
    phone = _PHONE.fullmatch(line) and re.search(r"[\s()./+-]", line) and not _looks_like_date(line)  # no id, date
    return bool(phone or _ADDRESS.fullmatch(line) or web and _WEB.fullmatch(line))


def _signature_block(lines: list[_Block], i: int) -> bool:
    """A name line inside a signature block whose lines a blank line each sets apart ("Paul Reichart", "Chief
    Operating Officer", "Voi Networks Inc", "t (204) 272-6099", "p.reichart at voinetworks.ca", "www.…"): under a
    name line and over a telephone number or a mail address, or under such a contact line and over another. Not over
    a web address under a name line: a comment may be a link alone, under its author line and a short comment's line
    ("Pizza")."""
    if not 0 < i < len(lines) - 1 or lines[i].blanks_before != 1 or lines[i + 1].blanks_before != 1:
        return False
    above, below = lines[i - 1].text, lines[i + 1].text
    return _contact(below, web=False) and _looks_like_name(above) or _contact(above, web=False) and _contact(below)


def _attribution(line: str) -> bool:
    """Whether a line is an attribution line. The colon that must end it is checked first: a hostile line of
    "wrote wrote …" without one would cost a pass over the line at each word."""
    line = line.strip()
    return line.endswith(":") and (_WROTE.search(line) is not None or attribution.dated(line))


def parse(raw: str, source: str) -> Iterator[Post]:
    """Yield the article, then its comments in page order."""
    if qa_page.is_page(raw):
        yield from qa_page.parse(raw, source)
        return
    if labelled.is_page(raw):
        yield from labelled.parse(raw, source)
        return
    lines = _blocks(raw)
    if not lines:
        return
    date = ""
    if _looks_like_date(lines[0].text) and len(lines) > 1:
        date = lines.pop(0).text.strip()
    title_line = lines.pop(0)
    title = title_line.text.strip()
    writer = _byline(lines[0].text) if len(lines) > 1 and lines[0].blanks_before <= 1 else None
    if writer:
        lines.pop(0)

    # A comment starts at an author line followed by text, or after two blank lines.
    spaced, handles, usernames = _spaced(lines), _handles(lines), _usernames(lines)
    page = "\n".join(line.text for line in lines) if usernames else ""
    addressed = _addressed(lines) if usernames else frozenset()
    apart = not spaced and _apart(lines)
    starts: list[tuple[int, str | None]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        after_author = bool(starts) and starts[-1][0] == i - 1 and starts[-1][1] is not None
        if (
            not after_author
            and i + 1 < len(lines)
            and lines[i + 1].blanks_before >= 1
            and (
                line.blanks_before >= 1 and _BARE_HANDLE.fullmatch(line.text.strip()) is not None
                if handles
                else (
                    _looks_like_name(line.text, spaced)
                    or (spaced or usernames)
                    and _lower_case_name(line.text, rare=not spaced)
                    or usernames
                    and (_user_name(line.text, page) or line.text.strip() in addressed)
                )
                and (
                    line.blanks_before >= 2 and not _ends_before_author(lines, i)
                    if spaced
                    else (line.blanks_before >= 1 or not apart)
                    and not _signs_off(lines, i, starts[-1][1] if starts else writer)
                )
            )
        ):
            starts.append((i, author_name(line.text)))
            i += 1
            continue
        if line.blanks_before >= 2 and not after_author:
            starts.append((i, None))
        i += 1

    body_end = starts[0][0] if starts else len(lines)
    # Trailing first/second-person paragraphs of a body that speaks in neither person itself are an anonymous
    # comment that followed the article after a single blank line (a mail's closing lines are the mail's).
    split = body_end
    while split - 1 > 0 and _is_personal(lines[split - 1].text):
        split -= 1
    while split < body_end and lines[split].blanks_before == 0:  # a paragraph's last lines are no comment
        split += 1
    if split < body_end and not any(_is_personal(line.text) for line in lines[:split]):
        starts.insert(0, (split, None))
        body_end = split

    body = lines[:body_end]
    thread = schema.article_id(PLATFORM, f"{title}\x1f{date}")
    yield Post(
        id=thread,
        thread=thread,
        is_article=True,
        text=raw[body[0].start : body[-1].end] if body else "",
        platform=PLATFORM,
        source=source,
        title=title,
        date=date,
        author=named(writer),
        start=body[0].start if body else title_line.start,
        end=body[-1].end if body else title_line.end,
    )

    bounds = [s for s, _ in starts] + [len(lines)]
    position = 0
    for (first, author), stop in zip(starts, bounds[1:], strict=True):
        text_lines = lines[first + (author is not None) : stop]
        if not text_lines:
            continue
        position += 1
        yield page_comment(
            raw, text_lines[0].start, text_lines[-1].end, thread=thread, source=source, position=position, author=author
        )


def _sniff(head: bytes) -> bool:
    return b"\x00" not in head and head.lstrip()[:1] not in (b"{", b"[", b"<")


def not_prose(raw: str) -> str | None:
    """What a file is when it is code or data rather than a page of text, else None."""
    assigned = _ASSIGNMENT.match(raw)
    if assigned:
        try:
            _, end = json.JSONDecoder().raw_decode(raw, assigned.end())
        except ValueError:
            end = 0
        if end - assigned.end() >= len(raw.strip()) / 2:  # the data is most of the file
            head = raw[assigned.end() : end][:SNIFF_BYTES].encode()
            named = next((f.name for f in formats().values() if f.name != "text" and f.sniff(head)), "")
            what = f"that looks like {named} input" if named else "in no format graphkit reads"
            if not raw[: assigned.end()].strip():
                return f"JSON data {what}"
            return f"a script holding JSON data {what} (save the JSON alone to read it)"
    if table := _table(raw):
        return table
    lines = [line for line in raw.splitlines() if line.strip()]
    code = sum(1 for line in lines if _CODE_LINE.search(line))
    if len(lines) >= 5 and code * 5 >= len(lines) * 2:
        return f"source code ({code} of {len(lines)} lines end or start like code)"
    return None


def _table(raw: str) -> str | None:
    """What a table of delimited values (CSV, TSV) is: a header of three names or more, none empty and not each after
    a space as a list's words are ("Plan; steps; notes"), and under it records of as many fields (a field may hold
    lines inside quotes), every one read so, four at least. A page's lines of prose hold commas in no such order; a
    page whose lines open with tabs (text taken from HTML) has empty names; lines of JSON hold commas of their own."""
    head = raw[:SNIFF_BYTES]
    cut = len(raw) > len(head)
    if cut:
        head = head[: head.rfind("\n") + 1]
    if head.lstrip().startswith("{"):
        return None
    for delimiter, name in _DELIMITERS.items():
        if delimiter not in head:
            continue
        try:
            rows = [r for r in csv.reader(io.StringIO(head, newline=""), delimiter=delimiter) if any(r)]
        except csv.Error:
            continue
        if not rows or not all(cell.strip() for cell in rows[0]) or all(c.startswith(" ") for c in rows[0][1:]):
            continue
        whole = rows[1:-1] if cut else rows[1:]  # the last may run past what was read
        columns = len(rows[0])
        if columns >= 3 and len(whole) >= 4 and all(len(r) == columns for r in whole):
            return (
                f"a table of {name}-separated values, {columns} columns (read it with --format tabular; "
                "--map id=COLUMN,text=COLUMN names its columns)"
            )
    return None


def _read(inp: Input) -> Iterator[Post]:
    raw = inp.read_text()
    what = not_prose(raw)
    if what:
        raise InputError(f"{inp.name}: not an article with comments but {what}")
    yield from parse(raw, inp.name)


FORMAT = register(
    Format(
        "text",
        "an article and its comments copied as plain text from a web page (date, headline, byline, body, then "
        "comments each after its author line or two blank lines); not code or data",
        _sniff,
        _read,
    )
)
