"""Checks that the NLU test split (tests/nlu/*.yml) is genuinely held out.

* every file parses with yaml.safe_load and follows Rasa's ``nlu:`` format;
* no test example is a near-duplicate of a training example
  (``rapidfuzz.fuzz.ratio`` on lower-cased text, entity markup removed, must be < 90);
* every intent of the test split exists in the training data;
* every training intent has at least 25 examples.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILES = sorted((ROOT / "data" / "nlu").glob("*.yml"))
TEST_FILES = sorted((ROOT / "tests" / "nlu").glob("*.yml"))

SIMILARITY_THRESHOLD = 90
MIN_TRAIN_EXAMPLES = 25

# [text](entity) / [text](entity:value) / [text]{"entity": "x", "value": "y"} -> text
ENTITY_MARKUP = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def strip_markup(example: str) -> str:
    return ENTITY_MARKUP.sub(r"\1", example).strip()


def parse_examples(block: str) -> list[str]:
    examples = []
    for line in str(block or "").splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            line = line[2:]
        elif line.startswith("-"):
            line = line[1:]
        text = strip_markup(line)
        if text:
            examples.append(text)
    return examples


def load_nlu(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle) or {}


def load_intents(files: list[Path]) -> dict[str, list[str]]:
    intents: dict[str, list[str]] = defaultdict(list)
    for path in files:
        for item in load_nlu(path).get("nlu") or []:
            if isinstance(item, dict) and "intent" in item:
                intents[item["intent"]].extend(parse_examples(item.get("examples")))
    return dict(intents)


@pytest.fixture(scope="module")
def train() -> dict[str, list[str]]:
    return load_intents(TRAIN_FILES)


@pytest.fixture(scope="module")
def test_split() -> dict[str, list[str]]:
    return load_intents(TEST_FILES)


def test_files_exist():
    assert TRAIN_FILES, "no training file in data/nlu/"
    assert TEST_FILES, "no test file in tests/nlu/"


@pytest.mark.parametrize("path", TRAIN_FILES + TEST_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_rasa_nlu_format(path: Path):
    data = load_nlu(path)
    assert isinstance(data, dict), f"{path}: top level must be a mapping"
    assert str(data.get("version")) == "3.1", f"{path}: expected version: \"3.1\""
    items = data.get("nlu")
    assert isinstance(items, list) and items, f"{path}: missing or empty 'nlu:' list"
    kinds = ("intent", "synonym", "regex", "lookup")
    for item in items:
        assert isinstance(item, dict), f"{path}: every nlu item must be a mapping, got {item!r}"
        kind = [k for k in kinds if k in item]
        assert len(kind) == 1, f"{path}: item must have exactly one of {kinds}: {item!r}"
        block = item.get("examples")
        assert isinstance(block, str) and block.strip(), f"{path}: {item[kind[0]]!r} has no examples block"
        for line in block.splitlines():
            if line.strip():
                assert line.startswith("- "), f"{path}: {item[kind[0]]!r}: line must start with '- ': {line!r}"


def test_test_intents_exist_in_training(train, test_split):
    assert test_split, "test split is empty"
    missing = sorted(set(test_split) - set(train))
    assert not missing, f"intents of the test split absent from training: {missing}"


def test_training_intents_have_enough_examples(train):
    too_small = {intent: len(ex) for intent, ex in train.items() if len(ex) < MIN_TRAIN_EXAMPLES}
    assert not too_small, f"training intents with < {MIN_TRAIN_EXAMPLES} examples: {too_small}"


def test_no_test_example_near_duplicates_training(train, test_split):
    train_examples = [(intent, text, text.lower()) for intent, exs in train.items() for text in exs]
    offending = []
    for test_intent, examples in test_split.items():
        for test_text in examples:
            lowered = test_text.lower()
            for train_intent, train_text, train_lower in train_examples:
                score = fuzz.ratio(lowered, train_lower)
                if score >= SIMILARITY_THRESHOLD:
                    offending.append(
                        f"  {score:5.1f}  test[{test_intent}] {test_text!r}"
                        f"  ~  train[{train_intent}] {train_text!r}"
                    )
    assert not offending, (
        f"{len(offending)} test example(s) too similar (ratio >= {SIMILARITY_THRESHOLD}) "
        "to training examples:\n" + "\n".join(offending)
    )
