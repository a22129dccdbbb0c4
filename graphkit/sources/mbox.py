"""Reader for mailing-list archives in mbox format: threads from Message-ID, In-Reply-To and References.

Messages are split on "From " separator lines and parsed with ``email`` (``policy.default``)
rather than ``mailbox.mbox``, which needs a seekable file on disk while inputs may be
compressed or standard input. A separator is a "From " line after a blank line (or first in
the file) that carries a time, so the unescaped "From " lines of web archives stay body text; or,
where an archive left out the blank line after a mail's last line (some list archives do, for
mails that end without a line break), a "From " line of the form mail software writes (sender,
weekday, month, day, time, year) followed by a header line.

Message ids are read with or without angle brackets; a message without a Message-ID gets a stable
id derived from its bytes, and is threaded by its In-Reply-To and References.

Threads: replies can come before what they answer, so a first pass reads headers only and keeps
each message's id and the ids it refers to (ids, not bodies). A message's parent is its
In-Reply-To (else the last of References); its thread root is found by following the nearest
ancestor that is in the file. A message with no ancestor in the file is a root: the Article,
titled by its Subject (if it answered something absent, that is reported as a missing root): no stub stands in for
what it answers, since the thread of that mail, part of its id, is a guess (References may be trimmed or missing), and
a stub in a wrong thread would be a second node of that mail once the archive holding it is loaded.
A stated parent that is absent while an older ancestor is present makes that ancestor (the latest of References in
the file) the parent, marked ``ANCESTOR_STATED``.

Text: the text/plain part (else HTML made text); quoted lines ("> …", supercite's "TV> …") go to ``Post.quoted``
with the "On … wrote:" line before them dropped; a signature after "-- " is dropped, and so is the footer a list
added (a line of underscores, "LIST mailing list" and a few lines more, appended to the text or as a part of its
own) and the notice a pipermail archive leaves for an attachment it kept apart ("An HTML attachment was
scrubbed...", with the attachment's address in the archive: no citation of the writer's). The
author shows the display name (see ``sender``; without one, the address) and is told apart by the
address (``Post.author_key``), so two senders of the same name stay two Authors; the address also
goes to ``meta["email"]``. A sender whose mails show several names is shown by one of them in every mail, the same
whatever the mails' order (``_Names``): a name before the bare address or its local part ("Luck, Tony" over
"tony.luck"), the name of most mails, its words in any order one name ("Luck, Tony" and "Tony Luck"). The mails
counted are the input's, or every input's of a load of several (``_names``), so the name is the load's. A sender
a list rewrote for DMARC ("Jane Doe via Listname <list@…>") is the writer the list kept (X-Original-From,
X-Original-Sender, Reply-To, else the Cc of that name), never the list's address.

A mail a list wrapped whole, under a notice of its own or none (Mailman's DMARC mitigation: a text part saying why,
then the writer's mail as a message/rfc822 part; Mailman 3 may send that mail as the whole body) is read as the
wrapped mail: its text, its From as the writer, and its Subject, Message-ID, In-Reply-To, References and
Archived-At where the list's headers lack them. It keeps the list's Message-ID, the archive's, while replies naming
the writer's own Message-ID answer it too.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from email import policy
from email.header import decode_header, make_header
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser, BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from typing import Any

from .. import attribution, schema
from ..errors import InputError
from ..records import ANCESTOR_STATED, Post
from . import MALFORMED, MISSING_ROOT, Format, Input, register
from ._shared import BAD_DATA, Ancestry, Threads, html_to_text, list_sender, unquoted, utc_iso

__all__ = ["FORMAT", "attribution_over_quote", "sender", "split_reply"]

PLATFORM = "mbox"
_SEPARATOR = re.compile(rb"From \S+.*\d{1,2}:\d\d")
# "From jane at example.org  Tue Mar  4 09:12:01 2014": a separator even where no blank line comes before it
_FULL_SEPARATOR = re.compile(
    rb"From \S+(?: at \S+)? +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) +(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +"
    rb"\d{1,2} +\d{1,2}:\d\d(?::\d\d)?(?: +[A-Z]{3,4})? +\d{4}\s*$"
)
_HEADER = re.compile(rb"[!-9;-~]+:[ \t]")  # "Subject: …", the first line a separator's mail starts with
_ESCAPED_FROM = re.compile(rb"^>(>*From )")
_MSG_ID = re.compile(r"<([^<>\s]+)>")
_BARE_ID = re.compile(r"(?<![^\s,;])[^\s<>()\"',;]+@[^\s<>()\"',;]+(?![^\s,;])")
_DERIVED = "no-message-id:"
_ARCHIVE_AT = re.compile(r"(?<![^\s<])([^\s@<>()\"]+) at ([\w-]+(?:\.[\w-]+)+)(?=[\s>)]|$)")  # pipermail's "a at b"
_NAME_THEN_ADDRESS = re.compile(r"([^<>()]+?)\s+([^\s<>()]+@[^\s<>()]+)")
_ATTRIBUTION = re.compile(attribution.one_of(re_encoded=False) + r"\s*:\s*$", re.IGNORECASE)
# a list's footer ending a text or a part: Mailman's "____…\nLIST mailing list" (Mailman 3 adds " -- ADDRESS") and at
# most 4 lines more, none blank; each line matched one way only (its leading blanks, its first other character, the
# rest held; LIST's words at most three ways), so a text ending in longer lines fails at once instead of trying every
# split of them. LIST is the list's name (Mailman 2.1's, one word) or two to four words each opening with a capital or
# a digit and holding no comma, as a list's own footer or Mailman 3's display name writes it ("LLVM Developers", "Foo
# Bar"): a sentence ending in "the mailing list" is none, nor a writer's signature ("Moderator, R-SIG-Geo mailing list")
_LIST_NAME = r"(?:\S++|(?-i:[A-Z\d])[^\s,]*+(?:[ \t]++(?-i:[A-Z\d])[^\s,]*+){1,3})"
_FOOTER = re.compile(
    rf"(?:^|\n)_{{20,}}[ \t]*\r?\n[^\S\n]*+{_LIST_NAME} mailing list(?: -- [^\n]*+)?[^\S\n]*+"
    r"(?:\n[^\S\n]*+\S[^\n]*+){0,4}+\s*\Z",
    re.I,
)
# what a pipermail archive writes where it kept an attachment apart: its rule, "An HTML attachment was scrubbed..."
# and the attachment's Name, Type, Size, Desc and URL lines (an embedded message's From, Subject and Date), the
# archive's words and its own address, nothing the writer wrote or cited
_SCRUBBED = re.compile(
    r"^-{14} next part -{14}[ \t]*\n[^\n]* was scrubbed\.\.\.[ \t]*(?:\n(?i:name|type|size|desc|url|from|subject|date)"
    r"[ \t]*:[^\n]*)*",
    re.M,
)
_WRAPPINGS = ("multipart/mixed", "message/rfc822")  # the types of a mail a list wrapped (see ``_wrapped``)
_SUPERCITE = re.compile(r"[^\W\d_]{1,4}>(?=[ \t]|$)")  # "TV> …": the quoted writer's initials before the mark


def _messages(inp: Input) -> Iterator[tuple[int, bytes]]:
    """(line of the separator, raw message) for each message, one message in memory at a time."""
    with inp.open() as stream:
        start, lines, blank = 0, [], True
        held: tuple[int, bytes] | None = None  # a full "From " line after text: a separator if a header follows
        for number, line in enumerate(stream, 1):
            if number == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if held is not None:
                if _HEADER.match(line):
                    yield start, b"".join(lines)
                    start, lines = held[0], []
                else:
                    lines.append(_ESCAPED_FROM.sub(rb"\1", held[1]))
                held = None
            if blank and line.startswith(b"From ") and _SEPARATOR.match(line):
                if start:
                    yield start, b"".join(lines)
                start, lines = number, []
            elif not start:
                raise InputError(f"{inp.name}: not an mbox file (it does not start with a 'From ' line)")
            elif line.startswith(b"From ") and _FULL_SEPARATOR.match(line):
                held = number, line
            else:
                lines.append(_ESCAPED_FROM.sub(rb"\1", line))
            blank = not line.strip()
        if held is not None:
            lines.append(held[1])
        if start:
            yield start, b"".join(lines)
        else:
            raise InputError(f"{inp.name}: input is empty")


def _ids(value: Any) -> list[str]:
    """Message ids in a header, in angle brackets or, as some list software writes them, bare.

    Bare ids are the words holding an "@" (In-Reply-To may add "(from … at …)" comments), or
    the header's one word.
    """
    text = str(value or "")
    found = _MSG_ID.findall(text)
    if found:
        return found
    words = _BARE_ID.findall(text)
    if words:
        return words
    text = text.strip()
    return [text] if text and not re.search(r"\s", text) else []


def _identity(msg: Any, raw: bytes, wrapped: EmailMessage | None = None) -> str:
    """The Message-ID without brackets (else the wrapped mail's) or, when there is none, one derived from the
    message as written: the same on every run, shared by exact copies (reported as duplicates) only."""
    found = _ids(msg.get("message-id")) or (_ids(wrapped.get("message-id")) if wrapped is not None else [])
    if found:
        return found[0]
    return f"{_DERIVED}{hashlib.sha1(raw.rstrip()).hexdigest()[:16]}"


def _refs(msg: Any, wrapped: EmailMessage | None = None) -> list[str]:
    """Ancestors oldest first, the stated parent (In-Reply-To) last; the wrapped mail's if the list's headers name
    none. The headers are read as written: ids are never encoded, and ``policy.default`` parses a long header in
    time growing with its square (11 s of CPU for References naming 100,000 ids)."""
    refs = _ids(_raw(msg, "references"))
    reply_to = _ids(_raw(msg, "in-reply-to"))
    if reply_to and (not refs or refs[-1] != reply_to[0]):
        refs.append(reply_to[0])
    return refs or (_refs(wrapped) if wrapped is not None else [])


def _headers(inp: Input) -> Iterator[tuple[bytes, Message, EmailMessage | None]]:
    """Each message as written, its headers, and the mail a list wrapped in it (``_wrapped``), for a first pass."""
    parser, whole = BytesHeaderParser(policy=policy.compat32), BytesParser(policy=policy.default)
    for _, raw in _messages(inp.aside()):
        msg = parser.parsebytes(raw)
        try:
            wrapped = _wrapped(whole.parsebytes(raw)) if _maybe_wrapped(msg) else None
        except BAD_DATA:  # the second pass reports the mail malformed
            wrapped = None
        yield raw, msg, wrapped


class _Names:
    """The names each sender's mails show, counted, and the one to show the sender by in every mail (``shown``)."""

    def __init__(self) -> None:
        self._forms: dict[str, Counter[str]] = {}

    def add(self, msg: Message) -> None:
        name, key, _ = _author(msg)
        if name and key:
            self._forms.setdefault(key, Counter())[name] += 1

    def shown(self) -> dict[str, str]:
        """The name to show each sender whose mails show several by (``_shown_name``)."""
        return {key: _shown_name(key, forms) for key, forms in self._forms.items() if len(forms) > 1}


def _shown_name(address: str, forms: Counter[str]) -> str:
    """The name a sender is shown by of those their mails show: a name before the bare address or its local part
    (a mail client's "tony.luck" tells less than "Luck, Tony") or a name of no letters or digits, then the name of
    most mails, a name's words in any order counted as one ("Luck, Tony" and "Tony Luck", as corporate mail and
    other clients write one person), then the name of more words, then the longer ("John Smith" over "J. Smith");
    of one name, its form of most mails, else the one in the order a name is said (no comma), else the first in
    sorted order: the same whatever the mails' order."""
    local = address.partition("@")[0].casefold()
    names = Counter[tuple[str, ...]]()
    for form, count in forms.items():
        names[_words(form)] += count

    def rank(form: str) -> tuple[bool, int, int, int, int, bool, str]:
        words = _words(form)
        bare = "@" in form or form.casefold() == local or not words  # "?????": a name its charset lost
        return bare, -names[words], -len(words), -len("".join(words)), -forms[form], "," in form, form

    return min(forms, key=rank)


def _words(name: str) -> tuple[str, ...]:
    return tuple(sorted(re.findall(r"\w+", name.casefold())))


def _names(inp: Input) -> dict[str, str]:
    """The name to show each sender of a load of several inputs by, from their mails in all of them (``_Names``),
    found once for all; {} for an input read alone, whose own first pass counts its mails (``_ancestry``). A live
    input is not read ahead (its end may be long in coming), nor one that is no mbox (its own turn says why)."""
    if "names" not in inp.shared:
        names = _Names()
        for one in inp.siblings if len(inp.siblings) > 1 else ():
            try:
                for _, msg, wrapped in () if one.live else _headers(one):
                    names.add(msg if wrapped is None else wrapped)
            except InputError:
                continue
        inp.shared["names"] = names.shown()
    return inp.shared["names"]


def _ancestry(inp: Input, names: _Names) -> tuple[Ancestry[str], dict[str, str]]:
    """Each message's nearest ancestor in the file, from a first pass on headers (and on the wrapped mail of a
    mail a list wrapped), and the id of each wrapped mail a reply may name instead of the list's; the names each
    sender's mails show are counted in ``names``."""
    refs: dict[str, list[str]] = {}
    wrapped_ids: dict[str, str] = {}
    for raw, msg, wrapped in _headers(inp):
        names.add(msg if wrapped is None else wrapped)
        mid = _identity(msg, raw, wrapped)
        refs.setdefault(mid, _refs(msg, wrapped))
        inner = _ids(wrapped.get("message-id")) if wrapped is not None else []
        if inner and inner[0] != mid:
            wrapped_ids.setdefault(inner[0], mid)
    aliases = {inner: mid for inner, mid in wrapped_ids.items() if inner not in refs}  # a mail of its own stays so
    tree: Ancestry[str] = Ancestry()
    for mid, chain in refs.items():
        chain = [aliases.get(r, r) for r in chain]
        tree.add(mid, next((r for r in reversed(chain) if r in refs and r != mid), None))
    return tree, aliases


def _maybe_wrapped(msg: Any) -> bool:
    """Whether a mail's headers let it be one a list wrapped (see ``_wrapped``), so its body is worth parsing."""
    return msg.get_content_type() in _WRAPPINGS and _rewritten_from(_raw(msg, "from"))


def _rewritten_from(raw: str) -> bool:
    """Whether a From reads as a list's rewrite, "NAME via LIST <address>"."""
    name, email = sender(raw)
    return bool(email) and list_sender(name) is not None


def _wrapped(msg: EmailMessage) -> EmailMessage | None:
    """The writer's mail a list sent wrapped under a notice of its own, or None.

    Mailman's DMARC mitigation rewrites From ("NAME via LIST <list@…>") and sends a text part, the notice ("The
    sender domain has a DMARC Reject/Quarantine policy…", or the wording a list set), then the writer's mail as a
    message/rfc822 part, the Date outside being the mail's, and the list's footer after it if it has one (Mailman
    2.1's third part); Mailman 3 with no notice set sends the writer's mail as the whole body (Content-Type:
    message/rfc822, as alsa-devel did in 2023). A mail a person attached (a forward, a
    bounce) was sent before the mail attaching it, so its Date tells it apart even when a list rewrote the From of
    the person's mail, and one attached the second it came has another sender than the writer the From names: it
    stays an attachment, never the text."""
    if not _maybe_wrapped(msg):
        return None
    if msg.get_content_type() == "message/rfc822":
        holder = msg
    else:
        parts = list(msg.iter_parts())
        if parts and _footer(parts[-1]):
            parts.pop()
        if [p.get_content_type() for p in parts] != ["text/plain", "message/rfc822"]:
            return None
        holder = parts[-1]
    try:
        inner = holder.get_content()
        inner.get("message-id")  # parsed here, so an id the parser cannot read is no wrapped mail's
    except BAD_DATA:
        return None
    if not isinstance(inner, EmailMessage) or not _created(msg) or _created(inner) != _created(msg):
        return None
    name, address = sender(_raw(inner, "from"))
    return inner if address and _writer_of(msg, name, address) else None


def _writer_of(msg: EmailMessage, name: str, address: str) -> bool:
    """Whether the sender ``name`` <``address``> is the writer a list's rewritten From names: NAME itself, the NAME a
    list made of the address, or the writer the list kept (see ``_rewritten``); a mail a writer attached the second
    it came is another's."""
    own = list_sender(sender(_raw(msg, "from"))[0])
    if own is None:
        return False
    return name == own[0] or _named_of(own[0], address) or address.lower() == _author(msg)[1]


def split_reply(text: str) -> tuple[str, tuple[str, ...]]:
    """A message's own text and its quoted blocks, without attribution lines and signature."""
    own, blocks = _split(text.replace("\r\n", "\n").split("\n"))
    # a block's own text; its nested quotes belong to older messages (one level down, never deeper,
    # so quotes nested a thousand deep cost their length once)
    quotes = (_joined(_split(block)[0]) for block in blocks)
    return _joined(own), tuple(q for q in quotes if q)


def _split(lines: list[str]) -> tuple[list[str], list[list[str]]]:
    """Own lines (attribution lines and signature dropped) and the quoted blocks, one ">" removed."""
    own: list[str] = []
    blocks: list[list[str]] = []
    quoting = False
    for line in _unsigned(lines):
        if (mark := _mark(line)) is not None:
            if not quoting:
                del own[_attribution_start(own) :]
                blocks.append([])
                quoting = True
            line = line[mark:]
            blocks[-1].append(line[2:] if line.startswith("> ") else line[1:])
            continue
        quoting = False
        own.append(line)
    return own, blocks


def attribution_over_quote(text: str) -> str:
    """The attribution line over a message's first quoted block as the message has it (a wrapped one's lines as they
    were), "" where none: the lines ``split_reply`` drops there, which a list archive's page shows over the quote."""
    lines = _unsigned(text.replace("\r\n", "\n").split("\n"))
    first = next((i for i, line in enumerate(lines) if _mark(line) is not None), None)
    if first is None:
        return ""
    own = lines[:first]
    return "\n".join(own[_attribution_start(own) :]).strip()


def _unsigned(lines: list[str]) -> list[str]:
    """The lines before the signature's "-- " line."""
    return lines[: lines.index("-- ")] if "-- " in lines else lines


def _mark(line: str) -> int | None:
    """Where the ">" quoting a line stands (after supercite's initials, "TV> …"), None for a line not quoted."""
    if line.startswith(">"):
        return 0
    cited = _SUPERCITE.match(line) if ">" in line[1:6] else None
    return cited.end() - 1 if cited else None


def _joined(lines: list[str]) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _attribution_start(lines: list[str]) -> int:
    """Where an "On … wrote:" line (possibly wrapped over two lines), an "Am … schrieb NAME:" or a date-first one
    (possibly wrapped before its address) ending ``lines`` starts (the length of ``lines`` where none ends them)."""
    end = len(lines)
    while end and not lines[end - 1].strip():
        end -= 1
    last = lines[end - 1] if end else ""
    start = end - 1
    if _ATTRIBUTION.search(last) or attribution.formed(last):
        if not last.startswith("On ") and start and lines[start - 1].startswith("On "):
            start -= 1
    elif start > 0 and attribution.wrapped(lines[start - 1], last):
        start -= 1
    else:
        return len(lines)
    return start


def _footer(part: EmailMessage) -> bool:
    """Whether a text/plain part is the footer a list added as a part of its own after the mail's (Mailman's, where
    it cannot append it to the text: a line of underscores, "LIST mailing list" and a few lines more)."""
    if part.get_content_type() != "text/plain" or part.is_attachment():
        return False
    try:
        return bool(_FOOTER.match(part.get_content().lstrip()))
    except (LookupError, UnicodeError):
        return False


def _body(msg: EmailMessage) -> str:
    """The text of a mail's body: its plain text, else its HTML made text, without the footer a list added, appended
    to the text (of either kind) or as a part of its own (a mail written in HTML alone reads as its HTML, not as the
    list's footer)."""
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is not None and part is not msg and _footer(part):
        part = msg.get_body(preferencelist=("html",))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError):
        content = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    return _unfooted(_SCRUBBED.sub("", html_to_text(content) if part.get_content_type() == "text/html" else content))


