"""End-to-end dialogue files (tests/dialogues/*.yml) played against the real bot.

    python -m tests.dialogue_runner [FILE...]      (make test-dialogues [FILE=...])

A file gives the day (`today`, sets BOT_TODAY), the offer folders copied into a temporary
OFFERS_DIR (`offers`: `seeds` = data/offers, `opt-nc` = ../shared/offers-opt-nc, `drhfpnc` =
../shared/offers-drhfpnc, or a path) and dialogues. Each turn sends `user` (or clicks button number
`click`) through the REST channel and checks the reply: `expect` (all these texts), `expect_any` (one
of them), `expect_not`, `buttons` (true: the reply offers buttons); `kind` tags the turn (how the
candidate writes: sms, long, english, followup, profession, nothing…; one tag or a list) for the report. `add_offer:
PATH` copies an offer file into OFFERS_DIR while the bot runs. The file is checked before Rasa
starts (unknown key, wrong type, missing file, unknown offer set: a French message, exit 2).

A reply that speaks of one offer (it quotes one reference) while the turn expects another is also
counted as a wrong-offer answer: the offers a turn expects are those its `expect`/`expect_any`
texts name by reference or by a title part that only one offer has.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot import settings
from bot.launch import Stack
from offers_index import build
from offers_index.normalize import fold

ROOT = Path(__file__).resolve().parent.parent
DIALOGUES_DIR = ROOT / "tests" / "dialogues"
OFFER_SOURCES = {"seeds": ROOT / "data" / "offers", "opt-nc": ROOT.parent / "shared" / "offers-opt-nc",
                 "drhfpnc": ROOT.parent / "shared" / "offers-drhfpnc"}
TEXTS = "texts"  # a list of texts
TAGS = "tags"  # one text or a list of texts
TURN_KEYS = {"user": str, "click": int, "add_offer": str, "as": str, "expect": TEXTS, "expect_any": TEXTS,
             "expect_not": TEXTS, "buttons": bool, "kind": TAGS}
FILE_KEYS = {"today": str, "offers": TEXTS, "dialogues": list}
_REFERENCE = re.compile(r"(?<![\d-])\d{2,4}-\d{2,6}(?:-\d{2,6})?(?![\d-])")


class DialogueFileError(ValueError):
    """A dialogue file that cannot be played; the message, in French, names the file and the place."""


@dataclass
class TurnResult:
    dialogue: str
    number: int
    said: str
    reply: str
    problems: list[str] = field(default_factory=list)
    kinds: tuple[str, ...] = ()
    wrong_offer: bool = False

    @property
    def passed(self) -> bool:
        return not self.problems


def load(path: Path) -> dict:
    """The dialogue file, checked: DialogueFileError names what is wrong and where."""
    if not path.is_file():
        raise DialogueFileError(f"{path} : fichier de dialogues introuvable")
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise DialogueFileError(f"{path} : YAML illisible ({error})") from error
    if not isinstance(spec, dict) or not isinstance(spec.get("dialogues"), list):
        raise DialogueFileError(f"{path} : il faut une liste `dialogues:`")
    _check_keys(spec, FILE_KEYS, f"{path}")
    for source in spec.get("offers", []):
        if str(source) not in OFFER_SOURCES and not (ROOT / str(source)).is_dir():
            raise DialogueFileError(f"{path} : jeu d'offres inconnu « {source} » (connus : {', '.join(OFFER_SOURCES)}, "
                                    f"ou un dossier)")
    for number, dialogue in enumerate(spec["dialogues"], start=1):
        where = f"{path}, dialogue {number} « {dialogue.get('name', '?') if isinstance(dialogue, dict) else '?'} »"
        if not isinstance(dialogue, dict) or not isinstance(dialogue.get("turns"), list) or not dialogue.get("name"):
            raise DialogueFileError(f"{where} : il faut `name:` et une liste `turns:`")
        _check_keys(dialogue, {"name": str, "turns": list}, where)
        for index, turn in enumerate(dialogue["turns"], start=1):
            if not isinstance(turn, dict) or not ({"user", "click", "add_offer"} & set(turn)):
                raise DialogueFileError(f"{where}, tour {index} : il faut `user:`, `click:` ou `add_offer:`")
            _check_keys(turn, TURN_KEYS, f"{where}, tour {index}")
            if "add_offer" in turn and not (ROOT / turn["add_offer"]).is_file():
                raise DialogueFileError(f"{where}, tour {index} : fichier d'offre introuvable « {turn['add_offer']} »")
    return spec


def _check_keys(item: dict, allowed: dict, where: str) -> None:
    for key, value in item.items():
        if key not in allowed:
            raise DialogueFileError(f"{where} : clé inconnue « {key} » (permises : {', '.join(allowed)})")
        wanted = allowed[key]
        if wanted is str and isinstance(value, (int, float)) and not isinstance(value, bool):
            continue  # `user: 25-58915` read as text
        if wanted == TAGS:
            valid = isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        elif wanted == TEXTS:
            valid = isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value)
        else:
            valid = isinstance(value, wanted) and not (wanted is int and isinstance(value, bool))
        if not valid:
            raise DialogueFileError(f"{where} : « {key} » doit être {_TYPE_NAMES[wanted]}")


_TYPE_NAMES = {str: "un texte", int: "un nombre", list: "une liste", TEXTS: "une liste de textes",
               bool: "true ou false", TAGS: "un texte ou une liste de textes"}


def _tags(kind: str | list[str] | None) -> tuple[str, ...]:
    return (kind,) if isinstance(kind, str) else tuple(kind or ())


def send(rasa_url: str, sender: str, message: str, timeout: float = 30) -> list[dict]:
    request = urllib.request.Request(f"{rasa_url}/webhooks/rest/webhook",
                                     data=json.dumps({"sender": sender, "message": message}).encode(),
                                     headers=settings.rest_headers())
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


def expected_offers(turn: dict, catalogue: list) -> set[str]:
    """Reference numbers of the offers a turn's expectations name (by reference, or by a title part
    that only one offer has)."""
    wanted = set()
    for text in [str(t) for t in turn.get("expect", []) + turn.get("expect_any", [])]:
        numbers = _REFERENCE.findall(text)
        if numbers:
            wanted.update(o.reference_number for o in catalogue for n in numbers
                          if o.reference_number and (o.reference_number.endswith(n) or n.endswith(o.reference_number)))
            continue
        titled = [o for o in catalogue if len(text) >= 6 and fold(text) in fold(o.title)]
        if len(titled) == 1:
            wanted.add(titled[0].reference_number)
    return wanted


def speaks_of_another_offer(turn: dict, reply: str, catalogue: list) -> bool:
    """The reply quotes one offer's reference, and it is not an offer the turn expects."""
    wanted = expected_offers(turn, catalogue)
    quoted = {o.reference_number for o in catalogue for n in set(_REFERENCE.findall(reply))
              if o.reference_number and (o.reference_number == n or o.reference_number.endswith("-" + n))}
    return bool(wanted) and len(quoted) == 1 and not quoted & wanted


