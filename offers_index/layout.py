"""Parse one offer document (the portal's text format, or PDF-converted Markdown) into an Offer.

The format is loose: a label can be a `# Heading` with its value on the next non-empty line,
`Label : value` on one line, bold (`**Label :** value`), several labels on one line, or
interleaved with another column's text by a PDF conversion. Each line is split into
(label, value) segments; text that carries no label is given to the field still waiting for a
value, or continues the left-most field of the line above, or (after the header) belongs to the
current section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .dates import find_date, format_date
from .model import Offer, OfferError
from .normalize import display_location, find_communes, fold, fold_same_length

# field name -> pattern over folded (lower-case, accent-free) text
_FIELD_LABELS = {
    "reference": r"references?",
    "employer": r"employeur",
    "corps": r"corps(?:\s*ou\s*cadres?\s*d'emplois?)?(?:\s*/\s*cadre)?(?:\s*/\s*domaine)?"
             r"|cadres? d'emplois?(?:\s*/\s*domaine)?",
    "residence": r"duree de residence exigee(?:\s+pour le recrutement)?(?:\s+sur(?:\s+titre)?)?",
    "location": r"lieu de travail",
    "start": r"postes? a pourvoir",
    "published_on": r"date de (?:depot|publication)(?: de l'offre)?",
    "deadline": r"date limite(?: de (?:candidatures?|depot(?: des candidatures)?))?",
    "respnc_job": r"emploi respnc",
    "unit": r"unite organisationnelle",
    "service": r"service(?= ?:)",
}
_RESIDENCE_CONTINUATION = re.compile(r"(?:pour le recrutement\s*)?sur titre|pour le recrutement|titre\b")
_DIRECTION = re.compile(r"\bDirection\b")
# Every label starts a word with one of these letters: the lookahead lets the regex skip other positions fast.
_LABEL_RE = re.compile(r"\b(?=[cdelprsu])(?:" + "|".join(f"(?P<{name}>\\b(?:{pattern})\\b)" for name, pattern in _FIELD_LABELS.items()) + ")")
_AFTER_LABEL = re.compile(r"\s*(?:\(\s*\d\s*\)|[¹²³⁽⁾]+|\s)*\s*:?\s*")
_BODY_STARTERS = {"details de l'offre", "missions"}
_SECTION_HINTS = ("profil", "conditions", "contact", "avantages", "competences", "remuneration",
                  "activites", "savoir", "comportement", "pour repondre", "caracteristiques",
                  "place dans l'organigramme", "fonction du superieur", "nb d'agents", "nombre d'agents",
                  "contexte", "positionnement", "candidature", "informations")
_SERVICE_LINE = re.compile(r"^(?:le |la )?(service|direction|bureau|cellule|p[oô]le|section|agence|office)\b", re.I)
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&-]{1,11})\)\s*$")
_REFERENCE_NUMBER = re.compile(r"\d{2,4}(?:-\d{2,6})+")
_EMPTY_VALUES = {"", "/", "-", "–", "néant", "neant", "sans objet", "aucune", "aucun"}
_SINGLE_LINE_FIELDS = {"reference", "employer", "published_on", "deadline", "respnc_job", "residence"}


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


def read_text(path: Path) -> tuple[str, list[str]]:
    """The file's text (UTF-8, or Windows-1252 with a warning); OfferError when unreadable."""
    source = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise OfferError(source, "fichier", f"illisible ({error.strerror})") from error
    if not raw.strip():
        raise OfferError(source, "fichier", "fichier vide")
    if b"\x00" in raw:
        raise OfferError(source, "encodage", "fichier binaire ou encodage illisible (attendu : UTF-8)")
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), ["encodage Windows-1252 détecté (attendu : UTF-8), texte converti"]
    except UnicodeDecodeError as error:
        raise OfferError(source, "encodage", f"encodage illisible (attendu : UTF-8) à l'octet {error.start}") from error


def parse_file(path: str | Path) -> Offer:
    path = Path(path)
    text, warnings = read_text(path)
    return parse_text(text, source=str(path), warnings=warnings)


_LINK = re.compile(r"\[([^\]]*)\]\(((?:[^()\s]|\([^()]*\))*)\)")


def _link_text(match: re.Match) -> str:
    """[text](url) -> "text (url)" for web links, "text" otherwise (mailto: repeats the address)."""
    text, url = match.group(1).strip(), match.group(2).strip()
    return f"{text} ({url})" if url.startswith(("http://", "https://")) and url != text else text