def _unfooted(text: str) -> str:
    """``text`` without the footers ending it: one for each list that relayed the mail, the last added last."""
    end = len(text)
    while footer := _FOOTER.search(text, max(end - 2000, 0), end):  # a footer is a few short lines at the very end
        end = footer.start()
    return text[:end]


def _author(msg: Message) -> tuple[str | None, str, dict[str, str]]:
    """The sender's name, the address that tells senders apart (in lower case, as mail is delivered
    whatever the case it is written in) and the meta holding the address as written.

    A list that rewrites From for DMARC ("Jane Doe via Listname <list@…>") sends every rewritten writer
    from its own address: the writer is the one the list kept (see ``_rewritten``)."""
    name, email = sender(_raw(msg, "from"))
    rewritten = _rewritten(msg, name, email)
    if rewritten is not None:
        name, email = rewritten
    return name or None, email.lower(), {"email": email} if email else {}


def _raw(msg: Message, field: str) -> str:
    return next((str(v) for k, v in msg.raw_items() if k.lower() == field), "")


def _rewritten(msg: Message, name: str, email: str) -> tuple[str, str] | None:
    """The writer of a mail whose From a list rewrote, or None if it was not rewritten.

    Rewritten means a name "NAME via LIST" ("'NAME' via LIST" for Google Groups, "NAME via groups.io" from
    "jane=example.org@groups.io") and a header keeping the writer's From: X-Original-From, else the address in
    X-Original-Sender or the one in Reply-To not at the list's domain (Mailman's from_is_list, groups.io), preferring
    the one of NAME, else the Cc address of NAME (Mailman's form where Reply-To names the list); or, without any of
    them, LIST being the local part of the From address. The writer's name is the
    kept header's, else NAME (else the address, as for a From without a name); a rewrite keeping no address gives
    NAME alone, which tells the writer apart, the list's address naming no one."""
    via = list_sender(name) if email else None
    if via is None:
        return None
    own, listed = via
    original = sender(_raw(msg, "x-original-from"))
    if "@" in original[1] and original[1].lower() != email.lower():
        return original
    domain = email.rpartition("@")[2].lower()
    replies = [  # the list's own addresses (its domain's) name no writer: groups.io sets Reply-To to list and writer
        (unquoted(" ".join(n.split())), a)
        for n, a in getaddresses([_decoded(_raw(msg, "reply-to"))])
        if "@" in a and a.rpartition("@")[2].lower() != domain
    ]
    kept = sender(_raw(msg, "x-original-sender"))[1]
    if "@" in kept and kept.lower() != email.lower():
        replies = [(n, a) for n, a in replies if a.lower() == kept.lower()] or [("", kept)]
    if replies:
        name, address = next(((n, a) for n, a in replies if n == own), replies[0])
        # without a name in the kept header, the list's NAME, unless the list made it of the address (Mailman writes
        # "jane---" for jane@example.org)
        return name or (address if _named_of(own, address) else own), address
    copied = _copied_writer(msg, own, domain)
    if copied is not None:
        return copied
    if listed.lower() == email.split("@")[0].lower():
        return own, ""
    return None


