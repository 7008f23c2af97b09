"""The offer index the action server answers from; it follows OFFERS_DIR while the server runs."""
from __future__ import annotations

from offers_index import LiveIndex, OfferIndex
from offers_index.knowledge import Knowledge, load as load_knowledge

_live: LiveIndex | None = None


def load_at_start() -> OfferIndex:
    """The action server's first load: a missing or corrupt index file is an error naming it."""
    global _live
    _live = LiveIndex(index_must_exist=True)
    return _live.current()


def current_index() -> OfferIndex:
    global _live
    if _live is None:
        _live = LiveIndex()
    return _live.current()


_knowledge: Knowledge | None = None


def knowledge() -> Knowledge:
    """The sourced knowledge base, read once (a malformed file raises KnowledgeError, in French)."""
    global _knowledge
    if _knowledge is None:
        _knowledge = Knowledge(load_knowledge())
    return _knowledge
