"""The per-turn speed-ups of bot/rasa_server.py change how fast Rasa answers, never what it answers:
the spaCy pipes it turns off produce nothing the pipeline reads, predictions through the concrete
function equal those of the `tf.function`, and the pooled SQLite store keeps conversations."""
from __future__ import annotations

import asyncio
import threading

import numpy as np
import pytest
import spacy
import yaml

from bot import rasa_server

from .conftest import ROOT
from .test_nlu_split import TEST_FILES, TRAIN_FILES, load_intents


def _pipeline_config() -> list[dict]:
    return yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))["pipeline"]


def test_the_pipeline_reads_no_output_of_the_spacy_pipes_turned_off():
    """Lemmas come from the lemmatizer (and the morphologizer, tok2vec before it), tags from the
    morphologizer: config.yml must read neither for these pipes to stay off."""
    lemma_free = {"tok2vec", "morphologizer", "attribute_ruler", "lemmatizer"}
    if not lemma_free & set(rasa_server.UNUSED_SPACY_PIPES):
        return
    for component in _pipeline_config():
        if component["name"] == "CountVectorsFeaturizer":
            assert component.get("use_lemma") is False, component
        if component["name"] == "LexicalSyntacticFeaturizer":
            features = [name for group in component.get("features", []) for name in group]
            assert not [name for name in features if name.startswith("pos")], component


def test_tokens_and_vectors_are_the_same_without_those_pipes():
    # Rasa itself loads the model without the parser.
    full = spacy.load("fr_core_news_md", disable=["parser"])
    slim = spacy.load("fr_core_news_md", disable=["parser", *rasa_server.UNUSED_SPACY_PIPES])
    examples = [text for texts in load_intents(TRAIN_FILES + TEST_FILES).values() for text in texts]
    assert len(examples) > 900
    for text in examples:
        text = text.lower()  # config.yml: case_sensitive false
        expected, got = full(text), slim(text)
        assert [(t.text, t.idx) for t in got] == [(t.text, t.idx) for t in expected], text
        assert np.array_equal(np.array([t.vector for t in got]), np.array([t.vector for t in expected])), text


def test_concrete_function_predictions_equal_the_tf_function():
    import tensorflow as tf

    signature = [[tf.TensorSpec([None, 3], tf.float32), tf.TensorSpec([None], tf.int64)]]
    function = tf.function(lambda batch: {"score": tf.reduce_sum(batch[0], axis=1) * tf.cast(batch[1], tf.float32)},
                           input_signature=signature)
    step = rasa_server._ConcreteStep(function)
    batch = (np.arange(6, dtype=np.float32).reshape(2, 3), np.array([2, 3], dtype=np.int64))
    assert np.array_equal(step(batch)["score"].numpy(), function(batch)["score"].numpy())
    # An input the concrete function refuses (float64 where float32 is expected) goes through the
    # tf.function, which casts it, as before.
    loose = (batch[0].astype(np.float64), batch[1])
    assert np.array_equal(step(loose)["score"].numpy(), [6.0, 36.0])


@pytest.fixture(scope="module")
def pooled_store_patch() -> None:
    rasa_server.pooled_sqlite_store()


def test_the_pooled_sqlite_store_keeps_conversations(tmp_path, pooled_store_patch):
    import sqlalchemy
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(ROOT / "domain.yml"))
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "tracker.db"))
    assert isinstance(store.engine.pool, sqlalchemy.pool.QueuePool)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"

    def one_turn(sender: str, text: str) -> None:
        tracker = asyncio.run(store.retrieve(sender)) or DialogueStateTracker(sender, domain.slots)
        tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
        tracker.update(ActionExecuted("utter_greet"))
        asyncio.run(store.save(tracker))

    one_turn("a", "bonjour")
    worker = threading.Thread(target=one_turn, args=("a", "salut"))  # a pooled connection, another thread
    worker.start()
    worker.join()
    one_turn("a", "re")
    tracker = asyncio.run(store.retrieve("a"))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["bonjour", "salut", "re"]


def test_other_databases_keep_rasas_engine_settings(pooled_store_patch):
    import rasa.core.tracker_store as tracker_store

    url = "postgresql://postgres@127.0.0.1:5432/test"
    assert "poolclass" not in tracker_store.create_engine_kwargs(url)


