"""Hostile text cannot leave the data it travels in (static checks; the browser test runs it)."""

from __future__ import annotations

import json

import pytest
from IPython.display import IFrame
from pyvis.network import Network

from graphkit.views import KINDS, notebook, render
from graphkit.views.page import script_json


def test_script_json_cannot_close_its_element_and_round_trips():
    value = {"a": "</script><!-- & \u2028\u2029 >"}
    text = script_json(value)
    assert not any(c in text for c in "<>&\u2028\u2029")
    assert json.loads(text) == value


@pytest.mark.parametrize("kind", KINDS)
def test_pages_hold_payloads_only_as_escaped_data(hostile, payloads, kind, tmp_path):
    page_path = tmp_path / f"{kind}.html"
    render(hostile, kind, page_path)
    page = page_path.read_text(encoding="utf-8")
    assert page.count("</script>") == 3  # data, vis-network, explorer: nothing closed early
    data = page.split('<script id="gk-data" type="application/json">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data
    for payload in payloads:
        assert payload not in page
    head, body = page.split("<body>")
    assert "<svg" not in body and "<img" not in body and "onerror" not in head


def test_notebook_embeds_the_page_as_an_escaped_sandboxed_attribute(hostile):
    shown = notebook(hostile, "mentions")._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and shown.count("<") == 2
    assert 'sandbox="allow-scripts allow-popups"' in shown


def test_notebook_is_pyvis_notebook_mode_showing_our_offline_page(hostile, tmp_path, monkeypatch):
    net = notebook(hostile, "mentions")
    assert isinstance(net, Network) and net.num_nodes() == len(net.nodes) > 0
    monkeypatch.chdir(tmp_path)
    frame = net.show("shown.html")  # pyvis writes the file beside the notebook and frames it
    assert isinstance(frame, IFrame) and frame.src == "shown.html"
    shown = (tmp_path / "shown.html").read_text(encoding="utf-8")
    render(hostile, "mentions", tmp_path / "rendered.html")
    assert shown == (tmp_path / "rendered.html").read_text(encoding="utf-8")  # our template, not pyvis's
    assert "<link" not in shown and "<script src" not in shown and "bootstrap" not in shown.lower()
    assert shown.count("</script>") == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rendered.html", "shown.html"]  # no lib/ copied
