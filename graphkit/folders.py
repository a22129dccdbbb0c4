"""Folders graphkit makes at names of its own beside or inside a user's paths (a load's spill beside the store,
a cluster run's parts and reads in its output directory), marked as graphkit's when made: a folder of that name
that is the user's own is refused, never removed."""

from __future__ import annotations

import os
import shutil

from .errors import GraphkitError

__all__ = ["MARK", "check", "make", "remove"]

MARK = ".made-by-graphkit"  # in each folder graphkit makes: what it holds is graphkit's to remove


def _ours(folder: str) -> bool:
    return not os.path.islink(folder) and os.path.isfile(os.path.join(folder, MARK))


def check(folder: str) -> None:
    """Refuse, before a run writes anything, a ``folder`` that exists and that graphkit did not make."""
    if os.path.lexists(folder) and not _ours(folder):
        raise GraphkitError(
            f"{folder}: is in the way of a folder graphkit writes and removes, and was not made by graphkit; "
            "move it elsewhere and run again"
        )


def make(folder: str, anew: bool = False) -> None:
    """Make ``folder`` marked as graphkit's, or keep the one graphkit made (emptied if ``anew``: one a run
    killed before left); refuse one graphkit did not make."""
    check(folder)
    if os.path.lexists(folder):
        if not anew:
            return
        shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    _mark(folder)


def _mark(folder: str) -> None:
    with open(os.path.join(folder, MARK), "w", encoding="utf-8") as stream:
        stream.write("made by graphkit, which removes this folder when done with it\n")


def remove(folder: str, if_empty: bool = False) -> None:
    """Remove ``folder`` and what it holds if graphkit made it (if ``if_empty``, only when it holds nothing
    but the mark); a folder that is gone, or not graphkit's, is left as it is."""
    if not _ours(folder):
        return
    if not if_empty:
        shutil.rmtree(folder, ignore_errors=True)
        return
    # the mark, then the empty folder (``rmdir`` fails on one another run has just written into: it is marked again)
    try:
        if os.listdir(folder) != [MARK]:
            return
        os.unlink(os.path.join(folder, MARK))
        os.rmdir(folder)
    except FileNotFoundError:  # another run removed it first
        return
    except OSError:
        _mark(folder)
