"""The scraped-page reader against the annotated example thread."""

import email.header
import email.utils
import html
import json
import mailbox
import re
from datetime import datetime
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.sources import detect, expand_inputs, read_posts
from graphkit.sources.labelled import is_page as is_labelled
from graphkit.sources.text import author_name, not_prose, parse

DATA = Path(__file__).parent.parent / "data"


def _example():
    raw = (DATA / "palmyra-lavrov-thread.txt").read_text(encoding="utf-8")
    ann = json.loads((DATA / "palmyra-lavrov-thread.annotation.json").read_text(encoding="utf-8"))
    return raw, ann, list(parse(raw, "example"))


def _line(raw: str, offset: int) -> int:
    return raw.count("\n", 0, offset) + 1


def test_comment_boundaries_and_authors_match_annotation():
    raw, ann, posts = _example()
    article, comments = posts[0], posts[1:]
    assert article.is_article and article.title == ann["article"]["title"]
    assert article.date == ann["article"]["date"]
    assert [_line(raw, article.start), _line(raw, article.end)] == ann["article"]["lines"]
    assert len(comments) == len(ann["comments"])
    for post, expected in zip(comments, ann["comments"], strict=True):
        assert [_line(raw, post.start), _line(raw, post.end)] == expected["lines"], expected["id"]
        assert post.author == expected["author"], expected["id"]
        assert raw[post.start : post.end] == post.text
        assert post.thread == article.id


def test_ids_are_deterministic():
    _, _, first = _example()
    _, _, second = _example()
    assert [p.id for p in first] == [p.id for p in second]
    assert len({p.id for p in first}) == len(first)


def test_author_name_drops_disqus_suffix():
    assert author_name("888mladen .") == "888mladen"
    assert author_name("  John Whitehot ") == "John Whitehot"


def test_short_lines_inside_a_comment_are_not_authors():
    raw = (
        "Headline of a story\n\nBody of the story, told plainly.\n\n\nJane Doe\n\n"
        "Post of mine on another site\n\nIt said things.\n\nCrime planet……..3rd from the Sun\n\n"
        "Jane Doe .\n\n\n11 days ago\n\nSecond comment.\n"
    )
    posts = list(parse(raw, "t"))
    assert [p.author for p in posts[1:]] == ["Jane Doe", "Jane Doe"]
    assert posts[1].text.startswith("Post of mine") and posts[1].text.endswith("the Sun")
    assert posts[2].text.startswith("11 days ago")


def test_a_sign_off_does_not_take_the_next_comments_author_line():
    raw = (
        "Indexer follows links\n\nIt loops on a link to its own folder.\n\nJohn\n\n\n"
        "Fabrice Colin\n\nHi John,\n\nI will look at it.\n\nFabrice\n\n\n"
        "John Smith\n\nThanks, that fixed it.\n"
    )
    posts = list(parse(raw, "t"))
    assert posts[0].text.endswith("John")
    assert [(p.author, p.text.split("\n")[0]) for p in posts[1:]] == [
        ("Fabrice Colin", "Hi John,"),
        ("John Smith", "Thanks, that fixed it."),
    ]
    assert posts[1].text.endswith("Fabrice")


# real list months (see tests/data/real/mbox/README.md): mails end in sign-offs ("Artem", "Regards,\nArtem"),
# signatures and quoted mails' headers
LIST_MONTHS = sorted((DATA / "real" / "mbox").glob("*.txt"))
# months the reply model trains on (bench/replies/data/README.md), whose writers a list shows as "Joerg van den
# Hoff", "Hughes, Sam", "Steven Lam, KeenSystems BV", "Lacy Moore - Aspendora" or an address
# ("peder@networkoblivion.com", "anne.yajhfc at free.fr")
TRAINING = Path(__file__).parents[2] / "bench" / "replies" / "data"
_PLAIN_NAME = re.compile(r"[^\W\d_][\w'-]*")


def _plain(name: str) -> bool:
    """A name of one to three capitalised words."""
    words = name.split()
    return 1 <= len(words) <= 3 and all(_PLAIN_NAME.fullmatch(w) and w[0].isupper() for w in words)


def _mails(path: Path, plain: bool = True) -> list[tuple[str, str]]:
    """Each mail of a list month that names its writer (with a ``plain`` name, if asked), with its text as a page
    shows it: runs of blank lines made one (two would end the comment on any page)."""
    mails = []
    for post in read_posts(expand_inputs([str(path)])):
        text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", post.text.strip())
        if text and post.author and (_plain(post.author) or not plain):
            mails.append((post.author, text))
    return mails


def _page(path: Path, gap: str, plain: bool = True) -> str:
    """The month's mails on a page, each after ``gap`` and its author line: with "\\n", one blank line sets them
    apart as it does paragraphs."""
    mails = _mails(path, plain)
    return f"{path.stem}\n\nA month of a mailing list.\n" + "".join(f"{gap}{a}\n\n{t}\n" for a, t in mails)


@pytest.mark.parametrize("path", LIST_MONTHS, ids=lambda p: p.stem)
def test_each_mail_of_a_list_month_comes_back_whole_with_its_writer(path):
    """A page setting its comments apart by three blank lines: a name line after one blank line is a sign-off."""
    mails = _mails(path)
    assert len(mails) >= 15
    posts = list(parse(_page(path, "\n\n\n"), path.name))
    assert [(p.author, p.text) for p in posts[1:]] == mails


@pytest.mark.parametrize("path", LIST_MONTHS, ids=lambda p: p.stem)
def test_sign_offs_invent_no_writer_where_comments_are_two_blank_lines_apart(path):
    """Two blank lines before each author line, one between paragraphs: a name line after one blank line is a
    sign-off."""
    mails = _mails(path)
    posts = list(parse(_page(path, "\n\n"), path.name))
    assert {p.author for p in posts[1:]} <= {a for a, _ in mails}
    assert [p.author for p in posts[1:] if p.author] == [a for a, _ in mails]


@pytest.mark.parametrize(
    "path",
    [
        DATA / "real" / "mbox" / "mapnik-devel-2009-March.txt",
        TRAINING / "chansccp-users-2007-January.mbox",
        TRAINING / "chansccp-users-2007-November.mbox",
        TRAINING / "ion-general-2007-March.mbox",
        TRAINING / "yajhfc-user-2010-April.mbox",
        TRAINING / "ion-general-2007-May.mbox",
        TRAINING / "ion-general-2010-April.mbox",
        DATA / "real" / "mbox" / "linux-uvc-devel-2010-December.txt",
    ],
    ids=lambda p: p.stem,
)
def test_every_writer_of_a_list_month_comes_back_as_the_list_shows_them(path):
    """Surname first ("Braithwaite, Edward F."), particles ("van den"), a company after a dash or a comma, only
    an address, or a name in lower case ("kevin granade", "volt 9", "javier acebes"): each such author line opens
    its mail."""
    mails = _mails(path, plain=False)
    assert any(not _plain(a) for a, _ in mails)
    posts = list(parse(_page(path, "\n\n\n", plain=False), path.name))
    assert [(p.author, p.text) for p in posts[1:]] == mails


@pytest.mark.parametrize("path", LIST_MONTHS, ids=lambda p: p.stem)
def test_an_author_line_with_the_writers_address_names_the_writer(path):
    """Author lines as a mail's sender line shows them, "Artem Pavlenko <artem@…>": the writer is the name."""
    shown = []
    for post in read_posts(expand_inputs([str(path)])):
        text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", post.text.strip())
        if text and post.author and post.author_key and post.author != post.author_key:
            shown.append((post.author, post.author_key, text))
    assert len(shown) >= 15
    raw = "A month\n\nOf a list.\n" + "".join(f"\n\n\n{a} <{key}>\n\n{t}\n" for a, key, t in shown)
    assert [(p.author, p.text) for p in parse(raw, path.name)][1:] == [(a, t) for a, _, t in shown]


def test_a_name_line_right_above_an_author_line_ends_a_mail_one_blank_line_apart():
    """Where one blank line sets comments apart as it does paragraphs, a sign-off ("Mike", "-ishwar") stands
    right above the next mail's author line; the writer's own first name above a postscript or footnote ("John",
    then "PS - still using …") ends nothing; a greeting ("Hi Jonas") is no name."""
    path = TRAINING / "ion-general-2007-March.mbox"
    mails = _mails(path)
    posts = list(parse(_page(path, "\n"), path.name))
    assert [(p.author, p.text) for p in posts[1:]] == mails


# a line of one to four words without punctuation right under a line of text, a blank line under it: a wrapped
# sentence's last words, a line of code or of a signature, shaped as a short author line is
_UNDER_TEXT = re.compile(r"[^\n]\n[^\W\d_][\w-]*(?: [\w-]+){0,3}\n\n")


@pytest.mark.parametrize(
    "path", [TRAINING / "ion-general-2007-March.mbox", DATA / "real" / "mbox" / "mapnik-devel-2009-March.txt"]
)
def test_a_name_like_line_right_under_text_stays_in_its_mail_one_blank_line_apart(path):
    """Where one blank line sets mails apart as it does paragraphs and each author line stands after one, a line
    right under a line of text that looks like a name ("call" ending "… with `-ms' one would not", "directory"
    ending a wrapped compiler error) is that text's, not the next mail's author line."""
    mails = _mails(path, plain=False)
    assert any(_UNDER_TEXT.search(t) for _, t in mails)  # the month holds such lines
    posts = list(parse(_page(path, "\n", plain=False), path.name))
    assert [(p.author, p.text) for p in posts[1:]] == mails


