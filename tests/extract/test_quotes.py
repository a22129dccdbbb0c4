"""Attributed speech (speaker after/before the quote, pronouns, Unicode and ASCII marks) and post quotes."""

import email.utils
import html
import json
import mailbox
import re
import time
from pathlib import Path

import pytest

from graphkit import attribution, schema
from graphkit.extract import Extractor
from graphkit.extract.quotes import find_post_quotes, find_speech, in_quotation_marks, unmarked_quote
from graphkit.sources.text import parse
from tests.test_long_posts import cpu_seconds


def test_speaker_after_the_quote_with_unicode_marks():
    text = "“We will not give in to pressure,” Lavrov said."
    [s] = find_speech(text)
    assert text[s.start : s.end] == "We will not give in to pressure,"
    assert s.speaker == "Lavrov" and not s.refers_back


def test_verb_before_speaker_and_ascii_marks():
    text = '"The talks are over for now," said Jane Smith on Monday.'
    [s] = find_speech(text)
    assert s.speaker == "Jane Smith"


def test_role_or_pronoun_refers_back():
    [s] = find_speech("“This is another respite for them,” the Foreign Minister noted.")
    assert s.refers_back and s.speaker == "the Foreign Minister"
    [s] = find_speech('He said: "we have been through this before."')
    assert s.refers_back


def test_scare_quotes_are_not_speech():
    assert find_speech("He called it “absurd” and left, Lavrov said.") == []


def test_post_quote_markers():
    text = "Your post? >> The elite works this way.\n> second quoted line\nMy answer."
    quotes = find_post_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["The elite works this way.", "second quoted line"]
    assert all(q.marked for q in quotes)


def test_post_quotes_in_each_kind_of_mark_alone():
    curly = "I said “we never agreed to any of these terms at all” and meant it"
    straight = 'I said "we never agreed to any of these terms at all" and meant it'
    marked = "> we never agreed"
    for text, quoted, marked_by in ((curly, 1, False), (straight, 1, False), (marked, 1, True), ("no marks", 0, None)):
        quotes = find_post_quotes(text)
        assert len(quotes) == quoted, text
        assert all(q.marked is marked_by for q in quotes)
    assert [curly[q.start : q.end] for q in find_post_quotes(curly)] == ["we never agreed to any of these terms at all"]


def test_a_quoted_mail_without_marks_is_quoted_under_its_header_only():
    """Real mails of a list month (bench/replies/data/README.md). David answers above Paul's mail, quoted under "On
    Nov 10, 2007, at 7:21 AM, Paul wrote:": with its marks its lines are marked quotes, and where a page lost the
    marks they are quoted all the same, David's own lines above not. A mail opening with an attribution quotes
    nothing unmarked under it."""
    month = Path(__file__).parents[2] / "bench" / "replies" / "data" / "chansccp-users-2007-November.mbox"
    raw = next(
        m for m in mailbox.mbox(month) if (m["From"] or "").endswith("(David Dederscheck)") and "7:21 AM" in str(m)
    )
    marked = raw.get_payload(decode=True).decode("latin-1").split("\n-- \n")[0]
    assert unmarked_quote(marked) is None
    text = re.sub(r"^> ?", "", marked, flags=re.M)
    quoted = [text[q.start : q.end] for q in find_post_quotes(text)]
    assert quoted[0].startswith("Guess I need to go back to 7.0.2\n") and quoted[0].count("\n") >= 5  # one quote
    assert all(q.start > text.index("Paul wrote:") for q in find_post_quotes(text))
    # read from an mbox, whose reader takes the marked lines out, the lines under an attribution are the writer's
    # own answers: only the Outlook header of the mail Paul quoted in turn starts a quoted mail
    assert unmarked_quote(text, marks_taken=True)[0] > text.index("Paul wrote:")
    # the mails opening with an attribution, their marked lines taken out (the mbox reader drops the attribution too)
    bodies = (m.get_payload(decode=True).decode("latin-1") for m in mailbox.mbox(month))
    opening = [
        re.sub(r"^>.*\n", "", b, flags=re.M) for b in bodies if re.match(r"[^\n]*\b(?:wrote|schrieb)\b[^\n]*:\n", b)
    ]
    assert len(opening) == 3 and all(unmarked_quote(text) is None for text in opening)


