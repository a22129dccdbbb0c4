"""Reader for Mastodon: statuses as its API returns them, and an account's ActivityStreams outbox.

API: a status (``/api/v1/statuses/:id``: ``in_reply_to_id``, ``account.acct``, HTML ``content``,
``mentions``), a list of them (a timeline), or a thread's context (``/context``: ``ancestors`` and
``descendants``). Outbox (the account archive's ``outbox.json``): ``orderedItems`` of ``Create``
activities whose Notes give ``inReplyTo``, ``attributedTo`` and ``tag`` mentions. Boosts are counted
in the report: an outbox's (``Announce``) names only the boosted post, the API's (``reblog``) holds
it, and that post is read.

A post is known by its ActivityPub ``uri``, so a status from the API and the same Note in an
outbox are one post. Accounts are ``host/@user`` (an ``acct`` without a host takes the one of the
account's page; Mastodon ignores the case of both), shown by their display name; one only mentioned, as
keyed. An outbox names accounts by their actor addresses, which since Mastodon 4.5 hold an account's number
(``https://host/ap/users/id``), and whose host need not be the one people write: an actor is the account the input
names it by (``_named``), so one account is one writer whichever shape named it. Mentions the post states are
given MENTIONS; a mention's link in the HTML is shown as its "@name" only, a hashtag's (a link to the server's page
of the tag) as its "#tag", neither a citation. A quote post (the API's
``quote`` holding the ``quoted_status``, or the quoted status itself as Akkoma and Pleroma give it,
a Note's ``quote``) is a QUOTES of the post it quotes, or of that post's writer when the post is not
in the input; the "RE: link" line Mastodon writes for clients that do not show quotes, and the link
to the quoted post Akkoma writes, are left out of the text. Threads: a post answers the
post it names; the top of a chain of answers is the thread's root, and when the chain leaves the
input the post it names there stands in as the root (a stub), so every stated parent is kept exactly;
the stub is written by the account its address names where Mastodon wrote it
(``https://host/users/user/statuses/id``, an outbox's ``inReplyTo``), shown as one only mentioned is (the stub
holds nothing they wrote), so an archive's answers to other people's posts still answer them. The API names the
post answered by the server's local id only: by its uri where the server's own uris tell it (``_answered_uri``), so
a later input holding it fills its stub, else by that id.
Like a Discourse topic, a thread may come in several files (a status and its context): the reader
first passes over every Mastodon input of the load.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from .. import schema
from ..errors import InputError
from ..records import Post, Stated
from . import Format, Input, Report, register
from ._shared import (
    BAD_DATA,
    Ancestry,
    Threads,
    entry_posts,
    html_to_text,
    json_values,
    refuse_unread,
    utc_iso,
    written_by,
)

__all__ = ["FORMAT"]

PLATFORM = "mastodon"
BOOSTS = "boosts skipped (a boost repeats a post; the API's boosted post is read)"
# an outbox's boost (``Announce``) names the boosted post by its address only: nothing of that post is read
OUTBOX_BOOSTS = "boosts skipped (an outbox's boost names the boosted post by its address only: no post is read)"
_EXPECTS = "statuses (one, a list, or a context's 'ancestors' and 'descendants') or an outbox's 'orderedItems'"
_MENTION_LINK = re.compile(r'<a\b[^>]*\bclass="[^"]*\bmention\b[^"]*"[^>]*>(.*?)</a>', re.DOTALL)
_QUOTE_INLINE = re.compile(r'<p\b[^>]*\bclass="quote-inline"[^>]*>.*?</p>', re.DOTALL)
_NOTE_QUOTES = ("quote", "quoteUri", "_misskey_quote")  # what servers name the post a Note quotes


@dataclass(frozen=True)
class _Toot:
    """One post, whichever shape it came in."""

    key: str
    parent: str | None
    author: str | None
    shown: str
    created: str
    html: str
    summary: str
    url: str
    mentions: tuple[tuple[str, str], ...]  # (account, name shown in the text)
    quoted: tuple[str, str] | None = None  # (key of the post quoted, its writer's account or "")
    quoted_url: str = ""  # the address of the post quoted, which its link in the text shows


def _user(account: str) -> str:
    """The user name of an account (``schema.mastodon_account``): its handle, as people type it after "@"."""
    return account.partition("/@")[2]


def _acct(acct: str, page: str) -> str:
    """The account of an API ``acct``: one without a host takes the host of the account's page."""
    user, _, host = acct.partition("@")
    return schema.mastodon_account(user, host or urlsplit(page).hostname or "")


