"""View projections, filters and trimming on the example thread (no browser)."""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit import schema
from graphkit.cli import main
from graphkit.errors import InputError
from graphkit.store import open_store
from graphkit.views import KINDS, Filters, api, build_view, notebook, render
from graphkit.views.project import ANONYMOUS
from graphkit.views.scope import parse_date, resolve_scope
from graphkit.views.style import TYPE_COLORS

BRAD = schema.author_id("web", "Brad Isherwood")
MLADEN = schema.author_id("web", "888mladen")
LAVROV = schema.entity_id(schema.PERSON, "Sergey Lavrov")


def view(graph, kind, **filters):
    return build_view(graph, kind, Filters(**filters)).graph


def test_kinds_are_the_cli_contract():
    assert KINDS == ("replies", "mentions", "citations", "quotes", "thread", "all")


def test_replies_weigh_author_pairs_and_group_anonymous_posts(example, example_nx):
    built = build_view(example, "replies", Filters())
    g = built.graph
    assert g.edges[MLADEN, BRAD, schema.REPLY_TO]["weight"] == 3
    assert g.edges[BRAD, MLADEN, schema.REPLY_TO]["weight"] == 2
    anonymous = [n for n, label in g.nodes(data="label") if label == ANONYMOUS]
    assert len(anonymous) == 1
    article = next(n for n, label in example_nx.nodes(data="label") if label == schema.ARTICLE)
    # Seven unsigned comments answer the article (positions 1 2 5 15 16 20 22).
    assert g.edges[anonymous[0], article, schema.REPLY_TO]["weight"] == 7
    assert "anonymous comments grouped into one node per thread" in " ".join(built.notes)
    assert all(len(d["evidence"]) <= 3 for *_, d in g.edges(data=True))


def test_mentions_count_and_keep_tone(example):
    g = view(example, "mentions")
    anonymous = next(n for n, label in g.nodes(data="label") if label == ANONYMOUS)
    edge = g.edges[anonymous, LAVROV, schema.MENTIONS]
    assert edge["weight"] == 5
    assert edge["tone"] == pytest.approx((-0.7 - 0.6 - 0.5 + 0.3 + 0.8) / 5)  # the mean, taken by the store
    assert g.nodes[MLADEN]["label"] == schema.AUTHOR  # authors can be mentioned too
    assert g.has_edge(MLADEN, BRAD, schema.MENTIONS)


def test_citations_group_sources_by_domain(example):
    g = view(example, "citations")
    domains = {d["name"]: d for n, d in g.nodes(data=True) if d["label"] == schema.SOURCE}
    assert set(domains) == {"www.youtube.com", "southfront.org"}
    assert domains["southfront.org"]["urls"] == ["https://southfront.org/deir-ezzor-attack"]
    assert g.has_edge(MLADEN, "domain:www.youtube.com")


def test_quotes_resolve_comments_to_their_writers_and_include_the_article(example, example_nx):
    g = view(example, "quotes")
    article = next(n for n, label in example_nx.nodes(data="label") if label == schema.ARTICLE)
    assert g.has_edge(article, LAVROV, schema.QUOTES)
    assert g.has_edge(BRAD, MLADEN, schema.QUOTES)


def test_thread_and_all_views_keep_every_post(example, example_nx):
    thread = view(example, "thread")
    assert thread.number_of_nodes() == 23 and thread.number_of_edges() == 22
    everything = view(example, "all")
    assert set(everything) == set(example_nx)


def test_author_filter_focuses_on_the_author_and_neighbours(example, example_nx):
    article = next(n for n, label in example_nx.nodes(data="label") if label == schema.ARTICLE)
    assert set(view(example, "replies", author="888MLADEN")) == {MLADEN, BRAD, article}


def test_entity_filter_keeps_posts_that_mention_it(example):
    g = view(example, "mentions", entity="lavrov")  # an alias, any case
    assert LAVROV in g
    palmyra = schema.entity_id(schema.PLACE, "Palmyra")
    assert palmyra in g  # mentioned alongside Lavrov (article, comment 2)
    brad_palmyra = view(example, "mentions").edges[BRAD, palmyra, schema.MENTIONS]  # comment 18, no Lavrov
    assert brad_palmyra["weight"] == 1 and not g.has_edge(BRAD, palmyra)


def test_dates_come_from_the_article_for_undated_comments(example):
    assert view(example, "thread", since="2022-07-01").number_of_nodes() == 23
    with pytest.raises(InputError, match="nothing selected by --until '2022-06-30'"):
        view(example, "thread", until="2022-06-30")
    assert parse_date("JULY 2022").isoformat() == "2022-07-01"


