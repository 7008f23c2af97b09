"""The end-to-end dialogue files, against the real Rasa server and action server (one start)."""
import tempfile
from pathlib import Path

import pytest

from bot.launch import Stack

from .dialogue_runner import DIALOGUES_DIR, load, run_files

CASES = [(path, dialogue["name"]) for path in sorted(DIALOGUES_DIR.glob("*.yml")) for dialogue in load(path)["dialogues"]]


@pytest.fixture(scope="module")
def results():
    stack = Stack(rasa_port=5025, action_port=5075, log_dir=Path(tempfile.mkdtemp(prefix="dialogue-logs-")),
                  env={"TRACKER_DB": str(Path(tempfile.mkdtemp()) / "tracker.db")}, start_actions=False)
    try:
        stack.start()
        yield run_files(stack, sorted(DIALOGUES_DIR.glob("*.yml")), report=lambda _line: None)
    finally:
        stack.stop()


@pytest.mark.parametrize("path, name", CASES, ids=[f"{p.stem}:{n}" for p, n in CASES])
def test_dialogue(results, path, name):
    turns = [r for r in results if r.dialogue == name]
    assert turns, f"dialogue « {name} » did not run"
    failures = [f"#{r.number} {r.said!r}: {'; '.join(r.problems)}\n    réponse : {r.reply}" for r in turns if not r.passed]
    assert not failures, "\n".join(failures)


def test_dialogue_names_are_unique():
    names = [name for _, name in CASES]
    assert len(names) == len(set(names))
