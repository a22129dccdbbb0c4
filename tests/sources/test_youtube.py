"""YouTube comments as yt-dlp writes them (--write-comments): an info.json in the real shape, read
and loaded into the embedded store, checked against what the file states."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.sources import MALFORMED, MISSING_PARENT, MISSING_ROOT, detect, expand_inputs
from tests.cli_runs import run, store_rows

VIDEO = "dQw5x9WgXcQ"
INFO = f"youtube-{VIDEO}.info.json"


def test_video_and_comment_tree(read, shape, data):
    posts, report = read(INFO)
    info = json.loads((data / INFO).read_text("utf-8"))
    comments = [c for c in info["comments"] if isinstance(c["text"], str)]
    known = {c["id"] for c in comments}
    expected = {VIDEO: (None, True)}
    for c in comments:  # the comment named, exactly, a stub when the file lacks it
        expected[c["id"]] = (VIDEO if c["parent"] == "root" else c["parent"], False)
    absent = {c["parent"] for c in comments} - known - {"root"}
    assert absent
    expected.update(dict.fromkeys(absent, (None, False)))
    assert shape(posts) == expected
    assert all((p.text, p.author, p.meta) == ("", None, {"stub": True}) for p in posts if p.source_id in absent)
    by = {p.source_id: p for p in posts}
    video = by[VIDEO]
    assert (video.title, video.author, video.author_key) == (info["title"], info["channel"], info["channel_id"])
    assert video.text == info["description"] and video.created == "2024-05-31T16:00:00Z"
    assert video.author_handle == info["uploader_id"].removeprefix("@")  # the channel's @handle
    for c in [*comments, *({"id": key} for key in absent)]:
        assert by[c["id"]].url == f"https://www.youtube.com/watch?v={VIDEO}&lc={c['id']}"
    for c in comments:
        post = by[c["id"]]
        assert (post.author, post.author_key, post.text) == (c["author"], c["author_id"], c["text"])
        assert post.author_handle == (c["author"][1:] if c["author"].startswith("@") else "")
        assert post.url == f"https://www.youtube.com/watch?v={VIDEO}&lc={c['id']}"
    assert report.counts == {MISSING_PARENT: 1, MALFORMED: 1}


def test_channels_are_the_identity_and_replies_exact_in_the_store(data, tmp_path):
    store = str(tmp_path / "s.lbug")
    run("load", str(data / INFO), "--store", store, "--no-entities", "--workers", "1")
    info = json.loads((data / INFO).read_text("utf-8"))
    comments = [c for c in info["comments"] if isinstance(c["text"], str)]
    wrote = store_rows(store, "MATCH (a:Author)-[:WROTE]->(p) RETURN p.source_id AS post, a.id AS id, a.name AS name")
    # the uploader's comment is the channel's own: one Author, shown by the name it was first read under
    shown = {info["channel_id"]: info["channel"]}
    for c in comments:
        shown.setdefault(c["author_id"], c["author"])
    expected = {c["id"]: (schema.author_id("youtube", c["author_id"]), shown[c["author_id"]]) for c in comments}
    expected[VIDEO] = (schema.author_id("youtube", info["channel_id"]), info["channel"])
    assert {r["post"]: (r["id"], r["name"]) for r in wrote} == expected
    # two channels showing one name are two Authors
    sams = store_rows(store, "MATCH (a:Author {name: 'Sam Smith'}) RETURN count(a) AS n")
    assert sams == [{"n": 2}]
    replies = store_rows(
        store,
        "MATCH (c:Comment)-[r:REPLY_TO]->(p) WHERE NOT r.inferred RETURN c.source_id AS child, p.source_id AS parent",
    )
    stated = {c["id"]: VIDEO if c["parent"] == "root" else c["parent"] for c in comments}
    assert {r["child"]: r["parent"] for r in replies} == stated
    # an "@handle" in a reply is looked for in the text (inferred) and reaches the channel behind the handle
    handle = store_rows(
        store,
        "MATCH (c:Comment)-[r:MENTIONS]->(a:Author {name: '@alice_w'}) RETURN c.source_id AS post, r.inferred AS inf",
    )
    answering = sorted(c["id"] for c in comments if c["text"].startswith("@alice_w"))
    assert sorted(r["post"] for r in handle) == answering and all(r["inf"] for r in handle)


def test_an_info_json_without_comments_is_refused_with_one_line(data, tmp_path):
    info = json.loads((data / INFO).read_text("utf-8"))
    del info["comments"]
    path = tmp_path / f"{VIDEO}.info.json"
    path.write_text(json.dumps(info), encoding="utf-8")
    result = CliRunner().invoke(main, ["load", str(path), "--store", str(tmp_path / "s.lbug")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0 and "--write-comments" in result.output


def test_a_file_that_is_not_a_video_is_refused_with_one_line(data, tmp_path):
    result = CliRunner().invoke(
        main, ["load", str(data / "hn-item.json"), "--format", "youtube", "--store", str(tmp_path / "s.lbug")]
    )
    assert result.exit_code == 1 and result.output.strip().count("\n") == 0


TRIAL = Path(__file__).parents[1] / "data" / "trial"


@pytest.mark.parametrize(
    "name", ["youtube-data-api-comment-threads.json", "youtube-data-api-comment-threads-list.json"]
)
@pytest.mark.parametrize("fmt", [None, "youtube"])
def test_data_api_comment_threads_are_read_as_the_videos_comments(read, shape, name, fmt):
    """The YouTube Data API's commentThreads responses (youtube-clone's page of 12 threads on one video; another
    youtube-clone's list of one response, a thread with two replies): each thread's top-level comment answers the
    video, each reply (under replies.comments) the comment its parentId names; the video, not in the file, has a stub
    root (before: "a yt-dlp info.json without 'comments'", or "unknown input format" for the list)."""
    path = TRIAL / name
    value = json.loads(path.read_text("utf-8"))
    items = [i for response in (value if isinstance(value, list) else [value]) for i in response["items"]]
    expected, written = {}, {}
    for item in items:
        video = item["snippet"]["videoId"]
        expected[video] = (None, True)
        for comment in [item["snippet"]["topLevelComment"], *item.get("replies", {}).get("comments", [])]:
            said = comment["snippet"]
            expected[comment["id"]] = (said.get("parentId", video), False)
            written[comment["id"]] = (
                said["authorDisplayName"],
                said["authorChannelId"]["value"],
                said["textOriginal"],
                said["publishedAt"],
            )
    assert [detect(inp).name for inp in expand_inputs([str(path)])] == ["youtube"]
    posts, report = read(path, fmt)
    assert shape(posts) == expected
    assert {p.source_id: (p.author, p.author_key, p.text, p.created) for p in posts if not p.is_article} == written
    assert report.counts == {MISSING_ROOT: len({i["snippet"]["videoId"] for i in items})}


@pytest.mark.parametrize("lines", [False, True])
def test_data_api_comment_threads_saved_without_their_response_are_read(read, shape, tmp_path, lines):
    """Rounak-28/youtube-clone's commentThreads items saved as a JSON list, without the response around them (and
    the same items one a JSON line): each is read as a thread of the video, its top-level comment answering the
    video's one stub root (before: "a yt-dlp info.json without 'comments'"). Rows a script wrote from them, one a
    comment, keeping their "kind", stay the tabular reader's, read as mapped (before, refused as YouTube's)."""
    path = TRIAL / "youtube-data-api-copied-comments.json"
    items = json.loads(path.read_text("utf-8"))
    if lines:
        path = tmp_path / "items.jsonl"
        path.write_text("".join(json.dumps(i) + "\n" for i in items))
    videos = {i["snippet"]["videoId"] for i in items}
    expected = {v: (None, True) for v in videos}
    expected |= {i["snippet"]["topLevelComment"]["id"]: (i["snippet"]["videoId"], False) for i in items}
    assert [detect(inp).name for inp in expand_inputs([str(path)])] == ["youtube"]
    posts, report = read(path)
    assert shape(posts) == expected
    assert report.counts == {MISSING_ROOT: len(videos)}

    rows = []
    for item in items:
        said = item["snippet"]["topLevelComment"]["snippet"]
        rows.append({"kind": item["kind"], "id": item["id"], "videoId": said["videoId"], "text": said["textOriginal"]})
    flat = tmp_path / "flat.jsonl"
    flat.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert [detect(inp).name for inp in expand_inputs([str(flat)])] == ["tabular"]
    posts, _ = read(flat, thread="videoId")
    expected = {**dict.fromkeys(videos, True), **{r["id"]: False for r in rows}}
    assert {p.source_id: p.is_article for p in posts} == expected


def test_a_data_api_reply_without_its_parent_id_answers_its_threads_top_level_comment(read, shape, tmp_path):
    """vsvishal/youtube-clone's response, the parentId of a reply left out (a partial response, ``fields=`` not
    asking for it): the reply answers its thread's top-level comment, as YouTube threads one level deep, and its
    thread is read whole (before, the whole thread was counted malformed)."""
    value = json.loads((TRIAL / "youtube-data-api-comment-threads-list.json").read_text("utf-8"))
    item = next(i for i in value[0]["items"] if i.get("replies"))
    reply = item["replies"]["comments"][0]
    del reply["snippet"]["parentId"]
    path = tmp_path / "threads.json"
    path.write_text(json.dumps(value))
    posts, report = read(path)
    assert shape(posts)[reply["id"]] == (item["snippet"]["topLevelComment"]["id"], False)
    assert MALFORMED not in report.counts
    comments = [
        c
        for i in value[0]["items"]
        for c in [i["snippet"]["topLevelComment"], *i.get("replies", {}).get("comments", [])]
    ]
    assert {p.source_id for p in posts if not p.is_article} == {c["id"] for c in comments}
