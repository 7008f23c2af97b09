"""`rasa run`, with the HTTP API's secret taken from the environment (bot/launch.py starts this).

    python -m bot.rasa_server <rasa run arguments>

Rasa's HTTP API is on only when the arguments hold `--enable-api`; then RASA_API_TOKEN becomes
`--auth-token` and RASA_JWT_SECRET `--jwt-secret` (with RASA_JWT_METHOD), and without either the
server refuses to start: `PUT /model` and `/model/train` must never answer an anonymous caller.
The secret is added inside this process, so it never shows in the process list (`ps`).

It also takes three costs off every turn, found with py-spy (bench/RESULTS.md, REST section):

* `check_action_responses_once`: Rasa 3.6 checks each action server answer with
  `jsonschema.validate()`, which first re-checks Rasa's own constant schema against the
  JSON-schema metaschema: ~34 ms of every custom-action turn, more than all the rest of it.
* `without_spacy_ner`: spaCy's named-entity recogniser ran on every message, though nothing in
  the pipeline reads its output (features come from tokens, lemmas and vectors): ~2-4 ms.
* `sqlite_without_fsync_per_turn`: with the embedded SQLite store, WAL journal and
  `synchronous=NORMAL`, so a turn's commit does not wait for the disk; a crash of the process
  loses nothing, a power cut at most the last turns.
"""
from __future__ import annotations

import os
import sqlite3
import sys

NO_SECRET = ("erreur : RASA_ENABLE_API demande RASA_API_TOKEN ou RASA_JWT_SECRET "
             "(l'API de Rasa ne doit jamais être ouverte sans authentification)")


def rasa_arguments(arguments: list[str], env: dict[str, str]) -> list[str]:
    """`rasa run` arguments with the API secret added; ValueError when the API would be open."""
    if "--enable-api" not in arguments:
        return ["run", *arguments]
    token, jwt_secret = env.get("RASA_API_TOKEN", ""), env.get("RASA_JWT_SECRET", "")
    if not token and not jwt_secret:
        raise ValueError(NO_SECRET)
    extra = ["--auth-token", token] if token else []
    if jwt_secret:
        extra += ["--jwt-secret", jwt_secret, "--jwt-method", env.get("RASA_JWT_METHOD", "HS256")]
    return ["run", *arguments, *extra]


def check_action_responses_once() -> None:
    """Validate action server answers against Rasa's schema with one prebuilt validator; an invalid
    answer still goes through Rasa's own check, for its error message."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    original = RemoteAction._validate_action_result
    schema = RemoteAction.action_response_format_spec()
    validator = validator_for(schema)(schema)

    def validate_action_result(self: RemoteAction, result: dict) -> bool:
        return True if validator.is_valid(result) else original(self, result)

    RemoteAction._validate_action_result = validate_action_result


def without_spacy_ner() -> None:
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    original = SpacyNLP.load_model

    def load_model(spacy_model_name: str):
        loaded = original(spacy_model_name)
        if "ner" in loaded.model.pipe_names:
            loaded.model.disable_pipe("ner")
        return loaded

    SpacyNLP.load_model = staticmethod(load_model)


def _sqlite_pragmas(connection, _record) -> None:
    """Run on every new SQLite connection (Rasa's engine opens one per session)."""
    if isinstance(connection, sqlite3.Connection):
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def sqlite_without_fsync_per_turn() -> None:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    event.listen(Engine, "connect", _sqlite_pragmas)


def main() -> int:
    try:
        arguments = rasa_arguments(sys.argv[1:], dict(os.environ))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    from rasa.__main__ import main as rasa_main
    check_action_responses_once()
    without_spacy_ner()
    sqlite_without_fsync_per_turn()
    sys.argv = ["rasa", *arguments]
    rasa_main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