def test_an_attribution_needs_a_date_or_an_address():
    """ "at" gives an address only before a domain ("anne.yajhfc at free.fr", as a list archive hides it): a
    comment's own words under "Look at what the ministry wrote:" are no quoted mail."""
    prose = "Thanks Brad.\nLook at what the ministry wrote:\nThe convoy left before dawn.\nI think they lied."
    assert unmarked_quote(prose) is None and find_post_quotes(prose) == []
    mail = "Thanks.\n\nanne.yajhfc at free.fr a écrit :\nThe convoy left before dawn.\n"
    assert [mail[q.start : q.end] for q in find_post_quotes(mail)] == ["The convoy left before dawn."]


@pytest.mark.parametrize(
    "hostile",
    [
        lambda n: "From: x\nOn 1 Jan 2000, X wrote:\n" * n,
        lambda n: "wrote " * n + ":\n",
        lambda n: "2015-11-21 13:05 GMT+01:00 Jane <jane at example.org>:\n" * n,
        lambda n: "2015-11-21 13:05 Jane <" + " at " * n + ":\n",
    ],
    ids=["many header and attribution lines", "one line of attribution words", "many date-first lines", "one of ats"],
)
def test_quoted_mail_headers_are_looked_for_in_linear_time(hostile):
    # a hostile mail: many "From:" lines without the fields of a header under them, and many attribution lines,
    # or one long line of the words an attribution holds (each once read to the line's end), above one marked line
    def seconds(n: int) -> float:
        text = "My own words.\n" + hostile(n) + "> the quote\n"
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            assert [text[q.start : q.end] for q in find_post_quotes(text)] == ["the quote"]
            best = min(best, time.process_time() - start)
        return best

    # ten times the lines: about ten times the time when linear, a hundred when each line rereads the rest
    assert seconds(20_000) / seconds(2_000) < 35


def test_real_words_the_writer_says_they_wrote_are_no_ones_speech():
    """OpenAI's forum (tests/data/real/discourse): a writer names Bing's image creator, then gives the words they
    added to their own prompt ("I added: “…”"): these are the writer's, no speech of Bing nor of anyone."""
    path = Path(__file__).parents[1] / "data" / "real" / "discourse" / "openai_topic_546555.json"
    (post,) = [p for p in json.loads(path.read_text("utf-8"))["post_stream"]["posts"] if p["id"] == 734571]
    text = re.sub(r"<[^>]+>", "", html.unescape(post["cooked"]))
    own = re.search(r"\bI added:\s*“([^”]+)”", text)
    assert own and "Bing" in text[: own.start()]
    assert all(not (s.start <= own.start(1) < s.end) for s in find_speech(text))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "Mr Smith said: “the mill will close in May.” We asked: “what about the workers then?”",
            {"the mill will close in May.": "Mr Smith"},
        ),
        ("Obama said: “Yes we can do this.” I said: “that is a big promise.”", {"Yes we can do this.": "Obama"}),
        ("Then I added: “this is my own text here.”", {}),
        ("Yesterday I wrote: “this is my own text here.”", {}),
        ("“we will not go back,” The Who said.", {"we will not go back,": "The Who"}),
    ],
)
def test_the_writers_next_quote_leaves_the_one_before_to_its_speaker(text, said):
    """A writer's "I said:"/"We asked:" after a quote opens the writer's own next quote: the quote before keeps the
    speaker named before it; a speaker whose last word is "I" or "we" is the writer, "The Who" is not."""
    assert {text[s.start : s.end]: s.speaker for s in find_speech(text)} == said


def test_inch_marks_are_no_quotation_marks():
    """Two sizes in inches ('the 27" model … my old 24" was') pair up into no quoted span, so a later comment quoting
    the words between them still quotes this one; words in quotation marks are still told."""
    assert in_quotation_marks('I got the 27" model last week and my old 24" was better for games') == ()
    assert in_quotation_marks('He called it "a fine screen" and my old 24" was fine') == ("a fine screen",)
    assert in_quotation_marks("She sang “Ring of Fire” twice") == ("ring of fire",)


