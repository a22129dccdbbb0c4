"""Reader for Telegram Desktop's JSON export ("Export chat history", ``result.json``).

One chat (``{"name", "type", "id", "messages"}``) or a whole account's export, whose chats sit
under ``chats.list`` and ``left_chats.list`` (or such a list of chats saved alone, read as that export's chats);
channels, groups and supergroups alike. A chat's ``messages`` saved
alone, without the chat around them (a JSON list of messages, as scripts and sites copy them out of an export), is
one chat of its own, known by the file's contents as a chat written without id or name is (the list names no chat:
the same chat in its export, or saved again with more messages, is another). A chat written without its
``id`` (as some converters write it) is known by its name (and its place in the file when another such chat bears
the same name), and a message without ``from_id`` by the name ``from``
shows, as a guest. Each chat
is a thread: an Article titled with the chat's name, and each message a Comment in it. A message
answers the one its ``reply_to_message_id`` names, exactly, else the chat itself. A message of the chat the export
lacks (an export of a date range, a message deleted) or holds as no message (a service message: a join, a pin) is a
stub comment of the chat (``_shared.Threads.parent``), without text or writer, known by its id as the message is,
so an export holding it fills the stub: the answer keeps whom it answered, never the chat's first post. A reply to
a message of another chat (``reply_to_peer_id``) names no message of this one: it gives ``parent_missing``.

Identity: ``from_id`` ("user123", "channel456") is the author's key, ``from`` only its name. ``text``
is a string or a list of strings and entity objects (``text_entities`` the same list, always
typed): a ``mention_name`` (a user without a username) names the account by its id, a
``mention`` ("@name") by its username, and both become given mentions; a username the export ties
to an account (an account export's ``personal_information`` gives its owner's ``user_id`` and
``username``) names that account, the one its messages' ``from_id`` names; a ``text_link`` keeps its
address after its label, as links in HTML do. A forward (``forwarded_from``, with
``forwarded_from_id`` in newer exports) becomes a FORWARDS of the original author or channel; a
source known by name only is a guest Author of that name. Service messages (joins, pins, calls)
are not posts: they are counted in the report.

A forum supergroup's topics are threads of their own: a topic opens with a ``topic_created``
service message, which becomes the topic's Article (its ``title``, written by its ``actor_id``),
and the topic's first messages answer it, exactly, by ``reply_to_message_id``; a message
answering another belongs to the topic of the message it answers. Messages of the "General"
topic answer nothing and stay in the chat's own thread.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import schema
from ..errors import InputError
from ..records import Post, Stated
from . import MALFORMED, MISSING_PARENT, Format, Input, register
from ._shared import BAD_DATA, Ancestry, Threads, file_digest, json_values, refuse_unread, utc_iso, written_by

__all__ = ["FORMAT"]

PLATFORM = "telegram"
SERVICE = "service messages skipped (joins, pins, calls)"
_EXPECTS = (
    "a chat's 'messages', or the chats under 'chats' and 'left_chats' 'list' of an account export, or such a list"
)
_LINKS = ("link", "url")
_TOPIC = "topic_created"
_MESSAGE_TYPE = re.compile(rb'"type"\s*:\s*"(?:message|service)"')


@dataclass(frozen=True)
class _Chat:
    """A chat as read: its root, the ids of its messages, and its topics' roots by the id of the
    service message that opened each (with the reply chains that place a message in a topic)."""

    root: Post
    known: set[int]
    topics: dict[int, str]
    tree: Ancestry[int]
    usernames: dict[str, str]
    handles: dict[str, str]  # accounts' usernames as the export writes them (without "@"), by account

    def thread(self, message: int) -> str:
        """The thread a message is in: its topic's, else the chat's."""
        if not self.topics:
            return self.root.id
        top, _ = self.tree.root(message)
        return self.topics.get(top, self.root.id)


def _is_message(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("id"), int) and value.get("type") in ("message", "service")


def _is_chat(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("messages"), list)


def _chats(value: Any, where: str) -> list[dict[str, Any]]:
    """The chats of a one-chat or a whole-account export, of a list of chats saved alone (an account export's
    ``chats.list`` without the object around it), or the one chat of a list of its messages."""
    if isinstance(value, list) and any(map(_is_message, value)):
        return [{"messages": value}]
    if isinstance(value, list) and any(map(_is_chat, value)):
        return [chat for chat in value if _is_chat(chat)]
    if not isinstance(value, dict):
        raise InputError(f"{where}: not a Telegram Desktop export (no chat object)")
    if isinstance(value.get("messages"), list):
        return [value]
    found = []
    for key in ("chats", "left_chats"):
        listed = value.get(key)
        chats = listed.get("list") if isinstance(listed, dict) else None
        found += [chat for chat in chats or () if _is_chat(chat)]
    if not found and not any(isinstance(value.get(k), dict) for k in ("chats", "left_chats")):
        raise InputError(f"{where}: not a Telegram Desktop export (no 'messages' and no 'chats')")
    return found


def _account(user_id: object) -> str:
    """The ``from_id`` form of a user id given as a number (``mention_name`` entities)."""
    return f"user{user_id}" if isinstance(user_id, int) else str(user_id)


def _handles(value: Any) -> dict[str, str]:
    """The accounts an export ties to their usernames (without "@", as written): an account export's owner."""
    owner = value.get("personal_information") if isinstance(value, dict) else None
    if not isinstance(owner, dict) or not isinstance(owner.get("user_id"), int):
        return {}
    name = owner.get("username")
    if not isinstance(name, str) or not name.lstrip("@"):
        return {}
    return {_account(owner["user_id"]): name.lstrip("@")}


