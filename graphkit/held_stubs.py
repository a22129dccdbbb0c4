"""The stubs a load holds back until a post it keeps names them.

A reader makes a stub (a thread root, a parent or a quoted post the input lacks) just before the first post that
names it, but that post may be skipped: a repeat of an id read before (``sources``), a record of an id stored as
another post (``pipeline``). A stub goes on only with the first post kept that names it, just before it, so a
skipped record leaves nothing behind, whatever the inputs' order and the batches; a stub no post kept names goes
nowhere. Only the stubs of skipped records wait here: a load of distinct records holds next to none.
"""

from __future__ import annotations

from .records import Post
from .seen_ids import SeenIds

__all__ = ["HeldStubs"]


class HeldStubs:
    """The stubs read and not passed on yet, and the ids of those passed on (a later copy of one, another input's
    stub of the same post, is left out)."""

    def __init__(self) -> None:
        self._held: dict[str, Post] = {}
        self._passed = SeenIds()

    def hold(self, stub: Post) -> bool:
        """Hold ``stub`` until a post kept names it; whether it is held (not when a copy of it is held or was passed
        on: the first is kept)."""
        if stub.id in self._held or self._passed.has([stub.id])[0]:
            return False
        self._held[stub.id] = stub
        return True

    def before(self, post: Post) -> list[Post]:
        """The stubs held that ``post``, a post kept, names, and those they name, each before the posts naming it:
        to pass on just before ``post``. A stub of ``post`` itself is left out: the post is read."""
        held = self._held
        if not held:
            return []
        held.pop(post.id, None)
        out: list[Post] = []
        self._named(post, out)
        if out:
            self._passed.add([stub.id for stub in out])
        return out

    def _named(self, post: Post, out: list[Post]) -> None:
        for name in (post.thread, post.parent, *(stated.target for stated in post.stated)):
            if name is not None and (stub := self._held.pop(name, None)) is not None:
                self._named(stub, out)
                out.append(stub)
