"""The action server, bound to BIND_HOST (localhost by default) with no CORS: only Rasa calls it.

    python -m bot.action_server [--port N]
"""
from __future__ import annotations

import argparse
import logging
import sys

from rasa_sdk.endpoint import create_app
from sanic import response

from actions.index import knowledge, load_at_start
from offers_index import IndexFileError, config
from offers_index.knowledge import KnowledgeError

from . import settings

log = logging.getLogger("bot.action_server")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=settings.ACTION_PORT)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        # Loaded now, so a broken offer folder shows at start, not at the first question; the index
        # file must be there and readable (`make index` builds it), not silently rebuilt.
        index = load_at_start()
    except (OSError, IndexFileError) as error:
        print(f"erreur : impossible de charger les offres : {error}", file=sys.stderr)
        return 2
    try:
        entries = knowledge().entries  # a malformed knowledge file stops the start, never half loaded
    except KnowledgeError as error:
        print(f"erreur : base de connaissances data/knowledge illisible : {error}", file=sys.stderr)
        return 2
    log.info("%d offre(s) chargée(s), %d fiche(s) de connaissances", len(index.offers), len(entries))
    app = create_app("actions", cors_origins=[])

    @app.get("/settings")
    async def answering_from(_request):
        """The offer folder and forced day this server answers from (`make shell` reuses it only when they match)."""
        return response.json({"offers_dir": str(config.offers_dir().resolve()), "today": config.bot_today()})

    app.run(host=settings.BIND_HOST, port=args.port, workers=1, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
