"""Start-up of `make run` with a trained model: from `python -m bot.launch` to the first answer on
REST, and where the time goes (imports, spaCy, Rasa's model load with and without the eager fit of
bot/rasa_server.py, the offer index build), each measured in a fresh process."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from tests.network import free_port

ROOT = Path(__file__).resolve().parent.parent
RUNS = 2
_TIMED = r'''
import sys, time
started = time.perf_counter()
step = sys.argv[1]
if step == "imports":
    import rasa.__main__, rasa.core.agent, tensorflow  # what bot.rasa_server imports before the model
elif step == "spacy":
    import spacy
    started = time.perf_counter()
    spacy.load("fr_core_news_md", disable=["parser"])
else:
    from bot import rasa_server
    rasa_server.without_unused_spacy_pipes()
    rasa_server.predict_through_concrete_functions()
    if step == "model-eager-fit":
        rasa_server.load_without_tracing_training()
    from rasa.core.agent import Agent
    started = time.perf_counter()
    Agent.load("models/offres.tar.gz")
print(f"SECONDS {time.perf_counter() - started:.2f}")
'''


def _timed(step: str) -> float:
    done = subprocess.run([sys.executable, "-c", _TIMED, step], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=600)
    line = next((line for line in done.stdout.splitlines() if line.startswith("SECONDS ")), None)
    if line is None:
        raise RuntimeError(f"{step}: {done.stderr[-2000:]}")
    return float(line.split()[1])


def _index_build(work: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "offers_index", "build"], cwd=ROOT, check=True, capture_output=True,
                   env={**os.environ, "OFFERS_INDEX": str(work / "index.json")})
    return time.perf_counter() - started


def _launch(work: Path) -> tuple[float, float, int]:
    """Seconds to « prêt », seconds to the first REST answer, lines printed before it."""
    rasa_port = free_port()
    env = {**os.environ, "LOG_DIR": str(work / "logs"), "STATUS_FILE": str(work / "status.json"),
           "TRACKER_DB": str(work / "tracker.db"), "OFFERS_INDEX": str(work / "index.json")}
    started = time.perf_counter()
    launcher = subprocess.Popen([sys.executable, "-m", "bot.launch", "--rasa-port", str(rasa_port),
                                 "--action-port", str(free_port()), "--web-port", str(free_port())],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(launcher.stdout), daemon=True).start()
    ready, answered, printed = None, None, ""
    request = json.dumps({"sender": "bench-startup", "message": "date limite pour le chef de service ?"}).encode()
    try:
        while answered is None and time.perf_counter() - started < 300 and launcher.poll() is None:
            if ready is None and any(line.startswith("prêt en ") for line in lines):
                ready = time.perf_counter() - started
            try:
                with urllib.request.urlopen(urllib.request.Request(
                        f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", data=request,
                        headers={"Content-Type": "application/json"}), timeout=60) as answer:
                    if json.loads(answer.read()):
                        answered = time.perf_counter() - started
            except OSError:
                time.sleep(0.2)
        printed = "".join(lines)
    finally:
        launcher.send_signal(signal.SIGINT)
        launcher.wait(60)
    if answered is None:
        raise RuntimeError(f"pas de réponse du lanceur :\n{printed}")
    return ready or answered, answered, len(printed.splitlines())


def section() -> str:
    work = Path(tempfile.mkdtemp(prefix="bench-startup-"))
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    launches = [_launch(work / f"run-{run}") for run in range(RUNS)]
    steps = {step: _timed(step) for step in ("imports", "spacy", "model-graph-fit", "model-eager-fit")}
    index = _index_build(work)
    lines = [
        "## Start-up: `make run` to the first answer", "",
        f"Code at commit {commit}; trained model `models/offres.tar.gz`, the offers of `data/offers`, nothing "
        f"to train; {RUNS} runs of `python -m bot.launch` (what `make run` starts), each timed from the "
        "launch to the first answer of REST to « date limite pour le chef de service ? ».", "",
        "| run | « prêt » printed | first REST answer | terminal lines by then |", "|---|---|---|---|",
        *[f"| {run + 1} | {ready:.1f} s | {answered:.1f} s | {count} |"
          for run, (ready, answered, count) in enumerate(launches)], "",
        "Where the time goes (each in a fresh process; Rasa, the action server and the page start side by "
        "side, so Rasa's own start is the total):", "",
        "| step | seconds |", "|---|---|",
        f"| imports of Rasa and TensorFlow (before the model) | {steps['imports']:.1f} |",
        f"| spaCy `fr_core_news_md` load (inside the model load) | {steps['spacy']:.1f} |",
        f"| Rasa model load (spaCy, DIET, TED), eager one-example fit (`load_without_tracing_training`, now) "
        f"| {steps['model-eager-fit']:.1f} |",
        f"| Rasa model load, Rasa's own traced fit (before) | {steps['model-graph-fit']:.1f} |",
        f"| offer index build (`python -m offers_index build`, 2 offers; beside Rasa) | {index:.1f} |", "",
        "Rasa 3.6 builds each DIET/TED model by fitting it on one example before loading the weights; that fit "
        "traced the whole training step as a TensorFlow graph to run it once. Run eagerly it builds the same "
        "variables without the tracing (predictions identical: tests/test_rasa_speedups.py). Before that "
        "change (commit 8bca257, same machine, 2026-12-04) the first answer came 44 s after the launch; the "
        "launcher before the split waited for the action server before starting Rasa.",
    ]
    return "\n".join(lines)
