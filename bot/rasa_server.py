"""`rasa run`, with the HTTP API's secret taken from the environment (bot/launch.py starts this).

    python -m bot.rasa_server <rasa run arguments>

Rasa's HTTP API is on only when the arguments hold `--enable-api`; then RASA_API_TOKEN becomes
`--auth-token` and RASA_JWT_SECRET `--jwt-secret` (with RASA_JWT_METHOD), and without either the
server refuses to start: `PUT /model` and `/model/train` must never answer an anonymous caller.
The secret is added inside this process, so it never shows in the process list (`ps`).

It also takes four costs off every turn, found by profiling (bench/RESULTS.md, REST section):

* `check_action_responses_once`: Rasa 3.6 checks each action server answer with
  `jsonschema.validate()`, which first re-checks Rasa's own constant schema against the
  JSON-schema metaschema: ~34 ms of every custom-action turn, more than all the rest of it.
* `without_unused_spacy_pipes`: of fr_core_news_md, the pipeline reads token texts and static
  vectors only (config.yml: no lemmas, no POS features; Rasa already skips the parser), yet
  spaCy ran its CNN, morphologizer, lemmatizer and named-entity recogniser on every message
  (~3-5 ms). Tests check config.yml reads none of their output and that tokens and vectors are
  identical on every example of data/nlu and tests/nlu.
* `pooled_sqlite_store`: with the embedded SQLite store, SQLAlchemy 1.4 opened a new database
  connection for each read and each write of a conversation (its default for SQLite files); a
  pool keeps them open (~3 ms per turn). Each connection also gets the WAL journal and
  `synchronous=NORMAL`, so a turn's commit does not wait for the disk; a crash of the process
  loses nothing, a power cut at most the last turns.
* `predict_through_concrete_functions`: DIET and TED predict through a `tf.function` with an
  input signature, which casts its numpy inputs against that signature at every call (~0.7 ms,
  three calls a turn); the function's one concrete function is called with tensors instead.
  Outputs are identical; an input it would refuse goes through the `tf.function` as before.

And one off the start: `load_without_tracing_training` runs eagerly the one-example fit Rasa
does to build a saved DIET or TED model before loading its weights; traced, that fit was most of
the model's load (bench/RESULTS.md, start-up section); predictions are identical (tests).
"""
from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Mapping

NO_SECRET = ("RASA_ENABLE_API demande RASA_API_TOKEN ou RASA_JWT_SECRET "
             "(l'API de Rasa ne doit jamais être ouverte sans authentification)")


def check_api_secret(env: Mapping[str, str]) -> None:
    """ValueError when the API would be open to anyone (also checked by the launcher, before
    anything starts)."""
    if not env.get("RASA_API_TOKEN") and not env.get("RASA_JWT_SECRET"):
        raise ValueError(NO_SECRET)


def rasa_arguments(arguments: list[str], env: Mapping[str, str]) -> list[str]:
    """`rasa run` arguments with the API secret added; ValueError when the API would be open."""
    if "--enable-api" not in arguments:
        return ["run", *arguments]
    check_api_secret(env)
    token, jwt_secret = env.get("RASA_API_TOKEN", ""), env.get("RASA_JWT_SECRET", "")
    extra = ["--auth-token", token] if token else []
    if jwt_secret:
        extra += ["--jwt-secret", jwt_secret, "--jwt-method", env.get("RASA_JWT_METHOD", "HS256")]
    return ["run", *arguments, *extra]


def action_response_check():
    """A function giving the verdict of Rasa's schema for action server answers, faster: Rasa's
    schema checks each event against all 23 event kinds (`oneOf`, ~0.4 ms an event, ~8 % of Rasa's
    CPU under load); their `event` constants are distinct, so an event is valid exactly when it
    fits the kind its own `event` names, which is all this checks."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    make = validator_for(schema)
    items = schema["properties"]["events"]["items"]
    common = {key: value for key, value in items.items() if key != "oneOf"}
    by_kind = {branch["properties"]["event"]["const"]: make({**common, "allOf": [branch]}) for branch in items["oneOf"]}
    assert len(by_kind) == len(items["oneOf"]), "event kinds of Rasa's schema are not distinct"
    outer = make({**schema, "properties": {**schema["properties"], "events": {"type": "array"}}})

    def valid(result) -> bool:
        if not outer.is_valid(result):
            return False
        for event in (result.get("events") or []):
            kind = by_kind.get(event.get("event")) if isinstance(event, dict) else None
            if kind is None or not kind.is_valid(event):
                return False
        return True

    return valid


def check_action_responses_once() -> None:
    """Validate action server answers with action_response_check; an answer it finds invalid still
    goes through Rasa's own check, for its error message."""
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    valid = action_response_check()

    def validate_action_result(self: RemoteAction, result: dict) -> bool:
        return True if valid(result) else original(self, result)

    RemoteAction._validate_action_result = validate_action_result


