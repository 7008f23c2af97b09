"""Index cache (rebuild on change, schema check, atomic write) and the command line."""
import json
import os
import subprocess
import time
import sys

import pytest

from offers_index import IndexFileError, LiveIndex, build, ensure_index
from offers_index.model import SCHEMA_VERSION
from offers_index.store import read_index, write_index

from .conftest import CHEF_DE_SERVICE, ROOT, SEEDS_DIR


@pytest.fixture
def offers(tmp_path):
    folder = tmp_path / "offers"
    folder.mkdir()
    for seed in SEEDS_DIR.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def test_build_skips_a_bad_file_and_indexes_the_rest(offers):
    (offers / "vide.md").write_text("")
    result = build(offers)
    assert len(result.offers) == 2
    assert [str(e) for e in result.errors] == [f"{offers / 'vide.md'}: fichier: fichier vide"]


def test_strict_build_fails_and_leaves_the_previous_index(offers, tmp_path):
    index_file = tmp_path / "index.json"
    write_index(build(offers), index_file)
    before = index_file.read_bytes()
    (offers / "vide.md").write_text("")
    with pytest.raises(Exception, match="vide.md"):
        write_index(build(offers, strict=True), index_file)
    assert index_file.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_write_is_atomic_when_serialising_fails(offers, tmp_path):
    index_file = tmp_path / "index.json"
    write_index(build(offers), index_file)
    before = index_file.read_bytes()
    result = build(offers)
    result.offers[0].sections["x"] = object()  # not JSON-serialisable: the write fails midway
    with pytest.raises(TypeError):
        write_index(result, index_file)
    assert index_file.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.json", "offers"]


def test_cache_is_rebuilt_when_an_offer_file_changes(offers, tmp_path):
    index_file = tmp_path / "index.json"
    assert len(ensure_index(offers, index_file).offers) == 2
    mtime = index_file.stat().st_mtime_ns
    assert len(ensure_index(offers, index_file).offers) == 2
    assert index_file.stat().st_mtime_ns == mtime  # unchanged folder: the cache is reused
    text = CHEF_DE_SERVICE.read_text(encoding="utf-8").replace("# Chef de service", "# Chef de bureau")
    (offers / "nouvelle.txt").write_text(text.replace("25-58915", "25-60000"), encoding="utf-8")
    titles = {offer.title for offer in ensure_index(offers, index_file).offers}
    assert titles == {"Chef de service", "Chef de bureau", "Chargé(e) de mission pour les relations multilatérales"}


def test_loader_checks_the_schema_version(offers, tmp_path):
    index_file = tmp_path / "index.json"
    write_index(build(offers), index_file)
    payload = json.loads(index_file.read_text())
    payload["schema"] = SCHEMA_VERSION + 1
    index_file.write_text(json.dumps(payload))
    with pytest.raises(IndexFileError, match=f"index.json: version de schéma {SCHEMA_VERSION + 1}"):
        read_index(index_file)
    index_file.write_text('{"schema": 1, "offers": [')
    with pytest.raises(IndexFileError, match="index.json: fichier d'index illisible ou corrompu"):
        read_index(index_file)
    with pytest.raises(IndexFileError, match="introuvable"):
        read_index(tmp_path / "absent.json")
    assert len(ensure_index(offers, index_file).offers) == 2  # a bad cache is simply rebuilt


def test_live_index_follows_the_folder_and_keeps_the_last_good_index(offers, tmp_path, monkeypatch):
    monkeypatch.setenv("OFFERS_RELOAD_SECONDS", "0")
    live = LiveIndex(offers, tmp_path / "index.json")
    assert len(live.current().offers) == 2
    (offers / "nouvelle.md").write_text(CHEF_DE_SERVICE.read_text(encoding="utf-8").replace("25-58915", "25-61111"),
                                        encoding="utf-8")
    assert len(live.current().offers) == 3
    previous = live.current()
    offers.rename(tmp_path / "moved")  # the folder disappears: keep answering from the last good index
    assert live.current() is previous
    (tmp_path / "moved").rename(offers)
    (offers / "nouvelle.md").unlink()
    assert len(live.current().offers) == 2


def _cli(*args, env=None):
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "offers_index", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=60)


def test_cli_parse_json(opt_nc_dir):
    done = _cli("parse", str(CHEF_DE_SERVICE), str(opt_nc_dir / "3134-26-0686_SR.md"), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [item["reference_number"] for item in data] == ["25-58915", "3134-26-0686"]
    assert data[0]["deadline"] == "2025-08-08" and data[0]["location"] == "Nouméa"
    assert data[1]["warnings"]


def test_cli_parse_names_the_bad_file(tmp_path):
    bad = tmp_path / "vide.md"
    bad.write_text("")
    done = _cli("parse", str(bad))
    assert done.returncode == 1
    assert f"{bad}: fichier: fichier vide" in done.stderr


def test_cli_build_and_search(offers, tmp_path):
    env = {"OFFERS_INDEX": str(tmp_path / "cli-index.json")}
    (offers / "vide.md").write_text("")
    done = _cli("build", "--offers", str(offers), env=env)
    assert done.returncode == 0, done.stderr
    assert "2 offre(s) indexée(s)" in done.stdout and "vide.md: fichier: fichier vide" in done.stderr
    assert _cli("build", "--offers", str(offers), "--strict", env=env).returncode == 1
    done = _cli("search", "chef de servise", "--offers", str(offers), "--json", env=env)
    hits = json.loads(done.stdout)
    assert hits[0]["reference_number"] == "25-58915" and hits[0]["score"] >= hits[-1]["score"]
    assert set(hits[0]) >= {"title", "deadline", "sections", "warnings", "score"}
    done = _cli("search", "scrre", "--offers", str(offers), env=env)
    assert "1. [" in done.stdout and "date limite vendredi" in done.stdout


def test_live_index_watches_in_the_background(offers, tmp_path, monkeypatch):
    monkeypatch.setenv("OFFERS_RELOAD_SECONDS", "0.2")
    live = LiveIndex(offers, tmp_path / "index.json")
    assert len(live.current().offers) == 2
    (offers / "nouvelle.md").write_text(CHEF_DE_SERVICE.read_text(encoding="utf-8").replace("25-58915", "25-62222"),
                                        encoding="utf-8")
    for _ in range(50):
        if len(live.current().offers) == 3:
            break
        time.sleep(0.1)
    assert len(live.current().offers) == 3


def test_cli_build_lists_warnings_by_file_and_field_and_fails_on_them_when_asked(opt_nc_dir, tmp_path):
    env = {"OFFERS_INDEX": str(tmp_path / "cli-index.json")}
    done = _cli("build", "--offers", str(opt_nc_dir), env=env)
    assert done.returncode == 0, done.stderr
    assert "avertissement : 3134-26-0686_SR.md « Chargé(e) de relation client et vente - section relation clientèle »" \
        in done.stdout
    assert "  date limite : année improbable : mardi 29 mai 2029" in done.stdout
    assert "  référence : référence sans barre oblique" in done.stdout
    assert "16 offre(s) indexée(s)" in done.stdout and "4 offre(s) avec avertissement" in done.stdout
    done = _cli("build", "--offers", str(opt_nc_dir), "--fail-on-warnings", env=env)
    assert done.returncode == 1 and "avertissements présents" in done.stderr
    done = _cli("parse", str(opt_nc_dir / "3134-26-0686_SR.md"), env=env)
    assert "  attention — date limite : « vendredi » ne correspond pas au 29 mai 2029, qui est un mardi" in done.stdout
