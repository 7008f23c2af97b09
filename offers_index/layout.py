"""Read the layout of an offer document: its lines, labelled values and sections (step one of
parser.py).

The format is loose: a label can be a `# Heading` with its value on the next non-empty line,
`Label : value` on one line, bold (`**Label :** value`), several labels on one line, or
interleaved with another column's text by a PDF conversion. Each line is split into
(label, value) segments; text that carries no label is given to the field still waiting for a
value, or continues the left-most field of the line above, or (after the header) belongs to the
current section.
"""
from __future__ import annotations

import bisect
import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import lexicon
from .fields import NOTICE_LABELS, SINGLE_LINE
from .model import OfferError
from .normalize import find_communes, fold, fold_same_length

_FIELD_LABELS = NOTICE_LABELS  # field name -> pattern over folded (lower-case, accent-free) text
_RESIDENCE_CONTINUATION = re.compile(r"(?:pour le recrutement\s*)?sur titre|pour le recrutement|titre\b")
_DIRECTION = re.compile(r"\bDirection\b")
# Every label starts a word with one of these letters: the lookahead lets the regex skip other positions fast.
_LABEL_FIRST_LETTERS = "cdelprsuCDELPRSU"
_LABEL_RE = re.compile(r"\b(?=[cdelprsu])(?:" + "|".join(f"(?P<{name}>\\b(?:{pattern})\\b)" for name, pattern in _FIELD_LABELS.items()) + ")")
_AFTER_LABEL = re.compile(r"\s*(?:\(\s*\d\s*\)|[¹²³⁽⁾]+|\s)*\s*:?\s*")
_BODY_STARTERS = lexicon.BODY_STARTERS
_SECTION_HINTS = lexicon.SECTION_HINTS
_SERVICE_LINE = re.compile(r"^(?:le |la )?(?:" + "|".join(lexicon.UNIT_WORDS) + r")\b")
_SINGLE_LINE_FIELDS = SINGLE_LINE
MAX_UNIT_NAME = 150  # a longer "service" is a paragraph, not a name
MAX_FILE_BYTES = 200_000  # ten times the largest real notice (17 kB): a bigger file is not an offer
MAX_VALUE = 2_000  # characters a labelled value may grow to over continuation lines


@dataclass
class _Line:
    text: str  # markup removed
    bold: list[bool]  # per character of text: was it inside ** **
    heading: int  # number of leading '#'


@dataclass
class _Segment:
    field: str | None  # None: text that carries no label
    value: str
    label: str = ""


@dataclass
class _State:
    values: dict[str, str] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)  # fields waiting for a value on the next line
    continuation: str | None = None  # field that unlabelled text continues
    in_body: bool = False
    section: str | None = None
    sections: dict[str, list[str]] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)  # the lines before the body, markup removed


# What the system says (in English) of a file it cannot open, in French.
_OS_ERRORS = {errno.ENOENT: "introuvable", errno.EACCES: "illisible (accès refusé)", errno.EISDIR: "illisible (c'est un dossier)"}


def read_text(path: Path) -> tuple[str, list[str]]:
    """The file's text (UTF-8, or Windows-1252 with a warning); OfferError when unreadable or
    larger than MAX_FILE_BYTES."""
    source = str(path)
    try:
        with open(source, "rb") as handle:  # one open and fstat: pathlib's stat + read_bytes took 4 % of a build
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise OfferError(source, "fichier", f"trop volumineux ({size // 1000} ko ; une offre fait au plus "
                                                    f"{MAX_FILE_BYTES // 1000} ko)",
                                 short="fichier trop volumineux")
            raw = handle.read()
    except OSError as error:
        why = _OS_ERRORS.get(error.errno, "illisible")
        raise OfferError(source, "fichier", f"{why} ({error.strerror})" if why == "illisible" else why,
                         short=f"fichier {why}") from error
    if not raw.strip():
        raise OfferError(source, "fichier", "fichier vide")
    if b"\x00" in raw:
        raise OfferError(source, "encodage", "fichier binaire ou encodage illisible (attendu : UTF-8)",
                         short="encodage illisible")
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), ["encodage Windows-1252 détecté (attendu : UTF-8), texte converti"]
    except UnicodeDecodeError as error:
        raise OfferError(source, "encodage", f"encodage illisible (attendu : UTF-8) à l'octet {error.start}",
                         short="encodage illisible") from error


# Linear in the line's length: the link text cannot hold "[" (a line of 50,000 "[" was quadratic).
_LINK = re.compile(r"\[([^\[\]]*)\]\(((?:[^()\s]|\([^()\s]*\))*)\)")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\s]*\)")


