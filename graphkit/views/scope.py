"""Filters that pick which posts and nodes a view is built from, resolved against the store.

Posts are the unit of evidence: ``--thread``, ``--since``/``--until`` and ``--entity`` decide
which posts count, so every view kind filters the same way. They become one Cypher condition
on a post (``Scope.where``) whose values travel as parameters. ``--author`` instead focuses a
finished view on one participant and their neighbours (see ``select.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any

from .. import schema
from ..errors import InputError
from ..month_dates import month_date
from ..store import Store, prop
from ..user_lookup import user_condition, user_params

__all__ = [
    "Filters",
    "Scope",
    "KEYED_POSTS",
    "resolve_scope",
    "list_posts",
    "match_authors",
    "parse_date",
    "check_selected",
]

_EVIDENCE_TYPES = (schema.MENTIONS, schema.QUOTES, schema.CITES)
_ENTITY_TARGETS = (*schema.ENTITY_LABELS, schema.AUTHOR, schema.SOURCE)
_APPLY_ORDER = ("thread", "since", "until", "entity", "author", "min_weight", "top")
_NAME_PROPS = ("name", "domain")
_ISO_DAY = 10  # characters of "YYYY-MM-DD" at the start of every stored ``created`` (readers write UTC ISO)
# Threads an ambiguous own id is shown to name, at most (the error stays one line)
_SHOWN_THREADS = 5
# Posts in scope listed by key at most: a thread has up to a few thousand; a title that many threads
# share may select most of the store, which is then better tested post by post.
KEYED_POSTS = 50_000


@dataclass(frozen=True)
class Filters:
    thread: str | None = None
    author: str | None = None
    entity: str | None = None
    since: str | date | None = None
    until: str | date | None = None
    min_weight: int = 1
    top: int | None = None
    max_nodes: int = 2000

    def __post_init__(self) -> None:
        for name in ("min_weight", "top", "max_nodes"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or value < 1):
                raise InputError(f"{name} must be a positive whole number, not {value!r}")

    def given(self, last: str) -> list[str]:
        """The filters set, in the order they apply up to ``last``, written as the CLI options."""
        defaults = {f.name: f.default for f in fields(self)}
        out = []
        for name in _APPLY_ORDER[: _APPLY_ORDER.index(last) + 1]:
            value = getattr(self, name)
            if value not in (None, "", defaults[name]):
                out.append(f"--{name.replace('_', '-')} {repr(value) if isinstance(value, str) else value}")
        return out


def check_selected(nodes: int, filters: Filters, last: str, nothing: str | None = None) -> None:
    """The one way a view ends when it leaves no ``nodes`` to show: an error naming the filters applied so
    far, or, none set, once the view is selected, ``nothing``: what holds nothing the view draws (a store, a
    graph), so that no view writes a page of nothing."""
    if nodes:
        return
    if given := filters.given(last):
        raise InputError(f"nothing selected by {', '.join(given)}")
    if nothing is not None:
        raise InputError(f"nothing to show: {nothing}")


def parse_date(value: str | date | None) -> date | None:
    """A date from ISO text or the month-name forms scraped pages use ("JULY 2022")."""
    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    return month_date(text, month_alone=True)


def _thread_of(post: str, label: str | None = None) -> str:
    """Cypher for the thread (article id) of the post bound to ``post``: a comment's ``thread``,
    an article's own id. Unlabelled, an article's missing ``thread`` reads as null; a variable
    labelled ``Article`` must not name it at all (the embedded engine refuses that)."""
    return {schema.ARTICLE: f"{post}.id", schema.COMMENT: f"{post}.thread"}.get(
        label or "", f"coalesce({post}.thread, {post}.id)"
    )


@dataclass
class Scope:
    """The posts a view may draw evidence from, as a Cypher condition on a post variable, with
    its parameters and notes on what the filters left out. ``everything`` when no filter is set."""

    conditions: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    keyed: bool = False  # the posts in scope are listed by key too (see ``keys``)

    @property
    def everything(self) -> bool:
        return not self.conditions

    def keys(self, label: str | None) -> str | None:
        """The parameter listing the ids of the posts of ``label`` in scope, when the scope lists them:
        a query starting from those posts by key (``project.by_key``) needs no condition on them."""
        return _listed(label) if self.keyed and label else None

    def where(self, post: str, label: str | None = None, *extra: str) -> str:
        """``WHERE …`` (or nothing) keeping the posts in scope and meeting the ``extra`` Cypher
        conditions; ``post`` names the variable and ``label`` its label when the pattern gives one."""
        thread = _thread_of(post, label)
        conditions = [c.format(p=post, thread=thread) for c in self.conditions] + list(extra)
        return "WHERE " + " AND ".join(f"({c})" for c in conditions) if conditions else ""


def _listed(label: str) -> str:
    return f"posts_{label}"


def _match_threads(store: Store, wanted: str) -> list[str]:
    """An article by id (looked up by key first: most views of one thread name it so), the article its input
    names so (``source_id``: a video's or a thread's own id), or every article whose title contains the text
    (case-insensitive). An own id of several articles (two inputs' thread "1") is refused: it names one thread,
    and which is the user's to say, by its full id."""
    if store.query(f"MATCH (a:{schema.ARTICLE}) WHERE a.id = $wanted RETURN a.id", {"wanted": wanted}).rows:
        return [wanted]
    cypher = f"MATCH (a:{schema.ARTICLE}) WHERE a.source_id = $wanted RETURN a.id, a.platform, a.source ORDER BY a.id"
    found = store.query(cypher, {"wanted": wanted}).rows
    if len(found) > 1:
        shown = "; ".join(f"{node} ({platform}, {source})" for node, platform, source in found[:_SHOWN_THREADS])
        more = f"; and {len(found) - _SHOWN_THREADS} more" if len(found) > _SHOWN_THREADS else ""
        raise InputError(
            f"{wanted!r} is the own id of {len(found)} threads: {shown}{more}; give the one meant by its full id"
        )
    if found:
        return [found[0][0]]
    cypher = f"MATCH (a:{schema.ARTICLE}) WHERE toLower(coalesce(a.title, '')) CONTAINS toLower($wanted) RETURN a.id"
    found = sorted(row[0] for row in store.query(cypher, {"wanted": wanted}).rows)
    if not found:
        raise InputError(f"no thread matches {wanted!r} (give an article id, its input's own id or part of its title)")
    return found


def _match_nodes(store: Store, wanted: str, labels: tuple[str, ...], what: str) -> list[str]:
    """Nodes by id, or whose name, domain or any alias equals ``wanted`` ignoring case, or an Author's handle."""
    found: set[str] = set()
    for label in labels:
        names = schema.node_type(label).names
        tests = ["n.id = $wanted", *(f"toLower({prop('n', p)}) = $folded" for p in _NAME_PROPS if p in names)]
        params: dict[str, Any] = {"wanted": wanted, "folded": wanted.lower()}
        if "aliases" in names:
            # the embedded engine cannot read a parameter inside ``any``: it reads a variable there
            tests.append("any(alias IN n.aliases WHERE toLower(alias) = folded)")
        if "handle" in names:
            tests.append(user_condition("n", "$folded"))
            params.update(user_params(wanted))
        where = "\n   OR ".join(tests)
        cypher = f"WITH $folded AS folded MATCH (n:{label})\nWHERE {where}\nRETURN n.id"
        found.update(row[0] for row in store.query(cypher, params).rows)
    if not found:
        raise InputError(f"no {what} matches {wanted!r}")
    return sorted(found)


def match_authors(store: Store, wanted: str) -> list[str]:
    """Author ids by id, by name (case-insensitive; the same name may exist on several platforms) or by user name
    (``handle``, as the forum's addresses and "@mentions" write it)."""
    return _match_nodes(store, wanted, (schema.AUTHOR,), "author")


def _dates(store: Store, scope: Scope, since: date | None, until: date | None) -> None:
    """Add the date condition: a post's own day (``created``, always ISO), else its article's
    date, which scraped pages give in many forms and is read here, in Python, once per article. The posts left
    out for want of a date are counted without stubs, which no input dates: none was read."""
    bounds = []
    if since:
        scope.params["since"] = since.isoformat()
        bounds.append(f"left({{p}}.created, {_ISO_DAY}) >= $since")
    if until:
        scope.params["until"] = until.isoformat()
        bounds.append(f"left({{p}}.created, {_ISO_DAY}) <= $until")
    article_dates = f"MATCH (a:{schema.ARTICLE}) {scope.where('a', schema.ARTICLE)} RETURN a.id, a.created, a.date"
    own = {aid: parse_date(created or day) for aid, created, day in store.query(article_dates, scope.params).rows}
    scope.params["dated_threads"] = sorted(
        aid for aid, day in own.items() if day and (not since or day >= since) and (not until or day <= until)
    )
    has_date = sorted(aid for aid, day in own.items() if day)
    dated = "{p}.created IS NOT NULL AND {p}.created <> ''"
    undated = 0
    for label in schema.POST_LABELS:
        cypher = (
            f"MATCH (p:{label}) {scope.where('p', label)}{' AND' if scope.conditions else ' WHERE'} "
            f"NOT ({dated.format(p='p')}) AND NOT {_thread_of('p', label)} IN $has_date AND NOT {store.stub('p')} "
            "RETURN count(p)"
        )
        undated += store.query(cypher, {**scope.params, "has_date": has_date}).rows[0][0]
    scope.conditions.append(f"CASE WHEN {dated} THEN {' AND '.join(bounds)} ELSE {{thread}} IN $dated_threads END")
    if undated:
        scope.notes.append(f"{undated} posts without a date left out")


def resolve_scope(store: Store, filters: Filters) -> Scope:
    """The filters on posts as a ``Scope``; a value that matches nothing is an ``InputError``."""
    scope = Scope()
    if filters.thread:
        scope.params["threads"] = _match_threads(store, filters.thread)
        scope.conditions.append("{thread} IN $threads")
    if filters.since or filters.until:
        since, until = parse_date(filters.since), parse_date(filters.until)
        for name, raw, parsed in (("since", filters.since, since), ("until", filters.until, until)):
            if raw and parsed is None:
                raise InputError(f"{name}: cannot read {raw!r} as a date (use YYYY-MM-DD)")
        _dates(store, scope, since, until)
    if filters.entity:
        scope.params["targets"] = _match_nodes(store, filters.entity, _ENTITY_TARGETS, "entity")
        types = "|".join(_EVIDENCE_TYPES)
        scope.conditions.append(f"EXISTS {{{{ MATCH ({{p}})-[:{types}]->(target) WHERE target.id IN $targets }}}}")
    return scope


def list_posts(store: Store, scope: Scope) -> None:
    """List the posts in scope by key when there are few (a thread's): each query of the view then starts
    from them, where it would otherwise test the thread of every stored post again (the store keeps no
    index on it: on a million comments each such query cost a quarter of a one-thread view's queries)."""
    found = {}
    for label in schema.POST_LABELS:
        cypher = f"MATCH (p:{label}) {scope.where('p', label)} RETURN p.id"
        found[label] = [row[0] for row in store.query(cypher, scope.params).rows]
    if sum(map(len, found.values())) <= KEYED_POSTS:
        scope.keyed = True
        scope.params.update({_listed(label): ids for label, ids in found.items()})
