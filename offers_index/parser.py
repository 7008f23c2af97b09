"""Parse one offer document (the portal's text format, PDF-converted Markdown, or a notice written
as prose) into an Offer, in named steps: layout (labels and sections, layout.py), title, dates,
reference, organisation, corps, place, residence, contract, posts. Each step records what looks
wrong as an OfferWarning on the field it concerns.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import lexicon, organisations
from .dates import find_date, format_date
from .fields import NOTICE_LABELS
from .layout import MAX_UNIT_NAME, has_label, is_empty, lines_of, read_lines, read_text
from .model import Offer, OfferError, OfferWarning
from .normalize import find_communes, fold, fold_same_length, province_of, provinces

_REFERENCE_NUMBER = re.compile(r"\d{2,4}(?:-\d{2,6})+")
_ACRONYM = re.compile(r"\(([A-Z][A-Z0-9&.-]{1,11})\)\s*$")
_UNIT_IN_SENTENCE = re.compile(r"(?:le |la |l')?((?:" + "|".join(lexicon.SERVICE_WORDS)
                               + r")\b[^.()]{3,90}?)\s*\(([a-z][a-z0-9-]{1,10})\)")
_ADDRESS_WORD = re.compile(r"\b(?:" + "|".join(lexicon.ADDRESS_WORDS) + r")\b")
_FIELD_LABEL = re.compile(r"\b(?:" + "|".join(NOTICE_LABELS.values()) + r")\b")
_ANY_LABEL = re.compile(r"\b(?:" + "|".join(NOTICE_LABELS.values()) + r"|details de l'offre|missions?\b)\b")
_RESIDENCE_LABEL = re.compile(r"duree de residence exigee")
_RESIDENCE_LABEL_AS_WRITTEN = re.compile(r"dur[ée]e de r[ée]sidence exig[ée]e", re.I)
RESIDENCE_WINDOW = 1_200  # characters after the label that may hold its value, other labels interleaved
_APPLICATION_LINE = re.compile(lexicon.APPLICATION_LINE)
_CONTRACT_SENTENCE = re.compile(r"(?=[" + lexicon.CONTRACT_SENTENCE_STARTS + "])" + lexicon.CONTRACT_SENTENCE)
_CONTRACT_TERMS = [(re.compile(pattern), term) for pattern, term in lexicon.CONTRACT_TERMS.items()]
_ANY_CONTRACT_TERM = re.compile("|".join(f"(?:{pattern})" for pattern in lexicon.CONTRACT_TERMS))
_DEADLINE_IN_PROSE = re.compile(lexicon.DEADLINE_IN_PROSE)  # over the lower-cased text
_POSTPONED_DEADLINE = re.compile(lexicon.POSTPONED_DEADLINE)
_POSTS_IN_TITLE = re.compile(r"\s*(\d{1,2}|deux|trois|quatre|cinq)\s+\D", re.I)
_POSTS_OFFERED = re.compile(lexicon.POSTS_OFFERED, re.I)
CONTRACT_SCAN = 4_000  # characters of header and body read for contract terms (they come first)


@dataclass
class _Notes:
    """The warnings of one notice, as they are found."""
    warnings: list[OfferWarning] = field(default_factory=list)

    def add(self, field_name: str, code: str, message: str) -> None:
        self.warnings.append(OfferWarning(field_name, code, message))


def parse_file(path: str | Path) -> Offer:
    path = Path(path)
    text, encoding_warnings = read_text(path)
    return parse_text(text, source=str(path), warnings=encoding_warnings)


def parse_text(text: str, *, source: str = "<texte>", warnings: list[str] | None = None) -> Offer:
    """The offer of a notice's text; OfferError naming every problem that refuses it (no title, no
    or unreadable deadline) together with what else looks wrong, so HR mends the notice in one go."""
    notes = _Notes([OfferWarning("fichier", "encoding", message) for message in warnings or []])
    preamble = _preamble(text)
    lines = lines_of(_FRONT_MATTER.sub("", text, count=1) if preamble.startswith(" après l'en-tête") else text)
    if not any(line.text.strip() for line in lines):
        raise OfferError(source, "fichier", "fichier vide")
    problems: list[tuple[str, str, str]] = []
    title_index, title, published_number = _title(lines, preamble, problems)
    layout = read_lines(lines[title_index + 1:])
    values = layout.values
    header = "\n".join(layout.header)
    full_text = "\n".join(line.text for line in lines)
    sections = _sections(layout.sections)

    deadline, initial_deadline, other_deadlines = _deadline(values, full_text, problems, notes)
    published = _published(values, notes)
    reference, number, reference_date = _reference(values, published_number, notes)
    if deadline is not None:
        deadline, published = _check_dates(deadline, published, reference_date, notes)
    organisation = _organisation(values, title, header, full_text, reference, notes)
    corps, domain = _corps(values.get("corps"))
    place = _place(values.get("location"), title, header, "\n".join(sections.values()), notes)
    if problems:
        (first_field, first_problem, first_short), *more = problems
        raise OfferError(source, first_field, first_problem, short=first_short, more=more, warnings=notes.warnings)
    residence_text, residence = _residence(header, values.get("residence"))
    contract, contract_text = _contract(header, "\n".join(sections.values())[:CONTRACT_SCAN], corps)
    start, start_on = _start(values.get("start"))

    return Offer(
        id=_slug(title) + (f"-{number}" if number else ""),
        title=title,
        reference=reference,
        reference_number=number,
        employer=organisation.employer,
        corps=corps,
        service=organisation.service,
        service_acronym=organisation.service_acronym,
        location=place.location,
        residence_requirement=residence_text,
        start=start,
        published_on=published.isoformat() if published else None,
        deadline=deadline.isoformat(),
        respnc_job=_respnc_job(values.get("respnc_job")),
        direction=organisation.direction,
        sections=sections,
        warnings=notes.warnings,
        source=source,
        workplace=place.workplace,
        province=place.province,
        address=place.address,
        employer_acronym=organisation.employer_acronym,
        direction_acronym=organisation.direction_acronym,
        domain=domain,
        contract=contract,
        contract_text=contract_text,
        residence=residence,
        posts=_posts(title, header),
        start_on=start_on.isoformat() if start_on else None,
        initial_deadline=initial_deadline.isoformat() if initial_deadline else None,
        other_deadlines=[day.isoformat() for day in other_deadlines],
    )


def _respnc_job(value: str | None) -> str | None:
    """The emploi RESPNC, a name: a paragraph under an empty « Emploi RESPNC » heading is not one."""
    if is_empty(value) or len(value) > 120:
        return None
    return _tidy(value).strip(".*")


def _lower(text: str) -> str:
    """Lower case of the same length as `text` (positions stay valid; « İ » would grow)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _tidy(value: str) -> str:
    return re.sub(r"\s+", " ", value).strip(" :-–*")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60].strip("-")


