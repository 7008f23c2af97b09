"""Run our real actions with real rasa_sdk Tracker and CollectingDispatcher objects."""
from __future__ import annotations

import asyncio

import actions.index
from offers_index import LiveIndex
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.offer_actions import (ActionAnswerDetail, ActionAnswerField, ActionChoose, ActionFallback,
                                   ActionHowToApply, ActionInformOffer, ActionStillOpen)
from actions.search_actions import (ActionAllDeadlines, ActionClosingFirst, ActionCountOffers, ActionListOffers,
                                    ActionMostRecent, ActionSearchOffers, ActionSimilarOffers)

ACTIONS = {cls.action_name: cls for cls in [
    ActionAnswerDetail, ActionAnswerField, ActionChoose, ActionFallback, ActionHowToApply, ActionInformOffer,
    ActionStillOpen, ActionAllDeadlines, ActionClosingFirst, ActionCountOffers, ActionListOffers,
    ActionMostRecent, ActionSearchOffers, ActionSimilarOffers]}


def use_offers(folder, tmp_path, monkeypatch):
    """The actions answer from `folder` (its index in `tmp_path`) for this test only."""
    monkeypatch.setenv("OFFERS_RELOAD_SECONDS", "0")
    monkeypatch.setattr(actions.index, "_live", LiveIndex(folder, tmp_path / "index.json"))


class Conversation:
    """A conversation's slots and user turns, fed to actions one turn at a time."""

    def __init__(self, channel: str = "rest"):
        self.channel = channel
        self.slots: dict = {"current_offer": None, "listed_offers": None, "pending_choices": None,
                            "pending_question": None, "stated_residence": None}
        self.events: list[dict] = []
        self.messages: list[dict] = []

    def turn(self, action: str, text: str, intent: str = "", entities: list[dict] | None = None) -> str:
        parse = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
        self.events.append({"event": "user", "text": text, "parse_data": parse, "input_channel": self.channel})
        tracker = Tracker("test-user", dict(self.slots), parse, list(self.events), False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        events = asyncio.run(ACTIONS[action]().run(dispatcher, tracker, {}))
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        self.events.extend(events)
        self.messages = dispatcher.messages
        return "\n".join(m.get("text") or "" for m in dispatcher.messages)

    @property
    def buttons(self) -> list[dict]:
        return [b for m in self.messages for b in (m.get("buttons") or [])]


def entity(name: str, value: str) -> dict:
    return {"entity": name, "value": value}