def _api_account(account: dict[str, Any], named: dict[str, str]) -> str:
    """An API account's key (``_acct`` of its ``acct``), by the name the load knows the account by (``_named``), so
    its statuses' writer is the one an outbox's mention of it is."""
    key = _acct(account["acct"], account.get("url") or "")
    return named.get(key, key)


def _actor(url: str, named: dict[str, str]) -> str:
    """The account of an actor's address: the one the input names it by (``_named``), else the one the address
    writes (``https://host/users/user`` or ``https://host/@user``; Mastodon's ``https://host/ap/users/id`` writes
    the account's id, which stands in for its user name)."""
    if url in named:
        return named[url]
    parts = urlsplit(url)
    account = schema.mastodon_account(parts.path.rstrip("/").rpartition("/")[2].removeprefix("@"), parts.hostname or "")
    return named.get(account, account)


def _writer(uri: str, named: dict[str, str]) -> str:
    """The account of a Mastodon post's uri (``https://host/users/user/statuses/id``, or
    ``https://host/ap/users/account-id/statuses/id`` since Mastodon 4.5), "" for another form."""
    actor, found, status = uri.rpartition("/statuses/")
    path = urlsplit(actor).path.split("/")
    if found and status and path[-1] and path[:-1] in (["", "users"], ["", "ap", "users"]):
        return _actor(actor, named)
    return ""


def _named(values: list[Any]) -> dict[str, str]:
    """The account each actor address of the load's JSON values names, where the input shows its user name: an API
    account's ``uri`` (by its ``acct``), a Note's writer (its ``url``, ``https://host/@user/id``) and a Mention tag's
    ``href`` (its ``name``, ``@user@host``). Mastodon's actor addresses hold an account's id since 4.5
    (``/ap/users/id``): so one account is one writer whichever address names it, and is shown by the name people
    know it by. A page (or an ``acct`` without a domain) gives its server's host, where an ``acct`` or a mention may
    give the domain the account is known by: those win, and of two names of one rank the least, so the order of
    the files changes no account. Its other names (``host/@user``, as the API gives accounts and mentions) name the
    account too."""
    found: dict[str, set[tuple[bool, str]]] = {}  # actor -> (whether no domain is given, account)
    for record in (r for value in values for r in _records(value)):
        record = _boosted(record) or record
        item = record.get("object") if isinstance(record, dict) and record.get("type") == "Create" else record
        if _is_status(item):
            account = item["account"]
            acct, uri = account.get("acct"), account.get("uri")
            if isinstance(acct, str) and acct and isinstance(uri, str) and uri:
                found.setdefault(uri, set()).add(("@" not in acct, _acct(acct, account.get("url") or "")))
        elif _is_note(item) and isinstance(item["attributedTo"], str) and isinstance(item.get("url"), str):
            writer, page = urlsplit(item["attributedTo"]), urlsplit(item["url"])
            user = page.path.split("/")[1] if page.path.count("/") >= 2 else ""
            if page.hostname == writer.hostname and user.startswith("@") and user[1:]:
                account = schema.mastodon_account(user[1:], page.hostname or "")
                found.setdefault(item["attributedTo"], set()).add((True, account))
        tags = item.get("tag") if _is_note(item) else None
        for tag in tags if isinstance(tags, list) else ():
            if isinstance(tag, dict) and tag.get("type") == "Mention" and isinstance(tag.get("href"), str):
                user, _, host = str(tag.get("name") or "").removeprefix("@").partition("@")
                if user and host:
                    found.setdefault(tag["href"], set()).add((False, schema.mastodon_account(user, host)))
    named: dict[str, str] = {}
    for actor in sorted(found):
        account = named[actor] = min(found[actor])[1]
        for _, other in sorted(found[actor]):
            named.setdefault(other, account)
    return named


def _is_status(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("account"), dict) and "content" in value and "id" in value


def _is_note(value: Any) -> bool:
    return isinstance(value, dict) and value.get("type") == "Note" and "attributedTo" in value


def _boosted(record: Any) -> Any:
    """The status an API boost holds, or None when the record is no API boost."""
    inner = record.get("reblog") if isinstance(record, dict) else None
    return inner if _is_status(inner) else None


def _records(value: Any) -> Iterator[Any]:
    """The statuses and outbox activities of a JSON value, in reading order."""
    if isinstance(value, list):
        yield from value
    elif isinstance(value, dict) and isinstance(value.get("orderedItems"), list):
        yield from value["orderedItems"]
    elif isinstance(value, dict) and ("ancestors" in value or "descendants" in value):
        for key in ("ancestors", "descendants"):
            yield from value.get(key) or ()
    else:
        yield value


