"""Reddit: the API comment page and the dump NDJSON of the same thread."""

import html
import json
import time
from pathlib import Path

import pytest

from graphkit import schema
from graphkit.errors import InputError
from graphkit.sources import (
    MALFORMED,
    MISSING_PARENT,
    MISSING_ROOT,
    MORE_COMMENTS,
    MORE_STUBS,
    Report,
    detect,
    expand_inputs,
    read_inputs,
    read_posts,
)
from graphkit.sources.reddit import FORMAT, UNPLACED, _submissions
from tests.cli_runs import assert_stated_parents, run, store_rows

THREAD = schema.article_id("reddit", "5c1a2b")

PAGE_TREE = {
    "5c1a2b": (None, True),
    "d9t0001": ("5c1a2b", False),
    "d9t0002": ("d9t0001", False),
    "d9t0003": ("d9t0002", False),
    "d9t0004": ("d9t0003", False),
    "d9t0005": ("d9t0004", False),
    "d9t0006": ("5c1a2b", False),
}


def test_page_posts_parents_authors_and_times(read, shape):
    posts, report = read("reddit-page.json")
    assert len(posts) == 7
    assert shape(posts) == PAGE_TREE
    assert all(p.thread == THREAD and p.platform == "reddit" for p in posts)
    by = {p.source_id: p for p in posts}
    root = by["5c1a2b"]
    assert root.id == THREAD and root.title == "Syria & Russia: Palmyra retaken, Lavrov says"
    assert root.url == "https://www.reddit.com/r/worldnews/comments/5c1a2b/syria_russia_palmyra_retaken_lavrov_says/"
    assert root.text == "https://www.bbc.com/news/world-middle-east-37958000"
    assert [by[k].author for k in PAGE_TREE] == ["newsbot", "alice", None, "bob", "alice", "carol_72", None]
    assert root.created == "2016-11-08T12:34:56Z" and by["d9t0005"].created == "2016-11-08T12:43:20Z"
    assert [by[k].position for k in PAGE_TREE] == [0, 1, 2, 3, 4, 5, 6]
    assert by["d9t0001"].text.endswith("hold > a week. Report: https://example.org/report?id=1&lang=en")
    assert by["d9t0001"].meta["edited"] == "2016-11-08T12:43:20Z"
    assert by["d9t0003"].text == "Talks in Zürich went nowhere; naïve hopes & “diplomacy”."
    assert (by["d9t0002"].deleted, by["d9t0002"].text, by["d9t0006"].deleted) == (True, "", True)
    assert not by["d9t0003"].deleted
    assert report.counts[MORE_STUBS] == 2 and report.counts[MORE_COMMENTS] == 3
    assert MALFORMED not in report.counts and MISSING_PARENT not in report.counts


def test_dump_children_before_parents_missing_parent_and_root(read, data):
    posts, report = read("reddit-dump.ndjson")
    by = {p.source_id: p for p in posts}
    assert len(posts) == 11
    # d9t0003 comes before its parent d9t0002 and still points at it
    assert by["d9t0003"].parent == by["d9t0002"].id
    assert by["d9t0003"].created == "2016-11-08T12:40:00Z"
    # d9t0007's parent is in no line: a stub comment of its thread stands for it, read before it
    orphan = by["d9t0007"]
    lines = (data / "reddit-dump.ndjson").read_text("utf-8").splitlines()
    stated = next(json.loads(line)["parent_id"] for line in lines if '"d9t0007"' in line)
    parent = by[stated.removeprefix("t1_")]
    assert (parent.meta, parent.text, parent.is_article, parent.thread) == ({"stub": True}, "", False, THREAD)
    assert orphan.parent == parent.id and not orphan.parent_missing and orphan.thread == THREAD
    assert posts.index(parent) < posts.index(orphan)
    stub = by["5c9zzz"]
    assert stub.is_article and stub.meta == {"stub": True} and stub.text == ""
    assert by["d9t0008"].parent == stub.id == by["d9t0008"].thread
    assert posts.index(stub) < posts.index(by["d9t0008"])
    name = str(data / "reddit-dump.ndjson")
    assert report.counts[MALFORMED] == 1 and report.locations[MALFORMED] == [f"{name}:9"]
    assert report.locations[MISSING_PARENT] == [f"{name}:7"]
    assert report.counts[MISSING_ROOT] == 1


