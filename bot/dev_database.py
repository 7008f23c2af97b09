"""The scaled setup's own PostgreSQL role and database (`make db-role`, run by `make run-scaled` and
`make test`).

endpoints.prod.yml connects as a dedicated role (POSTGRES_USER, default « offres »), owner of its
own database (POSTGRES_DB, default « offres »), never as a superuser. This creates both when they
are missing, through an administrator account (POSTGRES_ADMIN_USER, default « postgres »;
POSTGRES_ADMIN_PASSWORD), the role neither superuser nor allowed to create roles or databases, with
POSTGRES_PASSWORD when set. Idempotent. In production the administrator runs the README's two
lines instead and this step finds both already there.

    python -m bot.dev_database        # prints one French line; exit 1 when it could not
"""
from __future__ import annotations

import os
import sys

from . import settings
from .launch import Stack

ADMIN_USER = os.environ.get("POSTGRES_ADMIN_USER", "postgres")


def _engine(store: dict, username: str, password: str | None, database: str):
    import sqlalchemy
    url = sqlalchemy.engine.url.URL.create("postgresql", username=username, password=password or None,
                                           host=store.get("url"), port=store.get("port"), database=database)
    return sqlalchemy.create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})


def ensure_role(store: dict) -> str:
    """Create the tracker store's role and database when missing; what was done, in French."""
    import sqlalchemy
    role, database = store["username"], store["db"]
    if role == ADMIN_USER:
        return f"PostgreSQL : POSTGRES_USER est le compte d'administration « {role} », rien à créer"
    engine = _engine(store, ADMIN_USER, os.environ.get("POSTGRES_ADMIN_PASSWORD"), "postgres")
    done = []
    try:
        with engine.connect() as connection:
            quoted = connection.dialect.identifier_preparer.quote
            if not connection.execute(sqlalchemy.text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).scalar():
                connection.execute(sqlalchemy.text(
                    f"CREATE ROLE {quoted(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
                    + (" PASSWORD :p" if store.get("password") else "")), {"p": store.get("password")})
                done.append(f"rôle « {role} » créé")
            if not connection.execute(sqlalchemy.text("SELECT 1 FROM pg_database WHERE datname = :d"),
                                      {"d": database}).scalar():
                connection.execute(sqlalchemy.text(f"CREATE DATABASE {quoted(database)} OWNER {quoted(role)}"))
                done.append(f"base « {database} » créée")
    finally:
        engine.dispose()
    return "PostgreSQL : " + (", ".join(done) if done else f"rôle « {role} » et base « {database} » déjà là")


def main() -> int:
    store = Stack(endpoints=settings.SCALED_ENDPOINTS).endpoint_config().get("tracker_store") or {}
    if store.get("dialect") != "postgresql":
        print(f"{settings.SCALED_ENDPOINTS} : pas de base PostgreSQL, rien à créer")
        return 0
    import sqlalchemy
    try:
        print(ensure_role(store))
    except sqlalchemy.exc.SQLAlchemyError as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        print(f"PostgreSQL : rôle « {store['username']} » non créé via « {ADMIN_USER} »@{store.get('url')}:"
              f"{store.get('port')} ({reason}) ; le faire à la main (README, « Production »)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