UNUSED_SPACY_PIPES = ("tok2vec", "morphologizer", "attribute_ruler", "lemmatizer", "ner")


def without_unused_spacy_pipes() -> None:
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    original = SpacyNLP.load_model

    def load_model(spacy_model_name: str):
        loaded = original(spacy_model_name)
        for name in UNUSED_SPACY_PIPES:
            if name in loaded.model.pipe_names:
                loaded.model.disable_pipe(name)
        return loaded

    SpacyNLP.load_model = staticmethod(load_model)


def _sqlite_pragmas(connection, _record) -> None:
    """Run on every new SQLite connection of the store's pool."""
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def pooled_sqlite_store() -> None:
    """Rasa builds its SQL store's engine with `create_engine_kwargs(url)`: for SQLite, ask for a
    connection pool (SQLAlchemy 2's default), usable from any thread since the pool lends each
    connection to one user at a time."""
    import rasa.core.tracker_store as tracker_store
    from sqlalchemy import event
    from sqlalchemy.engine import Engine, make_url
    from sqlalchemy.pool import QueuePool

    original = tracker_store.create_engine_kwargs

    def engine_kwargs(url) -> dict:
        kwargs = original(url)
        if make_url(url).get_backend_name() == "sqlite":
            kwargs.update(poolclass=QueuePool, connect_args={"check_same_thread": False})
        return kwargs

    tracker_store.create_engine_kwargs = engine_kwargs
    event.listen(Engine, "connect", _sqlite_pragmas)


class _ConcreteStep:
    """Stands for a model's prediction `tf.function` (see predict_through_concrete_functions)."""

    def __init__(self, function):
        self.function = function
        self.concrete = function.get_concrete_function()

    def __call__(self, batch_in):
        import tensorflow as tf

        try:
            tensors = [tf.convert_to_tensor(array) for array in batch_in]
            return self.concrete(tensors)
        except (TypeError, ValueError):
            return self.function(batch_in)


def predict_through_concrete_functions() -> None:
    """Rasa makes `_tf_predict_step` at a model's first prediction; from the next one on, the
    model predicts through its concrete function."""
    from rasa.utils.tensorflow.models import RasaModel

    original = RasaModel._rasa_predict

    def rasa_predict(self: RasaModel, batch_in):
        step = self._tf_predict_step
        if step is not None and not isinstance(step, _ConcreteStep):
            self._tf_predict_step = _ConcreteStep(step)
        return original(self, batch_in)

    RasaModel._rasa_predict = rasa_predict


def load_without_tracing_training() -> None:
    """Rasa builds a saved DIET or TED model's weights by fitting it on one example before loading
    them; that fit first traces the whole training step (forward, gradients, optimizer) as a
    TensorFlow graph only to run it once. Run eagerly, the one step builds the same variables
    without the tracing; prediction keeps its graph (the model's own setting is put back before
    Rasa's warm-up prediction)."""
    from rasa.utils.tensorflow.models import RasaModel

    original_fit, original_load = RasaModel.fit, RasaModel.load.__func__
    loading = []

    def fit(self: RasaModel, *args, **kwargs):
        if not loading:
            return original_fit(self, *args, **kwargs)
        configured, self._run_eagerly, self.train_function = self._run_eagerly, True, None
        try:
            return original_fit(self, *args, **kwargs)
        finally:
            self._run_eagerly, self.train_function = configured, None

    def load(cls, *args, **kwargs):
        loading.append(cls)
        try:
            return original_load(cls, *args, **kwargs)
        finally:
            loading.pop()

    RasaModel.fit = fit
    RasaModel.load = classmethod(load)


def event_classes_from_a_table() -> None:
    """Rasa finds the class of each event it reads back from the tracker store by walking every
    subclass of Event, with an `inspect.isabstract` check each, for every event of the conversation
    at every turn (~10 % of Rasa's CPU under load, bench/RESULTS.md). The same answer from a table
    of type names, built from the same walk (the first class of a name wins, as in Rasa's loop)
    and rebuilt when a name is missing (a class imported later); unknown names go to Rasa's own."""
    import rasa.shared.utils.common as common
    from rasa.shared.core.events import Event

    original = Event.resolve_by_type
    table: dict = {}

    def resolve_by_type(type_name, default=None):
        found = table.get(type_name)
        if found is None:
            table.clear()
            for cls in reversed(common.all_subclasses(Event)):
                table[cls.type_name] = cls
            found = table.get(type_name)
        return found if found is not None else original(type_name, default)

    Event.resolve_by_type = staticmethod(resolve_by_type)


def main() -> int:
    try:
        arguments = rasa_arguments(sys.argv[1:], dict(os.environ))
    except ValueError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    from rasa.__main__ import main as rasa_main
    check_action_responses_once()
    without_unused_spacy_pipes()
    pooled_sqlite_store()
    predict_through_concrete_functions()
    load_without_tracing_training()
    event_classes_from_a_table()
    sys.argv = ["rasa", *arguments]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
