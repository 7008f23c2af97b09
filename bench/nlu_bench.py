"""NLU benchmark: intent accuracy and entity F1 on the held-out split tests/nlu/, for the project's
pipeline (spaCy fr_core_news_md + DIET, config.yml) beside a baseline without spaCy
(bench/config_baseline.yml), both trained on data/nlu/ in the same run.

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
TARGETS = {"intent_accuracy": 0.95, "entity_f1": 0.90}


def _run(command: list[str]) -> None:
    # Rasa's training cache (.rasa/cache) off: the training time measured is a training from scratch.
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "RASA_MAX_CACHE_SIZE": "0"})


def evaluate(config: Path, work: Path) -> dict:
    started = time.perf_counter()
    _run([RASA, "train", "nlu", "--config", str(config), "--nlu", "data/nlu", "--out", str(work),
          "--fixed-model-name", "nlu"])
    trained = time.perf_counter() - started
    _run([RASA, "test", "nlu", "--model", str(work / "nlu.tar.gz"), "--nlu", "tests/nlu/test_nlu.yml",
          "--out", str(work / "results")])
    intents = json.loads((work / "results" / "intent_report.json").read_text())
    entities = json.loads((work / "results" / "DIETClassifier_report.json").read_text())
    errors = json.loads((work / "results" / "intent_errors.json").read_text()) \
        if (work / "results" / "intent_errors.json").exists() else []
    return {"train_s": trained, "intent_accuracy": intents["accuracy"],
            "intent_f1": intents["weighted avg"]["f1-score"],
            "entity_f1": entities["micro avg"]["f1-score"], "entity_precision": entities["micro avg"]["precision"],
            "entity_recall": entities["micro avg"]["recall"], "examples": intents["weighted avg"]["support"],
            "errors": [(e["text"], e["intent"], e["intent_prediction"]["name"]) for e in errors]}


def section() -> str:
    rows, all_errors = [], {}
    with tempfile.TemporaryDirectory() as temporary:
        for number, (name, config) in enumerate(PIPELINES.items()):
            result = evaluate(config, Path(temporary) / str(number))
            rows.append((name, result))
            all_errors[name] = result["errors"]
    lines = ["## NLU: held-out split tests/nlu/ (never used for training)", "",
             f"{rows[0][1]['examples']} test examples; both pipelines trained on data/nlu/ in this run, "
             "from scratch (Rasa's training cache off).", "",
             "| pipeline | intent accuracy | intent F1 (weighted) | entity F1 (micro) | entity P / R | training |",
             "| --- | --- | --- | --- | --- | --- |"]
    for name, r in rows:
        lines.append(f"| {name} | {r['intent_accuracy']:.1%} | {r['intent_f1']:.1%} | {r['entity_f1']:.1%} | "
                     f"{r['entity_precision']:.1%} / {r['entity_recall']:.1%} | {r['train_s']:.0f} s |")
    ours = rows[0][1]
    lines += ["", f"Targets (project pipeline): intent accuracy ≥ {TARGETS['intent_accuracy']:.0%}: "
              f"{'met' if ours['intent_accuracy'] >= TARGETS['intent_accuracy'] else 'NOT met'}; entity F1 ≥ "
              f"{TARGETS['entity_f1']:.0%}: {'met' if ours['entity_f1'] >= TARGETS['entity_f1'] else 'NOT met'}.", ""]
    if ours["errors"]:
        lines += ["Intent errors of the project pipeline (text → expected / predicted):", ""]
        lines += [f"- « {text} » → {expected} / {predicted}" for text, expected, predicted in ours["errors"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(section())