def test_min_weight_and_top_say_what_they_left_out(example):
    heavy = build_view(example, "replies", Filters(min_weight=3))
    assert all(w >= 3 for *_, w in heavy.graph.edges(data="weight"))
    assert BRAD not in heavy.graph or heavy.graph.degree(BRAD, weight="weight") >= 3
    top = build_view(example, "replies", Filters(top=2))
    assert top.graph.number_of_nodes() == 2
    assert "cut to the top 2 of 6 nodes by weighted degree (top=2)" in top.notes


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"thread": "no such title"}, "no thread matches"),
        ({"author": "nobody"}, "no author matches"),
        ({"entity": "Atlantis"}, "no entity matches"),
        ({"since": "last week"}, "cannot read"),
        ({"min_weight": 0}, "positive whole number"),
    ],
)
def test_filters_that_match_nothing_raise_one_line_errors(example, filters, message):
    with pytest.raises(InputError, match=message):
        build_view(example, "replies", Filters(**filters))


def test_unknown_kind_is_an_input_error(example):
    with pytest.raises(InputError, match="unknown view kind"):
        render(example, "pie")


def test_render_writes_a_deterministic_self_contained_page(example, tmp_path):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    summary = render(example, "replies", first)
    render(example, "replies", second)
    page = first.read_text(encoding="utf-8")
    assert page == second.read_text(encoding="utf-8")
    assert summary.startswith("replies: 6 nodes, ")
    assert "<link" not in page and "<script src" not in page  # vis-network and styles are inline
    data = json.loads(page.split('<script id="gk-data" type="application/json">')[1].split("</script>")[0])
    assert len(data["nodes"]) == 6
    shapes = set(re.findall(r'data-channel="shape" data-name="(\w+)"', page))  # the legend
    assert shapes == {schema.AUTHOR, schema.ARTICLE, ANONYMOUS}


def test_a_participant_is_shown_with_its_handle_where_it_is_not_the_name(tmp_path):
    """A real Discourse topic, whose writers show a name and type a user name: each Author of the replies view, and
    each comment of the thread view by its writer, is shown as "Name (@user)", the user name alone where the forum
    shows no other name (as the topic's JSON gives them)."""
    from tests.cli_runs import run

    topic = Path(__file__).parents[1] / "data" / "real" / "discourse" / "topic_165396.json"
    store_path = str(tmp_path / "s.lbug")
    run("load", str(topic), "--store", store_path, "--no-entities", "--workers", "1")
    posts = json.loads(topic.read_text(encoding="utf-8"))["post_stream"]["posts"]
    shown = {
        p["post_number"]: f"{p['name']} (@{p['username']})" if p["name"] not in ("", p["username"]) else p["username"]
        for p in posts
    }
    assert sum(p["name"] not in ("", p["username"]) for p in posts) >= 10
    with open_store("ladybug", path=store_path, read_only=True) as store:
        render(store, "replies", tmp_path / "replies.html")
        thread = build_view(store, "thread", Filters()).graph
    page = (tmp_path / "replies.html").read_text("utf-8")
    data = json.loads(page.split('<script id="gk-data" type="application/json">')[1].split("</script>")[0])
    names = {n.get("name", n["label"]) for n in data["nodes"] if n["group"] == schema.AUTHOR}
    assert names and names <= set(shown.values()) and "Carlton D'Silva (@carlton)" in names
    comments = [a["name"].split(" ", 1) for _, a in thread.nodes(data=True) if a["label"] == schema.COMMENT]
    assert sorted(by for _, by in comments) == sorted(name for n, name in shown.items() if n > 1)  # 1: the topic


def test_an_account_only_mentioned_whose_name_shows_its_user_is_shown_without_the_handle_again(tmp_path):
    """A real Mastodon outbox mentions accounts on other servers, each named by its address ("host/@user", the
    only name the input gives): the mentions view shows that name alone, not "host/@user (@user)"."""
    from tests.cli_runs import run

    outbox = Path(__file__).parents[1] / "data" / "real" / "mastodon" / "dealingwith-outbox.json"
    store_path = str(tmp_path / "s.lbug")
    run("load", str(outbox), "--store", store_path, "--no-entities", "--workers", "1")
    items = json.loads(outbox.read_text(encoding="utf-8"))["orderedItems"]
    writer = {item["actor"] for item in items}
    mentioned = {
        f"{host}/@{user}"
        for item in items
        if isinstance(item["object"], dict)
        for tag in item["object"].get("tag") or []
        if tag["type"] == "Mention" and tag["href"] not in writer
        for host, user in [re.fullmatch(r"https://([^/]+)/users/([^/]+)", tag["href"]).groups()]
    }
    assert "mastodon.social/@lethain" in mentioned
    with open_store("ladybug", path=store_path, read_only=True) as store:
        graph = build_view(store, "mentions", Filters()).graph
    names = {a["name"] for _, a in graph.nodes(data=True) if a["label"] == schema.AUTHOR}
    assert "mastodon.social/@lethain" in names
    assert not [name for name in names if re.search(r"/@(\S+) \(@\1\)$", name)]
    assert len(names & mentioned) >= 5