def _statuses(value: Any) -> Iterator[dict[str, Any]]:
    """The API statuses of a JSON value, a boosted one in place of its boost."""
    for record in _records(value):
        record = _boosted(record) or record
        if _is_status(record):
            yield record


def _quoted_status(status: dict[str, Any], local: dict[str, str], named: dict[str, str]) -> tuple[str, str] | None:
    """The post an API status quotes, with its writer's account when the quote shows it: Mastodon's quote
    holds it as ``quoted_status``, Akkoma's and Pleroma's quote is the status quoted."""
    quote = status.get("quote")
    if not isinstance(quote, dict):
        return None
    shown = quote if _is_status(quote) else quote.get("quoted_status")
    if _is_status(shown):
        account = shown["account"]
        writer = _api_account(account, named) if isinstance(account.get("acct"), str) and account["acct"] else ""
        return str(shown.get("uri") or shown["id"]), writer
    key = quote.get("quoted_status_id")
    return (local.get(str(key), f"api:{key}"), "") if key is not None else None


def _quoted_url(status: dict[str, Any]) -> str:
    """The address of the status an Akkoma or Pleroma status quotes, "" for any other status."""
    quote = status.get("quote")
    url = quote.get("url") if _is_status(quote) else None
    return url if isinstance(url, str) else ""


def _answered_uri(status: dict[str, Any]) -> str | None:
    """The uri of the status an API status answers, where the server's own uris tell it: both statuses its own (the
    answer's uri ends in its local id, as Mastodon's ``https://host/users/user/statuses/id`` and
    ``https://host/ap/users/account-id/statuses/id`` do), the answered one by the answer's writer or by an account
    of the server it mentions. So a later input holding the answered status fills its stub; None for any other (a
    status of another server is known here by a local id its uri does not hold)."""
    account, writer = status["account"], status.get("in_reply_to_account_id")
    base, found, own = str(status.get("uri") or "").rpartition("/statuses/")
    if writer is None or not found or own != str(status["id"]) or "@" in str(account.get("acct")):
        return None
    answered = f"statuses/{status['in_reply_to_id']}"
    if str(writer) == str(account.get("id")):
        return f"{base}/{answered}"
    mentioned = [m for m in status.get("mentions") or () if isinstance(m, dict) and str(m.get("id")) == str(writer)]
    if len(mentioned) != 1 or "@" in str(mentioned[0].get("acct")):
        return None
    head, _, named = base.rpartition("/")  # the account, by its user name or by its id
    other = {account.get("username"): mentioned[0].get("username"), str(account.get("id")): str(writer)}.get(named)
    return f"{head}/{other}/{answered}" if isinstance(other, str) and other else None


def _status(status: dict[str, Any], local: dict[str, str], named: dict[str, str]) -> _Toot:
    account = status["account"]
    author = _api_account(account, named) if isinstance(account.get("acct"), str) and account["acct"] else None
    answered = status.get("in_reply_to_id")
    parent = None if answered is None else local.get(str(answered)) or _answered_uri(status) or f"api:{answered}"
    mentions = tuple(
        (_api_account(m, named), f"@{m.get('username') or m['acct'].partition('@')[0]}")
        for m in status.get("mentions") or ()
        if isinstance(m, dict) and isinstance(m.get("acct"), str)
    )
    return _Toot(
        key=str(status.get("uri") or status["id"]),
        parent=parent,
        author=author,
        shown=account.get("display_name") or account.get("username") or "",
        created=utc_iso(status["created_at"]),
        html=status.get("content") or "",
        summary=status.get("spoiler_text") or "",
        url=status.get("url") or "",
        mentions=mentions,
        quoted=_quoted_status(status, local, named),
        quoted_url=_quoted_url(status),
    )


def _note(note: dict[str, Any], named: dict[str, str]) -> _Toot:
    author = note.get("attributedTo")
    if not isinstance(author, str):
        raise ValueError("a Note attributed to no actor")
    account = _actor(author, named)
    mentions = tuple(
        (_actor(t["href"], named), "@" + t.get("name", "").lstrip("@").partition("@")[0])
        for t in note.get("tag") or ()
        if isinstance(t, dict) and t.get("type") == "Mention" and isinstance(t.get("href"), str)
    )
    parent = note.get("inReplyTo")
    quoted = next((note[k] for k in _NOTE_QUOTES if isinstance(note.get(k), str) and note[k]), None)
    return _Toot(
        key=str(note["id"]),
        parent=parent if isinstance(parent, str) else None,
        author=account,
        shown="@" + _user(account),
        created=utc_iso(note["published"]),
        html=note.get("content") or "",
        summary=note.get("summary") or "",
        url=note.get("url") if isinstance(note.get("url"), str) else "",
        mentions=mentions,
        quoted=(quoted, _writer(quoted, named)) if quoted else None,
    )


