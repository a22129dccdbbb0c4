"""graphkit's own exceptions: the library raises these, the CLI turns them into one-line errors."""

__all__ = ["GraphkitError", "InputError", "StoreError", "QueryError", "ClusterError", "Stopped"]


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


class Stopped(KeyboardInterrupt):
    """A stop signal (SIGTERM, SIGHUP, or a Ctrl-C told to a run) received: handled as an interrupt, so that a run
    stopped this way says so."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
