"""An API's error response saved in place of posts: told apart so that no reader reads it as posts.

A collector that writes whatever the API answered saves a rate limit's, a bad token's or a gone post's answer as it
saves a page. Read, it was a post known by its place (a table's row of "message"), or a refusal naming a list under
"errors" as rows: the load is refused at once, in one line saying what the file holds.
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import InputError

# the keys of an API's error response (Twitter's v1.1 "errors" and v2's problem details, Reddit's, Mastodon's,
# Bluesky's, Google's nested "error", Discourse's "error_type", Telegram's "ok" false, GitHub's, Algolia's), twarc2's
# own; a value holding any other key holds something else
_KEYS = frozenset(
    {
        "error",
        "errors",
        "error_code",
        "error_type",
        "error_description",
        "status",
        "status_code",
        "statusCode",
        "code",
        "message",
        "detail",
        "title",
        "type",
        "reason",
        "description",
        "extras",
        "ok",
        "documentation_url",
        "__twarc",
    }
)
_STATUSES = ("status", "status_code", "statusCode")
# the keys whose text says what went wrong, the first given shown (cut to ``_SHOWN`` characters)
_SAYING = ("message", "detail", "description", "error", "title")
_SHOWN = 100
# an error response is small: a file whose head does not hold it whole is not one
_MOST = 16 * 1024


def is_error(value: Any) -> bool:
    """Whether a JSON value is an error response: only error keys (``_KEYS``), one of which says an error (an error
    given, "ok" false, an HTTP status of 400 or over)."""
    if not isinstance(value, dict) or not value or not value.keys() <= _KEYS:
        return False
    status = next((str(value[k]) for k in _STATUSES if k in value), "")
    failed = status.isascii() and status.isdigit() and int(status) >= 400
    return (
        bool(value.get("error") or value.get("errors") or value.get("error_code")) or value.get("ok") is False or failed
    )


def _values(head: bytes) -> list[Any]:
    """The JSON values of an input's whole text: one document, or one a line; none where it does not read so."""
    try:
        return [json.loads(head)]
    except (ValueError, RecursionError):
        pass
    try:
        return [json.loads(line) for line in head.splitlines() if line.strip()]
    except (ValueError, RecursionError):
        return []


def _saying(value: Any) -> str:
    """What an error response says went wrong: its first text of ``_SAYING``, else its error's (Google's nested
    "error"), else its first error's (Twitter's "errors": each problem's "detail", "Could not find tweet with ids")."""
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, dict):
        return ""
    if said := next((v for k in _SAYING if isinstance(v := value.get(k), str) and v.strip()), ""):
        return said
    errors = value.get("errors")
    return _saying(value.get("error")) or (_saying(errors[0]) if isinstance(errors, list) and errors else "")


def refuse_error_response(name: str, head: bytes) -> None:
    """Stop with one line where an input whose first bytes are ``head`` (after a byte-order mark) holds an API's
    error response, or such responses alone (JSON lines)."""
    if len(head) > _MOST or head.lstrip()[:1] != b"{":
        return
    values = _values(head)
    if values and all(map(is_error, values)):
        said = _saying(values[0])
        said = f" ({' '.join(said.split())[:_SHOWN]})" if said else ""
        raise InputError(f"{name}: looks like an API error response, not posts{said}")
