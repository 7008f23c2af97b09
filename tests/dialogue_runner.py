"""End-to-end dialogue files (tests/dialogues/*.yml) played against the real bot.

    python -m tests.dialogue_runner [FILE...]      (make test-dialogues [FILE=...])

A file gives the day (`today`, sets BOT_TODAY), the offer folders copied into a temporary
OFFERS_DIR (`offers`: `seeds` = data/offers, `opt-nc` = ../shared/offers-opt-nc, or a path) and
dialogues. Each turn sends `user` (or clicks button number `click`) through the REST channel
and checks the reply: `expect` (all these texts), `expect_any` (one of them), `expect_not`,
`buttons` (true: the reply offers buttons). `add_offer: PATH` copies an offer file into
OFFERS_DIR while the bot runs. The Rasa server and action server are started for the run.
"""
from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.launch import Stack

ROOT = Path(__file__).resolve().parent.parent
DIALOGUES_DIR = ROOT / "tests" / "dialogues"
OFFER_SOURCES = {"seeds": ROOT / "data" / "offers", "opt-nc": ROOT.parent / "shared" / "offers-opt-nc"}


@dataclass
class TurnResult:
    dialogue: str
    number: int
    said: str
    reply: str
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def load(path: Path) -> dict:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(spec, dict) or not isinstance(spec.get("dialogues"), list):
        raise ValueError(f"{path}: a dialogue file needs a `dialogues:` list")
    return spec


def send(rasa_url: str, sender: str, message: str, timeout: float = 30) -> list[dict]:
    request = urllib.request.Request(f"{rasa_url}/webhooks/rest/webhook",
                                     data=json.dumps({"sender": sender, "message": message}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def _text(messages: list[dict]) -> str:
    return "\n".join(m.get("text") or "" for m in messages)


def check(turn: dict, messages: list[dict]) -> list[str]:
    reply = _text(messages)
    folded = reply.lower()
    problems = [f"attendu « {e} »" for e in turn.get("expect", []) if str(e).lower() not in folded]
    if turn.get("expect_any") and not any(str(e).lower() in folded for e in turn["expect_any"]):
        problems.append(f"attendu l'un de {turn['expect_any']}")
    problems += [f"inattendu « {e} »" for e in turn.get("expect_not", []) if str(e).lower() in folded]
    if turn.get("buttons") and not any(m.get("buttons") for m in messages):
        problems.append("attendu des boutons")
    if not messages:
        problems.append("aucune réponse")
    return problems


class Session:
    """One configuration (day and offers): a temporary OFFERS_DIR and an action server for it."""

    def __init__(self, stack: Stack, today: str | None, offers: list[str]):
        self.stack, self.today = stack, today
        self.folder = Path(tempfile.mkdtemp(prefix="offers-"))
        for source in offers:
            origin = OFFER_SOURCES.get(source) or (ROOT / source)
            for path in sorted(origin.iterdir()):
                if path.suffix.lower() in (".md", ".txt"):
                    shutil.copy(path, self.folder / path.name)

    def __enter__(self) -> "Session":
        self.stack.env.update({"OFFERS_DIR": str(self.folder), "OFFERS_RELOAD_SECONDS": "0",
                               "OFFERS_INDEX": str(self.folder / ".index.json")})
        if self.today:
            self.stack.env["BOT_TODAY"] = str(self.today)
        else:
            self.stack.env.pop("BOT_TODAY", None)
        self.stack.stop_action_server()
        self.stack.start_action_server()
        return self

    def __exit__(self, *_) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def play(self, dialogue: dict) -> list[TurnResult]:
        sender = f"dialogue-{uuid.uuid4()}"
        results, last_messages = [], []
        for number, turn in enumerate(dialogue.get("turns", []), start=1):
            if "add_offer" in turn:
                source = ROOT / turn["add_offer"]
                shutil.copy(source, self.folder / (turn.get("as") or source.name))
                time.sleep(0.05)
                continue
            if "click" in turn:
                buttons = [b for m in last_messages for b in (m.get("buttons") or [])]
                index = int(turn["click"]) - 1
                if not 0 <= index < len(buttons):
                    results.append(TurnResult(dialogue["name"], number, f"[bouton {turn['click']}]", "",
                                              [f"pas de bouton n° {turn['click']} ({len(buttons)} boutons)"]))
                    continue
                said, payload = f"[bouton {buttons[index]['title']}]", buttons[index]["payload"]
            else:
                said = payload = str(turn["user"])
            last_messages = send(self.stack.rasa_url, sender, payload)
            results.append(TurnResult(dialogue["name"], number, said, _text(last_messages), check(turn, last_messages)))
        return results


def files_to_run(names: list[str]) -> list[Path]:
    if not names:
        return sorted(DIALOGUES_DIR.glob("*.yml"))
    return [Path(name) if Path(name).exists() else DIALOGUES_DIR / name for name in names]


def run_files(stack: Stack, paths: list[Path], report=print) -> list[TurnResult]:
    everything = []
    for path in paths:
        spec = load(path)
        with Session(stack, spec.get("today"), spec.get("offers", ["seeds"])) as session:
            report(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            for dialogue in spec["dialogues"]:
                results = session.play(dialogue)
                everything += results
                for result in results:
                    mark = "PASS" if result.passed else "FAIL"
                    report(f"  {mark} {dialogue['name']} #{result.number}: {result.said}")
                    if not result.passed:
                        report("       " + "; ".join(result.problems))
                        report("       réponse : " + result.reply.replace("\n", "\n                 "))
    return everything


def main(argv: list[str]) -> int:
    paths = files_to_run(argv)
    stack = Stack(rasa_port=5015, action_port=5065, log_dir=ROOT / ".cache" / "dialogue-logs",
                  env={"TRACKER_DB": str(Path(tempfile.mkdtemp()) / "tracker.db")}, start_actions=False)
    try:
        print("démarrage de Rasa…", flush=True)
        stack.start()
        results = run_files(stack, paths)
    finally:
        stack.stop()
    failed = sum(1 for r in results if not r.passed)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