def _link_text(match: re.Match) -> str:
    """[text](url) -> "text (url)" for web links, "text" otherwise (mailto: repeats the address)."""
    text, url = match.group(1).strip(), match.group(2).strip()
    return f"{text} ({url})" if url.startswith(("http://", "https://")) and url != text else text


def _clean_line(raw: str) -> _Line:
    if not raw or raw.isspace():
        return _Line(text="", bold=[], heading=0)
    raw = raw.replace("\\", "").replace("\u00a0", " ").replace("’", "'")
    if "[" in raw:
        raw = _LINK.sub(_link_text, _IMAGE.sub("", raw))
    raw = raw.replace("⁽", "(").replace("⁾", ")").replace("¹", "1").replace("²", "2")
    stripped = raw.lstrip()
    heading = len(stripped) - len(stripped.lstrip("#"))
    stripped = stripped[heading:]
    if "*" not in stripped and "__" not in stripped:  # fast path: no bold/italics markup on the line
        text, bold, index = [stripped], [False] * len(stripped), len(stripped)
    else:
        text, bold, index = [], [], 0
    is_bold = False
    while index < len(stripped):
        if stripped.startswith("**", index) or stripped.startswith("__", index):
            is_bold = not is_bold
            index += 2
            continue
        if stripped[index] == "*" and (index + 1 == len(stripped) or stripped[index + 1] != " "):
            index += 1  # italics marker
            continue
        text.append(stripped[index])
        bold.append(is_bold)
        index += 1
    joined = "".join(text)
    leading = len(joined) - len(joined.lstrip())
    joined, bold = joined[leading:].rstrip(), bold[leading:]
    return _Line(text=re.sub(r"\s+", " ", joined) if joined.count("  ") else joined, bold=bold[: len(joined)], heading=heading)


def _segments(line: _Line, *, in_header: bool) -> list[_Segment]:
    """Split a line into an unlabelled prefix and (field, value) segments."""
    if not in_header and not line.heading and ":" not in line.text and True not in line.bold:
        # Body line without colon, bold or heading: only a label at its very start can count, so
        # fold and match just the beginning (labels are < 60 characters) instead of the whole paragraph;
        # and none starts with a letter no label starts with.
        first = line.text.lstrip("-•* ")[:1]
        if not first or fold_same_length(first) not in _LABEL_FIRST_LETTERS:
            return [_Segment(None, line.text.strip())]
        head = fold_same_length(line.text[:100])
        start = len(head) - len(head.lstrip("-•* "))
        if start < 40 and not _LABEL_RE.match(head, start):
            return [_Segment(None, line.text.strip())]
    folded = fold_same_length(line.text)
    body_start = len(folded) - len(folded.lstrip("-•* "))
    matches = []
    for match in _LABEL_RE.finditer(folded):
        start, end = match.span()
        after = _AFTER_LABEL.match(folded, end)
        has_colon = ":" in after.group(0)
        at_start = start == body_start
        is_bold = bool(line.bold) and start < len(line.bold) and line.bold[start]
        if not (at_start or is_bold or has_colon or line.heading):
            continue
        matches.append((start, after.end(), match.lastgroup, line.text[start:end]))
    if in_header:
        continuation = _RESIDENCE_CONTINUATION.match(folded, body_start)
        if continuation and not any(m[0] == body_start for m in matches):
            end = _AFTER_LABEL.match(folded, continuation.end()).end()
            matches.append((body_start, end, "residence_cont", line.text[body_start:continuation.end()]))
        elif re.match(r"\(\s*1\s*\)\s*:?", folded[body_start:]) and not matches:
            end = re.match(r"\(\s*1\s*\)\s*:?\s*", folded[body_start:]).end() + body_start
            matches.append((body_start, end, "residence_cont", "(1)"))
        labels, starts = sorted(matches), sorted(m[0] for m in matches)  # bisect: linear in the line's length
        for match in _DIRECTION.finditer(line.text):
            start = match.start()
            before = bisect.bisect_left(starts, start) - 1
            if before + 1 < len(labels) and labels[before + 1][0] == start:
                continue
            preceding = labels[before] if before >= 0 else None
            if preceding and preceding[0] <= start < preceding[1]:
                continue
            after = _AFTER_LABEL.match(folded, match.end())
            is_bold = start < len(line.bold) and line.bold[start]
            if not (is_bold or start == body_start or ":" in after.group(0)
                    or (preceding and preceding[2] == "corps")):
                continue
            matches.append((start, after.end(), "direction", "Direction"))
    matches.sort()
    segments: list[_Segment] = []
    position = 0
    following = 0  # index of the first label at or after the current value's start
    for index, (start, value_start, name, label) in enumerate(matches):
        if start < position:
            continue
        prefix = line.text[position:start].strip(" :")
        if prefix and not segments:
            segments.append(_Segment(None, prefix))
        elif prefix:
            segments[-1].value = (segments[-1].value + " " + prefix).strip()
        following = max(following, index + 1)
        while following < len(matches) and matches[following][0] < value_start:
            following += 1
        next_start = matches[following][0] if following < len(matches) else len(line.text)
        segments.append(_Segment(name, line.text[value_start:next_start].strip(), label))
        position = next_start
    if not matches:
        segments.append(_Segment(None, line.text.strip()))
    elif position < len(line.text) and not segments:
        segments.append(_Segment(None, line.text[position:].strip()))
    return segments