_PREDICTIONS = r'''
import asyncio, json, sys
from bot import rasa_server
rasa_server.without_unused_spacy_pipes()
if sys.argv[1] == "eager-fit":
    rasa_server.load_without_tracing_training()
from rasa.core.agent import Agent
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

async def main():
    agent = Agent.load("models/offres.tar.gz")
    out = []
    for text in json.loads(sys.argv[2]):
        parsed = await agent.parse_message(text)
        tracker = DialogueStateTracker.from_events("t", [ActionExecuted("action_listen"), UserUttered(text, parsed["intent"], parsed["entities"], parse_data=parsed)], slots=agent.domain.slots)
        prediction = agent.processor.predict_next_with_tracker(tracker)
        out.append({"ranking": [(i["name"], round(i["confidence"], 6)) for i in parsed["intent_ranking"]],
                    "entities": [(e["entity"], e["value"]) for e in parsed["entities"]],
                    "policy": prediction["policy"],
                    "scores": [(s["action"], round(s["score"], 6)) for s in prediction["scores"]]})
    print("RESULT " + json.dumps(out))

asyncio.run(main())
'''


def test_loading_with_an_eager_fit_predicts_the_same():
    """load_without_tracing_training: the DIET and TED models loaded with the one-example fit run
    eagerly give the same intent ranking, entities and next-action probabilities."""
    import json
    import subprocess
    import sys

    messages = ["date limite pour le chef de service ?", "bonjour", "et sa référence ?", "le 2",
                "des postes à Nouméa ?", "c'est quoi un détachement ?", "merci, au revoir"]

    def predictions(mode: str) -> list:
        done = subprocess.run([sys.executable, "-c", _PREDICTIONS, mode, json.dumps(messages)], cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        lines = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
        assert lines, done.stderr[-3000:]
        return json.loads(lines[-1][len("RESULT "):])

    assert predictions("eager-fit") == predictions("graph-fit")


def test_event_classes_come_from_the_table_as_rasa_finds_them(monkeypatch):
    """Every event type name resolves to the class Rasa's own walk over Event's subclasses finds;
    unknown names keep Rasa's answers (None for the old « topic », the default, else ValueError)."""
    import rasa.shared.utils.common as common
    from rasa.shared.core.events import Event, SlotSet

    monkeypatch.setattr(Event, "resolve_by_type", Event.__dict__["resolve_by_type"])
    names = [cls.type_name for cls in common.all_subclasses(Event)]
    expected = {name: Event.resolve_by_type(name) for name in names}
    rasa_server.event_classes_from_a_table()
    assert {name: Event.resolve_by_type(name) for name in names} == expected
    assert len(set(expected.values())) > 15
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("nothing-of-the-kind", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("nothing-of-the-kind")


def test_the_action_response_check_agrees_with_rasas_schema():
    """The per-kind check gives the verdict of Rasa's full `oneOf` schema, valid and invalid answers alike."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    full, fast = validator_for(schema)(schema), rasa_server.action_response_check()
    slot = {"event": "slot", "timestamp": None, "name": "listed_offers", "value": ["a-1", "b-2"]}
    answers = [
        {"events": [slot, {"event": "followup", "timestamp": None, "name": "action_listen"}],
         "responses": [{"text": "J'ai trouvé 2 offres", "buttons": [{"title": "1", "payload": "/choose"}]}]},
        {"events": [], "responses": []},
        {"events": [{"event": "user", "text": "bonjour", "parse_data": {"intent": {"name": "greet", "confidence": 1.0}}}]},
        {"events": [{"event": "slot", "timestamp": "hier", "name": "x", "value": 1}]},  # timestamp no number
        {"events": [{"event": "no_such_kind"}]},
        {"events": [{"name": "x"}]},  # no « event »
        {"events": ["slot"]},
        {"events": {"event": "slot"}},  # not a list
        {"events": [{"event": "user", "text": 3}]},
        {"responses": "bonjour"},
        {"events": [{"event": "reminder", "name": "r", "date_time": "2025-08-05T10:00:00", "intent": "EXTERNAL_x"}]},
        {"events": [{"event": "action", "name": "action_listen", "policy": None, "confidence": "high"}]},
    ]
    verdicts = [fast(answer) for answer in answers]
    assert verdicts == [full.is_valid(answer) for answer in answers]
    assert True in verdicts and False in verdicts
