"""`rasa test core` alone exits 0 on wrong predictions: make sure our check really fails on one."""
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

WRONG_STORY = """version: "3.1"
stories:
  - story: une salutation ne doit pas répondre par la date limite
    steps:
      - intent: greet
      - action: action_answer_field
"""


def test_a_wrong_story_fails_the_check(tmp_path):
    stories = tmp_path / "test_wrong.yml"
    stories.write_text(WRONG_STORY, encoding="utf-8")
    rasa = str(Path(sys.executable).with_name("rasa"))
    done = subprocess.run([rasa, "test", "core", "--model", "models/offres.tar.gz", "--stories", str(stories),
                           "--fail-on-prediction-errors", "--out", str(tmp_path / "out")],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode != 0
    output = done.stdout + done.stderr
    assert "Model predicted a wrong action" in output
    assert "action_answer_field  # predicted: utter_greet" in output