def is_empty(value: str | None) -> bool:
    """No value, or one that says nothing (« / », « néant »…)."""
    if value is None:
        return True
    return len(value) <= _LONGEST_EMPTY_VALUE and fold(value).strip(" .:*") in lexicon.EMPTY_VALUES


_LONGEST_EMPTY_VALUE = 3 * max(map(len, lexicon.EMPTY_VALUES))  # room for spaces and punctuation
_LONGEST_BODY_STARTER = max(map(len, lexicon.BODY_STARTERS))


def _section_heading(line: _Line) -> tuple[str, str] | None:
    """(section name, text on the same line) when the line opens a section of the body (without the
    replacement characters a lost emoji left before it, « �� Missions »)."""
    text = line.text.lstrip("-•* \ufffd").strip()
    if not text:
        return None
    if line.heading:
        if re.search(lexicon.URL, text):
            return None  # « #### *2 [Aide-soignants](https://…) en médecine polyvalente* »: a link, not a section
        name, _, rest = text.partition(":")
        return name.strip(), rest.strip()
    offset = len(line.text) - len(line.text.lstrip("-•* "))
    starts_bold = offset < len(line.bold) and line.bold[offset]
    if not starts_bold and ":" not in text[:62] and len(text) > _LONGEST_BODY_STARTER + 2:
        return None  # a paragraph: what follows only accepts a bold start, a colon or a short line
    bold_prefix = ""
    for char, is_bold in zip(line.text[offset:], line.bold[offset:]):
        if not is_bold:
            break
        bold_prefix += char
    folded = fold(text if len(text) <= 80 else text[:80])  # only prefixes and short lines are compared below
    if bold_prefix.strip() and len(bold_prefix.split()) <= 8:
        name, colon, rest_in_bold = bold_prefix.partition(":")
        rest = (rest_in_bold + text[len(bold_prefix):]).strip(" :")
        if colon or folded.startswith(_SECTION_HINTS) or fold(name.strip()) in _BODY_STARTERS:
            return name.strip(" :"), rest
        if not rest:
            return name.strip(" :"), ""
    match = re.match(r"([^:]{2,60}?)\s*:\s*(.*)$", text)
    if match and fold(match.group(1)).startswith(_SECTION_HINTS + tuple(_BODY_STARTERS)):
        return match.group(1).strip(), match.group(2).strip()
    if folded.rstrip(" :") in _BODY_STARTERS:
        return text.rstrip(" :"), ""
    return None


def _append(state: _State, name: str, text: str) -> None:
    if not text or len(state.values.get(name) or "") > MAX_VALUE:  # a field is never that long: stop, stay linear
        return
    state.values[name] = (state.values.get(name, "") + " " + text).strip() if state.values.get(name) else text


def _add_to_section(state: _State, text: str) -> None:
    if state.section is None:
        state.section = "Détails de l'offre"
    state.sections.setdefault(state.section, []).append(text)


def _open_section(state: _State, name: str, text: str) -> None:
    name = re.sub(r"\s+", " ", name).strip(" :*-")
    canonical = {"details de l'offre": "Détails de l'offre", "missions": "Missions"}.get(fold(name), name)
    state.in_body, state.section = True, canonical
    state.sections.setdefault(canonical, [])
    state.pending, state.continuation = [], None
    if text:
        state.sections[canonical].append(text)


