"""How a participant is found by the user name people write: one rule for the query library's lookups by name
(``mentions-of``, ``quotes-of``) and the views' ``--author`` and ``--entity``, so a name finds the same Author in both.

A participant's user name is its handle, else its name where the platform shows the account
(``schema.ACCOUNT_PLATFORMS``); it matches with or without "@", ignoring case as names do. A Mastodon "@user@host"
names the account itself (its Author id, ``$account``), as a handle names no host.
"""

from __future__ import annotations

from typing import Any

from . import schema

__all__ = ["PARAMS", "user_condition", "user_params"]


def user_condition(node: str, folded: str) -> str:
    """Cypher that holds when the Author bound to ``node`` is the one a user name names, ``folded`` being the
    Cypher for that name in lower case. Laid out as the query library writes a condition (alternatives on lines
    of their own, each after "OR"), so a named query holds this very text; a line that reads the handle ends
    "// needs: handle", for a store that has not gained it yet leaves it out."""
    return (
        f"{node}.id = $account\n"
        f"   OR ({node}.handle <> '' AND {folded} IN [toLower({node}.handle), '@' + toLower({node}.handle)])"
        "  // needs: handle\n"
        f"   OR ({node}.handle = '' AND {node}.platform IN $account_platforms AND NOT coalesce({node}.guest, false)"
        "  // needs: handle\n"
        f"       AND {folded} = '@' + toLower({node}.name))  // needs: handle"
    )


def user_params(name: object) -> dict[str, Any]:
    """The parameters ``user_condition`` reads besides the name, for a lookup of ``name`` (only text can name a
    Mastodon account): facts of the schema, which graphkit gives and the user does not."""
    return {
        "account_platforms": list(schema.ACCOUNT_PLATFORMS),
        "account": schema.mastodon_account_id(name) if isinstance(name, str) else "",
    }


PARAMS = tuple(user_params(""))
