"""A base for our actions: the index and "today" at hand, and never a silent failure."""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from offers_index import OfferIndex, today

from . import channels, templates
from .index import current_index

log = logging.getLogger(__name__)
ACTION_LISTEN = "action_listen"


class Turn:
    """What an action needs for one turn."""

    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker, index: OfferIndex, day: date):
        self.dispatcher, self.tracker, self.index, self.today = dispatcher, tracker, index, day

    def say(self, text: str, offers_for_buttons: list | None = None) -> None:
        """Send `text`, split for channels that limit length; buttons on the last part when the
        channel shows them and there is a choice to make."""
        channel = self.tracker.get_latest_input_channel()
        parts = channels.for_channel(channel, text)
        for part in parts[:-1]:
            self.dispatcher.utter_message(text=part)
        if offers_for_buttons and len(offers_for_buttons) > 1 and channels.has_buttons(channel):
            self.dispatcher.utter_message(text=parts[-1], buttons=templates.buttons(offers_for_buttons))
        else:
            self.dispatcher.utter_message(text=parts[-1])


class OfferAction(Action, ABC):
    """Subclasses implement `act(turn)` and return events; errors become a polite French apology.

    Each of our actions ends the bot's turn: it tells Rasa to listen next (FollowupAction), which
    the rules predict anyway (no rule or story runs anything after one of our actions; a test
    checks), so Rasa does not run its policies a second time in the turn (~8 ms)."""

    action_name = ""
    # Checks run before `act`, in order; the first that answers (returns events) ends the turn:
    # what no action does (an alert, sending a CV) or a reference no offer has.
    prechecks: tuple = ()

    def name(self) -> str:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[dict]:
        return [*self._answer(dispatcher, tracker), FollowupAction(ACTION_LISTEN)]

    def _answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        try:
            index = current_index()
            turn = Turn(dispatcher, tracker, index, today())
            if not index.offers:
                dispatcher.utter_message(text=templates.NO_OFFERS)
                return []
            for check in self.prechecks:
                events = check(turn)
                if events is not None:
                    return events
            return self.act(turn)
        except Exception:  # a candidate must get an answer, never silence
            log.exception("action %s failed on %r", self.name(), tracker.latest_message.get("text"))
            dispatcher.utter_message(text=templates.ERROR)
            return []

    @abstractmethod
    def act(self, turn: Turn) -> list[dict]:
        """Answer through `turn.say`; return the events (slots) of the turn."""
