"""Stack Overflow questions saved from the site (tests/data/pages/README.md), read as a browser copies them: the
question, each answer and each post's comments, as the page's own markup has them."""

import html
import re
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.extract import Extractor
from graphkit.extract.replies import ThreadContext
from graphkit.extract.reply_model import model
from graphkit.sources import detect, expand_inputs, qa_page, read_posts

PAGES = Path(__file__).parent.parent / "data" / "pages"
SAVED = sorted(PAGES.glob("stackoverflow-*.html"))

# what a browser shows and copies of the markup: no head, scripts, icons or elements the site hides ("d-none",
# "dno"); blocks on lines of their own, paragraphs a blank line apart, a code block's lines as they are
_HIDDEN = {"head", "script", "style", "svg", "noscript", "template", "select", "textarea"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_BLOCKS = {"div", "li", "ul", "ol", "tr", "table", "header", "footer", "nav", "aside", "form", "time", "label"}
_PARAGRAPHS = {"p", "pre", "blockquote", "h1", "h2", "h3", "h4"}


class _Copy(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = self.pre = 0

    def handle_starttag(self, tag, attrs):
        if tag in _VOID:
            if tag == "br" and not self.hidden:
                self.out.append("\n")
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.hidden or tag in _HIDDEN or {"d-none", "dno"} & set(classes):
            self.hidden += 1
            return
        self.pre += tag == "pre"
        self.out.append("\n\n" if tag in _PARAGRAPHS else "\n" if tag in _BLOCKS else "")

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if self.hidden:
            self.hidden -= 1
            return
        self.pre -= tag == "pre"
        self.out.append("\n\n" if tag in _PARAGRAPHS else "\n" if tag in _BLOCKS else "")

    def handle_data(self, data):
        if not self.hidden:
            self.out.append(data if self.pre else re.sub(r"\s+", " ", data))


def _copied(path: Path) -> str:
    """The page as a browser's select-all copy gives it."""
    parser = _Copy()
    parser.feed(path.read_text(encoding="utf-8"))
    text = "\n".join(line.strip() for line in "".join(parser.out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _plain(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", markup)).split())


_SIGNATURE = re.compile(
    r"(asked|answered)\s*<span title=\"[^\"]*\" class=\"relativetime\">([^<]+)</span>\s*</div>.*?"
    r"<div class=\"user-details\"[^>]*>\s*<a href=\"/users/[^\"]*\">([^<]+)</a>",
    re.S,
)
_COMMENT = re.compile(
    r"<li id=\"comment-\d+\".*?class=\"comment-copy\">(.*?)</span>.*?class=\"comment-user[^\"]*\">([^<]+)</a>", re.S
)


def _marked(path: Path) -> tuple[str, list[tuple[str, str, str, list[tuple[str, str]]]]]:
    """The question's title, and each post as the markup holds it, the question first: how it is signed ("asked",
    "answered"), its date and writer, and its comments (writer, text)."""
    page = path.read_text(encoding="utf-8")
    title = _plain(re.search(r"<h1 itemprop=\"name\"[^>]*>(.*?)</h1>", page, re.S).group(1))
    starts = [m.start() for m in re.finditer(r"<div (?:class=\"question\"\s+)?id=\"(?:question|answer-\d+)\"", page)]
    posts = []
    for a, b in zip(starts, starts[1:] + [len(page)], strict=True):
        part = page[a:b]
        verb, when, writer = _SIGNATURE.search(part).groups()
        posts.append(
            (verb, when, html.unescape(writer), [(html.unescape(n), _plain(t)) for t, n in _COMMENT.findall(part)])
        )
    return title, posts


def _read(path: Path, tmp_path: Path):
    copy = tmp_path / f"{path.stem}.txt"
    copy.write_text(_copied(path), encoding="utf-8")
    assert [detect(i).name for i in expand_inputs([str(copy)])] == ["text"]
    return list(read_posts(expand_inputs([str(copy)])))


def test_the_saved_pages_hold_both_layouts():
    """The pages are what the tests below need: one saved before late 2021 ("Jul 13 '18", comments on one line), one
    after ("Oct 3, 2019", comments over three lines), each with answers and comments, one with an editor's line."""
    dates = {path.name: [when for _, when, _, _ in _marked(path)[1]] for path in SAVED}
    assert len(SAVED) == 2
    assert all(len(d) >= 3 for d in dates.values())
    assert any(all("'" in w for w in d) for d in dates.values()) and any(
        all("," in w or "'" not in w for w in d) for d in dates.values()
    )
    assert all(sum(len(c) for _, _, _, c in _marked(path)[1]) >= 4 for path in SAVED)
    assert all("edited <span" in path.read_text(encoding="utf-8") for path in SAVED)


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_a_saved_question_comes_back_as_its_posts_and_comments(path, tmp_path):
    """The question is the article under its title, its writer (not its editor) the byline; then each answer under
    its writer, ending in its "answered" line, and each post's comments under their writers, their text without the
    writer and the date: nothing of the page's navigation, votes, links or sidebars."""
    title, marked = _marked(path)
    posts = _read(path, tmp_path)
    article, comments = posts[0], posts[1:]
    assert article.is_article and article.title == title and article.author == marked[0][2]
    want = []
    for k, (verb, when, writer, under) in enumerate(marked):
        if k:
            want.append((writer, f"{verb} {when}"))
        want += [(name, text) for name, text in under]
    last = [p.text.rsplit("\n", 1)[-1] for p in comments]
    got = [
        (p.author, end if end.startswith("answered ") else " ".join(p.text.split()))
        for p, end in zip(comments, last, strict=True)
    ]
    assert got == want


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_a_copy_starting_at_ask_question_takes_the_questions_first_line_for_its_title(path, tmp_path):
    """A copy made from the "Ask Question" button down shows no title: the question's first paragraph, as the markup
    holds it, stands for it (before, the title was "" and every such page one thread)."""
    page = path.read_text(encoding="utf-8")
    body = re.search(r'post-body" itemprop="text">\s*<p>(.*?)</p>', page, re.S).group(1)
    copied = _copied(path)
    cut = tmp_path / f"{path.stem}.txt"
    cut.write_text(copied[copied.index("\nAsk Question\n") + 1 :], encoding="utf-8")
    article = next(read_posts(expand_inputs([str(cut)])))
    assert article.is_article and article.title == _plain(body) and article.author == _marked(path)[1][0][2]
    whole = _read(path, tmp_path)[0]
    assert whole.title == _marked(path)[0] and whole.id != article.id


def _subtree(target: str, post: str, parents: dict[str, str], article: str) -> bool:
    """Whether ``target`` is ``post`` or stands under it (a comment answering another comment on the post)."""
    while target not in (post, article):
        target = parents.get(target, article)
    return target == post


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_a_saved_question_is_read_as_a_question_and_answer_page(path, tmp_path):
    """Read as a question-and-answer page ("qa"), each answer answers the question and each comment stands under the
    post it is on, as the markup says."""
    _, marked = _marked(path)
    posts = _read(path, tmp_path)
    article = posts[0].id
    ctx = ThreadContext(article)
    for p in posts[1:]:
        ctx.survey(p.text, p.author)
    assert model().kind(ctx.page | ctx.shown) == "qa"
    placed = {e.source: e.target for e in Extractor(entities=False).extract(posts).edges if e.type == schema.REPLY_TO}
    comments = iter(posts[1:])
    for k, (_, _, _, under) in enumerate(marked):
        post = article
        if k:
            post = next(comments).id
            assert placed[post] == article
        for _ in under:
            assert _subtree(placed[next(comments).id], post, placed, article)


# pages ``is_page`` takes that are cut or garbled: a comment's "– Name" and date under an answer's signing line, the
# page starting at the question's signing line, a writer's line that signs a post itself, a comment cut at the end
_MALFORMED = [
    "Title\nasked Jul 13 at 15:34\nalice\n15\nanswered Jul 13 at 15:35\n– Bob\nJul 13 at 15:36\n",
    "asked Jul 13 at 15:34\nalice\n15\nWhy?\nanswered yesterday\nbob\n3\n",
    "Title\nasked Jul 13 at 15:34\nanswered Jul 13 at 15:35\n15\nx\n",
    "Title\nWhy?\nasked Jul 13 at 15:34\nalice\n15\nnice\n– Bob\n",
    "Title\nasked 3 hours ago\nalice\n1\n2\nanswered 2 mins ago\n– Bob\nyesterday\nanswered yesterday\nbob\n5\n",
]


@pytest.mark.parametrize("raw", _MALFORMED)
def test_a_garbled_copy_gives_posts_within_the_page(raw):
    """Each post's offsets lie within the page, its start before its end; each signing line stands in one post, the
    one it signs, none taken in by a comment."""
    posts = list(qa_page.parse(raw, "page.txt"))
    assert qa_page.is_page(raw) and posts and posts[0].is_article
    assert all(0 <= post.start <= post.end <= len(raw) for post in posts)
    signing = [line for line in raw.splitlines() if line.startswith(("asked ", "answered "))]
    shown = [line for p in posts for line in p.text.splitlines() if line.startswith(("asked ", "answered "))]
    assert shown == signing


def test_a_question_signed_on_the_first_line_has_no_title():
    """Nothing stands above it: the signing line is not the title, the question's text is empty."""
    article = next(qa_page.parse(_MALFORMED[1], "page.txt"))
    assert (article.title, article.author, article.text) == ("", "alice", "asked Jul 13 at 15:34")


@pytest.mark.parametrize("raw", _MALFORMED)
def test_loading_a_garbled_copy_shows_no_traceback(raw, tmp_path):
    """Loaded, or refused in one line: never the command's line for an error no reader expected."""
    page = tmp_path / "page.txt"
    page.write_text(raw, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["load", str(page), "--store", str(tmp_path / "s.lbug"), "--no-entities", "--workers", "1"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and "unexpected" not in result.output, result.output


def test_hostile_long_lines_are_read_in_linear_time():
    """A reputation line of 50,000 digits and a comment line with 50,000 spaces before its last word: patterns that
    try each split of such a line took 78-104 s of CPU on each of these pages; the reader takes about 10 ms. CPU
    time, so the machine's load does not count; the bound is generous."""
    long = 50_000
    question = "Title\nWhy?\nasked Jul 13 at 15:34\nalice\n"
    pages = [
        question + "1" * long + "x\n",
        question + "15\n" + "a – b" + " " * long + "c\n",
        question + "15\n" + "a" + " " * long + "b – c" + " " * long + "d\n",
    ]
    began = time.process_time()
    for raw in pages:
        assert qa_page.is_page(raw) == (raw is not pages[0])
        list(qa_page.parse(raw, "page.txt"))
    assert time.process_time() - began < 5


@pytest.mark.parametrize("line", [".", "...", ",", "k", ".k"])
def test_a_reputation_holds_a_digit(line):
    assert not qa_page.is_page(f"Title\nWhy?\nasked Jul 13 at 15:34\nalice\n{line}\n")
