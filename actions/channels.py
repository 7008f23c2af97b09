"""What each messaging channel can show: longest message, and whether it has buttons.

The web widget, REST and the shell take any length; the connectors below are cut by their
platform, so long answers are split at line or sentence boundaries, and on channels without
buttons the numbered list already in the text is what the candidate answers to ("le 2").
"""
from __future__ import annotations

import re

MESSAGE_LIMITS = {"telegram": 4096, "facebook": 2000, "twilio": 1600, "slack": 3000, "botframework": 4000,
                  "mattermost": 4000, "rocketchat": 4000, "webexteams": 7000}
WITHOUT_BUTTONS = {"twilio"}


def split_message(text: str, limit: int) -> list[str]:
    """Parts of `text`, each at most `limit` characters, cut at a line, then a sentence, then a space."""
    parts: list[str] = []
    rest = text.strip()
    while len(rest) > limit:
        window = rest[:limit + 1]
        cut = max(window.rfind("\n"), -1)
        if cut < limit // 3:
            sentence_ends = [m.end() for m in re.finditer(r"[.!?;»](?=\s)", window)]
            cut = sentence_ends[-1] if sentence_ends and sentence_ends[-1] >= limit // 3 else window.rfind(" ")
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        parts.append(rest)
    return parts


def for_channel(channel: str | None, text: str) -> list[str]:
    limit = MESSAGE_LIMITS.get(channel or "")
    return split_message(text, limit) if limit else [text]


def has_buttons(channel: str | None) -> bool:
    return (channel or "") not in WITHOUT_BUTTONS