def _toots(
    value: Any, where: str, local: dict[str, str], named: dict[str, str], report: Report
) -> Iterator[tuple[str, _Toot | None]]:
    """(where, the post or None when the record is not one) for each record of a value."""
    for index, record in enumerate(_records(value), 1):
        ident = record.get("id") if isinstance(record, dict) else None
        at = f"{where}#{ident or index}"
        if isinstance(record, dict) and record.get("type") == "Announce":
            report.add(OUTBOX_BOOSTS, at)
            continue
        if _boosted(record) is not None:
            report.add(BOOSTS, at)
            record = _boosted(record)
        item = record.get("object") if isinstance(record, dict) and record.get("type") == "Create" else record
        try:
            if _is_status(item):
                yield at, _status(item, local, named)
            elif _is_note(item):
                yield at, _note(item, named)
            else:
                yield at, None
        except BAD_DATA:
            yield at, None


def _is_record(value: Any) -> bool:
    return _is_status(value) or _is_note(value)


def _is_chat(value: Any) -> bool:
    """A Pleroma chat as its chat list gives it (/api/v1/pleroma/chats): the other account and the last message, which
    is no status."""
    return isinstance(value, dict) and {"account", "last_message", "unread"} <= value.keys() and "content" not in value


def _refuse_chats(where: str, value: Any) -> None:
    """Stop with one line saying what a Pleroma chat list is, where it was refused as holding no status."""
    chats = value if isinstance(value, list) else [value]
    if chats and all(_is_chat(chat) for chat in chats):
        raise InputError(
            f"{where}: a Pleroma chat list ({len(chats)} chat{'s' if len(chats) != 1 else ''}, each its last message "
            "only), not statuses: load a chat's messages (/api/v1/pleroma/chats/ID/messages), read as one thread"
        )


def _shown(names: Counter[str], account: str) -> str:
    """The one name an account's posts of the load show it by, whatever their order: a display name (the API's)
    before its "@user" (an outbox's), then the name of most posts, then the first in sorted order. Each post showed
    its own before, and the Author took its first post's, so the order of the files or of a file's posts named it."""
    handle = "@" + _user(account)
    return min(names, key=lambda name: (name == handle, -names[name], name))


def _scan(inp: Input) -> tuple[Ancestry[str], dict[str, str], dict[str, str], dict[str, str]]:
    """Each post's parent (by uri), the API's local ids → uri, the accounts actor addresses name (``_named``) and
    the name each account is shown by (``_shown``), over every Mastodon input of the load."""
    if "tree" not in inp.shared:
        values = []
        for one in inp.siblings or (inp,):
            try:
                for _, value in json_values(replace(one.aside(), report=Report())):
                    _refuse_chats(one.name, value)
                    reached = [r.get("object") if isinstance(r, dict) else r for r in _records(value)]
                    reached += [*_records(value), *_statuses(value)]
                    # a quote post shows the status it quotes, which is no post of the input
                    refuse_unread(one.name, value, reached, _is_record, _EXPECTS, skip=("quote",))
                    values.append(value)
            except InputError:
                if one.name == inp.name:
                    raise
        local = {str(s["id"]): str(s.get("uri") or s["id"]) for v in values for s in _statuses(v)}
        named = _named(values)
        tree: Ancestry[str] = Ancestry()
        names: dict[str, Counter[str]] = {}  # each account's names, by the posts showing each (a post read twice once)
        for value in values:
            for _, toot in _toots(value, "", local, named, Report()):
                if toot is None:
                    continue
                if toot.author and toot.shown and toot.key not in tree:
                    names.setdefault(toot.author, Counter())[toot.shown] += 1
                tree.add(toot.key, toot.parent)
        shown = {account: _shown(counted, account) for account, counted in names.items()}
        inp.shared.update(tree=tree, local=local, named=named, shown=shown)
    return inp.shared["tree"], inp.shared["local"], inp.shared["named"], inp.shared["shown"]


def _hashtag(tag: str, attrs: dict[str, str]) -> bool:
    """A hashtag's link (Mastodon's rel="tag", Akkoma's and Pleroma's class "hashtag"): the tag, no citation."""
    return "tag" in attrs.get("rel", "").split() or "hashtag" in attrs.get("class", "").split()