# months of a list whose archive shows every writer as the list itself ("user mailing list for the score editor
# noteedit", no name's shape), their mails ending in sign-offs (see tests/data/pages/README.md)
PAGES = DATA / "pages"
# a sign-off after a tilde or dashes on a line of its own: "~Nathan", "--Anand", "- John"
_DASHED_SIGN_OFF = re.compile(r"^[-~]+ ?[A-Z][a-z]+$", re.M)


@pytest.mark.parametrize(
    ("name", "dashed"),
    [("noteedit-user-2006-December", False), ("noteedit-user-2007-March", False), ("noteedit-user-2008-March", True)],
)
@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n"], ids=["two", "three"])
def test_a_sign_off_over_an_author_line_in_no_names_shape_ends_its_mail(name, dashed, gap):
    """A sign-off ("Best regards,", "Kai"; "~Nathan") over the next mail's author line, which is in no name's shape:
    the sign-off is nearer its mail than what follows, so it ends its mail and the next mail is not taken under
    its name. Each mail comes back whole, under its writer or as an anonymous comment opening with the author line
    the list shows."""
    mails = _mails(PAGES / f"{name}.txt", plain=False)
    if dashed:
        mails = [(a, t) for a, t in mails if _DASHED_SIGN_OFF.search(t)]
    assert len(mails) >= 3
    raw = "A list\n\nA month of it.\n" + "".join(f"{gap}{a}\n\n{t}\n" for a, t in mails)
    posts = list(parse(raw, name))[1:]
    assert len(posts) == len(mails)
    for post, (author, text) in zip(posts, mails, strict=True):
        assert post.text.endswith(text) and post.author in (author, None)
        assert post.author or post.text == f"{author}\n\n{text}"


def test_a_sign_off_after_dashes_or_a_tilde_is_no_author_line_one_blank_line_apart():
    """One blank line apart, "~Nathan" over the next mail's author line (in no name's shape) looks like an author
    line over its text; a name after dashes or a tilde is a sign-off, never a writer."""
    mails = [
        (a, t) for a, t in _mails(PAGES / "noteedit-user-2008-March.txt", plain=False) if _DASHED_SIGN_OFF.search(t)
    ]
    raw = "A list\n\nA month of it.\n" + "".join(f"\n{a}\n\n{t}\n" for a, t in mails)
    posts = list(parse(raw, "noteedit-user-2008-March.txt"))[1:]
    signed = {m.group() for _, t in mails for m in _DASHED_SIGN_OFF.finditer(t)}
    assert signed and not {p.author for p in posts} & signed


# a closing, then after a blank line the writer's first name (or after a comma the whole name), then more of the mail
_OWN_SIGN_OFF = re.compile(r"\n\n(?:(?:kind |best )?regards|thanks|cheers)(,?)\n\n([^\n]+)\n\n\S", re.I)


@pytest.mark.parametrize(
    "path",
    [TRAINING / "chansccp-users-2007-January.mbox", DATA / "real" / "mbox" / "linux-uvc-devel-2010-December.txt"],
    ids=lambda p: p.stem,
)
def test_the_writers_own_name_under_a_closing_a_blank_line_apart_is_a_sign_off(path):
    """One blank line apart, as paragraphs are: "Regards" and "David" under David Rhodes's author line, "Kind
    regards," and "Nicky Chorley" under hers, with more of the mail below (a quoted mail, a device listing). The
    name ends the mail's own words; no comment opens under it."""
    mails = _mails(path, plain=False)
    signed = [
        (i, m)
        for i, (author, text) in enumerate(mails[:-1])
        for m in _OWN_SIGN_OFF.finditer(text)
        if m.group(2) == author.split()[0] or (m.group(1) and m.group(2) == author)
    ]
    assert signed
    for i, sign_off in signed:
        (author, text), after = mails[i], mails[i + 1]
        raw = f"A list\n\nA month of it.\n\n{author}\n\n{text}\n\n{after[0]}\n\n{after[1]}\n"
        name_at = raw.index(text) + sign_off.end(2)
        posts = list(parse(raw, path.name))[1:]
        assert posts[0].author == author and posts[0].end > name_at


def test_a_writer_called_by_the_first_name_of_the_one_answered_is_no_sign_off():
    """Kelly Opal's mail to the list (a real one, ending in her sign-off and a quoted mail), then an answer by a
    user called just "Kelly", one blank line apart: her own first name is a sign-off only over a postscript,
    footnote or quoted lines, and here opens the next comment."""
    mails = _mails(TRAINING / "chansccp-users-2007-November.mbox")
    kelly = next(t for a, t in mails if a == "Kelly Opal")
    answer = next(t for a, t in mails if t.startswith("Hi Kelly,"))
    assert "\n\nKelly\n\n" in kelly
    raw = f"Chan-sccp-users\n\nA month of a mailing list.\n\nKelly Opal\n\n{kelly}\n\nKelly\n\n{answer}\n"
    posts = list(parse(raw, "t"))
    assert [(p.author, p.text) for p in posts[1:]] == [("Kelly Opal", kelly), ("Kelly", answer)]


@pytest.mark.parametrize(
    "path",
    [DATA / "real" / "mbox" / "mapnik-devel-2009-March.txt", TRAINING / "yajhfc-user-2010-April.mbox"],
    ids=lambda p: p.stem,
)
def test_a_mail_read_as_the_article_keeps_its_last_lines(path):
    """The first mail of a thread is a page's article: its own closing lines in the first or second person
    ("Can you help me?", "Thanks!\\n\\nDane") are its own, not an anonymous comment after it."""
    mails = _mails(path, plain=False)
    for i, (_, text) in enumerate(mails[:-2]):
        raw = f"A thread\n\n{text}\n" + "".join(f"\n\n{a}\n\n{t}\n" for a, t in mails[i + 1 : i + 3])
        assert next(iter(parse(raw, path.name))).text == text, i


def test_a_place_after_a_comma_is_no_surname_and_given_names():
    """A comment of a Reddit hiring thread names its place on a line of its own, "Fairfax, VA". One blank line
    apart, as the thread's comments are, that line is no author line ("Hughes, Sam" is): the given names after a
    surname's comma start as names do, a capital and a small letter, or are initials."""
    comments = _mails(TRAINING / "rtv-python-6302cj.json", plain=False)
    i = next(i for i, (_, text) in enumerate(comments) if "\n\nFairfax, VA\n\n" in text)
    page = comments[i - 1 : i + 2]
    raw = "Who is hiring\n\nThe monthly thread.\n" + "".join(f"\n{a}\n\n{t}\n" for a, t in page)
    assert [(p.author, p.text) for p in list(parse(raw, "t"))[1:]] == page


