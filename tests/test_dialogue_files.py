"""Dialogue files are checked before Rasa starts, and the runner's wrong-offer check (no Rasa here)."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from offers_index import build

from .conftest import OPT_NC_DIR, ROOT, SEEDS_DIR
from .dialogue_runner import DialogueFileError, TurnResult, load, speaks_of_another_offer, summary

GOOD = """today: "2025-08-05"
offers: [seeds]
dialogues:
  - name: un dialogue
    turns:
      - user: date limite pour le chef de service ?
        expect: ["25-58915"]
        kind: sms
"""


@pytest.mark.parametrize("broken, message", [
    (GOOD.replace("expect:", "expected:"), "tour 1 : clé inconnue « expected »"),
    (GOOD.replace('expect: ["25-58915"]', 'expect: "25-58915"'), "« expect » doit être une liste de textes"),
    (GOOD.replace("offers: [seeds]", "offers: [sedes]"), "jeu d'offres inconnu « sedes »"),
    (GOOD.replace("      - user: date limite pour le chef de service ?\n", "      - kind: sms\n"),
     "tour 1 : il faut `user:`, `click:` ou `add_offer:`"),
    (GOOD.replace("turns:", "tours:"), "il faut `name:` et une liste `turns:`"),
    (GOOD.replace("kind: sms", "kind: {sms: true}"), "« kind » doit être un texte ou une liste de textes"),
], ids=["cle-mal-ecrite", "texte-au-lieu-de-liste", "jeu-inconnu", "tour-vide", "turns-absent", "kind-dictionnaire"])
def test_a_broken_file_is_refused_with_a_french_message(tmp_path, broken, message):
    path = tmp_path / "dialogues.yml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DialogueFileError) as error:
        load(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_a_turn_may_carry_several_kinds(tmp_path):
    path = tmp_path / "dialogues.yml"
    path.write_text(GOOD.replace("kind: sms", "kind: [sms, followup]"), encoding="utf-8")
    assert load(path)["dialogues"][0]["turns"][0]["kind"] == ["sms", "followup"]
    lines = summary([TurnResult("d", 1, "x", "y", [], ("sms", "followup")),
                     TurnResult("d", 2, "x", "y", ["absent"], ("sms",))])
    assert "  sms : 1/2" in lines and "  followup : 1/1" in lines


def test_the_runner_stops_before_starting_rasa(tmp_path):
    path = tmp_path / "d.yml"
    path.write_text(GOOD.replace("expect:", "expected:"), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "tests.dialogue_runner", str(path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "clé inconnue « expected »" in done.stderr and "Traceback" not in done.stderr
    assert time.monotonic() - started < 20  # no Rasa start
    done = subprocess.run([sys.executable, "-m", "tests.dialogue_runner", str(tmp_path / "absent.yml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "introuvable" in done.stderr


def test_the_shared_dialogue_files_are_valid():
    for path in sorted((ROOT / "tests" / "dialogues").glob("*.yml")) + sorted((ROOT / "tests" / "candidates").glob("*.yml")):
        load(path)


@pytest.fixture(scope="module")
def catalogue():
    return build(SEEDS_DIR).offers + build(OPT_NC_DIR).offers


def test_an_answer_about_another_offer_is_caught(catalogue):
    turn = {"user": "et le contact ?", "expect": ["Psychologue", "3134-26-0746"]}
    assert speaks_of_another_offer(turn, "Contact pour « Acheteur - CENTAL » (réf. 3134-26-0778) : …", catalogue)
    assert not speaks_of_another_offer(turn, "Contact pour « Psychologue » (réf. 3134-26-0746) : …", catalogue)
    assert not speaks_of_another_offer(turn, "Je ne sais pas.", catalogue)
    by_title = {"user": "date limite ?", "expect": ["Acheteur - CENTAL"]}
    assert speaks_of_another_offer(by_title, "« Chef de service » (réf. 25-58915) : vendredi 8 août 2025", catalogue)
    assert not speaks_of_another_offer(by_title, "« Acheteur - CENTAL » (réf. 3134-26-0778)", catalogue)