# -- title ----------------------------------------------------------------------------------------
# A YAML front matter (« --- » lines around « clé: valeur » lines) opening the file: metadata, not the notice.
_FRONT_MATTER = re.compile(r"\A[\ufeff\s]*---[ \t]*\n(?:[^\n]*\n){0,60}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


def _preamble(text: str) -> str:
    """What the file opens with before its text, in the words of a hint: « après le commentaire
    <!-- … --> », « après l'en-tête --- … --- » or ""."""
    start = text.lstrip("\ufeff \t\r\n")
    if start.startswith("<!--"):
        return " après le commentaire <!-- … --> du début"
    if _FRONT_MATTER.match(text):
        return " après l'en-tête --- … --- du début"
    return ""


def _title(lines, preamble: str, problems: list) -> tuple[int, str, str | None]:
    """(line index, title, publication number the aggregator wrote before the title or None); with
    no title, (-1, "", None) and the problem, which says what the first line of text is instead."""
    index = next((i for i, line in enumerate(lines) if line.heading and line.text.strip()), None)
    first = next((i for i, line in enumerate(lines) if line.text.strip()), None)
    if index is None and first is not None and not has_label(lines[first]) and len(lines[first].text) <= 150 \
            and not lines[first].text.rstrip().endswith("."):
        index = first
    if index is None or has_label(lines[index]):
        found = _tidy(lines[index if index is not None else first].text)
        what = f"la rubrique « {found[:80]} »" if has_label(lines[index if index is not None else first]) \
            else f"la phrase « {found[:80]}{'…' if len(found) > 80 else ''} »"
        problems.append(("titre", f"aucun intitulé de poste : la première ligne de texte{preamble} est {what} ; "
                                  f"écrivez avant elle l'intitulé, par exemple « # Chargé de mission »",
                         "intitulé absent"))
        return -1, "", None
    title = _tidy(lines[index].text)
    number = re.match(lexicon.TITLE_NUMBER_PREFIX, title)
    if number:
        title = title[number.end():].strip()
    return index, title, number.group(1) if number else None


# -- dates ----------------------------------------------------------------------------------------
def _deadline(values: dict, full_text: str, problems: list,
              notes: _Notes) -> tuple[date | None, date | None, list[date]]:
    """(deadline, deadline before it was postponed or None, other deadlines the text gives). A
    notice without a labelled deadline may state it in a sentence (« Merci d'envoyer au plus tard
    le … »); without any, (None, None, []) and the problem."""
    lowered = _lower(full_text)
    in_prose = [find_date(full_text[m.end():m.end() + 60]) for m in _DEADLINE_IN_PROSE.finditer(lowered)] \
        if "plus tard" in lowered else []
    in_prose = [found for found in in_prose if found]
    labelled = None if is_empty(values.get("deadline")) else values["deadline"]
    if labelled:
        parsed = find_date(labelled)
        if parsed is None:
            problems.append(("date limite de candidature", f"date illisible : « {labelled} »", "date limite illisible"))
            return None, None, []
        others = sorted({found.value for found in in_prose} - {parsed.value})
        if others:
            notes.add("deadline", "several_deadlines",
                      f"l'avis donne plusieurs dates limites : {format_date(parsed.value)} (rubrique « date limite ») "
                      f"mais aussi {', '.join(format_date(d) for d in others)} dans le texte")
    elif in_prose:
        parsed, others = in_prose[0], []
        notes.add("deadline", "from_text", f"pas de rubrique « date limite » : date lue dans le texte "
                                           f"(« au plus tard le {format_date(parsed.value)} »)")
    else:
        problems.append(("date limite de candidature",
                         "absente ou vide (ni rubrique « Date limite de candidature », ni « au plus tard le … »)",
                         "date limite absente"))
        return None, None, []
    if parsed.weekday_mismatch:
        notes.add("deadline", "weekday_mismatch", _weekday_message(parsed))
    postponed = _POSTPONED_DEADLINE.search(lowered) if "initialement" in lowered else None
    initial = find_date(full_text[postponed.start(1):postponed.end(1)]) if postponed else None
    return parsed.value, initial.value if initial else None, others


def _published(values: dict, notes: _Notes) -> date | None:
    parsed = None if is_empty(values.get("published_on")) else find_date(values["published_on"])
    if parsed is None:
        notes.add("published_on", "missing", "date de dépôt de l'offre absente ou illisible")
        return None
    if parsed.weekday_mismatch:
        notes.add("published_on", "weekday_mismatch", _weekday_message(parsed))
    return parsed.value


def _weekday_message(parsed) -> str:
    return (f"« {parsed.weekday_mismatch} » ne correspond pas au {format_date(parsed.value, weekday=False)}, "
            f"qui est un {format_date(parsed.value).split()[0]}")


def _check_dates(deadline: date, published: date | None, reference_date: date | None,
                 notes: _Notes) -> tuple[date, date | None]:
    """Dates swapped by a two-column layout are put back when the reference's date proves it;
    a deadline before publication or more than a year after it is flagged."""
    if published and deadline < published:
        if reference_date == deadline:
            deadline, published = published, deadline
            notes.add("deadline", "swapped_dates",
                      f"date limite ({format_date(published)}) antérieure à la date de dépôt ({format_date(deadline)}) : "
                      f"dates inversées par la mise en page, rétablies d'après la date de la référence")
        else:
            notes.add("deadline", "before_publication", f"date limite ({format_date(deadline)}) antérieure à la "
                                                        f"date de dépôt ({format_date(published)})")
    anchor = published or reference_date
    if anchor and (deadline - anchor).days > 365:
        notes.add("deadline", "improbable_year", f"année improbable : {format_date(deadline)}, plus d'un an après "
                                                 f"le dépôt ({format_date(anchor)})")
    if published and reference_date and abs((published - reference_date).days) > 365:
        notes.add("published_on", "improbable_year", f"année improbable : {format_date(published)}")
    return deadline, published


# -- reference ------------------------------------------------------------------------------------
def _reference(values: dict, published_number: str | None, notes: _Notes) -> tuple[str | None, str | None, date | None]:
    """(reference as written, its number, its date). Without a reference, the number the portal
    published the notice under (before the title) is kept as its number."""
    reference = _tidy(values.get("reference") or "") or None
    if not reference:
        if published_number:
            notes.add("reference", "missing", f"référence absente de l'avis ; numéro de publication "
                                              f"{published_number} repris de l'en-tête")
        else:
            notes.add("reference", "missing", "référence absente")
        return None, published_number, None
    number = _REFERENCE_NUMBER.search(reference)
    if number and re.match(r"\s+[A-Z]{2,}\b", reference[number.end():]):
        notes.add("reference", "no_slash", f"référence sans barre oblique : « {reference} » "
                                           f"(attendu « {number.group(0)}/… »)")
    written_date = re.search(r"\bdu\s+(\d{1,3})\s+([a-zA-Zéû]+)\s+(\d{4})", reference)
    parsed = find_date(reference)
    if written_date and parsed is None:
        notes.add("reference", "impossible_date", f"date de la référence impossible : « {written_date.group(0)} »")
    return reference, number.group(0) if number else published_number, parsed.value if parsed else None


# -- organisation ---------------------------------------------------------------------------------
@dataclass
class _Organisation:
    employer: str | None = None
    employer_acronym: str | None = None
    direction: str | None = None
    direction_acronym: str | None = None
    service: str | None = None
    service_acronym: str | None = None


def _organisation(values: dict, title: str, header: str, full_text: str, reference: str | None,
                  notes: _Notes) -> _Organisation:
    """Employer, direction and service as canonical names (organisations.csv), whether the notice
    labels them, writes them inside another field, or only in its text."""
    result = _Organisation()
    named_in_header = _Lazy(lambda: [org for _, org in organisations.find(title + "\n" + header)])

    direction_value = None if is_empty(values.get("direction")) else _tidy(values["direction"])
    direction = _known(direction_value, "direction") or next(
        (org for org in named_in_header() if org.kind == "direction"), None)
    if direction:
        result.direction, result.direction_acronym = direction.name, direction.acronym
    elif direction_value and len(direction_value) <= MAX_UNIT_NAME:
        result.direction = direction_value

    service_value = values.get("service") or values.get("unit")
    if not is_empty(service_value):
        service_value = _tidy(service_value)
        if len(service_value) > MAX_UNIT_NAME:
            notes.add("service", "too_long", f"rubrique service illisible (un paragraphe de {len(service_value)} "
                                             f"caractères) : ignorée")
        else:
            acronym = _ACRONYM.search(service_value)
            result.service = _ACRONYM.sub("", service_value).strip(" -–:") if acronym else service_value
            result.service_acronym = acronym.group(1) if acronym else None
    if result.service is None:
        result.service, result.service_acronym = _unit_in_header(header)
    if result.service and not result.service_acronym:
        known = organisations.by_name(result.service)
        result.service_acronym = known.acronym if known else None

    if result.service and direction and organisations.by_name(result.service) is direction:
        result.direction, result.direction_acronym = None, None  # one unit, named as the service
        result.service_acronym = direction.acronym
    employer_value = None if is_empty(values.get("employer")) else _tidy(values["employer"])
    employer = _known(employer_value, "employer")
    if employer is None and not employer_value:
        employer = _employer_by_context(direction, reference, named_in_header, full_text, notes)
    if employer:
        result.employer, result.employer_acronym = employer.name, employer.acronym
    elif employer_value:
        capitals = employer_value.isupper() and " " in employer_value  # « MAIRIE DE X », not an acronym
        result.employer = employer_value.title() if capitals else employer_value
    else:
        notes.add("employer", "missing", "employeur absent de l'avis")
    if result.direction and employer and (_known(result.direction, "employer") is employer
                                          or fold(result.direction) == fold(employer.acronym or "")):
        result.direction = None  # « Direction : SMTU » names the employer itself
    if result.direction is None:
        in_corps = [org for _, org in organisations.find(values.get("corps") or "") if org is not employer]
        if in_corps:  # « ASSLIA Chambre de commerce et d'industrie - Aéroport de Tontouta »
            result.direction, result.direction_acronym = in_corps[0].name, in_corps[0].acronym
    return result


def _known(value: str | None, kind: str):
    """The organisation of `kind` a field value names, exactly or inside a longer text."""
    if not value:
        return None
    known = organisations.by_name(value)
    if known and known.kind == kind:
        return known
    return next((org for _, org in organisations.find(value) if org.kind == kind), None)


class _Lazy:
    """A value computed at its first use, if any (the organisations named in a notice's header)."""

    def __init__(self, compute):
        self._compute, self._value, self._done = compute, None, False

    def __call__(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value


def _employer_by_context(direction, reference: str | None, named_in_header: _Lazy, full_text: str, notes: _Notes):
    if direction and direction.employer:
        return organisations.by_name(direction.employer)
    if reference and "/MPRH" in reference.upper():
        return organisations.by_name("Gouvernement de la Nouvelle-Calédonie")
    employer = next((org for org in named_in_header() if org.kind == "employer"), None)
    if employer is None:
        counts: dict[str, int] = {}
        found = [org for _, org in organisations.find(full_text) if org.kind == "employer"]
        for org in found:
            counts[org.name] = counts.get(org.name, 0) + 1
        employer = max(found, key=lambda org: counts[org.name], default=None)
        if employer:
            notes.add("employer", "from_text", f"pas de rubrique employeur : « {employer.name} » lu dans le texte")
    return employer


def _unit_in_header(header: str) -> tuple[str | None, str | None]:
    """A unit named at the start of a header sentence: « Le service de la coordination
    administrative et des institutions (SCAI), composé de… » -> (its name, SCAI)."""
    for line in header.splitlines():
        match = _UNIT_IN_SENTENCE.match(fold_same_length(line))
        if match and line[match.start(2):match.end(2)].isupper() \
                and not re.search(r"\b(?:" + "|".join(lexicon.UNIT_NAME_ENDS) + r")\b", match.group(1)):
            name = line[match.start(1):match.end(1)].strip()
            return name[:1].upper() + name[1:], line[match.start(2):match.end(2)]
    return None, None


# -- corps ----------------------------------------------------------------------------------------
def _corps(value: str | None) -> tuple[str | None, str | None]:
    """(corps or cadre d'emploi, domaine): « ingénieur /Informatique Direction des … (DSF) » ->
    ("ingénieur", "Informatique"); alternatives joined by « ou »."""
    if is_empty(value):
        return None, None
    value = _tidy(value)
    cut = [position for position, _ in organisations.find(value) if position > 0]
    unit = re.search(r"\s(?:" + "|".join(word.capitalize() for word in lexicon.UNIT_WORDS) + r"|CHARGES?)\b", value)
    if unit:
        cut.append(unit.start())
    if cut:
        value = value[:min(cut)].strip(" ,;-–(") or value
    value = re.split(r"\s[-–]\s*\(?Cat[ée]gorie|\s-\s|\s\(Cat[ée]gorie", value)[0]
    corps_parts, domains = [], []
    for part in re.split(r"\s+ou\s+", value):
        name, slash, rest = part.partition("/")
        if slash and fold(rest).strip().startswith(lexicon.DOMAINS):
            corps_parts.append(name.strip(" /"))
            domains.append(rest.strip(" /"))
        else:
            corps_parts.append(part.strip(" /"))
    corps = " ou ".join(dict.fromkeys(p for p in corps_parts if p)).strip(" .,") or None
    domain = " ou ".join(dict.fromkeys(d for d in domains if d)) or None
    return corps, domain


# -- place ----------------------------------------------------------------------------------------
@dataclass
class _Place:
    location: str | None = None  # commune(s), display names
    province: str | None = None
    workplace: str | None = None  # the "Lieu de travail" value as written
    address: str | None = None


def _place(value: str | None, title: str, header: str, body: str, notes: _Notes) -> _Place:
    """Communes from the place of work, else from the title, the header, then the text (only
    communes of the province the notice names, when it names one)."""
    place = _Place(workplace=None if is_empty(value) else _tidy(value))
    if place.workplace and re.search(r"\d", place.workplace) and _ADDRESS_WORD.search(fold(place.workplace)):
        place.address = place.workplace  # a number and a street word: an address
    stated_province = _province_named(" ".join(filter(None, [place.workplace, title])))
    communes: list[str] = []
    communes = find_communes(place.workplace or "") or find_communes(title)
    if not communes:
        communes = find_communes(_without_application_lines(header))[:1]
    if not communes:
        communes = [c for c in find_communes(_without_application_lines(body))
                    if stated_province in (None, province_of(c))][:1]
        if communes:
            notes.add("location", "from_text", f"lieu de travail {'« ' + place.workplace + ' » ' if place.workplace else ''}"
                                               f"sans commune : {communes[0]} lu dans le texte")
    if communes:
        place.location = ", ".join(communes)
        place.province = province_of(communes[0])
    else:
        place.province = stated_province
        notes.add("location", "missing", "lieu de travail absent" if not place.workplace
                  else f"lieu de travail sans commune connue : « {place.workplace} »")
    return place


def _without_application_lines(text: str) -> str:
    """The text without the lines that say where to send an application (« B.P M2 98849 Nouméa cedex »)."""
    folded_lines = fold_same_length(text).split("\n")  # same length, same lines
    return "\n".join(line for line, folded in zip(text.split("\n"), folded_lines)
                     if not _APPLICATION_LINE.search(folded))


def _province_named(text: str) -> str | None:
    folded = fold(text)
    return next((display for key, display in provinces().items() if " " in key and key in folded), None)


# -- residence ------------------------------------------------------------------------------------
def _residence(header: str, labelled: str | None) -> tuple[str | None, list[dict]]:
    """(the requirement as written, one {route, grade, relation, years, text} per requirement).
    The header read as one text wins when it gives durations (a two-column layout interleaves this
    label's lines with other labels); else the value the layout gave the label."""
    labelled = None if is_empty(labelled) else _tidy(labelled).rstrip(" .,")
    in_header, route = _residence_in_header(header)
    for text in (in_header, labelled):
        requirements = _requirements(text, route) if text else []
        if any(requirement["years"] for requirement in requirements):
            return text, requirements
    return (labelled, _requirements(labelled, route)) if labelled else (None, [])


def _residence_in_header(header: str) -> tuple[str | None, str | None]:
    """(the value after « Durée de résidence exigée [pour le recrutement …] : », the route)."""
    found = _RESIDENCE_LABEL_AS_WRITTEN.search(header)
    if not found:
        return None, None
    flat = re.sub(r"\s+", " ", header[found.start():found.start() + RESIDENCE_WINDOW])
    folded = fold_same_length(flat)
    label = _RESIDENCE_LABEL.match(folded)
    route_match = re.compile(lexicon.RESIDENCE_ROUTE).search(folded, label.end(), label.end() + 300)
    route, start = None, label.end()
    if route_match:
        between = folded[label.end():route_match.start()]
        if not between.strip(" :(1)") or _ANY_LABEL.search(between):
            route = _tidy(flat[route_match.start():route_match.end()].replace("(1)", "")).removeprefix("pour le ")
            start = route_match.end()
    start = re.compile(r"\s*(?:\(\s*1\s*\))?\s*:?").match(folded, start).end()
    following = [m.start() for m in _ANY_LABEL.finditer(folded, start) if not _RESIDENCE_LABEL.match(folded, m.start())]
    text = _tidy(flat[start:following[0] if following else len(flat)]).rstrip(" .,")
    text = re.sub(r"\s+\d{1,2}$", "", text)  # "/ 1 poste à pourvoir": the 1 is the next field's
    return (None if is_empty(text) else text), route


def _requirements(text: str, route: str | None) -> list[dict]:
    """« - Ingénieur 2ème grade … : au moins égale à 5 ans, - … » -> one requirement per grade."""
    requirements = []
    for part in re.split(r"(?:^|[,;]?\s+)[-–]\s+", text):
        part = part.strip(" ,;.")
        if not part:
            continue
        grade, colon, wanted = part.rpartition(":")
        grade = grade.strip() if colon else None
        part_route = route
        if grade and fold(grade).startswith("pour le recrutement"):
            part_route, grade = grade.removeprefix("pour le ").strip(), None
        requirements.append({"route": part_route, "grade": grade or None, **_duration(wanted if colon else part)})
    return requirements


def _duration(text: str) -> dict:
    folded = fold(text)
    at_least = re.search(lexicon.RESIDENCE_AT_LEAST, folded)
    less_than = re.search(lexicon.RESIDENCE_LESS_THAN, folded)
    if at_least:
        return {"relation": "at_least", "years": int(at_least.group(1)), "text": _tidy(text)}
    if less_than:
        return {"relation": "less_than", "years": int(less_than.group(1)), "text": _tidy(text)}
    return {"relation": "stated", "years": None, "text": _tidy(text)}


# -- contract, posts, start -----------------------------------------------------------------------
def _contract(header: str, body: str, corps: str | None) -> tuple[list[str], str | None]:
    """Contract terms stated by the corps, the header or the body's sentences about the post or the
    contract (an activity « assurer le remplacement des collègues » is not one), and the first such
    sentence of the body, quoted."""
    terms, quoted = [], None
    text = f"{corps or ''}\n{header[:CONTRACT_SCAN]}\n"
    body_start = len(text)
    text += body
    matches = list(_CONTRACT_SENTENCE.finditer(_lower(text)))
    if not matches:
        return terms, quoted
    end = -1
    for match in matches:
        if match.start() < end:
            continue  # in the sentence just read
        start, end = _sentence_around(text, match.start())
        sentence = text[start:end].strip()
        folded = fold(sentence)
        if not _ANY_CONTRACT_TERM.search(folded) and "cdd" not in folded:
            continue
        found = [term for pattern, term in _CONTRACT_TERMS if pattern.search(folded)]
        duration = re.search(lexicon.CONTRACT_DURATION, folded) if "duree determinee" in folded or "cdd" in folded else None
        if duration:
            found.append(duration.group(0).replace("d'une duree ", ""))
        new = [term for term in found if term not in terms]
        # the corps and the header's field lines are not sentences to quote
        is_sentence = start >= body_start or (start > len(corps or "") and not _FIELD_LABEL.search(folded))
        if new and quoted is None and is_sentence and len(sentence) <= 300:
            quoted = _tidy(sentence)
        terms += new
    return terms, quoted


def _sentence_around(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the sentence or line of `text` holding `position`."""
    starts = [found + len(mark) for mark in _SENTENCE_MARKS for found in [text.rfind(mark, 0, position)] if found >= 0]
    ends = [found + 1 for found in (text.find(mark, position) for mark in _SENTENCE_MARKS) if found >= 0]
    return max(starts, default=0), min(ends, default=len(text))


_SENTENCE_MARKS = ("\n", ". ", "! ", "? ")


def _posts(title: str, header: str) -> int | None:
    """Number of posts when the notice offers several (« 3 Gardes champêtres »)."""
    in_title = _POSTS_IN_TITLE.match(title)
    counts = [in_title.group(1)] if in_title else [m.group(1) for m in _POSTS_OFFERED.finditer(header)]
    total = sum(int(count) if count.isdigit() else lexicon.NUMBER_WORDS[count.lower()] for count in counts)
    return total if total > 1 else None


def _start(value: str | None) -> tuple[str | None, date | None]:
    """(when the post starts, as written with ISO dates in French words; the date when it gives one)."""
    if is_empty(value):
        return None, None
    text = _tidy(value)
    parsed = find_date(text)
    text = re.sub(r"\b(\d{4})-(\d{2})-(\d{2})\b",
                  lambda m: format_date(date(int(m.group(1)), int(m.group(2)), int(m.group(3))), weekday=False)
                  if _valid(m) else m.group(0), text)
    text = re.sub(r"\b1\s+er\b", "1er", text)
    return text, parsed.value if parsed else None


def _valid(match: re.Match) -> bool:
    try:
        date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        return True
    except ValueError:
        return False


# -- sections -------------------------------------------------------------------------------------
def _sections(parts: dict[str, list[str]]) -> dict[str, str]:
    sections = {name: "\n".join(lines).strip() for name, lines in parts.items()}
    return {name: body for name, body in sections.items() if body or name == "Missions"}
