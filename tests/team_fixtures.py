"""PostgreSQL for the team tests: the cluster .ci/run started (RECOVER_TEST_DATABASE_URL),
or one started here when PostgreSQL is installed; a fresh database for each test."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from pgserver import bindir, throwaway_cluster


def _with_db(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    url = os.environ.get("RECOVER_TEST_DATABASE_URL")
    if url:
        yield url
        return
    if bindir() is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test against PostgreSQL: .ci/run sets RECOVER_TEST_DATABASE_URL")
        pytest.skip("PostgreSQL is not installed")
    with throwaway_cluster() as cluster:
        yield cluster.url


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    import psycopg

    name = f"recover_test_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield _with_db(pg_server, name)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_env(request: pytest.FixtureRequest, home: Path) -> dict[str, str]:
    """The environment that points recover at one store or the other."""
    if request.param == "sqlite":
        return {}
    url = request.getfixturevalue("pg_url")
    os.environ["RECOVER_DATABASE_URL"] = url  # for in-process helpers too
    request.addfinalizer(lambda: os.environ.pop("RECOVER_DATABASE_URL", None))
    return {"RECOVER_DATABASE_URL": url}