def _text(message: dict[str, Any], usernames: dict[str, str]) -> tuple[str, list[Stated]]:
    """The message's text and the mentions its entities state, with their offsets."""
    parts = message.get("text_entities")
    if not isinstance(parts, list):
        text = message.get("text", "")
        parts = text if isinstance(text, list) else [text]
    out: list[str] = []
    stated: list[Stated] = []
    length = 0
    for part in parts:
        if isinstance(part, str):
            piece, kind, entity = part, "plain", {}
        elif isinstance(part, dict) and isinstance(part.get("text", ""), str):
            piece, kind, entity = part.get("text", ""), part.get("type"), part
        else:
            raise ValueError("text part is neither a string nor an entity")
        if kind == "mention" and piece.startswith("@") and len(piece) > 1:
            target = schema.author_id(PLATFORM, usernames.get(piece[1:].lower(), piece))
            stated.append(
                Stated(schema.MENTIONS, target, piece, start=length, end=length + len(piece), handle=piece[1:])
            )
        elif kind == "mention_name" and entity.get("user_id") is not None and piece:
            target = schema.author_id(PLATFORM, _account(entity["user_id"]))
            stated.append(Stated(schema.MENTIONS, target, piece, start=length, end=length + len(piece)))
        elif kind == "text_link":
            href = entity.get("href")
            if isinstance(href, str) and href.startswith(("http://", "https://")) and href != piece:
                piece = f"{piece} ({href})" if piece else href
        out.append(piece)
        length += len(piece)
    return "".join(out), stated


def _forward(message: dict[str, Any]) -> list[Stated]:
    """The FORWARDS a forwarded message states: its source's id where the export gives it, else
    its name as a guest (never merged with an account of that name)."""
    name = message.get("forwarded_from")
    source = message.get("forwarded_from_id")
    if "forwarded_from" not in message and source is None:
        return []
    shown = name if isinstance(name, str) else ""
    if isinstance(source, str | int) and str(source):
        return [Stated(schema.FORWARDS, schema.author_id(PLATFORM, str(source)), shown)]
    if shown:
        return [Stated(schema.FORWARDS, schema.guest_id(PLATFORM, shown), shown, guest=True)]
    return []


def _created(message: dict[str, Any]) -> str:
    stamp = message.get("date_unixtime")
    return utc_iso(stamp if stamp is not None else message["date"])


def _writer(key: str | None, name: object) -> dict[str, Any]:
    """A message's writer: the account ``from_id`` names, shown by its name; where an export gives no ``from_id``
    (a converter's), the name alone, as a guest, never merged with an account that shows the same name."""
    if key is None and isinstance(name, str) and name:
        return {"author": name, "guest": True}
    return written_by(key, name)