def test_page_and_dump_give_the_same_tree_and_ids(read, shape):
    page, _ = read("reddit-page.json")
    dump, _ = read("reddit-dump.ndjson")
    same = {k: v for k, v in shape(dump).items() if k in PAGE_TREE}
    assert same == shape(page)
    assert {(p.id, p.parent, p.author, p.text) for p in page} <= {(p.id, p.parent, p.author, p.text) for p in dump}


def test_gzip_dump_reads_like_plain(read):
    plain, _ = read("reddit-dump.ndjson")
    packed, _ = read("reddit-dump.ndjson.gz")
    assert [(p.id, p.parent, p.text) for p in packed] == [(p.id, p.parent, p.text) for p in plain]


def test_both_shapes_are_detected(data):
    for name in ("reddit-page.json", "reddit-dump.ndjson", "reddit-dump.ndjson.gz"):
        (inp,) = expand_inputs([str(data / name)])
        assert detect(inp).name == "reddit"


@pytest.mark.parametrize(
    "content",
    [
        '[{"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {"id": "x"',
        json.dumps({"id": 1, "text": "a tabular row, not reddit"}) + "\n",
    ],
)
def test_not_reddit_is_one_input_error(tmp_path, read, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.json: not (valid JSON|Reddit JSON)"):
        read(path, "reddit")


def test_an_unrecognised_input_stops_the_load_before_any_post(tmp_path, data):
    other = tmp_path / "page.html"
    other.write_text("<html><body>not an export</body></html>", encoding="utf-8")
    posts = read_posts(expand_inputs([str(data / "reddit-page.json"), str(other)]))
    supported = r"reddit, telegram, youtube, discourse, mastodon, bluesky, hackernews"
    with pytest.raises(InputError, match=rf"page\.html: unknown input format \(supported: {supported}"):
        next(posts)


def test_a_page_under_a_key_the_reader_does_not_know_is_refused(tmp_path, read, data):

    page = json.loads((data / "reddit-page.json").read_text(encoding="utf-8"))
    path = tmp_path / "saved.json"
    path.write_text(json.dumps({"saved_at": "2016-11-09", "thread": page}), encoding="utf-8")
    message = r"saved\.json:1: 0 records read, but \d+ more sit where this reader does not look \(\d+ under 'thread'\)"
    with pytest.raises(InputError, match=message):
        read(path, "reddit")


def test_a_more_stub_counting_infinity_is_one_malformed_record(tmp_path, read, data):
    """JSON allows Infinity; a stub's count of it is reported, and the page's posts still read."""
    page = json.loads((data / "reddit-page.json").read_text(encoding="utf-8"))
    stub = {"kind": "more", "data": {"count": float("inf"), "parent_id": "t1_d9t0001", "children": []}}
    page[1]["data"]["children"].append(stub)
    path = tmp_path / "infinite.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    posts, report = read(path)
    plain, _ = read("reddit-page.json")
    assert [p.source_id for p in posts] == [p.source_id for p in plain]
    assert report.counts[MALFORMED] == 1


def test_a_crossposted_submission_inside_the_page_is_not_a_post_of_it(tmp_path, read, data):
    page = json.loads((data / "reddit-page.json").read_text(encoding="utf-8"))
    plain, _ = read("reddit-page.json")
    submission = page[0]["data"]["children"][0]["data"]
    submission["crosspost_parent_list"] = [{**submission, "id": "zz9", "name": "t3_zz9", "subreddit": "news"}]
    path = tmp_path / "crosspost.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    posts, _ = read(path)
    assert [p.source_id for p in posts] == [p.source_id for p in plain]


def test_a_page_saved_with_a_byte_order_mark_is_still_a_reddit_page(tmp_path, read, data):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + (data / "reddit-page.json").read_bytes())
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "reddit"
    posts, _ = read(path)
    plain, _ = read("reddit-page.json")
    assert [p.source_id for p in posts] == [p.source_id for p in plain]


