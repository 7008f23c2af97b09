"""Offer index: parse the portal's offer documents, normalise them, search them fuzzily.

Plain Python (no Rasa import). `Offer` is the shape that crosses boundaries.
"""
from .clock import today
from .dates import format_date
from .model import Offer, OfferError
from .parser import parse_file, parse_text
from .search import Hit, Mentions, OfferIndex
from .store import IndexFileError, LiveIndex, build, ensure_index

__all__ = ["Offer", "OfferError", "OfferIndex", "Hit", "Mentions", "IndexFileError", "LiveIndex",
           "build", "ensure_index", "format_date", "parse_file", "parse_text", "today"]
