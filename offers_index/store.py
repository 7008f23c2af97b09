"""Build, save and load the offer index cache.

The cache is a JSON file (`OFFERS_INDEX`) with a schema version and a fingerprint of the offer
folder (names, sizes, modification times); it is rebuilt when any offer file changes and written
atomically (temporary file + rename), so a failed build never leaves half an index behind.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import config
from .model import SCHEMA_VERSION, Offer, OfferError, OfferWarning
from .normalize import fold
from .parser import parse_file
from .report import reload_line
from .search import OfferIndex

log = logging.getLogger(__name__)
OFFER_SUFFIXES = (".md", ".txt")


class IndexFileError(RuntimeError):
    """The index file is missing, unreadable, corrupt or of another schema; names the file."""


@dataclass
class BuildResult:
    offers: list[Offer]
    errors: list[OfferError] = field(default_factory=list)
    fingerprint: str = ""


def _offer_entries(offers_dir: Path) -> list[os.DirEntry]:
    """The offer files of the folder, by name. os.scandir, not pathlib: the running bot lists them
    every few seconds in a background thread (fingerprint), and on 10k files pathlib's per-file
    overhead held the interpreter lock long enough to slow the answers (py-spy)."""
    if not offers_dir.is_dir():
        raise FileNotFoundError(f"{offers_dir}: dossier des offres introuvable (OFFERS_DIR)")
    with os.scandir(offers_dir) as entries:
        return sorted((entry for entry in entries
                       if entry.is_file() and os.path.splitext(entry.name)[1].lower() in OFFER_SUFFIXES),
                      key=lambda entry: entry.name)


def offer_files(offers_dir: Path) -> list[Path]:
    return [Path(entry.path) for entry in _offer_entries(offers_dir)]


def fingerprint(offers_dir: Path) -> str:
    """Names, sizes and modification times of the offer files."""
    digest = hashlib.sha256()
    for entry in _offer_entries(offers_dir):
        stat = entry.stat()
        digest.update(f"{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def build(offers_dir: Path, *, strict: bool = False) -> BuildResult:
    """Parse every offer file; a bad file is skipped with its error (or raised when strict)."""
    result = BuildResult(offers=[], fingerprint=fingerprint(offers_dir))
    seen: dict[str, str] = {}
    for path in offer_files(offers_dir):
        try:
            offer = parse_file(path)
        except OfferError as error:
            if strict:
                raise
            log.debug("offre ignorée : %s", error)  # named once, by the caller (CLI, reload line)
            result.errors.append(error)
            continue
        if offer.id in seen:
            offer.warnings.append(OfferWarning("fichier", "duplicate_id", f"même identifiant que {seen[offer.id]}"))
            offer.id = f"{offer.id}-{path.stem}"
        seen[offer.id] = str(path)
        result.offers.append(offer)
    link_postings(result.offers)
    return result


def _job_key(offer: Offer) -> tuple[str, str, str]:
    """Same job: same title (ignoring « (e) », case, accents, punctuation) at the same employer,
    in the same unit (direction or service)."""
    title = re.sub(r"\((?:e|ne|fe|trice|ère|ve)\)", "", offer.title, flags=re.I)
    unit = offer.direction_acronym or offer.service_acronym or offer.direction or offer.service or ""
    return " ".join(re.findall(r"[a-z0-9]+", fold(title))), fold(offer.employer or ""), fold(unit)


def link_postings(offers: list[Offer]) -> None:
    """A job posted again under a new reference is linked to its earlier postings and back, so
    the bot can say « republiée le … sous la réf. … »."""
    by_job: dict[tuple[str, str], list[Offer]] = {}
    for offer in offers:
        by_job.setdefault(_job_key(offer), []).append(offer)
    for (_title, employer, _unit), postings in by_job.items():
        if len(postings) < 2 or not employer:  # two « Directeur(trice) » of unknown employers are no repost
            continue
        postings.sort(key=lambda o: (o.published_on or o.deadline, o.id))
        for position, offer in enumerate(postings):
            def brief(other: Offer) -> dict:
                return {"id": other.id, "reference": other.reference or other.reference_number,
                        "published_on": other.published_on, "deadline": other.deadline}
            offer.earlier_postings = [brief(o) for o in postings[:position] if o.reference_number != offer.reference_number]
            offer.later_postings = [brief(o) for o in postings[position + 1:] if o.reference_number != offer.reference_number]


def write_index(result: BuildResult, index_file: Path) -> None:
    """The same text as json.dump(payload), written one offer at a time with json.dumps: json.dump
    runs the pure-Python encoder (10k offers: 0.35 s instead of 0.1 s)."""
    index_file.parent.mkdir(parents=True, exist_ok=True)
    head = json.dumps({"schema": SCHEMA_VERSION, "fingerprint": result.fingerprint}, ensure_ascii=False)
    skipped = json.dumps(refused_of(result), ensure_ascii=False)
    handle, temporary = tempfile.mkstemp(dir=index_file.parent, prefix=index_file.name, suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(head[:-1] + ', "offers": [')
            for position, offer in enumerate(result.offers):
                stream.write((", " if position else "") + json.dumps(offer.to_json(), ensure_ascii=False))
            stream.write(f'], "skipped": {skipped}}}')
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, index_file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refused_of(result: BuildResult) -> list[dict]:
    """The files a build refused, as the index keeps them: {"source", "summary", "message"}."""
    return [{"source": error.source, "summary": error.summary, "message": str(error)} for error in result.errors]


def read_index(index_file: Path) -> tuple[list[Offer], str]:
    """(offers, fingerprint) from an index file; IndexFileError naming the file otherwise."""
    offers, fingerprint_, _refused = _read(index_file)
    return offers, fingerprint_


def _read(index_file: Path) -> tuple[list[Offer], str, list[dict]]:
    try:
        payload = json.loads(index_file.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise IndexFileError(f"{index_file}: fichier d'index introuvable (lancez `make index`)") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IndexFileError(f"{index_file}: fichier d'index illisible ou corrompu ({error})") from error
    if not isinstance(payload, dict) or payload.get("schema") != SCHEMA_VERSION:
        found = payload.get("schema") if isinstance(payload, dict) else None
        raise IndexFileError(f"{index_file}: version de schéma {found!r}, attendue {SCHEMA_VERSION}")
    try:
        refused = [item if isinstance(item, dict) else {"source": str(item).split(":", 1)[0], "summary": str(item),
                                                        "message": str(item)}  # an index written before the summaries
                   for item in payload.get("skipped", [])]
        return [Offer.from_json(item) for item in payload["offers"]], payload.get("fingerprint", ""), refused
    except (KeyError, TypeError) as error:
        raise IndexFileError(f"{index_file}: fichier d'index corrompu ({error})") from error


def ensure_index(offers_dir: Path | None = None, index_file: Path | None = None, *,
                 rebuild_unreadable: bool = True) -> OfferIndex:
    """The index for `offers_dir`, from the cache when it is current, else rebuilt and saved. With
    rebuild_unreadable=False a missing or corrupt index file is an error (IndexFileError) instead."""
    return load(offers_dir, index_file, rebuild_unreadable=rebuild_unreadable)[0]


def load(offers_dir: Path | None = None, index_file: Path | None = None, *,
         rebuild_unreadable: bool = True) -> tuple[OfferIndex, list[dict]]:
    """ensure_index, with the files refused ({"source", "summary", "message"} each)."""
    offers_dir = offers_dir or config.offers_dir()
    index_file = index_file or config.index_path(offers_dir)
    current = fingerprint(offers_dir)
    try:
        offers, cached, refused = _read(index_file)
        if cached == current:
            return OfferIndex(offers), refused
    except IndexFileError as error:
        if not rebuild_unreadable:
            raise
        log.info("reconstruction de l'index : %s", error)
    result = build(offers_dir)
    write_index(result, index_file)
    return OfferIndex(result.offers), refused_of(result)


class LiveIndex:
    """An index that follows its offer folder: rebuilt when a file changed, and the last good index
    kept (with the reason logged) when a rebuild fails.

    With `OFFERS_RELOAD_SECONDS` > 0 a background thread looks for changes at that interval, so no
    question waits for the folder to be scanned; with 0 every `current()` looks first (tests)."""

    def __init__(self, offers_dir: Path | None = None, index_file: Path | None = None, *,
                 index_must_exist: bool = False):
        """index_must_exist: the first load fails on a missing or corrupt index file (the action
        server's start) instead of rebuilding it."""
        self.offers_dir = offers_dir or config.offers_dir()
        self.index_must_exist = index_must_exist
        self.index_file = index_file or config.index_path(self.offers_dir)
        self._fingerprint: str | None = None
        self._index: OfferIndex | None = None
        self._watcher: threading.Thread | None = None

    def current(self) -> OfferIndex:
        if self._index is None or config.reload_seconds() <= 0:
            self.refresh()
        elif self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="offers-watcher", daemon=True)
            self._watcher.start()
        return self._index

    def refresh(self) -> None:
        try:
            now = fingerprint(self.offers_dir)
            first_load = self._index is None
            if first_load or now != self._fingerprint:
                previous = self._index
                self._index, refused = load(self.offers_dir, self.index_file,
                                            rebuild_unreadable=not (first_load and self.index_must_exist))
                self._fingerprint = now
                # one French line per load, for HR: what came, went, changed, and the files refused
                log.info("%s", reload_line(self._index.offers, refused, previous.offers if previous else None))
        except (OSError, IndexFileError) as error:
            if self._index is None:
                raise
            log.error("index non rechargé, l'index précédent reste servi : %s", error)

    def _watch(self) -> None:
        while True:
            time.sleep(max(config.reload_seconds(), 0.1))
            try:
                self.refresh()
            except Exception:  # noqa: BLE001 - the watcher must outlive any one failure
                log.exception("surveillance du dossier des offres")
