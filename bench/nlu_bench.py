"""NLU benchmark: intent accuracy and entity F1 on the held-out splits — tests/nlu/ (the old split,
written alongside the training data) and tests/nlu_blind/ (written blind, before any tuning of this
round, never edited after seeing results) — for the project's pipeline (spaCy fr_core_news_md + DIET,
config.yml) beside a baseline without spaCy (bench/config_baseline.yml), both trained on data/nlu/
in the same run.

    python -m bench.nlu_bench      # print the markdown
"""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from bot.launch import RASA

ROOT = Path(__file__).resolve().parent.parent
PIPELINES = {"spaCy fr_core_news_md + DIET (config.yml)": ROOT / "config.yml",
             "baseline without spaCy (bench/config_baseline.yml)": ROOT / "bench" / "config_baseline.yml"}
SPLITS = {"old split tests/nlu/": "tests/nlu/test_nlu.yml", "blind split tests/nlu_blind/": "tests/nlu_blind/test_nlu_blind.yml"}
TARGETS = {"old split tests/nlu/": {"intent_accuracy": 0.95, "entity_f1": 0.90},
           "blind split tests/nlu_blind/": {"intent_accuracy": 0.90, "entity_f1": 0.85}}


def _run(command: list[str]) -> None:
    # Rasa's training cache (.rasa/cache) off: the training time measured is a training from scratch.
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "RASA_MAX_CACHE_SIZE": "0"})


def evaluate(config: Path, work: Path) -> dict[str, dict]:
    """Train on data/nlu/ once, test on each split: split name -> figures."""
    started = time.perf_counter()
    _run([RASA, "train", "nlu", "--config", str(config), "--nlu", "data/nlu", "--out", str(work),
          "--fixed-model-name", "nlu"])
    trained = time.perf_counter() - started
    return {name: _test(work, split, trained, number) for number, (name, split) in enumerate(SPLITS.items())}


def _test(work: Path, split: str, trained: float, number: int) -> dict:
    results = work / f"results-{number}"
    _run([RASA, "test", "nlu", "--model", str(work / "nlu.tar.gz"), "--nlu", split, "--out", str(results)])
    intents = json.loads((results / "intent_report.json").read_text())
    entities = json.loads((results / "DIETClassifier_report.json").read_text())
    errors = json.loads((results / "intent_errors.json").read_text()) if (results / "intent_errors.json").exists() else []
    return {"train_s": trained, "intent_accuracy": intents["accuracy"],
            "intent_f1": intents["weighted avg"]["f1-score"],
            "entity_f1": entities["micro avg"]["f1-score"], "entity_precision": entities["micro avg"]["precision"],
            "entity_recall": entities["micro avg"]["recall"], "examples": intents["weighted avg"]["support"],
            "errors": [(e["text"], e["intent"], e["intent_prediction"]["name"]) for e in errors]}


def section() -> str:
    results = {}
    with tempfile.TemporaryDirectory() as temporary:
        for number, (name, config) in enumerate(PIPELINES.items()):
            results[name] = evaluate(config, Path(temporary) / str(number))
    ours_name = next(iter(PIPELINES))
    lines = ["## NLU: held-out splits (never used for training)", "",
             "Both pipelines trained on data/nlu/ in this run, from scratch (Rasa's training cache off). The old "
             "split was written alongside the training data; the blind split was written before this round's "
             "tuning by someone who had not seen the training data, and is never edited after seeing results. "
             "No held-out sentence is a near-duplicate of a training example (tests/test_nlu_split.py: "
             "accent-folded ratio < 85).", "",
             "| split | pipeline | examples | intent accuracy | intent F1 (weighted) | entity F1 (micro) | entity P / R | training |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for split in SPLITS:
        for name in PIPELINES:
            r = results[name][split]
            lines.append(f"| {split} | {name} | {r['examples']} | {r['intent_accuracy']:.1%} | {r['intent_f1']:.1%} | "
                         f"{r['entity_f1']:.1%} | {r['entity_precision']:.1%} / {r['entity_recall']:.1%} | "
                         f"{r['train_s']:.0f} s |")
    lines += [""]
    for split, target in TARGETS.items():
        ours = results[ours_name][split]
        lines.append(f"Targets on the {split} (project pipeline): intent accuracy ≥ {target['intent_accuracy']:.0%}: "
                     f"{'met' if ours['intent_accuracy'] >= target['intent_accuracy'] else 'NOT met'}; entity F1 ≥ "
                     f"{target['entity_f1']:.0%}: {'met' if ours['entity_f1'] >= target['entity_f1'] else 'NOT met'}.")
    for split in SPLITS:
        errors = results[ours_name][split]["errors"]
        if errors:
            lines += ["", f"Intent errors of the project pipeline on the {split} (text → expected / predicted):", ""]
            lines += [f"- « {text} » → {expected} / {predicted}" for text, expected, predicted in errors]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(section())
