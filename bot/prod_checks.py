"""The scaled setup's one-line warning about weak credentials (printed by `make run-scaled`).

endpoints.prod.yml keeps defaults that work on a developer machine (PostgreSQL's `postgres`
superuser without a password, Redis without one, RabbitMQ's `guest`); production sets a dedicated
role and passwords in the environment (README, « Production »). The launcher still starts with
weak ones, but says so.
"""
from __future__ import annotations

SUPERUSER = "postgres"
RABBITMQ_DEFAULT_USER = "guest"


def weak_points(endpoints: dict) -> list[str]:
    """What is weak in the filled endpoints, one French phrase per service."""
    points = []
    store = endpoints.get("tracker_store") or {}
    if store.get("type") == "SQL" and store.get("dialect") == "postgresql":
        problems = []
        if (store.get("username") or SUPERUSER) == SUPERUSER:
            problems.append(f"superutilisateur « {SUPERUSER} »")
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


def scaled_setup_warning(endpoints: dict) -> str | None:
    """One French line naming every weak credential of the filled endpoints, or None."""
    points = weak_points(endpoints)
    if not points:
        return None
    return ("attention : identifiants de développement — " + " ; ".join(points)
            + " (en production : un rôle dédié et POSTGRES_PASSWORD, REDIS_PASSWORD, RABBITMQ_PASSWORD "
              "dans l'environnement, voir le README, « Production »)")
