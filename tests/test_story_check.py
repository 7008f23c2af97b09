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
    assert "action_answer_field  # predicted: action_fallback" in output


def test_no_rule_or_story_runs_an_action_after_one_of_ours():
    """Our actions end the bot's turn with FollowupAction(action_listen) (actions/base.py), so a
    step after one of them would never run: none may exist."""
    import yaml

    from actions.base import ACTION_LISTEN
    from tests.actions_harness import ACTIONS

    after_ours = []
    for path in sorted((ROOT / "data" / "stories").glob("*.yml")) + sorted((ROOT / "tests" / "stories").glob("*.yml")):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in (content.get("rules") or []) + (content.get("stories") or []):
            steps = item.get("steps", [])
            for step, following in zip(steps, steps[1:]):
                if step.get("action") in ACTIONS and ("action" in following or "active_loop" in following) \
                        and following.get("action") != ACTION_LISTEN:
                    after_ours.append((path.name, item.get("rule") or item.get("story"), step["action"], following))
            assert item.get("wait_for_user_input", True) or steps[-1].get("action") not in ACTIONS, item
    assert after_ours == []

