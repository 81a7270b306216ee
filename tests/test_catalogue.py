"""The « Catalogue des données » pages are generated from the metadata, one per dataset."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from phare.livre.catalogue import DOSSIER_PAGES, LISTE, generer

RACINE = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def genere(tmp_path_factory):
    """One generation for the whole module (the figures take a few seconds)."""
    racine = tmp_path_factory.mktemp("catalogue")
    shutil.copytree(RACINE / "datasets", racine / "datasets")
    return racine, generer(racine)


def test_une_page_complete_par_jeu(genere):
    tmp_path, noms = genere
    assert len(noms) == len(list((RACINE / "datasets").glob("*/datapackage.json")))
    for nom in noms:
        meta = json.loads((tmp_path / "datasets" / nom / "datapackage.json").read_text(encoding="utf-8"))
        page = (tmp_path / DOSSIER_PAGES / f"{nom}.md").read_text(encoding="utf-8")
        assert (tmp_path / DOSSIER_PAGES / f"{nom}.png").stat().st_size > 5000
        for attendu in ("## En bref", "**Licence**", "Attribution à recopier", "## Télécharger",
                        "{download}", ":alt: ", "## Colonnes", "## Précautions de lecture",
                        "## Comment ces données ont été obtenues", f'charger("{nom}")'):
            assert attendu in page, f"{nom} : « {attendu} » manque"
        for res in meta["resources"]:
            assert f"<../../../datasets/{nom}/{res['path']}>" in page
            for champ in res["schema"]["fields"]:
                assert f"| `{champ['name']}` |" in page
        assert ("Copie faite par un tiers" in page) == meta["copie_par_un_tiers"]
        prose = page.split("```python")[0] + page.split("## Aperçu")[1]
        assert " :" not in prose.replace(" ::", ""), f"{nom} : espace ordinaire avant « : »"
    liste = (tmp_path / LISTE).read_text(encoding="utf-8")
    assert all(f"(jeux/{nom}.md)" in liste for nom in noms)


def test_regeneration_sans_reecriture(genere):
    tmp_path, _ = genere
    dates = {p: p.stat().st_mtime_ns for p in (tmp_path / DOSSIER_PAGES).iterdir()}
    generer(tmp_path)
    assert dates == {p: p.stat().st_mtime_ns for p in (tmp_path / DOSSIER_PAGES).iterdir()}


def test_tiers_annonces_pour_bibus_et_elections(genere):
    tmp_path, _ = genere
    bibus = (tmp_path / DOSSIER_PAGES / "arrets-bibus.md").read_text(encoding="utf-8")
    votes = (tmp_path / DOSSIER_PAGES / "bureaux-vote-brest.md").read_text(encoding="utf-8")
    assert "copie partielle" in bibus and "transport.data.gouv.fr" in bibus
    assert "parti politique" in votes and "ministère de l'Intérieur" in votes