def _message(message: dict[str, Any], chat: _Chat, threads: Threads, where: str) -> Iterator[Post]:
    """A message, after the stub of the message it answers when the chat lacks it."""
    text, stated = _text(message, chat.usernames)
    author = message.get("from_id")
    author = str(author) if isinstance(author, str | int) and str(author) else None
    name = message.get("from")
    reply = message.get("reply_to_message_id")
    meta: dict[str, Any] = {}
    if message.get("edited_unixtime") or message.get("edited"):
        meta["edited"] = utc_iso(message.get("edited_unixtime") or message["edited"])
    if message.get("media_type") or message.get("photo"):
        meta["media"] = message.get("media_type") or "photo"
    thread = chat.thread(message["id"])
    parent: str | None = thread
    if reply is not None:
        if not isinstance(reply, int):
            raise ValueError("reply_to_message_id is not a message id")
        here = message.get("reply_to_peer_id") is None
        if here and reply in chat.topics:
            parent = chat.topics[reply]
        elif here:  # a message of the chat, read or not: known by the chat, whatever its topic
            parent = yield from threads.answered(PLATFORM, chat.root.id, str(reply), reply in chat.known, where)
        else:
            parent = None
            threads.inp.report.add(MISSING_PARENT, where)
    yield Post(
        id=schema.post_id(PLATFORM, chat.root.id, str(message["id"])),
        thread=thread,
        is_article=False,
        text=text,
        platform=PLATFORM,
        source=threads.inp.name,
        **_writer(author, name),
        author_handle=chat.handles.get(author or "", ""),
        parent=parent,
        parent_missing=parent is None,
        position=threads.position(thread),
        created=_created(message),
        source_id=str(message["id"]),
        stated=(*stated, *_forward(message)),
        meta=meta,
    )


def _article(thread: str, source: str, **fields: Any) -> Post:
    """A thread's root: a chat, or a forum topic of a supergroup."""
    return Post(id=thread, thread=thread, is_article=True, text="", platform=PLATFORM, source=source, **fields)


def _has_id(chat: dict[str, Any]) -> bool:
    key = chat.get("id")
    return isinstance(key, int | str) and not isinstance(key, bool) and bool(str(key))


def _names(chats: list[dict[str, Any]]) -> Counter[str]:
    """How many chats written without an id bear each name."""
    return Counter(name for chat in chats if not _has_id(chat) and isinstance(name := chat.get("name"), str) and name)


def _chat_root(chat: dict[str, Any], inp: Input, number: int, names: Counter[str]) -> Post:
    """A chat's Article, known by its id; a chat written without one (as converters write it) by its name, with its
    place in the file when other such chats bear the name too, else by the file's contents (``file_digest``: by
    whatever path it is loaded) and its place in it. A key made of a name starts with 'name:' (or 'name3:', the third
    chat of a shared name), one made of the file 'file-', so no chat's id (a number) and no other chat's name can make
    it."""
    key = chat.get("id")
    if not _has_id(chat):
        name = chat.get("name")
        if isinstance(name, str) and name:
            key = f"name:{name}" if names[name] == 1 else f"name{number}:{name}"
        else:
            key = f"file-{file_digest(inp)}#chat{number}"
    kind = chat.get("type")
    return _article(
        schema.article_id(PLATFORM, str(key)),
        inp.name,
        title=chat.get("name") or "",
        source_id=str(key),
        meta={"chat_type": kind} if isinstance(kind, str) else {},
    )


def _topic_root(message: dict[str, Any], chat: Post, source: str, handles: dict[str, str]) -> Post:
    """The Article of a forum topic, from the service message that opened it."""
    title = message.get("title")
    writer = written_by(message.get("actor_id"), message.get("actor"))
    return _article(
        schema.article_id(PLATFORM, f"{chat.source_id}/{message['id']}"),
        source,
        **writer,
        author_handle=handles.get(writer["author_key"], ""),
        title=title if isinstance(title, str) else "",
        created=_created(message),
        source_id=str(message["id"]),
        meta={**chat.meta, "chat": chat.title, "topic": True},
    )