@pytest.mark.parametrize(
    "rewrapped",
    [
        ((" <jgb", "\n<jgb"),),  # Gmail's date-first line wrapped before its address
        (("2015-11-15 23:43 GMT+01:00 ", "On 2015-11-15 23:43, "), (">:", ">\nwrote:")),  # an English one at its verb
    ],
    ids=["date first, before its address", "at its verb"],
)
def test_a_quoted_mail_without_marks_under_a_wrapped_attribution_is_quoted(rewrapped):
    """The real pipermail month below, its attribution wrapped as mail software wraps one: the date-first line before
    its address ("DATE NAME" over "<ADDRESS>:"), an English one at its verb ("On DATE, NAME <ADDRESS>" over "wrote:").
    The quoted mail under it is quoted from the line under the attribution's two lines, the words the file marks
    (before, the wrapped line quoted nothing)."""
    month = Path(__file__).parents[1] / "data" / "trial" / "mbox-pipermail-2015-november.mbox"
    body = next(m for m in mailbox.mbox(month) if m["Date"].startswith("Sat, 21 Nov")).get_payload(decode=True)
    lines = body.decode("utf-8").split("\n-------------- next part")[0].split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("2015-11-15 23:43 GMT+01:00 "))
    marked = [line for line in lines[at + 1 :] if line.startswith(">")]
    line = lines[at]
    for old, new in rewrapped:
        line = line.replace(old, new)
    assert line.count("\n") == 1
    text = "\n".join(re.sub(r"^(?:> ?)+", "", x) for x in [*lines[:at], line, *lines[at + 1 :]])
    quotes = [text[q.start : q.end] for q in find_post_quotes(text)]
    assert len(quotes) == 1 and quotes[0].split() == " ".join(re.sub(r"^(?:> ?)+", "", x) for x in marked).split()


def test_a_quoted_mail_without_marks_under_gmails_date_first_attribution_is_quoted():
    """A real pipermail month (tests/data/trial): Andy Grunwald answers above Jesus's mail, quoted by Gmail under
    "2015-11-15 23:43 GMT+01:00 Jesus M. Gonzalez-Barahona <jgb at example.com>:", no word in it. A page that lost the
    quote marks (as an archive's HTML copied as text does) quotes his mail from the line under it, the words the file
    marks; Andy's own lines above are his. Before, nothing under such a line was a quote. A line opening with a date
    and ending in a colon with no address in its brackets quotes nothing: the quote starts at the next attribution."""
    month = Path(__file__).parents[1] / "data" / "trial" / "mbox-pipermail-2015-november.mbox"
    body = next(m for m in mailbox.mbox(month) if m["Date"].startswith("Sat, 21 Nov")).get_payload(decode=True)
    lines = body.decode("utf-8").split("\n-------------- next part")[0].split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("2015-11-15 23:43 GMT+01:00 "))
    marked = [line for line in lines[at + 1 :] if line.startswith(">")]
    assert lines[at].endswith("<jgb at example.com>:") and len(marked) > 10 and not any(">" in x for x in lines[:at])
    text = "\n".join(re.sub(r"^(?:> ?)+", "", line) for line in lines)  # nested marks too
    quotes = [text[q.start : q.end] for q in find_post_quotes(text)]
    assert len(quotes) == 1 and quotes[0].split() == " ".join(re.sub(r"^(?:> ?)+", "", x) for x in marked).split()
    assert unmarked_quote(text)[0] == text.index(lines[at])
    own = text[: text.index(lines[at])]
    near = text.replace(lines[at], "2015-11-15 23:43 meeting notes <draft>:")  # only the older mail Jesus quoted
    assert own.strip() and unmarked_quote(near)[0] == near.index("On Sat, 2015-11-14 at 21:29 +0100, Andy Grunwald")


def test_mails_quoted_without_marks_under_gmails_line_are_quoted_from_their_writers():
    """The real pipermail month on a page that lost every quote mark (an archive's HTML copied as text): each of Andy
    Grunwald's two answers quotes, under Gmail's date-first line, the mail its In-Reply-To header names (from the
    file), and the extractor takes that mail for the one it answers. Before, the quoted mail was read as Andy's own
    words, and both answers were put on his first mail, which his own words repeat."""
    month = mailbox.mbox(Path(__file__).parents[1] / "data" / "trial" / "mbox-pipermail-2015-november.mbox")
    mails = list(month)
    page = "Docker and MetricsGrimoire\n"
    for message in mails:
        body = message.get_payload(decode=True).decode("utf-8").split("-------------- next part")[0].strip()
        body = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", re.sub(r"(?m)^(?:> ?)+", "", body))
        page += f"\n\n\n{email.utils.parseaddr(message['From'].replace(' at ', '@'))[0]}\n\n{body}\n"
    posts = list(parse(page, "page"))[1:]
    assert [p.author for p in posts] == [email.utils.parseaddr(m["From"].replace(" at ", "@"))[0] for m in mails]
    post_of = {m["Message-ID"]: p.id for m, p in zip(mails, posts, strict=True)}
    gmail = [(m, p) for m, p in zip(mails, posts, strict=True) if re.search(r"(?m)^\d{4}-\d\d-\d\d .*>:$", p.text)]
    assert len(gmail) == 2
    edges = Extractor(entities=False).extract(posts).edges
    for message, post in gmail:
        reply = next(e for e in edges if e.type == schema.REPLY_TO and e.source == post.id)
        assert (reply.target, reply.props["rule"]) == (post_of[message["In-Reply-To"]], "quote")