def test_an_own_id_two_threads_share_is_refused_naming_both(tmp_path):
    """Two chats' messages, each chat "1" on its server (the trial's Pleroma chat, loaded as two platforms'):
    "--thread 1" names neither alone, so the view is refused in one line naming both articles (before, it showed
    both threads as one), no page written; either's full id draws it."""
    from click.testing import CliRunner

    from graphkit.cli import main
    from tests.cli_runs import run, store_rows

    chat = Path(__file__).parents[1] / "data" / "trial" / "pleroma-chat-messages.json"
    store = str(tmp_path / "s.lbug")
    run("load", str(chat), "--store", store, "--no-entities", "--workers", "1")
    run("load", str(chat), "--map", "platform=pleroma", "--store", store, "--no-entities", "--workers", "1")
    messages = json.loads(chat.read_text(encoding="utf-8"))
    own = messages[0]["chat_id"]
    threads = [r["id"] for r in store_rows(store, f"MATCH (a:Article) WHERE a.source_id = '{own}' RETURN a.id AS id")]
    assert len(threads) == 2
    page = tmp_path / "thread.html"
    failed = CliRunner().invoke(main, ["view", "--kind", "thread", "--thread", own, "-o", str(page), "--store", store])
    lines = failed.output.strip().splitlines()
    assert failed.exit_code != 0 and len(lines) == 1 and not page.exists()
    assert all(thread in lines[0] for thread in threads) and "full id" in lines[0]
    for thread in threads:
        assert run("view", "--kind", "thread", "--thread", thread, "-o", str(page), "--store", store).startswith(
            f"thread: {len(messages) + 1} nodes"  # the messages and the chat's root, not in the input
        )


def test_every_relationship_type_has_a_colour_for_the_full_graph_and_its_legend():
    assert set(TYPE_COLORS) == {rel.type for rel in schema.RELATIONSHIPS}


def test_thread_filter_takes_part_of_a_title_and_notebook_takes_the_same_filters(example):
    assert view(example, "thread", thread="palmyra could be").number_of_nodes() == 23
    shown = notebook(example, "replies", author="888mladen")
    assert shown.summary.startswith("replies: 3 nodes, ")


def test_every_view_is_the_same_page_under_any_hash_seed(tmp_path):
    script = (
        "import sys; from conftest import example_graph; from graphkit.views import KINDS, render\n"
        "for kind in KINDS: render(example_graph(), kind, f'{sys.argv[1]}-{kind}.html')"
    )
    here = Path(__file__).resolve().parent
    path = os.pathsep.join([str(here), str(here.parents[1]), os.environ.get("PYTHONPATH", "")])
    children = [  # side by side: each process is single-threaded
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / seed)],
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": path},
        )
        for seed in ("1", "2")
    ]
    assert [child.wait(timeout=240) for child in children] == [0, 0]
    for kind in KINDS:
        assert (tmp_path / f"1-{kind}.html").read_bytes() == (tmp_path / f"2-{kind}.html").read_bytes(), kind


def test_a_view_pauses_the_cycle_collector_and_restores_it(example, tmp_path, monkeypatch):
    """A view's millions of objects form no cycles: the collector's passes over them were a tenth of a
    whole-corpus view's time."""
    collecting: list[bool] = []

    def noting(real):
        def call(*args, **kwargs):
            collecting.append(gc.isenabled())
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(api, "describe", noting(api.describe))
    monkeypatch.setattr(api, "Page", noting(api.Page))
    render(example, "replies", tmp_path / "view.html")
    assert collecting == [False, False] and gc.isenabled()
    gc.disable()
    try:
        build_view(example, "thread", Filters())
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()


def test_stubs_are_no_posts_left_out_for_want_of_a_date(tmp_path):
    """A real Pushshift comment sample, every comment dated, none of its submissions held: --since leaves out no
    post for want of a date (the stubs of its submissions and of the parents it lacks have none, and none was read)."""
    path = Path(__file__).parents[1] / "data" / "trial" / "pushshift-comments-sample.ndjson"
    assert all(json.loads(line)["created_utc"] for line in path.read_text(encoding="utf-8").splitlines())
    store = str(tmp_path / "store.lbug")
    assert CliRunner().invoke(main, ["load", str(path), "--store", store, "--no-entities"]).exit_code == 0
    with open_store("ladybug", path=store, read_only=True) as opened:
        assert opened.counts()["stub:Article"] > 0
        assert not [note for note in resolve_scope(opened, Filters(since="2000-01-01")).notes if "date" in note]