def _named_of(name: str, address: str) -> bool:
    """Whether a list made the writer's ``name`` of the ``address`` (Mailman's "jane---" for jane@example.org): the
    whole local part and the dashes, so "linus.walleij---" is not linus@example.org's."""
    return name == address.rpartition("@")[0] + "---"


def _copied_writer(msg: Message, own: str, domain: str) -> tuple[str, str] | None:
    """The writer Mailman put in Cc when it rewrote From and Reply-To names the list (its DMARC mitigation with
    replies going to the list): the Cc address off the list's domain named NAME, or named nothing where the list
    made NAME of the address ("spiccinini--- via B.A.T.M.A.N", Cc: spiccinini@altermundi.net); None if no Cc is.
    A Cc named NAME anywhere comes before a nameless one ("Marek@other.org, Marek Lindner <…>")."""
    copied = [
        (unquoted(" ".join(name.split())), address)
        for name, address in getaddresses([_decoded(_raw(msg, "cc"))])
        if "@" in address and address.rpartition("@")[2].lower() != domain
    ]
    named = next(((name, address) for name, address in copied if name == own), None)
    return named or next(((a, a) for name, a in copied if not name and _named_of(own, a)), None)


def sender(raw: str) -> tuple[str, str]:
    """Display name and address of a From header in any form mail software writes it:
    "Name <a@b>", '"Last, First" <a@b>', "a@b (Name)", pipermail's "a at b (Name)", a bare
    address, encoded words. The name is never quoted; without one it is the address itself, so that
    alice@a.example and alice@b.example stay two senders (the graph shows only the local part)."""
    value = _decoded(raw)
    value = _ARCHIVE_AT.sub(r"\1@\2", " ".join(value.split()), count=1)
    bare = _NAME_THEN_ADDRESS.fullmatch(value)
    name, email = (bare[1], bare[2]) if bare else parseaddr(value)
    if "@" not in email:
        name, email = name or email, ""
    name = unquoted(" ".join(name.split()))
    if not name or "@" in name:
        name = email
    return name, email