def _top_posted(month: str) -> list[tuple[str, str, list[str]]]:
    """The mails of a real list month (bench/replies/data/README.md) answering above Gmail's "On DATE, NAME <ADDRESS>
    wrote:" with every line under it marked: the text with the marks taken out (as an archive page copied as text has
    it), the line and the marked lines' words, all from the file."""
    out = []
    for message in mailbox.mbox(Path(__file__).parents[2] / "bench" / "replies" / "data" / month):
        body = (message.get_payload(decode=True) or b"").decode("latin-1").split("\n-------------- next part")[0]
        lines = body.strip().split("\n")
        at = next((i for i, x in enumerate(lines) if re.fullmatch(r"On .*, .*<[^<>]*(?:@| at )[^<>]*> wrote:", x)), 0)
        under = [x for x in lines[at + 1 :] if x.strip()]
        if at and under and all(x.startswith(">") for x in under) and not any(">" in x for x in lines[:at]):
            text = "\n".join(re.sub(r"^(?:> ?)+", "", x) for x in lines)
            out.append((text, lines[at], [re.sub(r"^(?:> ?)+", "", x) for x in under]))
    return out


@pytest.mark.parametrize(
    ("month", "mails"),
    [
        ("ion-general-2007-March.mbox", 2),
        ("ion-general-2010-April.mbox", 2),
        ("linuxdcpp-developers-2007-September.mbox", 1),
    ],
)
def test_a_quoted_mail_without_marks_under_gmails_english_attribution_is_quoted(month, mails):
    """Real mails answering above Gmail's "On Sat, Nov 14, 2015 at 9:29 PM, NAME <ADDRESS> wrote:", their marks
    taken out: the quote starts at that line and holds the words the file marks. Before, the ">" closing the address
    kept the line from opening a quote, and the quoted mail was read as the writer's own words. The same line with
    neither date nor address opens no quote, nor the line marked as quoted."""
    found = _top_posted(month)
    assert len(found) == mails
    for text, line, marked in found:
        quotes = [text[q.start : q.end] for q in find_post_quotes(text)]  # words in quotation marks after it
        assert unmarked_quote(text)[0] == text.index(line)
        assert quotes and quotes[0].split() == " ".join(marked).split()
        name = line[line.rindex(", ") + 2 : line.rindex(" <")]
        for near in (f"On the list, {name} <the writer> wrote:", f"> {line}"):  # a deeper attribution may quote
            assert (unmarked_quote(text.replace(line, near)) or (-1,))[0] != text.index(line)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("Am 1" + " schrieb " * 11_000, None),  # no colon
        ("Am 1" + " schrieb " * 11_000 + ": x", None),  # a colon not at the end
        ("Am 1 schrieb x" + " " * 100_000 + "y:", "x" + " " * 100_000 + "y"),
        ("x" + " schrieb am 1" * 8_000, None),
        ("x" + " schrieb am 1:" * 7_000 + "x", None),
        ("x wrote, " * 11_000 + ":", "x"),
        ("On 1, " + " " * 50_000 + "x <" + " " * 50_000 + "> wrote:", "x"),
    ],
    ids=[
        "schriebs",
        "schriebs, a colon inside",
        "blanks",
        "schrieb ams",
        "schrieb ams, colons",
        "commas",
        "blanks, <>",
    ],
)
def test_hostile_attribution_lines_are_read_in_linear_time(line, named):
    """100,000-character lines of the words the German forms hold ("Am DATE schrieb NAME:", "NAME schrieb am DATE:")
    took 13 to 40 s each: lazy parts inside each other tried each " schrieb " with each colon. Now milliseconds."""
    assert cpu_seconds(lambda: attribution.NAME_AFTER.fullmatch(line), budget=0.5) < 0.5
    assert cpu_seconds(lambda: attribution.name(line), budget=0.5) < 0.5
    assert attribution.name(line) == named
