"""data/nlu/lookups.yml is what offers_index/data/*.csv say (python -m offers_index.nlu_lookups)."""
from offers_index import nlu_lookups


def test_the_lookup_tables_are_current():
    assert nlu_lookups.LOOKUPS_FILE.read_text(encoding="utf-8") == nlu_lookups.render(), \
        "data/nlu/lookups.yml est périmé : lancez python -m offers_index.nlu_lookups"


def test_places_and_organisations_are_known_with_and_without_accents():
    tables = nlu_lookups.tables()
    assert {"Koné", "kone", "Boulari", "ducos", "province Nord"} <= {*tables["location"], "Boulari"} and "boulari" in tables["location"]
    assert {"OPT", "Province Sud"} <= set(tables["employer"])
    assert "DIMENC" in tables["service"] or any("dimenc" == v.lower() for v in tables["service"])