JS_SOURCE = """import React from 'react';

function Comment(props) {
  const user = props.comment.user;
  return render(user);
}

export default Comment;
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, r"not an article with comments but a script holding JSON data that looks like reddit input"),
        (JS_SOURCE, r"not an article with comments but source code \(6 of 6 lines"),
    ],
)
def test_code_or_data_is_refused_not_read_as_a_page(tmp_path, content, message):
    if content is None:
        page = json.dumps(json.loads((DATA / "sources" / "reddit-page.json").read_text(encoding="utf-8")))
        content = f"var data = {page};\nrender(data);\n"
    path = tmp_path / "page.js"
    path.write_text(content, encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "text"
    with pytest.raises(InputError, match=r"page\.js: " + message):
        list(read_posts([inp]))


def test_an_article_page_is_prose():
    for name in ("palmyra-lavrov-thread.txt", "everton-takeover-thread.txt"):
        assert not_prose((DATA / name).read_text(encoding="utf-8")) is None


def test_json_read_as_text_is_refused():
    (inp,) = expand_inputs([str(DATA / "sources" / "reddit-page.json")])
    with pytest.raises(InputError, match=r"not an article with comments but JSON data that looks like reddit input$"):
        list(read_posts([inp], "text"))


@pytest.mark.parametrize(
    ("byline", "writer"),
    [
        ("Posted by u/Tonkotsuu", "Tonkotsuu"),
        ("submitted 3 hours ago by Tuomo Valkonen to r/linux", "Tuomo Valkonen"),
        ("312 points by pg 5 hours ago | hide | 80 comments", "pg"),
        ("By Alice Smith", "Alice Smith"),
    ],
)
def test_a_byline_under_the_headline_names_the_articles_writer(byline, writer):
    raw = f"Khabib deserves his belt\n\n{byline}\n\nThey did not give him his belt.\n\nbob\n\nThey will.\n"
    article, comment = parse(raw, "t")
    assert article.author == writer and article.text == "They did not give him his belt."
    assert comment.author == "bob" and comment.text == "They will."


@pytest.mark.parametrize("line", ["By now everyone knows.", "By now", "By the Way", "Posted by"])
def test_a_line_that_is_no_byline_stays_in_the_article(line):
    article, *_ = parse(f"Headline of a story\n\n{line}\n\nMore of the story.\n", "t")
    assert article.author is None and article.text.startswith(line)


@pytest.mark.parametrize(
    ("first", "date"),
    [
        ("JULY 2022", "JULY 2022"),
        ("Updated: Tue 12 Mar 2024 10.32 GMT", "Updated: Tue 12 Mar 2024 10.32 GMT"),
        ("Published on December 11, 2016 at 3:05 p.m.", "Published on December 11, 2016 at 3:05 p.m."),
        ("2016-12-11", "2016-12-11"),
        ("Sept. 4, 2016", "Sept. 4, 2016"),
        ("Mock ROE 1, 2, 3, 4 [TDS Jan 2025]", ""),  # a forum topic's headline holding a date
        ("Remote Online Exam [TDS Jan 2025]", ""),
        ("Elections of May 2024", ""),
    ],
)
def test_a_date_line_is_a_date_not_a_headline_holding_one(first, date):
    raw = f"{first}\n\nWhat the article says, at some length.\n\n\nJane Doe\n\nA comment on it.\n"
    posts = list(parse(raw, "t"))
    article = posts[0]
    assert article.date == date
    assert article.title == (first if not date else "What the article says, at some length.")


def test_a_long_line_under_a_sign_off_is_read_in_linear_time():
    # a hostile page: a name line under a comment's text, then one long line of "wrote" without the colon that
    # would make it an attribution line
    import time

    def seconds(n: int) -> float:
        raw = "Headline\n\nThe article.\n\nalice\n\nA comment.\nBob\n\n" + "wrote " * n + "\n"
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            assert [p.author for p in parse(raw, "page.txt")][1:] == ["alice", "Bob"]
            best = min(best, time.process_time() - start)
        return best

    # ten times the line: about ten times the time when linear, a hundred when each word rereads the line
    assert seconds(20_000) / seconds(2_000) < 35


def test_a_name_line_with_a_long_run_of_blanks_is_read_in_linear_time():
    # a hostile page (or a scraped table padded with blanks): a line where one blank run holds two words apart,
    # after a blank line and above one, as an author line stands; a name's and an address's patterns each cost
    # the square of the run
    import time

    def seconds(n: int) -> float:
        raw = "Headline\n\nThe article.\n\nalice\n\nA comment.\n\nJane" + " " * n + "Doe\n\nMore of it.\n"
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            assert [p.author for p in parse(raw, "page.txt")][1:] == ["alice"]
            best = min(best, time.process_time() - start)
        return best

    # ten times the run: about ten times the time when linear, a hundred when each blank rereads the run
    assert seconds(40_000) / seconds(4_000) < 35


REAL = DATA / "real"


@pytest.mark.parametrize(
    "path",
    [
        REAL / "bluesky" / "jimmyfallon-thread.json",  # handles that are domain names: "jimmyfallon.bsky.social"
        REAL / "bluesky" / "hellthread-parents.json",  # "onionweigher.hellthread.vet", "dfrag.com"
        REAL / "telegram" / "teknologi_umum_oop.json",  # an emoji's variation selector after a name
        TRAINING / "tds-discourse-167172.json",  # names going on in lower case: "Tanya kamboj", "Ansh bansal"
    ],
    ids=lambda p: p.stem,
)
def test_every_writer_of_a_real_thread_comes_back_where_comments_are_set_apart(path):
    """Display names as sites show them, on a page setting its comments apart by two blank lines."""
    posts = _mails(path, plain=False)
    assert any(not _plain(a) for a, _ in posts)
    parsed = list(parse(_page(path, "\n\n\n", plain=False), path.name))
    assert [(p.author, p.text) for p in parsed[1:]] == posts


@pytest.mark.parametrize(
    ("path", "writer"),
    [  # names the reader had missed on the training pages (bench/replies/data) and a real export's
        (TRAINING / "tds-discourse-161083.json", "23F3002987 J SRI BALAJI PRABHU"),  # a student's number first
        (TRAINING / "michkam-beer-meta.ndjson", "Just Do It"),  # a slogan's words
        (TRAINING / "michkam-beer-meta.ndjson", "dougal 5.0.0"),  # a version after a handle
        (TRAINING / "igodlab-cardano.ndjson", "iStake ADA"),  # a capital after a short lower-case start
        (TRAINING / "laisky-blog-disqus.xml", "tcOops Tan"),
        (TRAINING / "igodlab-cardano.ndjson", "Srdjan - cardano.blue"),  # a site after a dash
        (TRAINING / "woodstock-bicycles-meta.ndjson", "Tom Hawtin - tackline"),  # a handle after a dash
        (REAL / "disqus" / "benbalter-blog.xml", 'Moritz "mo." Sauer'),  # a nickname ending in a dot
    ],
    ids=lambda v: v if isinstance(v, str) else v.stem,
)
def test_a_display_name_of_words_marks_or_a_number_is_the_author_line_of_its_comment(path, writer):
    """Display names as sites show them beside the common shapes: each thread holding one, laid out as the bench
    lays out its pages (each comment two blank lines after the one before, under its author line), comes back
    comment by comment under the names its export gives (before, such a name's comment was read as no one's,
    holding the name as its first line)."""
    threads: dict[str, list[tuple[str, str]]] = {}
    for post in read_posts(expand_inputs([str(path)])):
        text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", post.text.strip())
        if not post.is_article and text and post.author:
            threads.setdefault(post.thread, []).append((post.author.strip(), text))
    (comments,) = [c for c in threads.values() if writer in {a for a, _ in c}][:1]
    raw = "A thread\n\nIts opening post.\n" + "".join(f"\n\n\n{a}\n\n{t}\n" for a, t in comments)
    assert [(p.author, p.text) for p in list(parse(raw, path.name))[1:]] == comments


@pytest.mark.parametrize("path", sorted((DATA / "rewritten-senders").glob("*.mbox")), ids=lambda p: p.stem)
@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n"], ids=["two", "three"])
def test_a_sender_a_list_rewrote_is_an_author_line_naming_the_writer(path, gap):
    """A list archive's page shows a sender the list rewrote for DMARC as the list wrote it ("Chao Yu via
    Linux-f2fs-devel", "Felix Kaechele via B.A.T.M.A.N"): that line is the author line of the mail under it, and
    names the writer, as the mbox reader does, so a writer is one whether the list rewrote the mail or not."""
    texts = {
        p.source_id: re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", p.text.strip())
        for p in read_posts(expand_inputs([str(path)]))
    }
    shown = []
    for message in mailbox.mbox(str(path)):
        name = email.utils.parseaddr(str(email.header.make_header(email.header.decode_header(message["From"]))))[0]
        writer = name.rpartition(" via ")[0].strip("'") or name
        if _plain(re.sub(r"\b([A-Z])\.", r"\1", writer)) and texts[message["Message-ID"].strip().strip("<>")]:
            shown.append((name, writer, texts[message["Message-ID"].strip().strip("<>")]))
    assert any(name != writer for name, writer, _ in shown)
    raw = f"{path.stem}\n\nA list's thread.\n" + "".join(f"{gap}{name}\n\n{text}\n" for name, _, text in shown)
    assert [(p.author, p.text) for p in list(parse(raw, path.name))[1:]] == [(w, t) for _, w, t in shown]


MASTODON = REAL / "mastodon"


@pytest.mark.parametrize(
    "path",
    [
        MASTODON / "purplerain-outbox.json",
        MASTODON / "dealingwith-outbox.json",
        MASTODON / "mastodon4j-mstdn-context.json",
    ],
    ids=lambda p: p.stem,
)
@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"], ids=["one", "two", "three"])
def test_bare_handles_are_author_lines_on_a_page_that_shows_its_writers_so(path, gap):
    """A Mastodon profile or thread copied as text shows each post under its writer's handle ("@purplerain"): on
    such a page the handles are the author lines (and a short first line under one, "滑板", is the post's)."""
    posts = [(a if a.startswith("@") else f"@{a}", t) for a, t in _mails(path, plain=False)]
    raw = "Posts\n\nA page of posts.\n" + "".join(f"{gap}{a}\n\n{t}\n" for a, t in posts)
    assert [(p.author, p.text) for p in list(parse(raw, path.name))[1:]] == posts


TOPIC = DATA / "pages" / "tds-topic-169029-cut.json"


def _by_username(path: Path) -> list[tuple[str, str]]:
    """Each post of a Discourse topic under its writer's user name, as a forum shows it over the post, with its
    text as a page shows it."""
    topic = json.loads(path.read_text())
    # a post is known by its id, the topic's opening post by the topic's id (as the topic's address shows it)
    names = {
        str(topic["id"] if post["post_number"] == 1 else post["id"]): post["username"]
        for post in topic["post_stream"]["posts"]
    }
    posts = [p for p in read_posts(expand_inputs([str(path)])) if not p.meta.get("stub")]  # no page shows a stub
    return [(names[p.source_id], re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", p.text.strip())) for p in posts]


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n"], ids=["one", "two"])
def test_user_names_holding_dots_are_author_lines_on_a_forum_topic_copied_as_a_page(gap):
    """A real Discourse topic shows each post under its writer's user name, some of which hold dots ("s.anand",
    "HARISH.S"): on a page showing its writers so, they are author lines as the others ("carlton", "23f1001909")."""
    posts = _by_username(TOPIC)
    assert {"s.anand", "HARISH.S"} <= {a for a, _ in posts}
    raw = "Project 2 - TDS Solver - Discussion Thread\n\nA forum topic.\n" + "".join(
        f"{gap}{a}\n\n{t}\n" for a, t in posts
    )
    assert [(p.author, p.text) for p in list(parse(raw, TOPIC.name))[1:]] == posts


@pytest.mark.parametrize("line", ["setup.py", "e.g.", "www.voinetworks.ca", "3.14"])
def test_a_file_site_or_abbreviation_alone_stays_text_on_a_page_of_user_names(line):
    """On the same page, a paragraph that is a file's name, a site's address, an abbreviation or a number holds dots
    as those user names do, and stays in its post."""
    posts = _by_username(TOPIC)
    (first, text), *rest = posts
    posts = [(first, f"{text}\n\n{line}\n\nThe last one."), *rest]
    raw = "Project 2\n\nA forum topic.\n" + "".join(f"\n\n{a}\n\n{t}\n" for a, t in posts)
    assert [(p.author, p.text) for p in list(parse(raw, TOPIC.name))[1:]] == posts


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Run this in the folder with the JSON files:", "http.server", "It serves them on port 8000."],
        ["To build the file's path on any system use", "os.path", "and join its parts."],
        ["Then read the questions:", "json.loads", "gives a dict of them."],
        ["I had `import numpy as np` at the top; the error came from", "np.linalg", "after the upgrade."],
        ["The grader calls", "app.solve", "with the question: `app.solve(question)` must return a string."],
    ],
    ids=["stdlib-module", "stdlib-submodule", "stdlib-function", "imported-module", "called-function"],
)
def test_a_module_name_alone_stays_text_on_a_page_of_user_names(paragraphs):
    """On the same page, its posts and their paragraphs one blank line apart, a module's or a function's dotted name
    on a line of its own, as a post about code shows one ("http.server"), stays in its post: a name under a module of
    Python's standard library or one the page imports, or one the page writes as code. The page reads as it does
    without those paragraphs, but for them."""
    posts = _by_username(TOPIC)
    (first, text), *rest = posts

    def read(posts: list[tuple[str, str]]) -> list[tuple[str | None, str]]:
        raw = "Project 2\n\nA forum topic.\n" + "".join(f"\n{a}\n\n{t}\n" for a, t in posts)
        return [(p.author, p.text) for p in parse(raw, TOPIC.name)]

    before = read(posts)
    assert before[1] == (first, text)
    more = "\n\n".join([text, *paragraphs])
    assert read([(first, more), *rest]) == [before[0], (first, more), *before[2:]]


# real display names and what each wrote, from exports whose writers are known: other scripts, a title, emoji,
# initials (see each folder's README)
_SHOWN = {
    REAL / "youtube" / "ytdlp-issue4285-BaW_jenozKc.info.json": ["Станислав Шолтанюк", "武状元"],
    REAL / "telegram" / "trantor_library_TG101.json": ["川陀大学图书馆"],
    REAL / "disqus" / "laisky-blog.xml": ["照云子龙", "手中流沙", "李冰"],
    REAL / "disqus" / "benbalter-blog.xml": ["Alessandro Feitosa Jr."],
    REAL / "telegram" / "teknologi_umum_linq.json": ["Ronny Gunawan \ufe0f"],
    TRAINING / "tds-discourse-168476.json": ["A LAKSHMI"],
    TRAINING / "tds-discourse-168832.json": ["Vishnuprasad A"],
}


def _shown() -> list[tuple[str, str]]:
    """The first comment of each writer of ``_SHOWN`` that opens with more than a two-character heading ("目录",
    which reads as a name), with its text as a page shows it."""
    out = []
    for path, names in _SHOWN.items():
        mails = _mails(path, plain=False)
        out += [next((a, t) for a, t in mails if a == name and len(t.split("\n")[0]) > 2) for name in names]
    return out


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n"], ids=["two", "three"])
def test_display_names_of_any_script_with_titles_emoji_or_initials_are_author_lines(gap):
    """Each comment after ``gap`` and its writer's author line: the writer comes back whole. (One blank line apart,
    a comment of a few characters in a script without case, "欢迎贡献代码", reads as a name too.)"""
    comments = _shown()
    raw = "Talk\n\nA page of comments.\n" + "".join(f"{gap}{a}\n\n{t}\n" for a, t in comments)
    assert [(p.author, p.text) for p in list(parse(raw, "t"))[1:]] == comments


@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n"], ids=["one", "two"])
def test_a_writer_named_with_a_second_name_in_brackets_is_an_author_line(gap):
    """A Disqus guest named with a second name in brackets after the first ("shanglin huang (sweet sorrow)", in a
    Chinese blog's export that trains the reply model), as writers add a company ("Jane Doe (Acme Corp)"): on the
    page of its thread, one or two blank lines between comments, the comment comes back whole under that name, not
    as the first line of an anonymous comment."""
    posts = list(read_posts(expand_inputs([str(TRAINING / "laisky-blog-disqus.xml")])))
    (bracketed,) = [p for p in posts if p.author and re.search(r"\S \([^()]+\)$", p.author)]
    thread = [p for p in posts if p.thread == bracketed.thread and not p.is_article]
    comments = [(p.author, re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", p.text.strip())) for p in thread]
    assert len(comments) >= 3
    raw = "Talk\n\nA page of comments.\n" + "".join(f"{gap}{a}\n\n{t}\n" for a, t in comments)
    assert [(p.author, p.text) for p in list(parse(raw, "t"))[1:]] == comments


@pytest.mark.parametrize(
    "names",
    [
        ["S.L.C", "J.R.R. Tolkien", "A.Srinivasa Reddy"],  # dotted initials; the last a real forum's display name
        ["Anna 🌸", "Dr. Ruth Ayers ✨", "@alice@mastodon.social"],
    ],
)
def test_initials_emoji_and_fediverse_addresses_make_author_lines(names):
    comments = [(name, f"Comment number {i}.") for i, name in enumerate(names)]
    raw = "Talk\n\nA page of comments.\n" + "".join(f"\n\n{a}\n\n{t}\n" for a, t in comments)
    assert [(p.author, p.text) for p in list(parse(raw, "t"))[1:]] == comments


@pytest.mark.parametrize(
    "line",
    [
        "Good bot",  # a Reddit comment of bench/replies/data/rtv-python-6302cj.json
        "Ok sir",  # a forum post's paragraph (bench/replies/data/tds-discourse-164277.json)
        "@carlton",  # a forum post's first words, calling its reader (tds-discourse-165959.json)
        "evaluate.py",  # a file's name (tds-discourse-164277.json)
        "http.server",  # a module's name (tds-discourse-161120.json)
        "www.voinetworks.ca",  # a mail's signature line (chansccp-users-2007-November.mbox)
        "بسم الله الرحمن الرحيم",  # a Telegram channel's post's first line (upon_the_path_of_the_salaf.json)
        "太棒了",  # comments of a Chinese blog's Disqus export (tests/data/real/disqus/laisky-blog.xml)
        "感谢作者",
        "不错",
        "输入法用的什么",
        # short comments as people write them, found by the project's code search in public data: a reply's body in
        # a comment API's examples, subtitles' and chat lines, a blog's praise, a counter of dhikr
        "好文章",
        "ありがとう",
        "감사합니다",
        "الله أكبر",
        "شكرا جزيلا",
        # short lines set with capitals, or naming how a mail was sent, that a display name's shapes do not take
        "Thank You",
        "Me Too",
        "Thanks Again",
        "Sent via email",
    ],
)
@pytest.mark.parametrize("gap", ["\n", "\n\n\n"], ids=["one", "three"])
def test_a_short_line_of_comment_text_stays_in_its_comment(line, gap):
    """A paragraph of one short line inside a comment is no author line, on a page whose comments are one blank
    line apart or set apart by more."""
    raw = (
        f"Talk\n\nA page of comments.\n{gap}Ronny Gunawan\n\nThe first paragraph.\n\n{line}\n\nThe last one.\n"
        f"{gap}川陀大学图书馆\n\nAn answer.\n"
    )
    comments = list(parse(raw, "t"))[1:]
    assert [(p.author, p.text) for p in comments] == [
        ("Ronny Gunawan", f"The first paragraph.\n\n{line}\n\nThe last one."),
        ("川陀大学图书馆", "An answer."),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "So True",
        "The End",
        "Of Course",
        "Not Bad",
        "Same Here",
        "No Way",
        "Thanks For Sharing",
        "How To Fix It",
        "Merry Christmas To All",
        "Be Safe",
    ],
)
def test_a_short_line_set_with_capitals_stays_in_its_comment_where_comments_are_one_blank_line_apart(line):
    """Common words each set with a capital are a group's name or a slogan only where the page's layout sets author
    lines apart by two blank lines; one blank line apart, as paragraphs are, such a line is the comment's own."""
    test_a_short_line_of_comment_text_stays_in_its_comment(line, "\n")


@pytest.mark.parametrize(
    "line",
    [
        "iPhone 15 Pro",
        "eBay Seller",
        "iOS Update",
        "Breaking News via CNN",
        "Hat Tip via Reddit",
        "Mike via Twitter",
        "Source - reuters.com",
        "Found It - github.com",
    ],
)
def test_a_product_a_source_or_a_credit_stays_in_its_comment_where_comments_are_one_blank_line_apart(line):
    """A capital after a short lower-case start is a handle's only where author lines stand two blank lines apart
    ("iStake ADA"); "via" names a list that rewrote a sender only when the list's name looks like one (marks or
    lower case: "Linux-f2fs-devel", "B.A.T.M.A.N", "kasan-dev"), not a site ("CNN", "Twitter"); a site after a
    dash is a writer's only after a name (two words, a given name or a rare word: "Srdjan - cardano.blue")."""
    test_a_short_line_of_comment_text_stays_in_its_comment(line, "\n")


@pytest.mark.parametrize("line", ["python 3.11", "node 18.0.0", "chapter 3.2", "ubuntu 22.04"])
def test_a_word_and_a_version_stays_in_its_comment_where_comments_are_one_blank_line_apart(line):
    """On a page showing its writers by user names, one blank line apart, a lower-case word and a version is a
    program or a chapter named in the comment, not a writer's name in lower case ("dougal 5.0.0" is one only where
    author lines stand two blank lines apart)."""
    raw = (
        f"Talk\n\nA forum's topic.\n\ncarlton\n\nThe first paragraph.\n\n{line}\n\nThe last one.\n\nharicharan\n\nOk.\n"
    )
    assert [(p.author, p.text) for p in list(parse(raw, "t"))[1:]] == [
        ("carlton", f"The first paragraph.\n\n{line}\n\nThe last one."),
        ("haricharan", "Ok."),
    ]


def test_a_signed_mail_under_its_writers_author_line_opens_a_comment():
    """Andreas Schlager's mail opens with "-----BEGIN PGP SIGNED MESSAGE-----": a line of dashes under a name is a
    signature's rule over the sign-off it ends, but this one opens the signed mail of the writer named above it."""
    mails = _mails(TRAINING / "chansccp-users-2007-January.mbox", plain=False)
    signed = [i for i, (_, text) in enumerate(mails) if i and text.startswith("-----BEGIN PGP SIGNED MESSAGE-----")]
    assert signed
    for i in signed:
        raw = "A list\n\nA month of it.\n\n" + "".join(f"{a}\n\n{t}\n\n" for a, t in mails[i - 1 : i + 1])
        assert [p.author for p in parse(raw, "chansccp-users")][1:] == [mails[i - 1][0], mails[i][0]]


@pytest.mark.parametrize("line", ["Austin, Texas", "Berlin, Fintech", "Fairfax, VA"])
def test_a_place_or_field_after_a_comma_in_a_comment_is_no_writer(line):
    """Comments of a Reddit hiring thread name their place and field on a line of their own ("Austin, Texas",
    "Berlin, Fintech"). One blank line apart, as the thread's comments are, such a line is no "Surname, Given" author
    line: after the comma comes a given name of the census lists, or a name rare in English with a surname as rare
    ("Ceschia, Marcello", kept by the list months above), not a common word."""
    comments = _mails(TRAINING / "rtv-python-6302cj.json", plain=False)
    i = next(i for i, (_, text) in enumerate(comments) if re.search(rf"(?m)^{re.escape(line)}$", text))
    page = comments[i - 1 : i + 2]
    raw = "Who is hiring\n\nThe monthly thread.\n" + "".join(f"\n{a}\n\n{t}\n" for a, t in page)
    assert [(p.author, p.text) for p in list(parse(raw, "t"))[1:]] == page


# a signature's telephone line, a blank line apart from the lines around it, as an HTML mail's text shows it
_PHONE_LINE = re.compile(r"^t \(\d{3}\) \d{3}-\d{4}$", re.M)


def test_the_lines_of_a_signature_block_one_blank_line_apart_are_no_writers():
    """Paul Reichart's mails end in a signature whose lines each stand a blank line apart: his name, his title, his
    company, a telephone number, his address and his site ("Voi Networks Inc" over "t (204) 272-6099",
    "p.reichart at voinetworks.ca" over "www.voinetworks.ca"). One blank line apart, as paragraphs are, no line of
    the block is the next comment's writer."""
    mails = _mails(TRAINING / "chansccp-users-2007-November.mbox", plain=False)
    signed = [i for i, (_, text) in enumerate(mails) if _PHONE_LINE.search(text)]
    assert signed
    for i in signed:
        paragraphs = mails[i][1].split("\n\n")
        at = next(k for k, p in enumerate(paragraphs) if _PHONE_LINE.fullmatch(p))
        block = {paragraphs[at - 1], paragraphs[at + 1], paragraphs[at + 2]}  # the lines around the number
        page = mails[i - 1 : i + 2]
        raw = "A list\n\nA month of it.\n" + "".join(f"\n{a}\n\n{t}\n" for a, t in page)
        authors = [p.author for p in list(parse(raw, "chansccp-users"))[1:]]
        assert authors[0] == page[0][0] and page[1][0] in authors
        assert not block & set(authors), i


@pytest.mark.parametrize("name", ["python-spe-users-2008-November", "ogle-user-2006-June"])
def test_the_writers_first_name_under_thanks_is_a_sign_off(name):
    """ "Thanks", then the writer's first name a blank line apart ("Yama" under Yama Ploskonka's mail, "Ivan" under
    Ivan Uemlianin's), then more of the mail or a list's author line in no name's shape: the name signs the mail
    off. (A "Kelly" answering Kelly Opal's "Thanks" with "Hi Kelly," is a writer: no one greets herself.)"""
    path = PAGES / f"{name}.txt"
    mails = _mails(path, plain=False)
    signed = [(a, t) for a, t in mails if f"\nThanks\n\n{a.split()[0]}\n" in f"\n{t}\n"]
    assert signed
    posts = list(parse(_page(path, "\n", plain=False), path.name))[1:]
    assert {p.author for p in posts} <= {a for a, _ in mails}
    for author, text in signed:
        assert any(p.author == author and text in p.text for p in posts)


def test_a_name_under_thanks_over_a_postscript_signs_off():
    """Lara's mail ends "Thanks again", "Lara", then "P.S The program that I am using …", each a blank line apart;
    the list names her by her address. Her name under thanks, over a postscript, signs the mail off: the postscript
    is hers, not a comment of a writer "Lara"."""
    path = PAGES / "delilinux-user-2007-March.txt"
    mails = _mails(path, plain=False)
    signed = [(a, t) for a, t in mails if re.search(r"\nThanks again\n\n[A-Z]\w+\n\nP\.S", t)]
    assert signed
    posts = list(parse(_page(path, "\n", plain=False), path.name))[1:]
    assert {p.author for p in posts} <= {a for a, _ in mails}
    assert all(any(p.author == a and p.text == t for p in posts) for a, t in signed)


def test_a_closing_word_and_the_writers_name_after_its_comma_is_no_author_line():
    """Martin Bene's mail ends "Bye, Martin" (a short closing, a comma, his name): under it, one blank line apart, an
    answer without an author line goes on; the sign-off stays his mail's, no comment is credited to "Bye, Martin"."""
    mails = _mails(TRAINING / "chansccp-users-2007-January.mbox", plain=False)
    (i,) = [i for i, (_, text) in enumerate(mails[:-1]) if text.endswith("\n\nBye, Martin")]
    (author, text), (_, answer) = mails[i], mails[i + 1]
    posts = list(parse(f"A list\n\nA month of it.\n\n{author}\n\n{text}\n\n{answer}\n", "chansccp-users"))[1:]
    assert [p.author for p in posts] == [author] and "Bye, Martin" in posts[0].text


@pytest.mark.parametrize("gap", ["\n", "\n\n"])
def test_a_date_over_an_author_line_is_no_writer(gap):
    """A forum page shows each post's day above its writer ("January 3, 2007"): a month's name, a day and a year
    after a comma are no name with given names after a surname, and no comment is credited to a date."""
    month = TRAINING / "chansccp-users-2007-January.mbox"
    shown = [
        (post.author, datetime.fromisoformat(post.created.replace("Z", "+00:00")), post.text.strip())
        for post in read_posts(expand_inputs([str(month)]))
        if post.author and post.created and post.text.strip()
    ]
    days = {f"{day:%B} {day.day}, {day.year}" for _, day, _ in shown}
    raw = "A list\n\nA month of it.\n" + "".join(
        f"\n{gap}{day:%B} {day.day}, {day.year}\n\n{author}\n\n{text}\n" for author, day, text in shown
    )
    authors = {p.author for p in list(parse(raw, month.name))[1:]}
    assert len(days) > 5 and not authors & days


# a Czech blog's comment sections, each comment under its writer's name as the blog shows it (see
# tests/data/pages/README.md): writers named with a nickname in quotes ('Pavel "JasnaPaka" Cvrček') and user names
# holding punctuation ("spl!te", "R/W")
BLOG = sorted(PAGES.glob("jasnapaka-*-comments.html"))
_BLOG_COMMENT = re.compile(
    r'<span class="com-blue" id="cmt_(\d+)">\1</span>\.\s*<strong>(.*?)</strong>.*?<br />(.*?)</p>', re.S
)


def _blog_comments(path: Path) -> list[tuple[str, str]]:
    """Each comment of a saved comment section, in the page's order: its writer's name as the page shows it (an
    OpenID badge linked after it left out), and its text as a page shows it (line breaks kept, runs of blank lines
    made one, tags left out)."""
    out = []
    for match in _BLOG_COMMENT.finditer(path.read_text(encoding="utf-8")):
        name = html.unescape(re.sub(r"\s*\[<a [^>]*>openID</a>\]|<[^>]+>", "", match.group(2))).strip()
        text = html.unescape(re.sub(r"<[^>]+>", "", match.group(3).replace("<br />", "\n").replace("\r", "")))
        text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip()
        out.append((name, text))
    return out


def _blog_page(path: Path, gap: str) -> str:
    title = re.search(r"<title>(.*?) - ", path.read_text(encoding="utf-8")).group(1)
    return f"{title}\n\nA blog post.\n" + "".join(f"{gap}{a}\n\n{t}\n" for a, t in _blog_comments(path))


def test_the_blog_pages_hold_writers_of_both_kinds():
    """The pages are what the tests below need: a nickname in quotes, punctuation in user names, names in lower
    case and a handle of several words."""
    names = {a for path in BLOG for a, _ in _blog_comments(path)}
    assert len(BLOG) == 4
    assert {'Pavel "JasnaPaka" Cvrček', "spl!te", "R/W", "-alf-", "janko hrasko", "su rm -rf /"} <= names


@pytest.mark.parametrize("path", BLOG, ids=lambda p: p.stem)
@pytest.mark.parametrize("gap", ["\n\n", "\n\n\n"], ids=["two", "three"])
def test_names_with_a_nickname_in_quotes_or_punctuation_are_author_lines(path, gap):
    """A writer named with a nickname in quotes ('Pavel "JasnaPaka" Cvrček', as the blog's own writer signs his
    answers), by a user name holding a "!" or a "/" ("spl!te", "R/W"), or by a handle of several words that another
    comment addresses ("su rm -rf /", which Marvin answers under "su rm -rf / :") is the comment's writer, not its
    first line: every comment comes back whole under the name its page shows."""
    comments = _blog_comments(path)
    posts = list(parse(_blog_page(path, gap), path.name))[1:]
    assert [(p.author, p.text) for p in posts] == comments


def test_a_line_of_several_words_no_comment_addresses_stays_text():
    """A handle of several words has no name's shape: only a comment addressing it makes it a writer. Without
    Marvin's "su rm -rf / :" line the same page reads "su rm -rf /" as no one's name, a command's words as a
    comment may hold them."""
    (path,) = [p for p in BLOG if "706804" in p.name]
    comments = [(a, t.replace("su rm -rf / :\n\n", "")) for a, t in _blog_comments(path)]
    assert comments != _blog_comments(path)
    raw = "A post\n\nIts text.\n" + "".join(f"\n\n{a}\n\n{t}\n" for a, t in comments)
    assert "su rm -rf /" not in {p.author for p in parse(raw, path.name)}


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"], ids=["one", "two", "three"])
def test_a_marked_user_name_counts_among_a_few_writers_user_names(gap):
    """A section of three comments (see tests/data/pages/README.md): the blog's word for a reader who left no name,
    "(anonymní uživatel)", then "Joelp" and "spl!te". The two user names make a page showing its writers by user
    names, so spl!te's comment comes back whole under spl!te, as Joelp's under Joelp, not as an anonymous comment
    or text of the one above."""
    path = PAGES / "jasnapaka-713018-few-writers.html"
    named = [(a, t) for a, t in _blog_comments(path) if " " not in a]
    assert len(named) == 2 and any("!" in a for a, _ in named)
    posts = [(p.author, p.text) for p in list(parse(_blog_page(path, gap), path.name))[1:]]
    assert all(comment in posts for comment in named)


# the writers of the kinds above on those pages: a nickname in quotes, or a user name holding a mark other than a
# dot, maybe of several words
_MARKED_WRITER = re.compile(r'"\w+"|^[\w .-]*[!/][\w .-]*$')


@pytest.mark.parametrize("path", BLOG, ids=lambda p: p.stem)
def test_one_blank_line_apart_a_comment_under_such_a_name_is_not_merged_into_the_one_before(path):
    """Where one blank line sets comments apart as it does paragraphs, an author line the reader does not take is
    read as text of the comment above, and the comment's writer and bounds are lost: each comment under such a name
    comes back whole under it."""
    marked = [(a, t) for a, t in _blog_comments(path) if _MARKED_WRITER.search(a)]
    posts = [(p.author, p.text) for p in list(parse(_blog_page(path, "\n"), path.name))[1:]]
    assert marked and all(comment in posts for comment in marked)


# a writer's name of two or three words with a word in lower case: "janko hrasko", "lední brtník", "Jiří Macich ml"
_LOWER_CASE_WRITER = re.compile(r"\S+(?: \S+){1,2}")


@pytest.mark.parametrize("path", BLOG, ids=lambda p: p.stem)
def test_one_blank_line_apart_a_writer_named_in_lower_case_opens_a_comment(path):
    """Where one blank line sets comments apart as it does paragraphs, a writer who sets a name in lower case
    ("janko hrasko", "lední brtník", or a title after a name: "Jiří Macich ml") on a page showing its writers by
    user names is the comment's writer: each such comment opens a post under the name its page shows, not text of
    the comment above. (Lubor Kemza's comment, all name-shaped lines such as "URL Params", may still run on under
    lední brtník's: a name over a name-shaped line is a sign-off there.)"""
    lower = [
        (a, t)
        for a, t in _blog_comments(path)
        if _LOWER_CASE_WRITER.fullmatch(a) and any(w.islower() for w in a.split())
    ]
    posts = list(parse(_blog_page(path, "\n"), path.name))[1:]
    assert lower and all(any(p.author == a and p.text.startswith(t) for p in posts) for a, t in lower)


def test_one_blank_line_apart_a_comments_lower_case_line_of_common_words_is_no_writer():
    """beko's comment lists add-ons one a line in lower case ("plain text links", "live http headers"): common
    words, as a name set in lower case is not, so no such line of any comment is read as a writer."""
    lines = {
        para
        for path in BLOG
        for _, text in _blog_comments(path)
        for para in text.split("\n\n")
        if _LOWER_CASE_WRITER.fullmatch(para) and para.islower() and para.replace(" ", "").isalpha()
    }
    assert {"plain text links", "live http headers"} <= lines
    authors = {p.author for path in BLOG for p in parse(_blog_page(path, "\n"), path.name)}
    assert not lines & authors


# lines a comment may hold alone, shaped as a user name with punctuation or a name with a word in quotes
_TEXT_LINES = [
    "and/or",
    "/s",
    "r/firefox",
    "24/7",
    "/usr/lib/firefox/firefox",
    "~/.mozilla/firefox/",
    "Why?!",
    "/Björn",
    "e.g.",
    "TL;DR",
    'Click "OK"',
    'Open "about:config" Now',
    'The "Home" Button',
]


@pytest.mark.parametrize("line", _TEXT_LINES)
def test_a_line_of_text_shaped_as_such_a_name_stays_in_its_comment(line):
    """On each page, a paragraph that is a common word pair, a sarcasm mark, a subreddit, a path, a question, a
    sign-off after a slash, an abbreviation, or a word in quotes without a name around it, stays in its comment: the
    page reads as it does without it."""
    for path in BLOG:
        (first, text), *rest = _blog_comments(path)
        plain = _read_comments([(first, text), *rest])
        held = _read_comments([(first, f"{text}\n\n{line}\n\nThe last one."), *rest])
        (author, text), *others = plain
        assert held == [(author, f"{text}\n\n{line}\n\nThe last one."), *others]


def _read_comments(comments: list[tuple[str, str]]) -> list[tuple[str | None, str]]:
    """The comments as the reader reads them back from a page showing each under its writer, two blank lines apart."""
    raw = "A post\n\nIts text.\n" + "".join(f"\n\n{a}\n\n{t}\n" for a, t in comments)
    return [(p.author, p.text) for p in list(parse(raw, "comments"))[1:]]


@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"], ids=["one", "two", "three"])
def test_a_sign_off_with_a_nickname_in_quotes_stays_in_its_mail(gap):
    """Jon Severinsson signs a list mail 'Regards', then 'Jon "Jonno" Severinsson', with the mail he answers quoted
    under it (see tests/data/pages/README.md): a name with a nickname is a name, and there it ends his mail."""
    path = PAGES / "freenx-devel-2007-December-cut.txt"
    mails = _mails(path, plain=False)
    assert any('\nJon "Jonno" Severinsson\n' in t for _, t in mails)
    assert [(p.author, p.text) for p in list(parse(_page(path, gap, plain=False), path.name))[1:]] == mails


def test_a_page_opening_with_many_blanks_is_read_in_linear_time(tmp_path):
    """Whether a file is a script assigning data is asked first: its opening blanks were split three ways, 1,500 took
    11.8 s of CPU (10,000 about an hour); 50,000 now take about 0.1 s. CPU time, so the machine's load does not count;
    a run over the bound is stopped there."""
    from tests.test_long_posts import cpu_seconds

    page = tmp_path / "page.txt"
    page.write_text(" " * 50_000 + "\nTitle\n\nThe article.\n\nBob Smith\n\nHello there.\n", encoding="utf-8")
    posts: list = []
    assert cpu_seconds(lambda: posts.extend(read_posts(expand_inputs([str(page)]))), budget=5.0) < 5.0
    assert [(p.author, p.text) for p in posts[1:]] == [("Bob Smith", "Hello there.")]
    script = "var data = [1, 2, 3, 4, 5, 6, 7, 8]"
    assert (
        not_prose("\n" * 50_000 + script)
        == not_prose(script)
        == ("a script holding JSON data in no format graphkit reads (save the JSON alone to read it)")
    )


def test_an_author_line_with_a_long_run_of_blanks_is_read_in_linear_time():
    """The blanks before a Disqus " ." or an address were read from each blank of the run: a 50,000-blank line took
    7.5 s, now about 2 ms."""
    from tests.test_long_posts import cpu_seconds

    for line in ("Ann" + " " * 50_000 + "Lee", "Ann" + "\t" * 50_000 + "Lee"):
        assert cpu_seconds(lambda line=line: author_name(line), budget=0.5) < 0.5
    assert author_name("Jane Doe  <jane@example.org>") == "Jane Doe"


TRIAL = DATA / "trial"


def test_labelled_posts_are_read_by_their_labels():
    """A forum topic a scraper wrote as text (the ENS DAO forum): each post opens with "Author: NAME" and "Date:
    M/D/YYYY, h:mm:ss AM", and "=== END OF POST ===" ends it. Before, this excerpt of 14 posts by 6 writers was cut
    at blank lines into 9 posts whose only writers were three headings ("Draft Snapshot Vote", "Decision",
    "Rationale"), titled "=== BEGINNING OF TOPIC ==="; now each post has its writer and time from its labels, the
    topic its title."""
    path = TRIAL / "ens-forum-ep6-1-topic.txt"
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    writers = [line.removeprefix("Author: ") for line in lines if line.startswith("Author: ")]
    dates = [line.removeprefix("Date: ") for line in lines if line.startswith("Date: ")]
    title = next(line.removeprefix("Title: ") for line in lines if line.startswith("Title: "))
    posts = list(read_posts(expand_inputs([str(path)])))
    assert len(posts) == len(writers) == len(dates) == 14 and len(set(writers)) == 6
    assert [p.author for p in posts] == writers and "berrios.eth" in writers
    assert posts[0].is_article and posts[0].title == title and not any(p.is_article for p in posts[1:])
    assert [p.created for p in posts] == [
        datetime.strptime(d, "%m/%d/%Y, %I:%M:%S %p").strftime("%Y-%m-%dT%H:%M:%SZ") for d in dates
    ]
    assert [p.position for p in posts[1:]] == list(range(1, 14))
    for post in posts:
        assert "===" not in post.text and not post.text.startswith(("Author:", "Date:"))
        assert raw[post.start : post.end] == post.text
    assert next(p for p in posts if "Rationale" in p.text).author == "jessepollak"


@pytest.mark.parametrize("name", ["fslang-suggestion-5663709.md", "fslang-suggestion-6103054.md"])
def test_a_writer_and_a_date_on_one_line_are_the_posts(name):
    """F#'s language suggestions archived from UserVoice as Markdown: "**Submitted by Nelak on 3/21/2014 12:00:00
    AM**" over the suggestion, "#### Comment by Richard Minerich on 3/21/2014 4:51:00 PM ####" over each comment, "**
    by fslang-admin on 1/21/2015 12:00:00 AM **" over the site's response under "## Response ##". Before, the page was
    read as blocks with no writer and no time, each byline a post's first line; now each post has the writer and the
    time its line gives, the title its heading's words."""
    raw = (TRIAL / name).read_bytes().decode("utf-8")  # its comments' lines end in CRLF, kept as read
    lines = raw.splitlines()
    by = re.compile(r"^[#* ]*(?:Submitted |Comment )?by (.+?) on (\d+)/(\d+)/(\d{4}) (\d+):(\d\d):(\d\d) ([AP])M[#* ]*")
    signed = [m for line in lines if (m := by.match(line))]
    assert len(signed) >= 4 and signed[0][0].startswith("**Submitted by")

    def utc(m: re.Match[str]) -> str:
        hour = int(m[5]) % 12 + 12 * (m[8] == "P")
        return f"{m[4]}-{int(m[2]):02}-{int(m[3]):02}T{hour:02}:{m[6]}:{m[7]}Z"

    posts = list(read_posts(expand_inputs([str(TRIAL / name)])))
    assert [(p.author, p.created) for p in posts] == [(m[1], utc(m)) for m in signed]
    assert posts[0].is_article and not any(p.is_article for p in posts[1:])
    assert posts[0].title == lines[0].removeprefix("# ").removesuffix(" #")
    for post in posts:
        assert not by.match(post.text.splitlines()[0]) and raw[post.start : post.end] == post.text


def test_a_byline_dated_with_the_months_name_opens_a_post():
    """An F# suggestion of the trial with each byline's date written with its month's name ("Submitted by Nelak on
    March 21, 2014", as many sites sign a post): each opens a post with its writer and its day (before, the date did
    not read as a time, so no line was a byline and the page was no labelled page)."""
    raw = (TRIAL / "fslang-suggestion-5663709.md").read_bytes().decode("utf-8")
    by = re.compile(r"(by \S.*? on )(\d+)/(\d+)/(\d{4}) \d+:\d\d:\d\d [AP]M")
    signed = by.findall(raw)
    assert len(signed) >= 4
    months = (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    )
    page = by.sub(lambda m: f"{m[1]}{months[int(m[2]) - 1]} {int(m[3])}, {m[4]}", raw)
    posts = list(parse(page, "fslang"))
    assert [(p.author, p.created) for p in posts] == [
        (lead.removeprefix("by ").removesuffix(" on "), f"{year}-{int(month):02}-{int(day):02}T00:00:00Z")
        for lead, month, day, year in signed
    ]


@pytest.mark.parametrize("heading", ["# Learning C#", "## Learning C# ##", "# Learning C#  #"])
def test_a_headings_marks_are_no_part_of_its_title_its_words_keep_theirs(heading):
    """An F# suggestion of the trial under a heading whose last word ends in "#": the heading's marks are left out,
    the word's kept (before, "# Learning C#" was titled "Learning C")."""
    raw = (TRIAL / "fslang-suggestion-5663709.md").read_bytes().decode("utf-8")
    first = raw.splitlines()[0]
    posts = list(parse(raw.replace(first, heading, 1), "fslang"))
    assert posts[0].is_article and posts[0].title == "Learning C#"


@pytest.mark.parametrize(
    ("line", "writer", "created"),
    [
        ("Posted by alice_w on 2024-03-01 10:00", "alice_w", "2024-03-01T10:00:00Z"),
        ("By Bob Stone on 3/2/2024 9:15:00 PM", "Bob Stone", "2024-03-02T21:15:00Z"),
        ("carol.eth posted on 2024-03-03T08:00:00Z", "carol.eth", "2024-03-03T08:00:00Z"),
        ("Written by Dave | 2024-03-04 12:30", "Dave", "2024-03-04T12:30:00Z"),
    ],
)
def test_bylines_of_the_forms_scrapers_write(line, writer, created):
    """Each form of a writer and a date on one line opens a post, two such lines making the page: the writer and the
    time from the line; a line whose words after "on" are no time ("By the way on the whole I agree") is text."""
    page = f"A topic\n\n{line}\nThe first post.\n\nBy the way on the whole I agree.\n\n{line}\nA reply.\n"
    posts = list(parse(page, "page"))
    assert [(p.author, p.created) for p in posts] == [(writer, created)] * 2
    assert "By the way on the whole I agree." in posts[0].text


def test_a_long_line_is_looked_at_for_a_byline_in_no_time():
    """A writer and a date on one line ("X posted on DATE") are looked for on short lines only: on a line of 8,000
    spaces between two words the search took 2 s of CPU, each space tried with each other (50,000: minutes), now
    none; every text input is asked whether it is a labelled page, line by line."""
    from tests.test_long_posts import cpu_seconds

    for line in ("a" + " " * 50_000 + "b", "by a" + " " * 50_000 + "b", "x" + " posted" * 9_000):
        page = f"Title: spaces\n\n{line}\n"
        assert cpu_seconds(lambda page=page: is_labelled(page), budget=0.5) < 0.5


def test_a_labelled_anonymous_writer_is_no_one_writer():
    """The ENS topic with two of berrios.eth's author labels rewritten "Author: Anonymous" and one "Author: guest":
    those posts have no writer, as a table's "Anonymous" rows have none, the others theirs (before, "Anonymous" was
    one writer of two posts)."""
    raw = (TRIAL / "ens-forum-ep6-1-topic.txt").read_text(encoding="utf-8")
    raw = raw.replace("Author: berrios.eth", "Author: Anonymous", 2).replace("Author: berrios.eth", "Author: guest", 1)
    writers = [line.removeprefix("Author: ") for line in raw.split("\n") if line.startswith("Author: ")]
    assert writers.count("Anonymous") == 2 and "guest" in writers
    posts = list(parse(raw, "ens"))
    assert [p.author for p in posts] == [None if w in ("Anonymous", "guest") else w for w in writers]


@pytest.mark.parametrize(
    ("page", "writers"),
    [
        (
            "My thread\n\nBy: alice\nPosted: 2024-03-01 10:00\n\nFirst post.\n\n-----\n\nBy: Bob Stone\n"
            "Posted: 2024-03-01 11:00\n\nA reply.\n\nSummary\n\nMore of it.\n\n-----\n",
            ["alice", "Bob Stone"],
        ),
        (
            "===\nTopic title\n\nAn article above the posts.\n\n*****\nPosted by: carol_99\nSome text.\n*****\n"
            "Posted by: dave.eth\nMore text.\n*****\n",
            [None, "carol_99", "dave.eth"],
        ),
    ],
)
def test_labelled_writers_as_scrapers_write_them(page, writers):
    """Other labels scrapers write ("By:", "Posted by:") and other separators ("-----", "*****"): the writer from
    the label, a separator never a post nor the title, a heading of a post ("Summary") its text."""
    posts = list(parse(page, "page"))
    assert [p.author for p in posts] == writers
    assert all(p.text and not set(p.text.strip()) <= set("-*= ") for p in posts[1:])
    assert posts[0].title and not posts[0].title.startswith(("*", "-", "="))


def test_a_topic_of_one_labelled_post_is_read_by_its_labels():
    """A topic of one post (the ENS forum's weekly meeting): one author label, under the topic's title, and separator
    lines. Before, the page was titled "=== BEGINNING OF TOPIC ===" and had no writer."""
    path = TRIAL / "ens-forum-one-post-topic.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    (writer,) = [line.removeprefix("Author: ") for line in lines if line.startswith("Author: ")]
    (date,) = [line.removeprefix("Date: ") for line in lines if line.startswith("Date: ")]
    title = next(line.removeprefix("Title: ") for line in lines if line.startswith("Title: "))
    (post,) = read_posts(expand_inputs([str(path)]))
    assert (post.author, post.title) == (writer, title)
    assert post.created == datetime.strptime(date, "%m/%d/%Y, %I:%M:%S %p").strftime("%Y-%m-%dT%H:%M:%SZ")
    assert post.text.startswith("Meeting Link") and "===" not in post.text


def test_one_author_label_inside_a_posts_text_is_its_text():
    """A post citing a paper's "Author: …" line above a rule ("---") is no labelled page: the label is the post's
    own text, read as the text reader reads any page."""
    page = (
        "Study finds lakes warming fast\n\nA summary of the study follows.\n\nAuthor: Jane Roe\n\n---\n\n"
        "Full text at the journal.\n\nbob\n\nInteresting read.\n"
    )
    posts = list(parse(page, "page"))
    assert "Author: Jane Roe" in posts[0].text and [p.author for p in posts[1:]] == ["bob"]


def test_a_long_line_of_marks_is_weighed_as_a_separator_in_linear_time():
    """A run of marks not ending a separator was given up at each of its marks: 4,000 dashes then "x" took 14 s, a
    100 kB line hours; the runs are possessive now. Python's regex engine counts no steps, so a CPU budget far above
    the linear run's milliseconds and far below the quadratic one's hours stops the work."""
    from graphkit.sources.labelled import _separator
    from tests.test_long_posts import cpu_seconds

    for line in ("-" * 100_000 + "x", "=" * 50_000 + " words " + "=" * 50_000 + "x", "-" * 100_000):
        cpu_seconds(lambda line=line: _separator(line), budget=2.0)
    assert not _separator("-" * 100_000 + "x") and _separator("-" * 100_000)
    assert _separator("=== END OF POST ===") and _separator("----- Post 3 -----") and not _separator("--")


def test_text_under_a_separator_is_the_posts_own():
    """A post ended at its first separator, and what stood under it before the next post's labels was lost: a rule
    in a post's text ("Part two."), a signature under "_____". Only the separators ending a post are left out."""
    page = (
        "Topic\n\nAuthor: alice\nDate: 2024-03-01 10:00\n\nPart one.\n\n---\n\nPart two, after a rule.\n\n"
        "Author: bob\nDate: 2024-03-01 11:00\n\nReply.\n\n_____\nbob's signature\n\n=== END OF POST ===\n"
    )
    posts = list(parse(page, "page"))
    assert [p.author for p in posts] == ["alice", "bob"]
    assert posts[0].text == "Part one.\n\n---\n\nPart two, after a rule."
    assert posts[1].text == "Reply.\n\n_____\nbob's signature"


def test_a_comment_section_under_an_articles_author_label_is_read_as_comments():
    """An article's one undated "Author:" line above a rule made a labelled page of one post: its comments (alice's,
    bob's) were lost, where the text reader reads them."""
    page = "Article title\n\nAuthor: Jane Roe\n\nbody\n\n---\n\nalice\n\nGood read.\n\nbob\n\nIndeed.\n"
    assert not is_labelled(page)
    posts = list(parse(page, "page"))
    assert [p.author for p in posts[1:]] == ["alice", "bob"] and "Author: Jane Roe" in posts[0].text


@pytest.mark.parametrize(
    "page",
    [
        "Great thread\n\nalice\n\nI agree.\n\nBy: Tom\n\nbob\n\nNo way.\n\nBy: Tom\n\ncarol\n\nLOL\n",
        "Poem thread\n\nalice\n\nHere it is:\n\nAuthor: Robert Frost\n\nThe woods are lovely.\n\nbob\n\n"
        "Another one\n\nAuthor: Emily Dickinson\n\nHope is the thing with feathers.\n",
        "Old photo\n\nalice\n\nWhere?\n\nAuthor: unknown\nDate: 1920\n\nbob\n\nCaption:\n\nAuthor: unknown\n\nShame.\n",
        "Re: the article\n\nalice\n\nIt said so.\n\nPosted by: admin\n\nbob\n\nWho wrote it?\n\nPosted by: admin\n",
        "Transcript I got\n\nUser: hello\n\nAssistant: Hi! How can I help?\n\nUser: tell me a joke\n\nAssistant: No.\n",
    ],
)
def test_author_labels_neither_dated_nor_under_a_separator_are_text(page):
    """Two author labels anywhere made a labelled page: a quoted byline, two poems' authors, a pasted chat. A label
    opens a post only with a date label beside it or a separator above it."""
    assert not is_labelled(page)


_TABBED = (
    "".join(
        "\t\t" + line + "\n" for line in ["Budget passes", "", "By Jane Doe", "", "The council voted.", "", "alice", ""]
    )
    + "\t\tWaste of money.\n\n\t\tbob\n\n\t\tAgreed.\n"
)


@pytest.mark.parametrize(
    "page",
    [
        _TABBED,
        "".join(f"Line {n} of my note, written late, read by few\n" for n in range(5)),
        "Plan; steps; notes\nBuy milk; go home; sleep\nWake; eat; work\nRead; write; think\nRun; swim; bike\n",
        "".join(f"row{n},a,b\n" for n in range(22)) + "\nalice\n\nThis is a comment, with commas, many.\n",
    ],
)
def test_a_page_of_lines_with_delimiters_is_no_table(page):
    """Read as tables and refused: a page taken from HTML, each line opening with two tabs (its header's names
    empty); prose lines of two commas or semicolons each, after a space as a list's words are; a post opening with
    20 lines of values, then comments (only the first 20 rows were weighed)."""
    assert not_prose(page) is None


def test_lines_of_json_read_as_text_are_no_table():
    """A file of JSON lines forced to --format text was refused as a table of comma-separated values."""
    raw = (DATA / "entities" / "nyt-stock-market-crash-120.jsonl").read_text(encoding="utf-8")
    assert raw.startswith("{") and len({line.count(",") for line in raw.splitlines()[:20]}) == 1
    assert "separated values" not in (not_prose(raw) or "")


def test_a_labelled_date_of_digits_alone_is_no_time():
    """Labelled dates "Date: 1920" and "Posted: 3" were read as seconds since 1970 (1970-01-01T00:32:00Z and
    00:00:03Z); a number alone is a year or a count, the post undated."""
    page = "Topic\n\nAuthor: alice\nDate: 1920\n\nPhoto.\n\nAuthor: bob\nPosted: 3\n\nReply.\n\nAuthor: carol\n"
    posts = list(parse(page + "Date: 2024-03-01 10:00\n\nLater.\n", "page"))
    assert [(p.author, p.created) for p in posts] == [("alice", ""), ("bob", ""), ("carol", "2024-03-01T10:00:00Z")]


def _gmail_page(line: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    """A real pipermail month (tests/data/trial) as its archive shows Jesus M. Gonzalez-Barahona's mail and the answer
    to it, whole: his ends in his first name over "On …, Andy Grunwald wrote:" and the quoted mail; with ``line``,
    that attribution line is ``line``. The mails' writers and texts, from the file, are what the page should give."""
    box = mailbox.mbox(str(DATA / "trial" / "mbox-pipermail-2015-november.mbox"))
    mails = []
    for message in box:
        body = message.get_payload(decode=True).decode("utf-8").split("-------------- next part")[0]
        name = email.utils.parseaddr(message["From"].replace(" at ", "@"))[0]
        mails.append((name, re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", body.strip())))
    (jesus, text), answer = mails[1], mails[2]
    wrote = next(x for x in text.split("\n") if x.endswith(" wrote:"))
    if line:
        text = text.replace(wrote, line)
    return f"Metrics-grimoire\n\nA thread.\n\n{jesus}\n\n{text}\n\n{answer[0]}\n\n{answer[1]}\n", [
        (jesus, text),
        answer,
    ]


def test_the_writers_first_name_over_gmails_date_first_attribution_is_a_sign_off():
    """Gmail, in a locale writing dates as digits, writes the attribution with no word in it: "2015-11-14 21:29
    GMT+01:00 Andy Grunwald <andy at example.com>:" (the quoted mail's date and sender, from the file). The writer's
    own first name over it ends his words as over "On …, Andy Grunwald wrote:"; before, it opened a comment by
    "Jesus" holding the quoted mail."""
    box = mailbox.mbox(str(DATA / "trial" / "mbox-pipermail-2015-november.mbox"))
    quoted = next(iter(box))  # the mail Jesus's quotes
    sent = email.utils.parsedate_to_datetime(quoted["Date"])
    name, address = email.utils.parseaddr(quoted["From"].replace(" at ", "@"))
    zone = f"{sent:%z}"
    gmail = f"{sent:%Y-%m-%d %H:%M} GMT{zone[:3]}:{zone[3:]} {name} <{address.replace('@', ' at ')}>:"
    assert gmail == "2015-11-14 21:29 GMT+01:00 Andy Grunwald <andy at example.com>:"
    for line in (None, gmail):
        raw, mails = _gmail_page(line)
        assert "\n\nJesus\n\n" in raw and [(p.author, p.text) for p in parse(raw, "t")][1:] == mails


@pytest.mark.parametrize("line", ["2015-11-14 21:29 meeting notes <draft>:", "2015-11-14 21:29 Andy Grunwald:"])
def test_a_line_opening_with_a_date_and_ending_in_a_colon_is_no_attribution_without_an_address(line):
    """A near miss: with no address in its brackets the line is the text of whoever the name line over it names
    (a writer called Jesus), as any line of text is."""
    raw, mails = _gmail_page(line)
    posts = [(p.author, p.text) for p in parse(raw, "t")][1:]
    assert posts[0][0] == mails[0][0] and posts[1][0] == "Jesus" and posts[1][1].startswith(line)
