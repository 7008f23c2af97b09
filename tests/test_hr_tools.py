"""HR's tools on real notices: a refused notice names every problem, each reload of the offers is
logged in one French line, `make preview` shows how one notice is read, `make ask` asks the
running bot (a real Rasa and action server)."""
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from offers_index import LiveIndex, OfferError, parse_file
from offers_index.report import reload_line

from .conftest import OPT_NC_DIR, ROOT, seeds_stack
from .network import free_port

DRHFPNC_DIR = ROOT.parent / "shared" / "offers-drhfpnc"
AIDE_MATERNELLE = DRHFPNC_DIR / "26-0540.md"  # opens with the collector's <!-- … --> comments


def _run(*args, env=None, timeout=120):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env={**os.environ, **(env or {})},
                          capture_output=True, text=True, timeout=timeout)


def _without_title_and_deadline(tmp_path) -> Path:
    """A real notice (its comments kept) whose title line and deadline line are removed."""
    lines = AIDE_MATERNELLE.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith("#") and "date limite" not in line.lower()
            and "plus tard" not in line.lower()]
    assert len(kept) < len(lines) - 1
    path = tmp_path / "sans-titre-ni-date.md"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path


def test_a_notice_missing_title_and_deadline_gets_both_named_with_a_hint_that_fits_its_comment(tmp_path):
    path = _without_title_and_deadline(tmp_path)
    with pytest.raises(OfferError) as error:
        parse_file(path)
    fields = [field for field, _, _ in error.value.problems]
    assert fields == ["titre", "date limite de candidature"]
    assert error.value.summary == "intitulé absent, date limite absente"
    message = str(error.value)
    assert "après le commentaire <!-- … --> du début" in message and "« # Chargé de mission »" in message
    assert "la première ligne doit être" not in message


def test_front_matter_is_skipped_and_named_in_the_hint(tmp_path):
    body = AIDE_MATERNELLE.read_text(encoding="utf-8")
    good = tmp_path / "avec-en-tete.md"
    good.write_text("---\nsource: avps\nville: Pouembout\n---\n" + body, encoding="utf-8")
    assert parse_file(good).title == parse_file(AIDE_MATERNELLE).title
    bad = tmp_path / "en-tete-sans-titre.md"
    bad.write_text("---\nsource: avps\n---\n" + _without_title_and_deadline(tmp_path).read_text(encoding="utf-8"),
                   encoding="utf-8")
    with pytest.raises(OfferError, match="après l'en-tête --- … --- du début"):
        parse_file(bad)


def test_make_index_names_each_refused_notice_once_and_fails(tmp_path):
    folder = tmp_path / "offres"
    folder.mkdir()
    for name in ("3134-26-0686_SR.md", "3134-26-0437_SR.md"):
        shutil.copy(OPT_NC_DIR / name, folder / name)
    broken = _without_title_and_deadline(tmp_path)
    shutil.copy(broken, folder / broken.name)
    done = subprocess.run(["make", "--no-print-directory", "index", f"OFFERS_DIR={folder}"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "OFFERS_INDEX": str(tmp_path / "index.json")})
    assert done.returncode != 0
    assert done.stderr.count("sans-titre-ni-date.md") == 1, done.stderr  # one block with every problem
    assert "1 fichier(s) ignoré(s) : sans-titre-ni-date.md" in done.stdout
    assert "  titre : aucun intitulé de poste" in done.stderr
    assert "  date limite de candidature : absente ou vide" in done.stderr
    assert "2 offre(s) indexée(s)" in done.stdout
    assert "avec avertissement : 3134-26-0686_SR.md" in done.stdout  # named, not only counted
    assert "Traceback" not in done.stderr


def test_the_launchers_build_still_succeeds_with_a_refused_notice(tmp_path):
    folder = tmp_path / "offres"
    folder.mkdir()
    shutil.copy(AIDE_MATERNELLE, folder / AIDE_MATERNELLE.name)
    (folder / "vide.md").write_text("")
    done = _run("-m", "offers_index", "build", "--offers", str(folder), env={"OFFERS_INDEX": str(tmp_path / "i.json")})
    assert done.returncode == 0 and "vide.md: fichier: fichier vide" in done.stderr


