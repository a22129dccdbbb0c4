"""graphkit's own exceptions: the library raises these, the CLI turns them into one-line errors."""

__all__ = ["GraphkitError", "InputError", "StoreError", "QueryError"]


class GraphkitError(Exception):
    """Base of every expected failure; its message is one line meant for the user."""


class InputError(GraphkitError):
    """An input cannot be read or is not in a supported format."""


class StoreError(GraphkitError):
    """A store cannot be opened, reached or written."""


class QueryError(GraphkitError):
    """A query is unknown, malformed, or tried to write in read-only mode."""
