"""The screenshots of the spreadsheet steps (phare.construction.captures): which sheets a module
has, which cells each picture shows, and LibreOffice Calc drawing them (slow test)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from phare.construction import captures, libreoffice
from phare.tableur import lire_feuille

RACINE = Path(__file__).resolve().parents[1]
LIRE = RACINE / "book/manipuler/tableur/lire-un-tableau.yml"


def test_les_feuilles_d_un_module_sont_celles_que_lit_sa_page():
    module = {"page": "book/manipuler/tempetes-et-montee-de-la-mer"}
    noms = [p.name for p in captures.feuilles_du_module(RACINE, module)]
    assert noms == [
        "tempetes-et-montee-de-la-mer.yml",
        "tempetes-et-montee-de-la-mer-lacunes.yml",
        "tempetes-et-montee-de-la-mer-niveau.yml",
    ]
    assert captures.feuilles_du_module(RACINE, {"page": "book/comprendre/une-donnee-cest-quoi"}) == []


def test_les_plages_des_deux_captures():
    feuille = lire_feuille(LIRE)
    assert captures._plages(feuille) == {"donnees": "A1:H6", "tapees": "J1:J8", "valeurs": "I1:J8"}
    textes = captures._textes(LIRE, feuille)
    assert textes["donnees"]["avant"] == feuille.formules()[0].formule
    assert textes["formules"]["apres"] == feuille.formules()[-1].formule
    assert "J2\u00a0: =NBVAL(A2:A278)" in textes["formules"]["alt"]


def test_une_colonne_repetee_est_coupee_pour_sa_largeur():
    content = (
        "<office:automatic-styles></office:automatic-styles>"
        '<table:table-column table:style-name="co1"/>'
        '<table:table-column table:style-name="co2" table:number-columns-repeated="5"/>'
    )
    resultat = captures._largeurs(content, 3, "9cm")
    assert resultat.count("<table:table-column ") == 4
    deux = '<table:table-column table:number-columns-repeated="2" table:style-name="co2"/>'
    assert resultat.endswith(deux + '<table:table-column table:style-name="coPhare"/>' + deux)
    assert 'style:column-width="9cm"' in resultat


def test_sans_libreoffice_un_message_en_francais(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "which", lambda nom: None)
    with pytest.raises(libreoffice.LibreOfficeIntrouvable, match="installez libreoffice-calc-nogui"):
        captures.fabriquer([(LIRE, lire_feuille(LIRE))], tmp_path)


def test_captures_par_libreoffice_calc(tmp_path):
    """Calc draws both pictures, small PNGs at their printed size; a second call uses the cache."""
    from PIL import Image

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice Calc est absent : installez-le avec « bash .ci/systeme ».")
    dossiers = captures.fabriquer([(LIRE, lire_feuille(LIRE))], tmp_path)
    dossier = dossiers[LIRE]
    for nom in ("donnees.png", "formules.png"):
        with Image.open(dossier / nom) as image:
            assert image.mode == "P" and 200 < image.width < 27 / 2.54 * captures.PPP and image.height > 80
        assert (dossier / nom).stat().st_size < 60_000
    avant = (dossier / "formules.png").stat().st_mtime_ns
    assert captures.fabriquer([(LIRE, lire_feuille(LIRE))], tmp_path) == dossiers
    assert (dossier / "formules.png").stat().st_mtime_ns == avant
