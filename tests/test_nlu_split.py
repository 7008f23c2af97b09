"""Checks that the NLU test splits (tests/nlu/*.yml, and the blind split tests/nlu_blind/*.yml written
before any tuning) and the dialogue turns (tests/dialogues, tests/candidates) are genuinely held out.

* every file parses with yaml.safe_load and follows Rasa's ``nlu:`` format;
* no test example and no dialogue turn is a near-duplicate of a training example
  (``rapidfuzz.fuzz.ratio`` on accent-folded, lower-cased words, punctuation and entity markup
  removed, must be < 85: « merci » is « Merci !! »);
* every intent of the test splits exists in the training data;
* every training intent has at least 25 examples.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from rapidfuzz import fuzz, process

from offers_index.normalize import fold

ROOT = Path(__file__).resolve().parents[1]
TRAIN_FILES = sorted((ROOT / "data" / "nlu").glob("*.yml"))
TEST_FILES = sorted((ROOT / "tests" / "nlu").glob("*.yml"))
BLIND_FILES = sorted((ROOT / "tests" / "nlu_blind").glob("*.yml"))
DIALOGUE_FILES = sorted((ROOT / "tests" / "dialogues").glob("*.yml")) + sorted((ROOT / "tests" / "candidates").glob("*.yml"))

SIMILARITY_THRESHOLD = 85
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
    split: dict[str, list[str]] = defaultdict(list)
    for intent, examples in [*load_intents(TEST_FILES).items(), *load_intents(BLIND_FILES).items()]:
        split[intent].extend(examples)
    return dict(split)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold(text)))


def dialogue_turns() -> list[str]:
    return [str(turn["user"]) for path in DIALOGUE_FILES for dialogue in load_nlu(path).get("dialogues", [])
            for turn in dialogue.get("turns", []) if "user" in turn]


def test_files_exist():
    assert TRAIN_FILES, "no training file in data/nlu/"
    assert TEST_FILES, "no test file in tests/nlu/"
    assert BLIND_FILES, "no blind test file in tests/nlu_blind/"


@pytest.mark.parametrize("path", TRAIN_FILES + TEST_FILES + BLIND_FILES, ids=lambda p: str(p.relative_to(ROOT)))
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


def test_no_test_example_or_dialogue_turn_near_duplicates_training(train, test_split):
    train_examples = [(intent, text, _words(text)) for intent, exs in train.items() for text in exs]
    folded_train = [folded for _, _, folded in train_examples]
    held_out = [(f"test[{intent}]", text) for intent, examples in test_split.items() for text in examples]
    held_out += [("dialogue", text) for text in dialogue_turns()]
    assert len(held_out) > 400
    offending = []
    for where, text in held_out:
        match = process.extractOne(_words(text), folded_train, scorer=fuzz.ratio, score_cutoff=SIMILARITY_THRESHOLD)
        if match:
            train_intent, train_text, _ = train_examples[match[2]]
            offending.append(f"  {match[1]:5.1f}  {where} {text!r}  ~  train[{train_intent}] {train_text!r}")
    assert not offending, (
        f"{len(offending)} held-out sentence(s) too similar (accent-folded ratio >= {SIMILARITY_THRESHOLD}) "
        "to training examples:\n" + "\n".join(offending)
    )
