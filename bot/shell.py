"""`make shell`: talk to the bot in the terminal (for HR).

Starts the action server when none answers on ACTION_PORT (and stops it on exit), then the Rasa
shell on SHELL_PORT, which does not collide with `make run`'s Rasa server.
"""
from __future__ import annotations

import subprocess
import sys

from offers_index.config import PROJECT_ROOT

from . import settings
from .launch import RASA, Stack, StartError, answers, latest_model


def main() -> int:
    stack = Stack(action_port=settings.ACTION_PORT)
    try:
        if answers(f"{stack.action_url}/health"):
            print(f"serveur d'actions déjà en marche sur le port {settings.ACTION_PORT}", flush=True)
        else:
            print("démarrage du serveur d'actions…", flush=True)
            stack.start_action_server()
        model = latest_model(settings.MODEL_DIR)
        stack.rasa_port = settings.SHELL_PORT
        endpoints = stack.write_endpoints()
        return subprocess.call([RASA, "shell", "--model", str(model), "--interface", settings.BIND_HOST,
                                "--port", str(settings.SHELL_PORT),
                                "--endpoints", str(endpoints)], cwd=PROJECT_ROOT)
    except StartError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
