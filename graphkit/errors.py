"""graphkit's own exceptions: the library raises these, the CLI turns them into one-line errors."""

__all__ = ["GraphkitError", "InputError", "StoreError", "QueryError", "ClusterError"]


class GraphkitError(Exception):
    """Base of every expected failure; its message is one line meant for the user."""


class InputError(GraphkitError):
    """An input cannot be read or is not in a supported format."""


class StoreError(GraphkitError):
    """A store cannot be opened, reached or written."""


class QueryError(GraphkitError):
    """A query is unknown, malformed, or tried to write in read-only mode."""


class ClusterError(GraphkitError):
    """A cluster could not be reached, or parts of the input failed on it after retries."""