def test_each_reload_is_logged_in_one_french_line_naming_added_removed_and_ignored(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("OFFERS_RELOAD_SECONDS", "0")
    folder = tmp_path / "offres"
    folder.mkdir()
    for path in sorted(OPT_NC_DIR.glob("*.md"))[:3]:
        shutil.copy(path, folder / path.name)
    live = LiveIndex(folder, tmp_path / "index.json")
    with caplog.at_level(logging.INFO, logger="offers_index.store"):
        live.current()
        assert caplog.messages[-1] == "3 offres chargées"
        shutil.copy(AIDE_MATERNELLE, folder / AIDE_MATERNELLE.name)
        broken = _without_title_and_deadline(tmp_path)
        shutil.copy(broken, folder / broken.name)
        removed = sorted(folder.glob("3134-*.md"))[0]
        removed_title = parse_file(removed).title
        removed.unlink()
        live.current()
    line = caplog.messages[-1]
    assert line.startswith("3 offres chargées (+1 : Aide maternelle et surveillant(e)")
    assert f"−1 : {removed_title[:20]}" in line
    assert line.endswith("1 ignorée : sans-titre-ni-date.md — intitulé absent, date limite absente)")
    assert "\n" not in line


def test_reload_line_cuts_long_titles_and_says_when_nothing_changed():
    offer = parse_file(OPT_NC_DIR / "3134-26-0686_SR.md")
    assert reload_line([offer], [], [offer]) == "1 offre chargée (aucun changement)"
    assert reload_line([offer], [], []) == "1 offre chargée (+1 : Chargé(e) de relation client et vente…)"


def test_preview_of_a_real_notice_shows_its_fields_warnings_and_the_deadline_answer():
    done = _run("-m", "bot.preview", str(OPT_NC_DIR / "3134-26-0686_SR.md"), env={"BOT_TODAY": "2026-05-20"})
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Date limite               : mardi 29 mai 2029" in out
    assert "Référence                 : 3134-26-0686/SR du 8 mai 2026" in out
    assert "Lieu de travail           : Nouméa" in out
    assert "  - date limite : année improbable : mardi 29 mai 2029" in out
    # the chat's own sentence for a doubtful deadline (actions/templates.py)
    assert "Réponse du bot à « date limite ? »" in out and "Vérifiez-la auprès de l'employeur" in out


def test_preview_through_make_counts_the_days_as_the_bot_does():
    notice = DRHFPNC_DIR / "26-1337.md"
    done = subprocess.run(["make", "--no-print-directory", "preview", f"FILE={notice}"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "BOT_TODAY": "2026-09-22"})
    assert done.returncode == 0, done.stderr
    assert "Date limite               : vendredi 25 septembre 2026" in done.stdout
    assert "Référence                 : 3134-26-1337" in done.stdout
    assert "est le vendredi 25 septembre 2026 (encore 3 jours)" in done.stdout


def test_preview_of_a_missing_file_is_one_french_line_and_exit_2(tmp_path):
    missing = tmp_path / "absent.md"
    done = _run("-m", "bot.preview", str(missing))
    assert done.returncode == 2
    assert done.stderr.strip() == f"erreur : fichier introuvable : {missing}" and done.stdout == ""
    done = _run("-m", "bot.preview", str(tmp_path))
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "n'est pas un fichier" in done.stderr


def test_preview_of_a_refused_notice_names_every_problem(tmp_path):
    done = _run("-m", "bot.preview", str(_without_title_and_deadline(tmp_path)))
    assert done.returncode == 1
    assert "  titre : aucun intitulé" in done.stdout and "  date limite de candidature : absente" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("question", [[], [""], ["   "]])
def test_ask_without_a_question_prints_the_usage_and_exits_2(question):
    done = _run("-m", "bot.ask", *question)
    assert done.returncode == 2
    assert done.stderr.startswith("usage : make ask Q=") and done.stdout == ""


def test_ask_with_no_bot_running_says_how_to_start_it():
    url = f"http://127.0.0.1:{free_port()}"
    done = _run("-m", "bot.ask", "date limite ?", env={"RASA_URL": url})
    assert done.returncode == 1
    assert done.stderr.strip() == (f"Aucun bot ne répond sur {url} : lancez-le d'abord avec `make run` "
                                   f"(dans un autre terminal), ou indiquez son adresse avec RASA_URL=…")


@pytest.fixture(scope="module")
def stack():
    with seeds_stack("hr-tools-") as running:
        yield running


def test_ask_prints_the_running_bots_french_answer(stack):
    done = _run("-m", "bot.ask", "date limite pour le chef de service ?", env={"RASA_URL": stack.rasa_url})
    assert done.returncode == 0, done.stderr
    assert "vendredi 8 août 2025" in done.stdout and "encore 3 jours" in done.stdout
    assert "\\u00" not in done.stdout and "Traceback" not in done.stderr


def test_ask_prints_a_list_of_offers_as_numbered_plain_text(stack):
    done = _run("-m", "bot.ask", "quelles sont les offres ?", env={"RASA_URL": stack.rasa_url})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("1. ") for line in lines) and any(line.startswith("2. ") for line in lines), done.stdout
    assert "payload" not in done.stdout and "/choose" not in done.stdout


def test_the_action_servers_log_has_the_load_line(stack):
    assert "2 offres chargées" in (stack.log_dir / "actions.log").read_text(encoding="utf-8")
