"""Loopback load test through the REST channel: many conversations at once, each a realistic
10-turn dialogue, against the embedded default (one Rasa, SQLite) and the scaled setup (two
replicas sharing PostgreSQL and Redis, every message sent to a random replica).

    python -m bench.load_bench [--conversations 50] [--turns 10]

Counts as errors: an HTTP status other than 200, a request that failed, an empty reply, and the
technical apology. Counts as lost: a message missing from the tracker store (each conversation's
user events are counted there after the run).
"""
from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import tempfile
import time
import uuid
from pathlib import Path

import aiohttp
import sqlalchemy

from actions import templates
from bot import settings
from bot.channels import REST_SENDER_PREFIX
from bot.launch import Stack

from .rest_bench import percentile

ROOT = Path(__file__).resolve().parent.parent
SHARED_OFFERS = ROOT.parent / "shared" / "offers-opt-nc"
POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
DIALOGUE = [
    "bonjour", "quelles offres avez-vous ?", "date limite pour le chef de service ?", "et sa référence ?",
    "où est-ce ?", "c'est encore ouvert ?", "comment postuler ?", "et pour le chargé de mission ?",
    "quelle est sa date limite ?", "merci",
]


def _offers(work: Path) -> Path:
    """The seeds plus the 16 OPT-NC notices, as a real folder would hold them."""
    folder = work / "offers"
    shutil.copytree(ROOT / "data" / "offers", folder)
    for notice in SHARED_OFFERS.glob("*.txt"):
        shutil.copy(notice, folder / notice.name)
    return folder


async def _run_load(urls: list[str], conversations: int, turns: int, seed: int) -> dict:
    rng = random.Random(seed)
    latencies: list[float] = []
    errors: list[str] = []
    senders = [f"load-{uuid.uuid4()}" for _ in range(conversations)]

    async def conversation(session: aiohttp.ClientSession, sender: str) -> None:
        for turn in range(turns):
            url = rng.choice(urls)
            started = time.perf_counter()
            try:
                async with session.post(f"{url}/webhooks/rest/webhook", headers=settings.rest_headers(),
                                        json={"sender": sender, "message": DIALOGUE[turn % len(DIALOGUE)]}) as answer:
                    replies = await answer.json()
                    status = answer.status
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                errors.append(f"{type(error).__name__}")
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            texts = [r.get("text") or "" for r in replies] if isinstance(replies, list) else []
            if status != 200 or not texts:
                errors.append(f"HTTP {status}, {len(texts)} reply")
            elif any(text == templates.ERROR for text in texts):
                errors.append("apology")

    started = time.perf_counter()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=300),
                                     connector=aiohttp.TCPConnector(limit=conversations)) as session:
        await asyncio.gather(*(conversation(session, sender) for sender in senders))
    wall = time.perf_counter() - started
    return {"latencies": latencies, "errors": errors, "wall": wall, "senders": senders}


def _stored_user_messages(engine_url: str, senders: list[str]) -> int:
    engine = sqlalchemy.create_engine(engine_url)
    try:
        with engine.connect() as connection:
            total = 0
            for sender in senders:
                total += connection.execute(sqlalchemy.text(
                    "SELECT count(*) FROM events WHERE sender_id = :s AND type_name = 'user'"), {"s": REST_SENDER_PREFIX + sender}).scalar()
            return total
    finally:
        engine.dispose()


def measure(conversations: int = 50, turns: int = 10) -> dict[str, dict]:
    work = Path(tempfile.mkdtemp(prefix="load-bench-"))
    offers = _offers(work)
    base = {"OFFERS_DIR": str(offers), "OFFERS_INDEX": str(work / "index.json"), "BOT_TODAY": "2025-08-05"}
    setups = {
        "embedded (1 Rasa, SQLite)": (Stack(rasa_port=5036, action_port=5086, log_dir=work / "logs-embedded",
                                            env={**base, "TRACKER_DB": str(work / "tracker.db")}),
                                      f"sqlite:///{work / 'tracker.db'}"),
        "scaled (2 replicas, PostgreSQL + Redis)": (Stack(rasa_port=5037, replica_ports=(5038,), action_port=5087,
                                                          endpoints="endpoints.prod.yml", env=base,
                                                          log_dir=work / "logs-scaled"), POSTGRES),
    }
    results = {}
    for name, (stack, store_url) in setups.items():
        try:
            stack.start()
            asyncio.run(_run_load(stack.rasa_urls, 5, 2, seed=1))  # warm-up, not counted
            run = asyncio.run(_run_load(stack.rasa_urls, conversations, turns, seed=7))
        finally:
            stack.stop()
        sent = conversations * turns
        stored = _stored_user_messages(store_url, run["senders"])
        values = run["latencies"]
        results[name] = {"sent": sent, "answered": len(values), "errors": run["errors"], "lost": sent - stored,
                         "p50": statistics.median(values), "p95": percentile(values, 0.95),
                         "p99": percentile(values, 0.99), "rate": len(values) / run["wall"], "wall": run["wall"]}
    return results


def section(conversations: int = 50, turns: int = 10) -> str:
    results = measure(conversations, turns)
    lines = ["## Load: simultaneous conversations through the REST channel (loopback)", "",
             f"{conversations} conversations at once × {turns} turns each (a realistic dialogue: greeting, list, "
             "field questions, follow-ups, switch of offer), seeds + 16 OPT-NC notices; each conversation waits for "
             "a reply before its next message. Scaled: each message goes to a random replica. Lost = sent − user "
             "messages found in the tracker store afterwards.", "",
             "| setup | messages | errors | lost | p50 | p95 | p99 | messages/s |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, row in results.items():
        lines.append(f"| {name} | {row['sent']} | {len(row['errors'])} | {row['lost']} | {row['p50']:.0f} ms | "
                     f"{row['p95']:.0f} ms | {row['p99']:.0f} ms | {row['rate']:.1f} |")
    problems = {name: sorted(set(row["errors"]))[:5] for name, row in results.items() if row["errors"]}
    if problems:
        lines += ["", f"Errors seen: {problems}"]
    lines.append("")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=50)
    parser.add_argument("--turns", type=int, default=10)
    arguments = parser.parse_args()
    print(section(arguments.conversations, arguments.turns))