@pytest.mark.parametrize("name", ["communal-thread.json", "graw-morechildren.json"])
def test_comment_bodies_are_unescaped_once_as_the_api_escapes_them(name):
    """Reddit's JSON writes "&", "<" and ">" in a body as entities ("&gt; quoted" for a quoted line): each real
    comment reads as the file's body unescaped once, quoted lines start with ">" as on the site."""
    path = Path(__file__).parents[1] / "data" / "real" / "reddit" / name
    bodies = {}
    stack = [json.loads(path.read_text(encoding="utf-8"))]
    while stack:  # every comment of the file, wherever it sits
        value = stack.pop()
        if isinstance(value, dict):
            if value.get("kind") == "t1":
                bodies[value["data"]["id"]] = value["data"]["body"]
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    read = {p.source_id: p.text for p in read_posts(expand_inputs([str(path)])) if not p.is_article and not p.deleted}
    assert read and set(read) <= set(bodies)
    assert any("&gt;" in bodies[c] for c in read)
    assert all(text == html.unescape(bodies[c]) for c, text in read.items())
    assert any(line.startswith(">") for text in read.values() for line in text.split("\n"))


def _new_writers(posts: list) -> list[tuple[str, str | None, str]]:
    """Of the posts but stub roots, each showing an author (or none) no post before it showed, as (id, author,
    source)."""
    seen: list[str | None] = []
    out = []
    for post in posts:
        if not post.meta.get("stub") and post.author not in seen:
            seen.append(post.author)
            out.append((post.id, post.author, post.source))
    return out


def _inputs(*paths: Path) -> list:
    return expand_inputs([str(p) for p in paths])


@pytest.mark.parametrize(
    "names",
    [
        ("reddit-dump.ndjson",),
        ("reddit-page.json",),
        ("../real/reddit/graw-thread.json", "../real/reddit/graw-morechildren.json"),
        ("../real/reddit/communal-thread.json", "reddit-dump.ndjson", "reddit-page.json"),
    ],
)
def test_reading_ahead_for_writers_gives_the_posts_showing_a_new_writer_of_each_input(names, data):
    """A load reads its inputs ahead for their participants only: a Reddit input is read once for the ids and
    writers of its records (a dump's lines are not made into posts), and gives, of the posts a whole reading gives
    (repeats of earlier inputs' ids skipped), each showing an author new in its input: the first, and with it the
    input, is met (stub roots show no writer)."""
    paths = [data / name for name in names]
    whole = [list(posts) for posts in read_inputs(_inputs(*paths))]
    ahead = [list(posts) for posts in read_inputs(_inputs(*paths), writers=True)]
    assert [[(p.id, p.author, p.source) for p in posts] for posts in ahead] == [_new_writers(p) for p in whole]
    assert [p.author for p in ahead[0] if p.author] == _authors(paths[0])


def _authors(path: Path) -> list[str]:
    """The authors of the comments and submissions of a Reddit file, each once, in the file's order."""
    text = path.read_text(encoding="utf-8")
    values = [json.loads(text)] if path.suffix == ".json" else []
    for line in text.splitlines() if not values else ():
        try:
            values.append(json.loads(line))
        except ValueError:
            continue  # a broken line holds no record
    named: list[str] = []
    stack = values[::-1]
    while stack:  # in reading order: a record before the replies under it
        value = stack.pop()
        if isinstance(value, dict):
            if ("body" in value or "title" in value) and value.get("author") not in (None, "", "[deleted]"):
                named.append(value["author"])
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))
    return list(dict.fromkeys(named))


def test_reading_ahead_for_writers_leaves_out_repeats_and_malformed_records_as_a_whole_reading_does(tmp_path, data):
    """A record repeating an earlier id, or one the reader skips as malformed, names no writer however new its
    author; an input holding only repeats gives nothing, as a whole reading does (its stub roots, the first input's,
    were passed on with that input's posts)."""
    lines = (data / "reddit-dump.ndjson").read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[3])  # alice's d9t0004
    repeat = {**record, "author": "mallory"}
    malformed = {**record, "id": "d9t0099", "author": "trent", "created_utc": "soon"}
    first = tmp_path / "first.ndjson"
    first.write_text("\n".join([*lines, json.dumps(repeat), json.dumps(malformed)]) + "\n", encoding="utf-8")
    again = tmp_path / "again.ndjson"
    again.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = [list(posts) for posts in read_inputs(_inputs(first, again))]
    ahead = [list(posts) for posts in read_inputs(_inputs(first, again), writers=True)]
    assert {"mallory", "trent"}.isdisjoint(p.author for posts in whole + ahead for p in posts)
    assert [(p.id, p.author) for p in ahead[0]] == [(i, a) for i, a, _ in _new_writers(whole[0])]
    assert ahead[1] == whole[1] == []
    assert any(p.meta.get("stub") for p in whole[0])


