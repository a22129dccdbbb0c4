"""The scraped-page reader against the annotated example thread."""

import json
import re
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.sources import detect, expand_inputs, read_posts
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


def _mails(path: Path) -> list[tuple[str, str]]:
    """Each mail of a list month whose writer has a plain capitalised name (one a page's author line shows), with
    its text as a page shows it: runs of blank lines made one (two would end the comment on any page)."""
    mails = []
    for post in read_posts(expand_inputs([str(path)])):
        text = re.sub(r"\n[ \t]*(?:\n[ \t]*)+", "\n\n", post.text.strip())
        words = (post.author or "").split()
        if text and 1 <= len(words) <= 3 and all(re.fullmatch(r"[^\W\d_][\w'-]*", w) and w[0].isupper() for w in words):
            mails.append((post.author or "", text))
    return mails


def _page(path: Path, gap: str) -> str:
    return f"{path.stem}\n\nA month of a mailing list.\n" + "".join(f"{gap}{a}\n\n{t}\n" for a, t in _mails(path))


@pytest.mark.parametrize("path", LIST_MONTHS, ids=lambda p: p.stem)
def test_each_mail_of_a_list_month_comes_back_whole_with_its_writer(path):
    """A page setting its comments apart by two blank lines: a name line after one blank line is a sign-off."""
    mails = _mails(path)
    assert len(mails) >= 15
    posts = list(parse(_page(path, "\n\n\n"), path.name))
    assert [(p.author, p.text) for p in posts[1:]] == mails


@pytest.mark.parametrize("path", LIST_MONTHS, ids=lambda p: p.stem)
def test_sign_offs_invent_no_writer_where_comments_are_one_blank_line_apart(path):
    """Where one blank line sets comments apart as it does paragraphs, a sign-off is told from an author line
    by itself: the writer's own first name, under a closing, over a signature or a quoted mail's header."""
    mails = _mails(path)
    posts = list(parse(_page(path, "\n\n"), path.name))
    assert {p.author for p in posts[1:]} <= {a for a, _ in mails}
    assert [p.author for p in posts[1:] if p.author] == [a for a, _ in mails]


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
