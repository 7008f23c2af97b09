"""Long answers on length-limited channels, and choices on channels without buttons."""
import pytest

import actions.index
from actions.channels import split_message
from offers_index import LiveIndex

from .actions_harness import Conversation, entity
from .conftest import SEEDS_DIR


@pytest.fixture(autouse=True)
def seeds(tmp_path, monkeypatch):
    monkeypatch.setenv("BOT_TODAY", "2025-08-05")
    monkeypatch.setattr(actions.index, "_live", LiveIndex(SEEDS_DIR, tmp_path / "index.json"))


def test_split_message_cuts_at_lines_then_sentences():
    first = "Une première phrase assez longue pour compter. " * 3
    text = first + "\n" + "Une phrase. " * 10 + "mot " * 200
    parts = split_message(text, 300)
    assert all(len(part) <= 300 for part in parts)
    assert parts[0] == first.strip()
    assert parts[1].endswith("Une phrase.")
    assert " ".join(parts).split() == text.split()
    assert split_message("court", 300) == ["court"]


def test_long_details_are_split_for_sms_and_whole_on_the_web():
    question = ("détails de l'offre de chef de service ?", "ask_field", [entity("field", "details")])
    web = Conversation("socketio")
    web.turn("action_answer_field", *question)
    assert len(web.messages) == 1 and len(web.messages[0]["text"]) > 1600
    sms = Conversation("twilio")
    sms.turn("action_answer_field", *question)
    texts = [m["text"] for m in sms.messages]
    assert len(texts) >= 2 and all(len(t) <= 1600 for t in texts)
    assert " ".join(texts).split() == web.messages[0]["text"].split()


def test_no_buttons_where_the_channel_has_none():
    sms = Conversation("twilio")
    reply = sms.turn("action_list_offers", "les offres", "list_offers", [])
    assert "1. Chef de service" in reply and sms.buttons == []
    assert "Chef de service" in sms.turn("action_choose", "le 1", "choose", [entity("ordinal", "1")])
    telegram = Conversation("telegram")
    telegram.turn("action_list_offers", "les offres", "list_offers", [])
    assert len(telegram.buttons) == 2