ETL = Path(__file__).parents[1] / "data" / "trial" / "reddit-etl-comments.json"


def _etl_truth(comments: list[dict]) -> dict[str, tuple[str, str]]:
    """Each comment -> (its submission, its stated parent's id), the submission found up its chain of parents."""
    parent = {c["id"]: c["parent_id"] for c in comments}

    def submission(key: str) -> str:
        while parent[key].startswith("t1_"):
            key = parent[key][3:]
        return parent[key][3:]

    return {c["id"]: (submission(c["id"]), c["parent_id"][3:]) for c in comments}


@pytest.mark.parametrize("layout", ["json", "ndjson"])
def test_comments_saved_without_link_id_find_their_submission_up_the_chain_of_parents(tmp_path, layout):
    """A PRAW script saved each comment's id, body, author, created_utc and parent_id, not link_id (before: "not
    Reddit JSON", as a document and as NDJSON). Each comment is read with its stated parent and in the thread of the
    submission its chain of parents reaches; the submissions are not in the file, so each has a stub root."""
    comments = json.loads(ETL.read_text(encoding="utf-8"))
    assert not any("link_id" in c for c in comments)
    path = ETL
    if layout == "ndjson":
        path = tmp_path / "comments.ndjson"
        path.write_text("".join(json.dumps(c) + "\n" for c in comments), encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "reddit"
    report = Report()
    posts = list(read_posts([inp], report=report))
    truth = _etl_truth(comments)
    by_id = {p.id: p for p in posts}
    stubs = {p.source_id for p in posts if p.is_article}
    assert all(by_id[p.id].meta == {"stub": True} for p in posts if p.is_article)
    assert stubs == {link for link, _ in truth.values()}
    assert {
        p.source_id: (by_id[p.thread].source_id, by_id[p.parent].source_id) for p in posts if not p.is_article
    } == truth
    assert report.counts == {MISSING_ROOT: len(stubs)}
    assert list(FORMAT.writers(inp)) == [(p.id, p.author, p.platform) for p in posts if not p.is_article]


def test_a_comment_saved_without_link_id_whose_parents_leave_the_file_is_reported(tmp_path):
    """Without the comment a reply chain passes through, the comments below it cannot be placed in a thread: each is
    skipped and the report says what is missing; the others are read."""
    comments = json.loads(ETL.read_text(encoding="utf-8"))
    gone = next(c["parent_id"][3:] for c in comments if c["parent_id"].startswith("t1_"))
    below = {gone}
    for c in comments:  # the file lists a comment after its parent
        if c["parent_id"][3:] in below:
            below.add(c["id"])
    assert len(below) > 1
    path = tmp_path / "comments.json"
    path.write_text(json.dumps([c for c in comments if c["id"] != gone]), encoding="utf-8")
    report = Report()
    posts = list(read_posts(expand_inputs([str(path)]), report=report))
    assert {p.source_id for p in posts if not p.is_article} == {c["id"] for c in comments} - below
    assert report.counts[UNPLACED] == len(below) - 1
    assert "without link_id" in report.summary() and "reaches no t3_ submission" in report.summary()


def test_a_deleted_account_a_script_saved_as_the_name_none_is_no_writer():
    """PRAW gives no writer for a deleted account, and a script that saves ``str(comment.author)`` writes "None": such
    a comment is read as one by "[deleted]" is, with no writer (before, its writers were one person called None), its
    text kept where the body stayed."""
    comments = json.loads(ETL.read_text(encoding="utf-8"))
    gone = {c["id"]: c["body"] for c in comments if c["author"] == "None"}
    assert len(gone) == 2 and any(body not in ("[deleted]", "[removed]") for body in gone.values())
    (inp,) = expand_inputs([str(ETL)])
    posts = {p.source_id: p for p in read_posts([inp]) if not p.is_article}
    assert {cid for cid, p in posts.items() if p.author is None} == gone.keys()
    assert {cid: (p.text, p.deleted) for cid, p in posts.items() if cid in gone} == {
        cid: ("", True) if body in ("[deleted]", "[removed]") else (body, False) for cid, body in gone.items()
    }
    assert {p.author for p in posts.values()} == {c["author"] for c in comments} - {"None"} | {None}
    assert [author for _, author, _ in FORMAT.writers(inp)] == [posts[c["id"]].author for c in comments]


def test_an_account_named_none_keeps_its_posts_where_reddit_names_it(tmp_path):
    """A record written by "None" with an author_fullname (Reddit's name of an existing account) is that account's;
    only without one is "None" a script's deleted writer."""
    comments = json.loads(ETL.read_text(encoding="utf-8"))
    named = [{**c, "author_fullname": "t2_n0ne"} if c["author"] == "None" else c for c in comments]
    gone = {c["id"] for c in comments if c["author"] == "None"}
    assert gone and all("author_fullname" not in c for c in comments)
    path = tmp_path / "named.json"
    path.write_text(json.dumps(named), encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    posts = {p.source_id: p.author for p in read_posts([inp]) if not p.is_article}
    assert {cid for cid, author in posts.items() if author == "None"} == gone
    assert [author for _, author, _ in FORMAT.writers(inp)] == [posts[c["id"]] for c in comments]


ETL_POSTS = ETL.with_name("reddit-etl-posts.json")


def test_submissions_a_script_saved_with_their_text_in_content_are_their_threads_roots():
    """The script saved each submission's fields one by one, its text as "content" (not selftext) and no t3_ name.
    Read with its comments, each submission is the root of its comments' thread (the comments' file, read alone,
    roots them in stubs, which a stored root is not changed by) with its text, title and writer; before, the file read
    as a table, its posts apart from the comments' threads, and read as Reddit each submission lost its text."""
    submissions = json.loads(ETL_POSTS.read_text(encoding="utf-8"))
    assert all("selftext" not in s and "name" not in s and s["content"] for s in submissions)
    inputs = expand_inputs([str(ETL_POSTS), str(ETL)])
    assert [detect(inp).name for inp in inputs] == ["reddit", "reddit"]
    report = Report()
    first, then = (list(posts) for posts in read_inputs(inputs, report=report))
    assert {p.source_id: (p.text, p.title, p.author, p.deleted, p.is_article) for p in first} == {
        s["id"]: (s["content"], s["title"], None if s["author"] == "None" else s["author"], False, True)
        for s in submissions
    }
    roots = {p.source_id: p.id for p in first}
    truth = _etl_truth(json.loads(ETL.read_text(encoding="utf-8")))
    assert {p.source_id: p.thread for p in then if not p.is_article} == {
        cid: roots[link] for cid, (link, _) in truth.items()
    }
    assert all(p.meta == {"stub": True} for p in then if p.is_article)
    assert report.counts == {MISSING_ROOT: len({link for link, _ in truth.values()})}


def test_comments_saved_beside_their_submission_s_title_with_no_parent_are_a_table(tmp_path):
    """Rows of comments a script saved with their submission's title and no parent_id name no t1_ or t3_ thing: they
    are read as a table's rows, each comment's body its text, not as submissions without text."""
    comments = json.loads(ETL.read_text(encoding="utf-8"))
    titles = {s["id"]: s["title"] for s in json.loads(ETL_POSTS.read_text(encoding="utf-8"))}
    truth = _etl_truth(comments)
    rows = [{k: v for k, v in {**c, "title": titles[truth[c["id"]][0]]}.items() if k != "parent_id"} for c in comments]
    path = tmp_path / "rows.json"
    path.write_text(json.dumps(rows, indent=4), encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "tabular"
    texts = {p.text for p in read_posts([inp])}
    assert {c["body"].strip() for c in comments if c["body"] not in ("[deleted]", "[removed]")} <= texts


PRAW_TEXT = ETL.with_name("praw-posts-text.json")


def test_submissions_a_script_saved_with_their_text_as_text_are_a_table_with_every_text():
    """A script saved each submission's fields one by one, its text as "text", which the Reddit reader does not read:
    the file is a table's, each post its text (read as Reddit, every text was lost and nothing reported)."""
    rows = json.loads(PRAW_TEXT.read_text(encoding="utf-8"))
    assert all("selftext" not in r and "content" not in r for r in rows) and sum(bool(r["text"]) for r in rows) == 3
    (inp,) = expand_inputs([str(PRAW_TEXT)])
    assert detect(inp).name == "tabular"
    assert sorted(p.text for p in read_posts([inp])) == sorted(r["text"].strip() for r in rows)


def test_submissions_saved_with_their_text_as_text_read_as_reddit_keep_every_text(read):
    """The same file forced to Reddit: with neither selftext nor content, a submission's "text" is its text (every
    text was lost before, and nothing reported)."""
    rows = json.loads(PRAW_TEXT.read_text(encoding="utf-8"))
    posts, report = read(PRAW_TEXT, "reddit")
    assert {p.source_id: p.text for p in posts} == {r["id"]: r["text"] for r in rows}
    assert all(p.is_article for p in posts) and not report.counts


def test_posts_and_comments_a_script_saved_as_lines_with_their_text_as_text_are_a_table(tmp_path):
    """Posts (a title, a subreddit, created_utc) and comments a script wrote to one file of lines, each text as "text"
    and each parent as the script's own id: a table's rows, not submissions without text and malformed comments."""
    rows = json.loads(PRAW_TEXT.read_text(encoding="utf-8"))
    lines = [{"type": "post", **r, "thread_id": r["id"]} for r in rows]
    lines += [
        {
            "type": "comment",
            "id": f"c{i}",
            "text": f"reply {i}",
            "thread_id": r["id"],
            "parent_id": f"reddit_{r['id']}",
            "subreddit": r["subreddit"],
            "created_utc": r["created_utc"] + 60,
        }
        for i, r in enumerate(rows)
    ]
    path = tmp_path / "lines.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    (inp,) = expand_inputs([str(path)])
    assert detect(inp).name == "tabular"
    assert {p.text for p in read_posts([inp])} >= {line["text"].strip() for line in lines if line["text"]}


CHAIN = 100_000


def _chain_shapes() -> dict[str, dict[str, str]]:
    """Comments saved without link_id (id -> parent's fullname) as three long chains: one whose top answers a
    comment not in the file, listed top first; one reaching a submission, listed deepest first; one that loops."""
    dangling = {"c0": "t1_gone"} | {f"c{i}": f"t1_c{i - 1}" for i in range(1, CHAIN)}
    deepest_first = {f"c{i}": f"t1_c{i - 1}" for i in range(CHAIN - 1, 0, -1)} | {"c0": "t3_s"}
    cycle = {"c0": f"t1_c{CHAIN - 1}"} | {f"c{i}": f"t1_c{i - 1}" for i in range(1, CHAIN)}
    return {"dangling": dangling, "deepest_first": deepest_first, "cycle": cycle}


@pytest.mark.parametrize("shape", ["dangling", "deepest_first", "cycle"])
def test_long_chains_of_comments_without_link_id_are_walked_once(shape):
    """Each comment of a chain is walked once, whether the chain reaches a submission or not (before: a dangling
    chain of 2,000 comments took over a minute, as each comment walked it again; a loop of 1,000, 7 s)."""
    parents = _chain_shapes()[shape]
    started = time.process_time()
    found = _submissions(parents, {})
    spent = time.process_time() - started  # CPU time: other processes cannot make it fail
    assert found == (dict.fromkeys(parents, "s") if shape == "deepest_first" else {})
    assert spent < 4.0  # about 0.2 s


@pytest.mark.parametrize("layout", ["json", "ndjson"])
def test_a_comment_without_link_id_answering_one_with_it_takes_its_submission(tmp_path, layout):
    """A comment saved without link_id whose chain ends at a comment of the file that states its link_id is in that
    comment's thread (before: skipped as leaving the input)."""
    rows = [
        {
            "id": "a",
            "parent_id": "t3_s",
            "link_id": "t3_s",
            "body": "first",
            "author": "ann",
            "created_utc": 1,
            "subreddit": "x",
        },
        {"id": "b", "parent_id": "t1_a", "body": "second", "author": "bob", "created_utc": 2, "subreddit": "x"},
        {"id": "c", "parent_id": "t1_b", "body": "third", "author": "cy", "created_utc": 3, "subreddit": "x"},
    ]
    path = tmp_path / f"comments.{layout}"
    text = json.dumps(rows) if layout == "json" else "".join(json.dumps(r) + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    report = Report()
    posts = list(read_posts(expand_inputs([str(path)]), report=report))
    by_id = {p.id: p for p in posts}
    assert {p.source_id: (by_id[p.thread].source_id, by_id[p.parent].source_id) for p in posts if not p.is_article} == {
        "a": ("s", "s"),
        "b": ("s", "a"),
        "c": ("s", "b"),
    }
    assert UNPLACED not in report.counts


def test_comments_without_link_id_numbered_or_answering_themselves(tmp_path):
    """Ids written as numbers are read as their digits (before: each such comment skipped as unplaced); a comment
    answering itself is skipped, the report saying its chain reaches no submission (before: 'leaves the input')."""
    rows = [
        {"id": 1, "parent_id": "t3_s", "body": "first", "author": "ann", "created_utc": 1, "subreddit": "x"},
        {"id": 2, "parent_id": "t1_1", "body": "second", "author": "bob", "created_utc": 2, "subreddit": "x"},
        {"id": "z", "parent_id": "t1_z", "body": "loop", "author": "cy", "created_utc": 3, "subreddit": "x"},
    ]
    path = tmp_path / "comments.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    report = Report()
    posts = list(read_posts(expand_inputs([str(path)]), report=report))
    by_id = {p.id: p for p in posts}
    assert {p.source_id: (by_id[p.thread].source_id, by_id[p.parent].source_id) for p in posts if not p.is_article} == {
        "1": ("s", "s"),
        "2": ("s", "1"),
    }
    assert report.counts[UNPLACED] == 1
    assert "reaches no t3_ submission" in report.summary() and "leaves the input" not in report.summary()


PUSHSHIFT_SUBMISSIONS = ETL.with_name("pushshift-submissions-2005-2014.ndjson")


def test_a_link_posts_address_escaped_in_a_real_dump_is_cited_and_read_as_its_page_links_it(tmp_path):
    """Pushshift's dumps keep a submission's ``url`` as Reddit's API gives it, escaped for HTML like its title and
    text ("…xml&amp;coll=1&amp;thispage=23"): the link post's text and the source it cites are the address itself.
    Ground truth from the file: each link post's ``url``, unescaped, is in its text and among the addresses it
    cites; no stored address keeps an entity. Before, the address was cited with "&amp;" in it."""
    rows = [json.loads(line) for line in PUSHSHIFT_SUBMISSIONS.read_text(encoding="utf-8").splitlines()]
    links = {r["id"]: html.unescape(r["url"]) for r in rows if not r["is_self"]}
    assert any("&amp;" in r["url"] for r in rows) and len(links) > 10
    store = str(tmp_path / "s.lbug")
    run("load", str(PUSHSHIFT_SUBMISSIONS), "--store", store, "--no-entities", "--workers", "1")
    posts = store_rows(store, "MATCH (a:Article) RETURN a.source_id AS id, a.text AS text")
    assert sorted(p["id"] for p in posts) == sorted(r["id"] for r in rows)
    assert all(links[p["id"]] in p["text"] for p in posts if p["id"] in links)
    cited = store_rows(store, "MATCH (a:Article)-[:CITES]->(s:Source) RETURN a.source_id AS id, s.url AS url")
    by: dict[str, set[str]] = {}
    for row in cited:
        by.setdefault(row["id"], set()).add(row["url"])
    assert all(url in by.get(key, set()) for key, url in links.items())
    assert [row["url"] for row in cited if "&amp;" in row["url"]] == []


PUSHSHIFT_COMMENTS = ETL.with_name("pushshift-comments-sample.ndjson")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_dumps_comment_answers_the_comment_it_names_though_the_dump_lacks_it(tmp_path, workers):
    """Pushshift's comment dumps cut by subreddit or date hold comments whose parent comment (``parent_id`` t1_) is
    not in them. Before, such a comment answered its submission, inferred; now a stub comment of its thread stands
    for the parent, without text. Ground truth from the file: every comment answers exactly the post its parent_id
    names, each parent comment not in the file is a stub, and the answers to those are reported; by one process and
    by the columnar load of several alike."""
    rows = [json.loads(line) for line in PUSHSHIFT_COMMENTS.read_text(encoding="utf-8").splitlines()]
    parents = {r["id"]: r["parent_id"].split("_", 1)[1] for r in rows}
    below = {r["parent_id"][3:] for r in rows if r["parent_id"].startswith("t1_")} - set(parents)
    assert below
    store = str(tmp_path / "s.lbug")
    out = run("load", str(PUSHSHIFT_COMMENTS), "--store", store, "--no-entities", "--workers", workers)
    assert f"{sum(p in below for p in parents.values())} parents not in input" in out
    assert_stated_parents(store, parents, below)


DEBATELAND_POSTS = ETL.with_name("debateland-reddit-posts.json")
DEBATELAND_COMMENTS = ETL.with_name("debateland-reddit-comments.json")


def test_submissions_a_script_saved_with_their_id_as_post_id_are_their_threads_roots(tmp_path):
    """A narrative study's PRAW script saved each submission's fields one by one, its id as "post_id" (no "id", no
    t3_ name), and its comments with that id as "parent_post_id". Before, every submission was skipped as malformed,
    reported at "#None", and the load said "Loaded 0 threads"; now each is its thread's root with its title, text
    and writer, and the comments loaded beside it (their thread mapped) answer it, not a stub. Ground truth from the
    two files."""
    submissions = json.loads(DEBATELAND_POSTS.read_text(encoding="utf-8"))
    comments = json.loads(DEBATELAND_COMMENTS.read_text(encoding="utf-8"))
    assert all("id" not in s and "name" not in s for s in submissions)
    (inp,) = expand_inputs([str(DEBATELAND_POSTS)])
    assert detect(inp).name == "reddit"
    report = Report()
    posts = list(read_posts([inp], report=report))
    assert not report.counts
    assert {p.source_id: (p.title, p.author, p.is_article) for p in posts} == {
        s["post_id"]: (s["title"], s["author"], True) for s in submissions
    }
    # a self post's text is its self text; a link post's, the address it links (an image on i.redd.it)
    assert {p.source_id: p.text for p in posts} == {s["post_id"]: s["selftext"] or s["url"] for s in submissions}
    store = str(tmp_path / "s.lbug")
    both = (str(DEBATELAND_POSTS), str(DEBATELAND_COMMENTS))
    run("load", *both, "--map", "thread=parent_post_id", "--store", store, "--no-entities")
    rows = store_rows(store, "MATCH (a:Article) RETURN a.source_id AS id, a.title AS title, a.stub AS stub")
    assert sorted((r["id"], r["title"], bool(r["stub"])) for r in rows) == sorted(
        (s["post_id"], s["title"], False) for s in submissions
    )
    threads = store_rows(
        store, "MATCH (c:Comment)-[:REPLY_TO*1..30]->(a:Article) RETURN c.source_id AS c, a.source_id AS a"
    )
    assert {r["c"]: r["a"] for r in threads} == {c["comment_id"]: c["parent_post_id"] for c in comments}


def test_a_submission_a_script_saved_beside_an_id_of_its_own_is_known_by_reddits_id(tmp_path):
    """A script's table of submissions may hold its own "id" beside Reddit's "post_id": its row's number, or null
    where it kept none. Before, a null id skipped the submission, and a row number became the submission's id, so
    the comments naming it answered a stub; and a record with neither was reported at "#None". Now Reddit's id wins
    (its fullname, else an id of Reddit's shape: base 36 with a letter), and a record without any id is reported at
    its place in the file. The narrative study's submissions, given ids so; ground truth from the file."""
    submissions = json.loads(DEBATELAND_POSTS.read_text(encoding="utf-8"))
    given = [{"id": None if n % 2 else n, **s} for n, s in enumerate(submissions)]
    given.append({k: v for k, v in submissions[0].items() if k != "post_id"})
    path = tmp_path / "posts.json"
    path.write_text(json.dumps(given, indent=2), encoding="utf-8")  # laid out as the study saved it
    report = Report()
    posts = list(read_posts(expand_inputs([str(path)]), "reddit", report=report))
    assert [p.source_id for p in posts] == [s["post_id"] for s in submissions]
    assert report.locations[MALFORMED] == [f"{path}#{len(given)}"]
