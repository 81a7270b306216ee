"""The Sphinx extensions on tiny books of `tests/racines/` (sphinx.testing test roots)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from phare.interface import libelle
from phare.livre.parties import PartieInvalide, problemes


@pytest.mark.sphinx("html", testroot="parties")
def test_les_parties_marquent_leurs_sections(app):
    app.build()
    page = BeautifulSoup((app.outdir / "module.html").read_text(encoding="utf-8"), "html.parser")
    for cle in ("objectifs", "retenir", "quiz", "sources"):
        section = page.select_one(f"section.phare-partie-{cle}")
        assert section is not None, cle
        assert section.find(["h2"]).get_text().startswith(libelle(f"parties.{cle}"))


@pytest.mark.sphinx("html", testroot="parties")
def test_le_titre_d_une_fiche_vient_du_module(app):
    app.build()
    html = (app.outdir / "module-fiche-animation.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    titre = page.find("h1").get_text()  # the module's title gets its typographic apostrophe (smartquotes)
    assert titre.startswith(libelle("documents.titre_fiche", module="Un module d’essai"))
    assert page.select_one("section.phare-partie-sans_ordinateur h2").get_text().endswith("les cartes¶")


@pytest.mark.sphinx("html", testroot="parties")
def test_l_index_du_parcours_compte_et_liste_ses_modules(app):
    app.build()
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert libelle("publics.parcours_compte_un") in index
    assert "un module d&#x27;essai" in index or "un module d'essai" in index
    assert "module-fiche-animation.html" in index


@pytest.mark.sphinx("html", testroot="parties-manquantes")
def test_une_partie_manquante_arrete_la_construction_en_nommant_le_fichier(app):
    attendu = rf"module\.md : la partie « {libelle('parties.retenir')} » manque"
    with pytest.raises(PartieInvalide, match=attendu):
        app.build()


def test_les_parties_dans_le_desordre_sont_signalees():
    ordre = " ; ".join(libelle(f"parties.{c}") for c in ("objectifs", "retenir", "quiz", "sources"))
    assert problemes("module", ["objectifs", "quiz", "retenir", "sources"]) == [
        f"les parties ne sont pas dans l'ordre du gabarit ({ordre})"
    ]
    assert problemes("module", ["objectifs", "retenir", "retenir", "quiz", "sources"])[0].endswith("2 fois")


def test_l_empreinte_du_cache_suit_les_donnees_et_les_etapes(tmp_path):
    from phare.livre.cache import empreinte

    (tmp_path / "datasets" / "jeu").mkdir(parents=True)
    (tmp_path / "datasets" / "jeu" / "jeu.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "book" / "manipuler" / "tableur").mkdir(parents=True)
    etapes = tmp_path / "book" / "manipuler" / "tableur" / "m.yml"
    etapes.write_text("jeu: jeu\n", encoding="utf-8")
    avant = empreinte(tmp_path)
    assert empreinte(tmp_path) == avant
    (tmp_path / "datasets" / "jeu" / "jeu.csv").write_text("a\n2\n", encoding="utf-8")
    apres_donnees = empreinte(tmp_path)
    assert apres_donnees != avant
    etapes.write_text("jeu: autre\n", encoding="utf-8")
    assert empreinte(tmp_path) != apres_donnees


@pytest.mark.sphinx("html", testroot="statique")
def test_une_feuille_changee_seule_arrive_dans_le_site(app, make_app):
    # Sphinx stops at « no targets are out of date » and copies no static file: an edit of
    # phare.css alone was not seen until a full build (phare.livre.statique).
    app.build()
    feuille = Path(app.srcdir) / "_ressources" / "essai.css"
    copie = Path(app.outdir) / "_static" / "essai.css"
    assert copie.read_text(encoding="utf-8") == feuille.read_text(encoding="utf-8")
    lue = app.env.all_docs["index"]
    sans_changement = make_app("html", srcdir=app.srcdir)
    sans_changement.build()
    assert sans_changement.env.all_docs["index"] == lue, "relue sans changement"
    feuille.write_text("p { color: black; }\n", encoding="utf-8")
    apres = make_app("html", srcdir=app.srcdir)
    apres.build()
    assert copie.read_text(encoding="utf-8") == "p { color: black; }\n"
