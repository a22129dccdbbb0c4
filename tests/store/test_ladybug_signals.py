"""Ctrl-C sent from inside the engine's Python binding, in this process: within a call the store makes of its own
(a statement, a row read, closing) it arrives once the call is over; raised in the binding's code, it left a call
counted as running, for which closing waited for ever, or was dropped. A user's query stays open to it, and a query
it cut short leaves the store able to close. (``tests/test_resume.py`` stops a whole load so, at the binding's
points where it hung or went on.)"""

from __future__ import annotations

import os
import signal
import sys
import threading

import pytest
from ladybug import connection, query_result

from graphkit.store import open_store
from graphkit.store.ladybug import _engine
from graphkit.store.rows import STEPS

# How long closing may take before the test gives up: only a guard against a close that waits for ever.
CLOSE_TIMEOUT = 120


def _ctrl_c_once(sent: list[str], where: str) -> None:
    """Ctrl-C to this process, the first time only; ``sent`` notes where."""
    if not sent:
        sent.append(where)
        os.kill(os.getpid(), signal.SIGINT)


@pytest.fixture
def counted(monkeypatch):
    """Ctrl-C as the binding's ``caller`` (a function of its own, by name) looks at this thread's calls: in the
    wrapper of every call, just after the call is counted as running; in ``close``, as it starts. Set the caller
    before the call; the list of where it was sent is returned."""
    stack, sent, caller = connection._active_stack, [], []

    def active_stack():
        if caller and sys._getframe(1).f_code.co_name == caller[0]:
            _ctrl_c_once(sent, caller[0])
        return stack()

    monkeypatch.setattr(connection, "_active_stack", active_stack)
    return caller, sent


def test_ctrl_c_in_a_statement_the_store_runs_arrives_once_it_has_run_and_the_store_closes(tmp_path, counted):
    caller, sent = counted
    store = open_store("ladybug", path=str(tmp_path / "s.lbug"))
    caller.append("wrapper")
    with pytest.raises(KeyboardInterrupt):
        store.holds_nothing()
    assert sent == ["wrapper"]
    caller.clear()
    _closes(store)


def test_ctrl_c_in_a_row_read_arrives_once_every_row_is_read(tmp_path, monkeypatch):
    next_row, read, sent = query_result.QueryResult.get_next, [], []

    def get_next(result):
        read.append(1)
        _ctrl_c_once(sent, "row")
        return next_row(result)

    with open_store("ladybug", path=str(tmp_path / "s.lbug")) as store:
        monkeypatch.setattr(query_result.QueryResult, "get_next", get_next)
        with pytest.raises(KeyboardInterrupt):
            store._rows("UNWIND range(1, 5) AS x RETURN x")
        monkeypatch.undo()
    assert len(read) == 5


def test_ctrl_c_as_the_store_closes_arrives_once_it_is_closed(tmp_path, counted):
    caller, sent = counted
    store = open_store("ladybug", path=str(tmp_path / "s.lbug"))
    caller.append("close")
    with pytest.raises(KeyboardInterrupt):
        store.close()
    assert sent == ["close"]
    assert store._conn.is_closed and store._db.is_closed


def test_a_query_ctrl_c_cut_short_in_the_binding_leaves_the_store_able_to_close(tmp_path, counted):
    caller, sent = counted
    store = open_store("ladybug", path=str(tmp_path / "s.lbug"))
    caller.append("wrapper")
    with pytest.raises(KeyboardInterrupt):
        store.query("RETURN 1")
    assert sent == ["wrapper"]
    caller.clear()
    _closes(store)


def test_ctrl_c_in_a_copy_of_the_store_s_interrupts_it_at_once_and_leaves_nothing_copied(tmp_path, monkeypatch):
    """The engine is asked to stop from another thread as Ctrl-C comes, while the COPY runs (a function of the
    COPY's own query, run by the engine, sends it and waits for the ask): the COPY fails undone, the Ctrl-C is raised
    over its failure, and the store goes on and closes."""
    interrupt, asked = connection.Connection.interrupt, threading.Event()

    def ask(conn) -> None:
        interrupt(conn)
        asked.set()

    def row(i: int) -> str:
        if i == 1:
            os.kill(os.getpid(), signal.SIGINT)
            asked.wait(CLOSE_TIMEOUT)
        return f"a{i}"

    monkeypatch.setattr(connection.Connection, "interrupt", ask)
    store = open_store("ladybug", path=str(tmp_path / "s.lbug"))
    store._conn.create_function("row", row, ["INT64"], "STRING")
    with pytest.raises(KeyboardInterrupt) as stopped, _engine(store._conn):
        store._run(f"COPY {STEPS} FROM (UNWIND range(1, 3) AS i RETURN row(i) AS id, ['p'] AS posts)")
    assert asked.is_set() and str(stopped.value.__context__) == "Interrupted."
    assert store._rows(f"MATCH (s:{STEPS}) RETURN count(*)") == [[0]]
    _closes(store)


def _closes(store) -> None:
    """The store closes (in a thread of its own, so that a close waiting for ever fails the test)."""
    closing = threading.Thread(target=store.close, daemon=True)
    closing.start()
    closing.join(CLOSE_TIMEOUT)
    assert not closing.is_alive(), "closing the store waits for a call the binding still counts as running"
    assert store._db.is_closed