def _clean_line(raw: str) -> _Line:
    if not raw or raw.isspace():
        return _Line(text="", bold=[], heading=0)
    raw = raw.replace("\\", "").replace("\u00a0", " ").replace("’", "'")
    if "[" in raw:
        raw = _LINK.sub(_link_text, raw)
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
        # fold and match just the beginning (labels are < 60 characters) instead of the whole paragraph.
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
        for match in _DIRECTION.finditer(line.text):
            start = match.start()
            if any(s <= start < e for s, e, _, _ in matches):
                continue
            after = _AFTER_LABEL.match(folded, match.end())
            preceding = max((m for m in matches if m[0] < start), default=None)
            is_bold = start < len(line.bold) and line.bold[start]
            if not (is_bold or start == body_start or ":" in after.group(0)
                    or (preceding and preceding[2] == "corps")):
                continue
            matches.append((start, after.end(), "direction", "Direction"))
    matches.sort()
    segments: list[_Segment] = []
    position = 0
    for index, (start, value_start, name, label) in enumerate(matches):
        if start < position:
            continue
        prefix = line.text[position:start].strip(" :")
        if prefix and not segments:
            segments.append(_Segment(None, prefix))
        elif prefix:
            segments[-1].value = (segments[-1].value + " " + prefix).strip()
        next_start = next((m[0] for m in matches[index + 1:] if m[0] >= value_start), len(line.text))
        segments.append(_Segment(name, line.text[value_start:next_start].strip(), label))
        position = next_start
    if not matches:
        segments.append(_Segment(None, line.text.strip()))
    elif position < len(line.text) and not segments:
        segments.append(_Segment(None, line.text[position:].strip()))
    return segments


def _is_empty(value: str | None) -> bool:
    return value is None or fold(value).strip(" .:") in _EMPTY_VALUES


def _section_heading(line: _Line) -> tuple[str, str] | None:
    """(section name, text on the same line) when the line opens a section of the body."""
    text = line.text.lstrip("-•* ").strip()
    if not text:
        return None
    if line.heading:
        name, _, rest = text.partition(":")
        return name.strip(), rest.strip()
    bold_prefix = ""
    offset = len(line.text) - len(line.text.lstrip("-•* "))
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
    if not text:
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
    if _SERVICE_LINE.match(text) and "service" not in state.values:
        state.values["service"] = text
        return
    if state.continuation and find_communes(text) and "location" in state.values \
            and state.continuation != "location" and not find_communes(state.values["location"]):
        _append(state, "location", text)
        return
    if state.continuation:
        _append(state, state.continuation, text)