def _text(toot: _Toot) -> tuple[str, tuple[Stated, ...]]:
    html = _MENTION_LINK.sub(lambda m: m[1], _QUOTE_INLINE.sub("", toot.html))
    quoted = toot.quoted_url
    text = html_to_text(html, lambda tag, attrs: bool(quoted) and tag == "a" and attrs.get("href") == quoted, _hashtag)
    if toot.summary:
        text = f"{toot.summary}\n\n{text}" if text else toot.summary
    stated = []
    at = 0
    for account, shown in toot.mentions:
        start = text.find(shown, at)
        span = (start, start + len(shown)) if start >= 0 else (None, None)
        at = start + len(shown) if start >= 0 else at
        # an account that wrote nothing here is named as it is keyed, with its server (``schema.mastodon_account``):
        # the text's "@user" alone reads like a writer of that name on another server
        mention = Stated(schema.MENTIONS, schema.author_id(PLATFORM, account), account, False, *span, _user(account))
        stated.append(mention)
    return text, tuple(stated)


def _node(tree: Ancestry[str], key: str) -> str:
    """The graph id of a post of the input."""
    root, _ = tree.root(key)
    thread = schema.article_id(PLATFORM, root)
    return thread if key == root else schema.post_id(PLATFORM, thread, key)


def _quote(toot: _Toot, tree: Ancestry[str]) -> tuple[Stated, ...]:
    """The QUOTES a quote post states: of the post quoted, else of its writer when that is known."""
    if toot.quoted is None:
        return ()
    key, writer = toot.quoted
    if key in tree:
        return (Stated(schema.QUOTES, _node(tree, key)),)
    if not writer:
        return ()
    return (Stated(schema.QUOTES, schema.author_id(PLATFORM, writer), writer, handle=_user(writer)),)  # as ``_text``


def _post(
    toot: _Toot, tree: Ancestry[str], named: dict[str, str], shown: dict[str, str], threads: Threads, where: str
) -> Iterator[Post]:
    root, root_in_input = tree.root(toot.key)
    thread = schema.article_id(PLATFORM, root)
    text, stated = _text(toot)
    stated += _quote(toot, tree)
    common = {
        "thread": thread,
        "text": text,
        "platform": PLATFORM,
        "source": threads.inp.name,
        **written_by(toot.author, shown.get(toot.author or "", toot.shown)),
        "author_handle": _user(toot.author or ""),
        "created": toot.created,
        "source_id": toot.key,
        "url": toot.url,
        "stated": stated,
    }
    if toot.key == root:
        yield Post(id=thread, is_article=True, **common)
        return
    if not root_in_input:
        writer = _writer(root, named)  # a Note's address names its account, as a quoted post's does
        # shown with its server, as a mention of that account is (``_text``), whichever names it first
        shown = {**written_by(writer, writer), "author_handle": _user(writer)} if writer else {}
        yield from threads.stub(PLATFORM, root, root if root.startswith("https://") else "", where, **shown)
    parent = thread if toot.parent == root else schema.post_id(PLATFORM, thread, str(toot.parent))
    yield Post(
        id=schema.post_id(PLATFORM, thread, toot.key),
        is_article=False,
        parent=parent,
        position=threads.position(thread),
        **common,
    )


def _read(inp: Input) -> Iterator[Post]:
    tree, local, named, shown = _scan(inp)
    threads = Threads(inp)

    def toots(value: Any, where: str) -> Iterator[tuple[str, _Toot | None]]:
        # the scan refuses a chat list only as the group's first input; any other is refused here, as it is read
        _refuse_chats(inp.name, value)
        return _toots(value, where, local, named, inp.report)

    yield from entry_posts(
        inp,
        toots,
        lambda toot, at: _post(toot, tree, named, shown, threads, at),
        "not Mastodon statuses or an outbox (no status or Note found)",
    )


def _sniff(head: bytes) -> bool:
    if head.lstrip()[:1] not in (b"{", b"["):
        return False
    outbox = b'"orderedItems"' in head and b"activitystreams" in head
    # what every status holds: its writer's account, with an acct, and its content (a client's copy leaves out
    # the fields without a value, in_reply_to_id among them)
    api = b'"account"' in head and b'"acct"' in head and (b'"content"' in head or b'"in_reply_to_id"' in head)
    return outbox or api


FORMAT = register(
    Format(
        "mastodon",
        "Mastodon statuses from its API (a status, a list, or a /context with ancestors and descendants: "
        "in_reply_to_id, account.acct, mentions, quote) or an account's ActivityStreams outbox.json (inReplyTo, "
        "attributedTo, tag mentions, quote)",
        _sniff,
        _read,
        learn=_scan,
    )
)
