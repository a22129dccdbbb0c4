"""The stubs a load holds back until a post it keeps names them.

A reader makes a stub (a thread root, a parent or a quoted post the input lacks) just before the first post that
names it, but that post may be skipped: a repeat of an id read before (``sources``), a record of an id stored as
another post (``pipeline``). A stub goes on only with the first post kept that names it, just before it, so a
skipped record leaves nothing behind, whatever the inputs' order and the batches; a stub no post kept names goes
nowhere. A library caller may give the posts in any order (reversed, shuffled), a stub after posts naming it, so
the posts that the posts passed on name are remembered, as hashes (``SeenIds``, 8 bytes a name: some 8 MB for a
million replies), and a stub one of them names goes on as it comes. Only the stubs of skipped records wait here: a
load of distinct records holds next to no stub.
"""

from __future__ import annotations

from . import schema
from .records import Post
from .seen_ids import SeenIds

__all__ = ["HeldStubs"]

# The names of posts passed on are remembered a run at a time, and before a stub is looked up among them
_RUN = 1024


class HeldStubs:
    """The stubs read and not passed on yet, the ids of those passed on (a later copy of one, another input's
    stub of the same post, is left out), and the posts that those passed on name."""

    def __init__(self) -> None:
        self._held: dict[str, Post] = {}
        self._passed = SeenIds()
        self._names = SeenIds()
        self._recent: list[str | None] = []  # the latest of those, not in ``_names`` yet
        # the stub roots passed on that a post passed on later may settle (``schema.stub_root``), and those it did: a
        # store deletes a stub settled into its post, so a later copy of one goes on again, for the store to settle.
        # Hashes as the ids passed (a set of the ids: 107 MB a million); no root passed, no post looks its own up
        self._roots = SeenIds()
        self._settled = SeenIds()
        self._rooted = False
        # the roots of the latest posts passed, looked up among ``_roots`` a run at a time (a look-up each: 4 µs a post)
        self._settling: list[str] = []

    def hold(self, stub: Post) -> list[Post] | None:
        """Hold ``stub`` until a post kept names it, and say what to pass on now: nothing while it is held, or, when
        a post passed on before named it, ``stub`` after the stubs held that it names. None when a copy of it is
        held or was passed on: the first is kept, but for a stub root a post passed on since settles
        (``schema.stub_root``), which the store deleted then and settles again."""
        ids = [stub.id]
        if stub.id in self._held or (self._passed.has(ids)[0] and not (self._rooted and self._was_settled(ids))):
            return None
        if self._recent:
            self._remember()
        if not self._names.has([stub.id])[0]:
            self._held[stub.id] = stub
            return []
        out = self.before(stub)
        self._pass([stub])
        return [*out, stub]

    def before(self, post: Post) -> list[Post]:
        """The stubs held that ``post``, a post kept, names, and those they name, each before the posts naming it:
        to pass on just before ``post``. A stub of ``post`` itself is left out: the post is read."""
        out: list[Post] = []
        if self._held:
            self._held.pop(post.id, None)
            self._named(post, out)
        for passed in (post, *out):
            self._recent += (passed.thread, passed.parent)
            if passed.stated:
                self._recent += [stated.target for stated in passed.stated]
        if len(self._recent) >= _RUN:
            self._remember()
        settles = self._rooted and not (post.is_article or post.meta.get("stub"))
        if settles and (root := schema.stub_root(post.platform, post.source_id)):
            self._settling.append(root)
            if len(self._settling) >= _RUN:
                self._settle()
        if out:
            self._pass(out)
        return out

    def _pass(self, stubs: list[Post]) -> None:
        self._passed.add([stub.id for stub in stubs])
        roots = [
            stub.id for stub in stubs if stub.is_article and schema.stub_root(stub.platform, stub.source_id) == stub.id
        ]
        if roots:
            self._settle()  # the posts before these settle none of them
            self._roots.update(roots)
            self._rooted = True

    def _was_settled(self, ids: list[str]) -> bool:
        """Whether the stub root of ``ids`` was settled, by the posts passed up to now."""
        self._settle()
        return self._settled.has(ids)[0]

    def _settle(self) -> None:
        """Settle the roots passed that the latest posts passed are the posts of."""
        if self._settling:
            known = self._roots.has(self._settling)
            self._settled.update(root for root, passed in zip(self._settling, known, strict=True) if passed)
            self._settling.clear()

    def _remember(self) -> None:
        self._names.update(name for name in self._recent if name is not None)
        self._recent.clear()

    def _named(self, post: Post, out: list[Post]) -> None:
        for name in (post.thread, post.parent, *(stated.target for stated in post.stated)):
            if name is not None and (stub := self._held.pop(name, None)) is not None:
                self._named(stub, out)
                out.append(stub)
