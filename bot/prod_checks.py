"""The scaled setup's one-line warning about weak credentials (printed by `make run-scaled`).

endpoints.prod.yml connects as the bot's own role, and keeps defaults that only suit a developer
machine (no passwords, RabbitMQ's `guest`); production sets passwords in the environment (README,
« Production »). The launcher still starts with weak ones, but says so, and asks PostgreSQL whether
the role it connects as is a superuser, whatever its name.
"""
from __future__ import annotations

SUPERUSER = "postgres"
RABBITMQ_DEFAULT_USER = "guest"


def role_is_superuser(store: dict) -> bool:
    """Whether PostgreSQL says the tracker store's role is a superuser (False when it cannot tell:
    the start-up checks report an unreachable database on their own)."""
    if store.get("dialect") != "postgresql":
        return False
    import sqlalchemy
    url = sqlalchemy.engine.url.URL.create("postgresql", username=store.get("username"), password=store.get("password"),
                                           host=store.get("url"), port=store.get("port"), database=store.get("db"))
    engine = sqlalchemy.create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as connection:
            return bool(connection.execute(sqlalchemy.text(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")).scalar())
    except sqlalchemy.exc.SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def weak_points(endpoints: dict, superuser: bool = False) -> list[str]:
    """What is weak in the filled endpoints, one French phrase per service; `superuser`: PostgreSQL
    said the tracker store's role is one."""
    points = []
    store = endpoints.get("tracker_store") or {}
    if store.get("type") == "SQL" and store.get("dialect") == "postgresql":
        problems = []
        user = store.get("username") or SUPERUSER
        if user == SUPERUSER or superuser:
            problems.append(f"superutilisateur « {user} »")
        if not store.get("password"):
            problems.append("sans mot de passe")
        if problems:
            points.append("PostgreSQL : " + ", ".join(problems))
    lock_store = endpoints.get("lock_store") or {}
    if "redis" in str(lock_store.get("type") or "").lower() and not lock_store.get("password"):
        points.append("Redis : sans mot de passe")
    broker = endpoints.get("event_broker") or {}
    if str(broker.get("type") or "").lower() == "pika":
        problems = []
        if (broker.get("username") or RABBITMQ_DEFAULT_USER) == RABBITMQ_DEFAULT_USER:
            problems.append(f"compte « {RABBITMQ_DEFAULT_USER} »")
        if not broker.get("password") or broker.get("password") == RABBITMQ_DEFAULT_USER:
            problems.append("mot de passe vide ou par défaut")
        if problems:
            points.append("RabbitMQ : " + ", ".join(problems))
    return points


def scaled_setup_warning(endpoints: dict, superuser: bool = False) -> str | None:
    """One French line naming every weak credential of the filled endpoints, or None."""
    points = weak_points(endpoints, superuser)
    if not points:
        return None
    return ("attention : identifiants de développement — " + " ; ".join(points)
            + " (en production : un rôle dédié et POSTGRES_PASSWORD, REDIS_PASSWORD, RABBITMQ_PASSWORD "
              "dans l'environnement, voir le README, « Production »)")
