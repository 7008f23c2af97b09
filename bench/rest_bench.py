"""REST round-trip latency with a 10k-offer index: a search and a field question (custom actions)
beside the floor measured in the same run (an acknowledgement, « d'accord », answered without a
custom action; a greeting goes through action_fallback since 66239e7).

Each round is a new conversation opened by one untimed message (a conversation's first turn also
starts its session), then the three kinds in an order that rotates from round to round: each kind
is timed as often at each turn position, so the floor is compared at the same positions.

    python -m bench.rest_bench [--offers 10000] [--requests 200]
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

from bot import settings
from bot.launch import Stack

from .generator import generate, write_offers

TARGET_P95_MS = 60.0


def _post(url: str, sender: str, message: str) -> tuple[float, list]:
    request = urllib.request.Request(url, data=json.dumps({"sender": sender, "message": message}).encode(),
                                     headers=settings.rest_headers())
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = json.loads(response.read())
    return (time.perf_counter() - started) * 1000, body


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure(offers: int = 10_000, requests: int = 200, seed: int = 7) -> dict:
    rng = random.Random(seed)
    specs = generate(offers)
    work = Path(tempfile.mkdtemp(prefix="rest-bench-"))
    write_offers(specs, work / "offers")
    env = {"OFFERS_DIR": str(work / "offers"), "OFFERS_INDEX": str(work / "index.json"),
           "TRACKER_DB": str(work / "tracker.db"), "BOT_TODAY": "2025-08-05"}
    stack = Stack(rasa_port=5035, action_port=5085, env=env, log_dir=work / "logs")
    corps = sorted({s.corps for s in specs})
    places = sorted({s.location for s in specs})
    kinds = {
        "floor: acknowledgement (no custom action)": lambda: rng.choice(["d'accord", "oui", "ok"]),
        "search (action_search_offers)": lambda: f"des postes de {rng.choice(corps)} à {rng.choice(places)} ?",
        "field question (action_answer_field)": lambda: f"date limite pour le poste de {rng.choice(specs).title} ?",
    }
    timings: dict[str, list[float]] = {name: [] for name in kinds}
    silent = 0
    try:
        stack.start()
        url = f"{stack.rasa_url}/webhooks/rest/webhook"
        for _ in range(20):  # warm-up
            _post(url, f"warm-{uuid.uuid4()}", rng.choice([k() for k in kinds.values()]))
        names = list(kinds)
        for round_number in range(requests):
            sender = f"bench-{uuid.uuid4()}"
            _post(url, sender, "bonjour")  # the session start, not timed
            shift = round_number % len(names)
            for name in names[shift:] + names[:shift]:
                elapsed, body = _post(url, sender, kinds[name]())
                timings[name].append(elapsed)
                silent += not body
    finally:
        stack.stop()
    return {"offers": offers, "requests": requests, "silent": silent,
            "rows": {name: {"p50": statistics.median(values), "p95": percentile(values, 0.95),
                            "p99": percentile(values, 0.99), "mean": statistics.fmean(values)}
                     for name, values in timings.items()}}


def section(offers: int = 10_000, requests: int = 200) -> str:
    result = measure(offers, requests)
    lines = ["## REST round trip (one Rasa server, one action server, loopback)", "",
             f"Index of {result['offers']:,} synthetic offers; {result['requests']} requests of each kind, interleaved, "
             f"sequential; each round a new conversation opened by an untimed greeting, then the three kinds in a "
             f"rotating order (each timed as often at turns 2, 3 and 4). Empty replies: {result['silent']}.", "",
             "| turn | p50 | p95 | p99 | mean |", "| --- | --- | --- | --- | --- |"]
    for name, row in result["rows"].items():
        lines.append(f"| {name} | {row['p50']:.1f} ms | {row['p95']:.1f} ms | {row['p99']:.1f} ms | {row['mean']:.1f} ms |")
    custom = [row["p95"] for name, row in result["rows"].items() if not name.startswith("floor")]
    met = all(p95 <= TARGET_P95_MS for p95 in custom)
    lines += ["", f"Target: p95 ≤ {TARGET_P95_MS:.0f} ms for the custom-action turns: {'met' if met else 'NOT met'}.", ""]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--offers", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    arguments = parser.parse_args()
    print(section(arguments.offers, arguments.requests))
