"""Rasa custom actions: they translate between Rasa (slots, entities, dispatcher) and offers_index."""
