"""Command line for HR and checks: parse, build, search, and the questions left without an answer.

    python -m offers_index parse FILE... [--json]
    python -m offers_index build [--offers DIR] [--strict] [--fail-on-errors] [--fail-on-warnings]
    python -m offers_index search "query" [--offers DIR] [--json] [--limit N]
    python -m offers_index sans-reponse     # terms the knowledge base does not cover, most asked first
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from . import config
from .dates import format_date
from .fields import label_of
from .model import OfferError
from .parser import parse_file
from .report import refusal_lines
from .store import build, ensure_index, write_index


def _print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _parse(args) -> int:
    offers, failed = [], 0
    for name in args.files:
        try:
            offers.append(parse_file(name))
        except OfferError as error:
            print("\n".join(refusal_lines(error, prefix="erreur : ")), file=sys.stderr)
            failed += 1
    if args.json:
        _print_json([offer.to_json() for offer in offers])
    else:
        for offer in offers:
            print(f"{offer.title} — réf. {offer.reference_number or '?'} — {offer.location or '?'} — "
                  f"date limite {format_date(offer.deadline_date)}")
            for warning in offer.warnings:
                print(f"  attention — {label_of(warning.field)} : {warning.message}")
    return 1 if failed else 0


def _build(args) -> int:
    offers_dir = Path(args.offers) if args.offers else config.offers_dir()
    try:
        result = build(offers_dir, strict=args.strict)
    except OfferError as error:
        print("\n".join(refusal_lines(error, prefix="erreur : ")), file=sys.stderr)
        return 1
    except FileNotFoundError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 1
    index_file = config.index_path(offers_dir)
    write_index(result, index_file)
    for error in result.errors:
        print("\n".join(refusal_lines(error)), file=sys.stderr)
    warned = [offer for offer in result.offers if offer.warnings]
    for offer in warned:
        print(f"avertissement : {Path(offer.source).name} « {offer.title} »")
        for warning in offer.warnings:
            print(f"  {label_of(warning.field)} : {warning.message}")
    refused = f" : {', '.join(Path(error.source).name for error in result.errors)}" if result.errors else ""
    named = f" : {', '.join(Path(offer.source).name for offer in warned)}" if warned else ""
    print(f"{len(result.offers)} offre(s) indexée(s) dans {index_file}"
          f" ({len(result.errors)} fichier(s) ignoré(s){refused} ; {len(warned)} offre(s) avec avertissement{named})")
    if args.fail_on_warnings and (warned or result.errors):
        print("erreur : avertissements présents (--fail-on-warnings)", file=sys.stderr)
        return 1
    if args.fail_on_errors and result.errors:
        print(f"erreur : {len(result.errors)} avis refusé(s) ; l'index est écrit avec les {len(result.offers)} "
              f"offre(s) lue(s) (--fail-on-errors)", file=sys.stderr)
        return 1
    return 0


def _search(args) -> int:
    offers_dir = Path(args.offers) if args.offers else config.offers_dir()
    try:
        index = ensure_index(offers_dir)
    except FileNotFoundError as error:
        print(f"erreur : {error}", file=sys.stderr)
        return 1
    hits = index.search(args.query, limit=args.limit)
    if args.json:
        _print_json([hit.to_json() for hit in hits])
        return 0
    if not hits:
        print("aucune offre trouvée")
    for rank, hit in enumerate(hits, start=1):
        offer = hit.offer
        print(f"{rank}. [{hit.score:.0f}] {offer.title} — réf. {offer.reference_number or '?'} — "
              f"{offer.location or '?'} — date limite {format_date(offer.deadline_date)} ({', '.join(hit.matched)})")
    return 0


def _unanswered(args: argparse.Namespace) -> int:
    from .unanswered import report
    rows = report()
    if not rows:
        print("Aucune question sans réponse n'a été notée.")
        return 0
    print("Termes demandés que la base de connaissances ne couvre pas (le plus demandé d'abord) :")
    for term, count, last in rows:
        print(f"- « {term} » : {count} fois, la dernière le {last[:10]}")
    return 0


def main(argv: list[str] | None = None) -> int:
    # The commands print every problem themselves: the library's log would say skipped files twice.
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(message)s")
    parser = argparse.ArgumentParser(prog="python -m offers_index", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="analyser des fichiers d'offre")
    parse.add_argument("files", nargs="+")
    parse.add_argument("--json", action="store_true")
    parse.set_defaults(run=_parse)
    build_command = commands.add_parser("build", help="construire l'index")
    build_command.add_argument("--offers", help="dossier des offres (défaut : OFFERS_DIR)")
    build_command.add_argument("--strict", action="store_true", help="échouer au premier fichier invalide")
    build_command.add_argument("--fail-on-errors", action="store_true",
                               help="échouer quand un avis est refusé, après les avoir tous nommés (make index)")
    build_command.add_argument("--fail-on-warnings", action="store_true",
                               help="échouer aussi quand une offre a un avertissement (make index STRICT=1)")
    build_command.set_defaults(run=_build)
    search = commands.add_parser("search", help="chercher des offres")
    search.add_argument("query")
    search.add_argument("--offers", help="dossier des offres (défaut : OFFERS_DIR)")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=10)
    search.set_defaults(run=_search)
    unanswered = commands.add_parser("sans-reponse", help="termes demandés que la base de connaissances ne couvre pas")
    unanswered.set_defaults(run=_unanswered)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
