"""The stubs a load holds back until a post it keeps names them.

A reader makes a stub (a thread root, a parent or a quoted post the input lacks) just before the first post that
names it, but that post may be skipped: a repeat of an id read before (``sources``), a record of an id stored as
another post (``pipeline``). A stub goes on only with the first post kept that names it, just before it, so a
skipped record leaves nothing behind, whatever the inputs' order and the batches; a stub no post kept names goes
nowhere. A library caller may give the posts in another order than a reader's, a stub after the posts naming it
(reversed, shuffled): the names of the posts kept are remembered (as ``SeenIds``, 8 bytes a name), and a stub one
of them names goes on as it comes. Only the stubs of skipped records wait here: a load of distinct records holds
next to none.
"""

from __future__ import annotations

from .records import Post
from .seen_ids import SeenIds

__all__ = ["HeldStubs"]

# Names of posts kept are remembered a run at a time (``SeenIds`` takes runs), and before a stub is looked up
_RUN = 256


class HeldStubs:
    """The stubs read and not passed on yet, the ids of those passed on (a later copy of one, another input's
    stub of the same post, is left out), and the posts that those passed on name."""

    def __init__(self) -> None:
        self._held: dict[str, Post] = {}
        self._passed = SeenIds()
        self._names = SeenIds()
        self._recent: list[str] = []  # … the latest, not in ``_names`` yet

    def hold(self, stub: Post) -> list[Post] | None:
        """Hold ``stub`` until a post kept names it, and say what to pass on now: nothing while it is held, or, when
        a post passed on before named it, ``stub`` after the stubs held that it names. None when a copy of it is
        held or was passed on: the first is kept."""
        if stub.id in self._held or self._passed.has([stub.id])[0]:
            return None
        if self._recent:
            self._names.add(self._recent)
            self._recent = []
        if not self._names.has([stub.id])[0]:
            self._held[stub.id] = stub
            return []
        out = self.before(stub)
        self._passed.add([stub.id])
        return [*out, stub]

    def before(self, post: Post) -> list[Post]:
        """The stubs held that ``post``, a post kept, names, and those they name, each before the posts naming it:
        to pass on just before ``post``. A stub of ``post`` itself is left out: the post is read."""
        out: list[Post] = []
        if self._held:
            self._held.pop(post.id, None)
            self._named(post, out)
        for passed in (post, *out):
            self._recent += _names(passed)
        if len(self._recent) >= _RUN:
            self._names.add(self._recent)
            self._recent = []
        if out:
            self._passed.add([stub.id for stub in out])
        return out

    def _named(self, post: Post, out: list[Post]) -> None:
        for name in _names(post):
            if (stub := self._held.pop(name, None)) is not None:
                self._named(stub, out)
                out.append(stub)


def _names(post: Post) -> list[str]:
    """The posts ``post`` names: its thread's root, its parent, the posts it quotes or forwards."""
    return [n for n in (post.thread, post.parent, *(s.target for s in post.stated)) if n is not None and n != post.id]