def _decoded(raw: str) -> str:
    """A header with its encoded words decoded, as written if they are broken."""
    try:
        return str(make_header(decode_header(raw)))
    except (LookupError, UnicodeError, ValueError):
        return raw


def _archived_at(msg: EmailMessage) -> str:
    return (_MSG_ID.findall(str(msg.get("archived-at", ""))) or [""])[0]


def _created(msg: EmailMessage) -> str:
    """The Date as UTC, or "" where it is no date (a year past any calendar overflows)."""
    try:
        return utc_iso(parsedate_to_datetime(str(msg.get("date", ""))))
    except (TypeError, ValueError, OverflowError):
        return ""


def _read(inp: Input) -> Iterator[Post]:
    counted = _Names()
    tree, aliases = _ancestry(inp, counted)
    shown = {**counted.shown(), **_names(inp)}
    threads = Threads(inp)
    parser = BytesParser(policy=policy.default)
    for line, raw in _messages(inp):
        where = f"{inp.name}:{line}"
        try:
            msg = parser.parsebytes(raw)
            wrapped = _wrapped(msg)
            mid = _identity(msg, raw, wrapped)
            if not msg.get("from") and not msg.get("message-id"):
                raise ValueError("no From and no Message-ID")
            mail = msg if wrapped is None else wrapped  # the writer's text and From
            text, quoted = split_reply(_body(mail))
            author, key, meta = _author(mail)
            author = shown.get(key, author)
            created = _created(msg)
            url, subject = _archived_at(msg), str(msg.get("subject", "")).strip()
            if wrapped is not None:
                url, subject = url or _archived_at(wrapped), subject or str(wrapped.get("subject", "")).strip()
        except BAD_DATA:
            inp.report.add(MALFORMED, where)
            continue
        root, _ = tree.root(mid)
        thread = schema.article_id(PLATFORM, root)
        common: dict[str, Any] = dict(
            thread=thread, text=text, platform=PLATFORM, source=inp.name, author=author, author_key=key, created=created
        )
        refs = [r for r in (aliases.get(r, r) for r in _refs(msg, wrapped)) if r != mid]  # some name the mail itself
        if root == mid:
            if refs:
                inp.report.add(MISSING_ROOT, where)
            yield Post(
                id=thread, is_article=True, title=subject, source_id=mid, url=url, quoted=quoted, meta=meta, **common
            )
            continue
        stated = refs[-1]
        if stated not in tree:  # the parent is missing, an older mail (the nearest in the tree) is not
            stated, meta = tree.parent[mid], {**meta, ANCESTOR_STATED: True}
        yield Post(
            id=schema.post_id(PLATFORM, thread, mid),
            is_article=False,
            parent=thread if stated == root else schema.post_id(PLATFORM, thread, stated),
            position=threads.position(thread),
            source_id=mid,
            url=url,
            quoted=quoted,
            meta=meta,
            **common,
        )


def _sniff(head: bytes) -> bool:
    return bool(_SEPARATOR.match(head))


FORMAT = register(
    Format(
        "mbox",
        "a mailing-list archive in mbox format ('From ' separators; threads from Message-ID, In-Reply-To and "
        "References, with or without angle brackets)",
        _sniff,
        _read,
        learn=_names,
    )
)