class Session:
    """One configuration (day and offers): a temporary OFFERS_DIR and an action server for it."""

    def __init__(self, stack: Stack, today: str | None, offers: list[str]):
        self.stack, self.today = stack, today
        self.folder = Path(tempfile.mkdtemp(prefix="offers-"))
        for source in offers:
            origin = OFFER_SOURCES.get(str(source)) or (ROOT / str(source))
            for path in sorted(origin.iterdir()):
                if path.suffix.lower() in (".md", ".txt"):
                    shutil.copy(path, self.folder / path.name)
        self.catalogue = build(self.folder).offers

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
                self.catalogue = build(self.folder).offers
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
            reply = _text(last_messages)
            problems = check(turn, last_messages)
            wrong = speaks_of_another_offer(turn, reply, self.catalogue)
            if wrong:
                problems.append("réponse sur une autre offre que celle attendue")
            results.append(TurnResult(dialogue["name"], number, said, reply, problems, _tags(turn.get("kind")), wrong))
        return results


def files_to_run(names: list[str]) -> list[Path]:
    if not names:
        return sorted(DIALOGUES_DIR.glob("*.yml"))
    return [Path(name) if Path(name).exists() else DIALOGUES_DIR / name for name in names]


def run_files(stack: Stack, paths: list[Path], report=print) -> list[TurnResult]:
    everything = []
    specs = {path: load(path) for path in paths}  # every file checked before the first turn
    for path, spec in specs.items():
        with Session(stack, spec.get("today"), spec.get("offers", ["seeds"])) as session:
            report(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
            for dialogue in spec["dialogues"]:
                results = session.play(dialogue)
                everything += results
                for result in results:
                    mark = "OK    " if result.passed else "ÉCHEC "
                    report(f"  {mark} {dialogue['name']} #{result.number}: {result.said}")
                    if not result.passed:
                        report("       " + "; ".join(result.problems))
                        report("       réponse : " + result.reply.replace("\n", "\n                 "))
    return everything


def summary(results: list[TurnResult]) -> list[str]:
    """French report lines: the total, by kind, and the wrong-offer answers."""
    failed = sum(1 for r in results if not r.passed)
    lines = [f"{len(results) - failed} réussis sur {len(results)} tours ({failed} en échec)"]
    for kind in sorted({k for r in results for k in r.kinds}):
        turns = [r for r in results if kind in r.kinds]
        lines.append(f"  {kind} : {sum(r.passed for r in turns)}/{len(turns)}")
    lines.append(f"réponses sur une autre offre : {sum(r.wrong_offer for r in results)}")
    return lines


def main(argv: list[str]) -> int:
    paths = files_to_run(argv)
    try:
        for path in paths:
            load(path)
    except DialogueFileError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    stack = Stack(rasa_port=5045, action_port=5095,  # clear of run-scaled (5005, 5015), shell (5006), make run (5055)
                  log_dir=ROOT / ".cache" / "dialogue-logs",
                  env={"TRACKER_DB": str(Path(tempfile.mkdtemp()) / "tracker.db")}, start_actions=False)
    try:
        print("démarrage de Rasa…", flush=True)
        stack.start()
        results = run_files(stack, paths)
    finally:
        stack.stop()
    failed = sum(1 for r in results if not r.passed)
    print("\n".join(summary(results)))
    print(f"{len(results) - failed} réussi(s), {failed} en échec")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
