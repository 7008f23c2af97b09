"""Shared paths and helpers for the tests (the real seed offers and the shared OPT-NC notices)."""
from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "data" / "offers"
OPT_NC_DIR = ROOT.parent / "shared" / "offers-opt-nc"
CHEF_DE_SERVICE = SEEDS_DIR / "chef-de-service-scrre.txt"
CHARGE_DE_MISSION = SEEDS_DIR / "charge-de-mission-relations-multilaterales.txt"


@pytest.fixture
def opt_nc_dir() -> Path:
    if not OPT_NC_DIR.is_dir():
        pytest.fail(f"{OPT_NC_DIR} is missing: the shared notices must sit beside the checkout")
    return OPT_NC_DIR


@contextmanager
def seeds_stack(prefix: str):
    """A real bot (Rasa + action server on free ports) over the seeds, « today » 5 August 2025, with
    its own conversation store and index in a temporary folder."""
    from bot.launch import Stack

    from .network import free_port
    work = Path(tempfile.mkdtemp(prefix=prefix))
    running = Stack(rasa_port=free_port(), action_port=free_port(), log_dir=work / "logs",
                    env={"TRACKER_DB": str(work / "tracker.db"), "OFFERS_DIR": str(SEEDS_DIR),
                         "OFFERS_INDEX": str(work / "index.json"), "BOT_TODAY": "2025-08-05"})
    running.start()
    try:
        yield running
    finally:
        running.stop()
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture
def shared_notices(tmp_path, monkeypatch):
    """A conversation with the real actions over the DRHFPNC and OPT-NC notices on 20 May 2026; terms
    left without an answer go to a temporary table."""
    from .actions_harness import Conversation, use_offers
    folder = tmp_path / "offers"
    folder.mkdir()
    for source in list((OPT_NC_DIR.parent / "offers-drhfpnc").glob("*.md")) + list(OPT_NC_DIR.glob("*.md")):
        shutil.copy(source, folder / source.name)
    monkeypatch.setenv("BOT_TODAY", "2026-05-20")
    monkeypatch.setenv("UNANSWERED_DB", str(tmp_path / "unanswered.db"))
    use_offers(folder, tmp_path, monkeypatch)
    return Conversation()


@pytest.fixture
def all_notices(shared_notices, tmp_path):
    """`shared_notices` with the two seeds too: the 68 notices candidates ask about."""
    for seed in SEEDS_DIR.iterdir():
        shutil.copy(seed, tmp_path / "offers" / seed.name)
    return shared_notices
