"""Shared paths and helpers for the tests (the real seed offers and the shared OPT-NC notices)."""
from __future__ import annotations

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