def _opens_topic(message: Any) -> bool:
    return _is_message(message) and message["type"] == "service" and message.get("action") == _TOPIC


def _topics(messages: list[Any], chat: Post, inp: Input, handles: dict[str, str]) -> Iterator[tuple[int, Post]]:
    """The roots of a forum's topics by the id of the service message that opened each; one that
    cannot be read is reported, and its messages' parent is then not in the input."""
    for message in messages:
        if _opens_topic(message):
            try:
                yield message["id"], _topic_root(message, chat, inp.name, handles)
            except BAD_DATA:
                inp.report.add(MALFORMED, f"{inp.name}#{message['id']}")


def _tree(messages: list[Any], topics: set[int]) -> Ancestry[int]:
    """Each message's and topic's stated parent in this chat, to place a message in its topic."""
    tree: Ancestry[int] = Ancestry()
    for message in messages:
        if _is_message(message) and (message["type"] == "message" or message["id"] in topics):
            reply = message.get("reply_to_message_id")
            here = isinstance(reply, int) and message.get("reply_to_peer_id") is None
            tree.add(message["id"], reply if here else None)
    return tree


def _read(inp: Input) -> Iterator[Post]:
    for _, value in json_values(inp):
        chats = _chats(value, inp.name)
        messages = [m for chat in chats for m in chat["messages"]]
        refuse_unread(inp.name, value, messages, _is_message, _EXPECTS)
        if messages and not any(map(_is_message, messages)):
            raise InputError(
                f"{inp.name}: none of its {len(messages)} records under 'messages' is a Telegram message "
                "(an integer 'id' and a 'type', 'message' or 'service')"
            )
        handles = _handles(value)
        # Telegram ignores a username's case
        usernames = {name.lower(): account for account, name in handles.items()}
        names = _names(chats)
        for number, chat in enumerate(chats, 1):
            try:
                root = _chat_root(chat, inp, number, names)
            except BAD_DATA:
                inp.report.add(MALFORMED, f"{inp.name}#chat{number}")
                continue
            yield root
            listed = chat["messages"]
            tops = dict(_topics(listed, root, inp, handles))
            known = {m["id"] for m in listed if _is_message(m) and m["type"] == "message"}
            state = _Chat(root, known, {k: t.id for k, t in tops.items()}, _tree(listed, set(tops)), usernames, handles)
            threads = Threads(inp)
            for index, message in enumerate(listed, 1):
                ident = message.get("id") if isinstance(message, dict) else None
                where = f"{inp.name}#{ident if ident is not None else index}"
                if _opens_topic(message):
                    if ident in tops:
                        yield tops[ident]
                    continue
                if _is_message(message) and message["type"] == "service":
                    inp.report.add(SERVICE, where)
                    continue
                try:
                    if not _is_message(message):
                        raise ValueError("not a message")
                    yield from _message(message, state, threads, where)
                except BAD_DATA:
                    inp.report.add(MALFORMED, where)


def _sniff(head: bytes) -> bool:
    start = head.lstrip()[:1]
    # a chat's messages saved alone: their types, and the account or time only exports write
    if start == b"[" and b'"messages"' not in head:
        return bool(_MESSAGE_TYPE.search(head)) and any(k in head for k in (b'"from_id"', b'"date_unixtime"'))
    if start not in (b"{", b"["):  # an object, or a list of chats saved alone (read as one is)
        return False
    if b'"personal_information"' in head and b'"chats"' in head:
        return True
    if b'"messages"' not in head:
        return False
    return any(k in head for k in (b'"from_id"', b'"text_entities"', b'"date_unixtime"')) or bool(
        b'"date"' in head and _MESSAGE_TYPE.search(head)  # a converter's export: no account ids, no unix times
    )


FORMAT = register(
    Format(
        "telegram",
        "Telegram Desktop's JSON export (result.json: one chat's 'messages', an account's 'chats', or a list of its "
        "chats or of a chat's messages saved alone); "
        "reply_to_message_id, from_id as the author, forwarded_from as a FORWARDS, a forum's topics as threads",
        _sniff,
        _read,
    )
)
