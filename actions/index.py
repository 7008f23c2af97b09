"""The offer index the action server answers from; it follows OFFERS_DIR while the server runs."""
from __future__ import annotations

from offers_index import LiveIndex, OfferIndex

_live: LiveIndex | None = None


def current_index() -> OfferIndex:
    global _live
    if _live is None:
        _live = LiveIndex()
    return _live.current()
