"""`make status`: which parts of `make run` run, since when, how often each was restarted.

    python -m bot.status

Reads STATUS_FILE (written by the launcher, bot/supervisor.py) and asks each part's address
whether it answers. Exit 0 when a launcher runs, 1 otherwise.
"""
from __future__ import annotations

import json
import os
import sys
from datetime import datetime

from . import settings
from .supervisor import answers


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _when(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    minutes = int((datetime.now() - moment).total_seconds() // 60)
    ago = f"{minutes // 60} h {minutes % 60:02d}" if minutes >= 60 else f"{minutes} min"
    return f"le {moment:%d/%m à %H:%M:%S} (il y a {ago})"


def lines(status: dict) -> list[str]:
    running = status.get("stopped") is None and _alive(status.get("launcher_pid"))
    if running:
        out = [f"lancé {_when(status['started'])} (pid {status['launcher_pid']})"]
    elif status.get("stopped"):
        out = [f"rien ne tourne : le dernier lancement s'est arrêté {_when(status['stopped'])} "
               f"({status.get('stopped_because') or 'raison inconnue'})"]
    else:
        out = [f"rien ne tourne : le dernier lancement (pid {status.get('launcher_pid')}) a disparu sans s'arrêter proprement"]
    for part in status.get("parts", []):
        state = part["state"]
        if running and state == "en marche" and not answers(part["health"]):
            state = "en marche mais ne répond pas"
        restarts = part.get("restarts", 0)
        out.append(f"  {part['label']} : {state} depuis {_when(part['since'])}, "
                   f"{restarts} redémarrage{'s' if restarts > 1 else ''} — {part['address']}"
                   + (f" — journal {part['log']}" if part.get("log") else ""))
    return out


def main() -> int:
    try:
        status = json.loads(settings.STATUS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        print(f"rien ne tourne : aucun lancement noté dans {settings.STATUS_FILE} (démarrez avec `make run`)")
        return 1
    except (OSError, ValueError) as error:
        print(f"erreur : {settings.STATUS_FILE} illisible ({error})", file=sys.stderr)
        return 1
    print("\n".join(lines(status)))
    return 0 if status.get("stopped") is None and _alive(status.get("launcher_pid")) else 1


if __name__ == "__main__":
    sys.exit(main())
