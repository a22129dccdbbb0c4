"""docker-compose.yml: a pinned Neo4j 5 LTS community image, ports on 127.0.0.1 only, the password
from the environment (never in the file), a named data volume, a healthcheck, and a server whose
queries read no files or URLs and load no plugin procedures."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

COMPOSE = Path(__file__).parents[1] / "docker-compose.yml"


def _service() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]["neo4j"]


def test_image_is_a_pinned_neo4j_5_lts_community_tag():
    assert re.fullmatch(r"neo4j:5\.26\.\d+-community", _service()["image"])


def test_every_port_binds_to_loopback_only():
    ports = _service()["ports"]
    assert ports and all(str(p).startswith("127.0.0.1:") for p in ports)
    assert {str(p).rsplit(":", 1)[1] for p in ports} == {"7474", "7687"}


def test_auth_comes_from_the_environment_with_no_default_password():
    auth = _service()["environment"]["NEO4J_AUTH"]
    assert re.fullmatch(r"neo4j/\$\{NEO4J_PASSWORD:\?[^}]*\}", auth)
    assert "none" not in auth.lower()


def test_no_password_literal_anywhere_in_the_file():
    text = COMPOSE.read_text(encoding="utf-8")
    for line in text.splitlines():
        if "PASSWORD" in line or "AUTH" in line:
            assert re.search(r"\$\{NEO4J_PASSWORD[:?}]", line) or line.lstrip().startswith("#"), line


def test_data_lives_in_a_named_volume_and_there_is_a_healthcheck():
    doc = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    volume, _, mount = _service()["volumes"][0].partition(":")
    assert volume in doc["volumes"] and mount == "/data"
    assert _service()["healthcheck"]["test"]


def test_queries_on_the_server_read_no_files_or_urls_and_load_no_plugin_procedures():
    env = _service()["environment"]
    assert env["NEO4J_dbms_security_allow__csv__import__from__file__urls"] == "false"
    assert env["NEO4J_server_directories_import"] == "/var/lib/neo4j/import"
    assert set(env["NEO4J_internal_dbms_cypher__ip__blocklist"].split(",")) == {"0.0.0.0/0", "::/0"}
    assert env["NEO4J_dbms_security_procedures_allowlist"] == "none"
    assert not any("unrestricted" in name for name in env)


def test_a_dot_env_holding_the_password_is_never_committed():
    """The README suggests NEO4J_PASSWORD=… in .env, which compose reads: git must ignore it."""
    patterns = (COMPOSE.parent / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in patterns