def _handle_unlabelled(state: _State, text: str) -> None:
    if not text:
        return
    if state.pending:
        name = state.pending.pop(0)
        state.values[name] = text
        state.continuation = None if name in _SINGLE_LINE_FIELDS else name
        return
    if state.in_body:
        _add_to_section(state, text)
        return
    if "service" not in state.values and len(text) <= MAX_UNIT_NAME and _SERVICE_LINE.match(fold(text)) \
            and not text.endswith("."):
        state.values["service"] = text
        state.continuation = "service" if re.search(lexicon.UNFINISHED_NAME, fold(text)) else state.continuation
        return
    if state.continuation == "service" and len(state.values["service"]) + len(text) < MAX_UNIT_NAME:
        _append(state, "service", text)  # « SERVICE DE L'INSPECTION, DES RELATIONS ET » / « CONDITIONS DE TRAVAIL »
        state.continuation = None
        return
    if state.continuation and find_communes(text) and "location" in state.values \
            and state.continuation != "location" and not find_communes(state.values["location"]):
        _append(state, "location", text)
        return
    if state.continuation:
        _append(state, state.continuation, text)


def read_lines(lines: list[_Line]) -> _State:
    """Labelled values, header lines and sections of the lines after the title."""
    state = _State()
    seen_field = False
    for line in lines:
        if not line.text.strip():
            continue
        if line.text.strip("-*_ ") == "":
            continue
        if not state.in_body:
            state.header.append(line.text)
        # « **Durée de résidence exigée** » then « **pour le recrutement sur titre (1) :** … » read as
        # one label even when a heading (« ## Employeur ») already opened the body
        segments = _segments(line, in_header=not state.in_body or "residence" in state.pending)
        labelled = [s for s in segments if s.field]
        if not labelled:
            heading = _section_heading(line) if (state.in_body or line.heading or seen_field) else None
            if line.heading and not seen_field and not state.in_body and not (
                    heading and (fold(heading[0]) in _BODY_STARTERS or fold(heading[0]).startswith(_SECTION_HINTS))):
                continue  # the title repeated as a second heading; « ## Contexte et mission » opens the body
            if heading and state.continuation != "service" and (
                    state.in_body or line.heading or fold(heading[0]) in _BODY_STARTERS
                    or fold(heading[0]).startswith(_SECTION_HINTS)):
                if not state.in_body and not line.heading and state.pending and heading[1]:
                    _handle_unlabelled(state, line.text)
                    continue
                _open_section(state, *heading)
                continue
            _handle_unlabelled(state, segments[0].value)
            continue
        seen_field = True
        if segments[0].field is None:
            _handle_unlabelled(state, segments[0].value)
            segments = segments[1:]
        new_pending: list[str] = []
        first_target = None
        for segment in segments:
            name = "residence" if segment.field == "residence_cont" else segment.field
            if name == "direction" and state.in_body:
                continue
            value = segment.value
            if segment.field == "residence_cont" and state.values.get("residence") \
                    and not is_empty(state.values["residence"]):
                continue
            if name in state.values and state.values[name] and not is_empty(state.values[name]):
                continue  # a later mention never overrides the first value
            if name in ("direction",):
                value = _direction_value(value)
            state.values[name] = value
            if not value:
                new_pending.append(name)
            elif first_target is None and not is_empty(value) and name not in _SINGLE_LINE_FIELDS:
                first_target = name
        state.pending = new_pending
        # "Corps : attaché **Direction : Direction des …**" and the next line "… (DITTT)": the text
        # below continues the direction written last on the line, not the corps.
        # A label with a colon ("Direction : Télécom") keeps the PDF's left column rule.
        last = segments[-1] if segments else None
        names_direction = last is not None and last.field == "direction" and re.match(r"(?:de|des|du|d')\b", last.value, re.I)
        state.continuation = "direction" if names_direction else first_target
    return state


def _direction_value(value: str) -> str:
    value = value.strip(" :")
    if not value:
        return ""
    if re.match(r"(?:de|des|du|d'|générale)\b", value) or value.startswith("d'"):
        return "Direction " + value
    return value


def lines_of(text: str) -> list[_Line]:
    """The document's lines, markup removed; HTML comments dropped and a day split from its "er"
    by the PDF conversion ("1\ner octobre") glued back."""
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    if _ER_LINE.search(text):  # the full pattern, tried at every position, cost 4 % of a build
        text = _SPLIT_DAY.sub(r"\1\2", text)
    return [_clean_line(raw) for raw in text.splitlines()]


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SPLIT_DAY = re.compile(r"\b(\d{1,2})\s*\n\s*(er\b)")
_ER_LINE = re.compile(r"\n\s*er\b")  # what every _SPLIT_DAY match holds


def has_label(line: _Line) -> bool:
    return any(segment.field for segment in _segments(line, in_header=True))
