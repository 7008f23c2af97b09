"""Dialogue quality: the end-to-end dialogue files played against the real bot — tests/dialogues/
(the files `make test` runs) and tests/candidates/ (written blind, before this round's tuning, as
candidates type: SMS, long messages, English words, follow-ups, professions, nothing to find) —
with the pass rate by kind and the count of answers about another offer than the one expected.

    python -m bench.dialogue_bench      # print the markdown
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from bot.launch import Stack
from tests.dialogue_runner import ROOT, TurnResult, run_files

SETS = {"tests/dialogues/ (make test)": ROOT / "tests" / "dialogues",
        "tests/candidates/ (blind, not in make test)": ROOT / "tests" / "candidates"}


def _rows(name: str, results: list[TurnResult]) -> list[str]:
    passed = sum(r.passed for r in results)
    rows = [f"| {name} | all | {passed}/{len(results)} | {passed / max(len(results), 1):.0%} | "
            f"{sum(r.wrong_offer for r in results)} |"]
    for kind in sorted({k for r in results for k in r.kinds}):
        turns = [r for r in results if kind in r.kinds]
        ok = sum(r.passed for r in turns)
        rows.append(f"| | {kind} | {ok}/{len(turns)} | {ok / len(turns):.0%} | {sum(r.wrong_offer for r in turns)} |")
    return rows


def section() -> str:
    started = time.perf_counter()
    stack = Stack(rasa_port=5035, action_port=5085, log_dir=Path(tempfile.mkdtemp(prefix="bench-dialogues-")),
                  env={"TRACKER_DB": str(Path(tempfile.mkdtemp()) / "tracker.db")}, start_actions=False)
    results = {}
    try:
        stack.start()
        for name, folder in SETS.items():
            results[name] = run_files(stack, sorted(folder.glob("*.yml")), report=lambda _line: None)
    finally:
        stack.stop()
    lines = ["## Dialogue quality", "",
             "Each turn is sent through the REST channel of the real Rasa server and action server; a turn passes "
             "when its reply holds every expected text and none of the unexpected ones. *Wrong offer*: the reply "
             "quotes one offer's reference while the turn expects another (tests/dialogue_runner.py). "
             f"This section took {(time.perf_counter() - started) / 60:.1f} min.", "",
             "| dialogue files | kind | turns passed | rate | wrong-offer answers |", "| --- | --- | --- | --- | --- |"]
    for name, turns in results.items():
        lines += _rows(name, turns)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(section())
