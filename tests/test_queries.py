"""The query library's headers and parameters (each query's rows are checked in test_cli)."""

from __future__ import annotations

import pytest

from graphkit import queries, schema
from graphkit.errors import QueryError

REQUIRED = {
    "top-repliers",
    "reply-network",
    "most-mentioned",
    "co-mentions",
    "thread-tree",
    "cited-sources",
    "who-mentions-whom",
    "mentions-of",
    "quotes-of",
    "most-forwarded",
}


def test_library_has_every_required_query_with_a_description():
    lib = queries.library()
    assert set(lib) >= REQUIRED
    for query in lib.values():
        assert query.description and query.text.strip()


def test_parameters_have_defaults_or_are_required():
    lib = queries.library()
    assert lib["top-repliers"].defaults == {"limit": 10}
    assert lib["mentions-of"].required == ("name",)
    with pytest.raises(QueryError, match="needs -p name=VALUE"):
        lib["mentions-of"].params({})
    accounts = list(schema.ACCOUNT_PLATFORMS)  # what the query reads of the schema, given by graphkit
    assert lib["mentions-of"].params({"name": "Lavrov"}) == {
        "name": "Lavrov",
        "limit": 1000,
        "account_platforms": accounts,
        "account": "",
    }
    for given in ("@Gargron@Mastodon.social", "gargron@mastodon.social"):  # the stored host/@user form's id
        assert lib["mentions-of"].params({"name": given})["account"] == "author:mastodon:mastodon.social%2F%40gargron"
    assert lib["top-repliers"].params({}) == {"limit": 10}  # a query not reading it is not given it
    with pytest.raises(QueryError, match="^-p account_platforms: graphkit gives the library's queries this"):
        lib["mentions-of"].params({"name": "Lavrov", "account_platforms": "reddit"})
    ad_hoc = queries.get("MATCH (a:Author) WHERE a.platform IN $account_platforms RETURN a.name")
    assert ad_hoc.params({}) == {}  # a statement of the user's own is given only what the user gives


def test_parse_params_types_numbers_and_keeps_strings():
    assert queries.parse_params(("limit=5", "name=Mr Lavrov", "t=-0.5", "q=1e400x")) == {
        "limit": 5,
        "name": "Mr Lavrov",
        "t": -0.5,
        "q": "1e400x",
    }
    with pytest.raises(QueryError):
        queries.parse_params(("novalue",))


def test_unknown_name_is_an_error_but_cypher_passes_through():
    with pytest.raises(QueryError, match="unknown query"):
        queries.get("no-such-query")
    assert queries.get("MATCH (n) RETURN count(n)").text == "MATCH (n) RETURN count(n)"