def _parse_lines(lines: list[_Line], title: str) -> _State:
    state = _State()
    seen_field = False
    for line in lines:
        if not line.text.strip():
            continue
        if line.text.strip("-*_ ") == "":
            continue
        segments = _segments(line, in_header=not state.in_body)
        labelled = [s for s in segments if s.field]
        if not labelled:
            heading = _section_heading(line) if (state.in_body or line.heading or seen_field) else None
            if line.heading and not seen_field and not state.in_body:
                continue  # the title repeated as a second heading
            if heading and (state.in_body or line.heading or fold(heading[0]) in _BODY_STARTERS
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
            if segment.field == "residence_cont" and "residence" in state.values:
                if state.values["residence"] and not _is_empty(state.values["residence"]):
                    continue
            if name in state.values and state.values[name] and not _is_empty(state.values[name]):
                continue  # a later mention never overrides the first value
            if name in ("direction",):
                value = _direction_value(value)
            state.values[name] = value
            if name == "residence" and segment.field != "residence_cont":
                state.values.setdefault("_residence_label", "1")
            if not value:
                new_pending.append(name)
            elif first_target is None and not _is_empty(value) and name not in _SINGLE_LINE_FIELDS:
                first_target = name
        state.pending = new_pending
        state.continuation = first_target
        if not state.in_body and any(s.field in ("respnc_job",) for s in segments) and False:
            state.in_body = True
    return state


def _direction_value(value: str) -> str:
    value = value.strip(" :")
    if not value:
        return ""
    if re.match(r"(?:de|des|du|d')\b", value, re.I) or value.startswith("d'"):
        return "Direction " + value
    return value


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-")


def parse_text(text: str, *, source: str = "<texte>", warnings: list[str] | None = None) -> Offer:
    warnings = list(warnings or [])
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    if not text.strip():
        raise OfferError(source, "fichier", "fichier vide")
    lines = [_clean_line(raw) for raw in text.splitlines()]
    title_index = next((i for i, line in enumerate(lines) if line.heading and line.text.strip()), None)
    if title_index is None:
        first = next((i for i, line in enumerate(lines) if line.text.strip()), None)
        if first is not None and not any(s.field for s in _segments(lines[first], in_header=True)) \
                and len(lines[first].text) <= 150 and not lines[first].text.rstrip().endswith("."):
            title_index = first
    if title_index is None:
        raise OfferError(source, "titre", "aucun titre (la première ligne doit être « # Intitulé du poste »)")
    title = re.sub(r"\s+", " ", lines[title_index].text).strip(" :")
    if any(s.field for s in _segments(lines[title_index], in_header=True)):
        raise OfferError(source, "titre", f"aucun titre (la première rubrique est « {title} »)")
    state = _parse_lines(lines[title_index + 1:], title)
    values = state.values

    deadline_text = values.get("deadline")
    if _is_empty(deadline_text):
        raise OfferError(source, "date limite de candidature", "absente ou vide")
    deadline = find_date(deadline_text)
    if deadline is None:
        raise OfferError(source, "date limite de candidature", f"date illisible : « {deadline_text} »")
    published = find_date(values["published_on"]) if not _is_empty(values.get("published_on")) else None
    if published is None:
        warnings.append("date de dépôt de l'offre absente ou illisible")
    for label, parsed in (("date de dépôt", published), ("date limite", deadline)):
        if parsed and parsed.weekday_mismatch:
            warnings.append(f"{label} : « {parsed.weekday_mismatch} » ne correspond pas au "
                            f"{format_date(parsed.value, weekday=False)}, qui est un {format_date(parsed.value).split()[0]}")

    reference = re.sub(r"\s+", " ", values.get("reference") or "").strip() or None
    reference_number = None
    reference_date = None
    if reference:
        number = _REFERENCE_NUMBER.search(reference)
        reference_number = number.group(0) if number else None
        if number and re.match(r"\s+[A-Z]{2,}\b", reference[number.end():]):
            warnings.append(f"référence sans barre oblique : « {reference} » (attendu « {reference_number}/… »)")
        parsed_reference_date = find_date(reference)
        reference_date = parsed_reference_date.value if parsed_reference_date else None
    else:
        warnings.append("référence absente")

    deadline_value, published_value = deadline.value, published.value if published else None
    if published_value and deadline_value < published_value:
        if reference_date == deadline_value:
            deadline_value, published_value = published_value, deadline_value
            warnings.append(f"date limite ({format_date(published_value)}) antérieure à la date de dépôt "
                            f"({format_date(deadline_value)}) : dates inversées par la mise en page, "
                            f"rétablies d'après la date de la référence")
        else:
            warnings.append(f"date limite ({format_date(deadline_value)}) antérieure à la date de dépôt "
                            f"({format_date(published_value)})")
    anchor = published_value or reference_date
    if anchor and (deadline_value - anchor).days > 365:
        warnings.append(f"année improbable pour la date limite : {format_date(deadline_value)}, "
                        f"plus d'un an après le dépôt ({format_date(anchor)})")
    if anchor and published_value and reference_date and abs((published_value - reference_date).days) > 365:
        warnings.append(f"année improbable pour la date de dépôt : {format_date(published_value)}")

    corps_value = values.get("corps")
    direction = values.get("direction") or None
    corps = None if _is_empty(corps_value) else re.sub(r"\s+", " ", corps_value).strip(" :")
    if corps and " - " in corps:
        corps = corps.split(" - ")[0].strip()
    service_line = values.get("service") or values.get("unit")
    service, acronym = None, None
    if service_line and not _is_empty(service_line):
        match = _ACRONYM.search(service_line)
        acronym = match.group(1) if match else None
        service = _ACRONYM.sub("", service_line).strip(" -–:") if match else service_line.strip(" -–:")
    if service and not acronym and _SERVICE_LINE.match(service) is None and values.get("unit") == service_line:
        pass
    workplace = None if _is_empty(values.get("location")) else re.sub(r"\s+", " ", values["location"]).strip(" -–:")
    location = display_location(workplace) if workplace else None
    if location is None:
        warnings.append("lieu de travail absent")
    residence = values.get("residence")
    residence = None if _is_empty(residence) else residence.strip(" :")

    sections = {name: "\n".join(parts).strip() for name, parts in state.sections.items()}
    sections = {name: body for name, body in sections.items() if body or name in ("Détails de l'offre", "Missions")}
    if sections.get("Détails de l'offre", None) == "":
        del sections["Détails de l'offre"]

    return Offer(
        id=_slug(title) + (f"-{reference_number}" if reference_number else ""),
        title=title,
        reference=reference,
        reference_number=reference_number,
        employer=None if _is_empty(values.get("employer")) else values["employer"].strip(" :"),
        corps=corps,
        service=service,
        service_acronym=acronym,
        location=location,
        residence_requirement=residence,
        start=None if _is_empty(values.get("start")) else re.sub(r"\s+", " ", values["start"]).strip(" :"),
        published_on=published_value.isoformat() if published_value else None,
        deadline=deadline_value.isoformat(),
        respnc_job=None if _is_empty(values.get("respnc_job")) else values["respnc_job"].strip(" :.*"),
        direction=direction,
        sections=sections,
        warnings=warnings,
        source=source,
        workplace=workplace,
    )
