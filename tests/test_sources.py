"""One source for each fact: the registry of sources (book/_sources.yml), the citations of the
pages, the « Sources » part of every module and the timeline (frise) of the SPLD module."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from phare.livre.frise import lire_frise, nombre_de_feuilles_a4, problemes_de_la_frise, quand
from phare.livre.module import lire_fiche
from phare.livre.sources import REGISTRE, SourceInvalide, _verifier, charger_registre, problemes_du_registre

RACINE = Path(__file__).resolve().parents[1]
ROLE = re.compile(r"\{source\}`([^`]*)`")
PAGES = sorted((RACINE / "book").rglob("*.md"))
MODULES = [p for p in PAGES if lire_fiche(p)]
FRISES = sorted((RACINE / "book").rglob("frise-*.yml"))


@pytest.fixture(scope="module")
def registre() -> dict:
    return charger_registre(RACINE)


def test_chaque_source_a_un_titre_un_editeur_une_adresse_et_une_date(registre):
    assert registre, f"{REGISTRE} est vide"
    assert problemes_du_registre(registre) == []


def test_une_source_sans_date_est_refusee():
    sans_date = {"x": {"titre": "T", "editeur": "E", "url": "https://exemple.fr"}}
    assert problemes_du_registre(sans_date) == ["x : le champ « verifie » manque ou est vide"]
    date_en_texte = {"x": {"titre": "T", "editeur": "E", "url": "https://exemple.fr", "verifie": "hier"}}
    assert "doit être une date" in problemes_du_registre(date_en_texte)[0]


def test_il_y_a_des_modules():
    assert len(MODULES) >= 7


@pytest.mark.parametrize("page", MODULES, ids=lambda p: p.stem)
def test_chaque_module_cite_ses_sources_et_les_liste(page):
    texte = page.read_text(encoding="utf-8")
    assert ROLE.search(texte), f"{page.name} ne cite aucune source ({{source}}`identifiant`)"
    assert "```{sources}" in texte, f"{page.name} n'a pas de liste ```{{sources}}``` (partie « Sources »)"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(RACINE / "book").as_posix())
def test_chaque_source_citee_existe(page, registre):
    cites = {i.strip() for appel in ROLE.findall(page.read_text(encoding="utf-8")) for i in appel.split(",")}
    assert cites <= set(registre), f"{page.name} cite des sources inconnues : {cites - set(registre)}"


def test_la_construction_refuse_un_module_sans_source():
    env = SimpleNamespace(
        phare_modules={"book/m": {}}, found_docs={"book/m"}, phare_sources={"book/m": []},
        doc2path=lambda docname, base=True: f"{docname}.md",
    )
    with pytest.raises(SourceInvalide, match="ne cite aucune source"):
        _verifier(None, env)
    env.phare_sources["book/m"] = ["jeparticipe-conference"]
    _verifier(None, env)


def test_une_page_qui_cite_sans_liste_est_refusee(tmp_path):
    from sphinx.application import Sphinx

    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "_sources.yml").write_text(
        "a:\n  titre: Un titre\n  editeur: Un éditeur\n  url: https://exemple.fr\n  verifie: 2026-12-02\n",
        encoding="utf-8",
    )
    (tmp_path / "conf.py").write_text("extensions = ['myst_parser', 'phare.livre.sources']\n")
    (tmp_path / "index.md").write_text("# Titre\n\nUn fait {source}`a`.\n", encoding="utf-8")
    app = Sphinx(tmp_path, tmp_path, tmp_path / "_build", tmp_path / "_doctrees", "html", status=None)
    with pytest.raises(SourceInvalide, match="n'a pas de liste"):
        app.build()
    page = "# Titre\n\nUn fait {source}`a`.\n\n```{sources}\n```\n"
    (tmp_path / "index.md").write_text(page, encoding="utf-8")
    app = Sphinx(tmp_path, tmp_path, tmp_path / "_build2", tmp_path / "_doctrees2", "html", status=None)
    app.build()
    html = (tmp_path / "_build2" / "index.html").read_text(encoding="utf-8")
    assert 'href="#source-a"' in html and 'id="source-a"' in html
    assert "vérifiée le 2\u00a0décembre 2026" in html or "vérifiée le 2 décembre 2026" in html


@pytest.mark.parametrize("chemin", FRISES, ids=lambda p: p.name)
def test_chaque_date_de_la_frise_a_sa_source(chemin, registre):
    frise = lire_frise(chemin)
    assert problemes_de_la_frise(frise, registre) == []
    assert isinstance(frise["verifie"], datetime.date)
    # Only « what we did not find » may go without a source, and it says so.
    for ev in frise["evenements"]:
        if not ev.get("sources"):
            assert ev.get("recherche") and "À notre connaissance" in ev["texte"]


def test_un_evenement_sans_source_est_refuse(registre):
    frise = {"titre": "T", "verifie": datetime.date(2026, 12, 2),
             "evenements": [{"date": "2021", "titre": "t", "texte": "x", "periode": "spld"}]}
    assert "au moins une source" in problemes_de_la_frise(frise, registre)[0]


def test_dates_de_la_frise_en_toutes_lettres():
    assert quand({"date": datetime.date(2021, 6, 3)}) == "3 juin 2021"
    assert quand({"date": "2021-10..2021-12"}) == "D'octobre à décembre 2021"
    assert quand({"date": "2022-06-20..2022-07-10"}) == "Du 20 juin au 10 juillet 2022"
    assert quand({"date": "2021-10-16,2021-10-23"}) == "16 et 23 octobre 2021"
    assert quand({"date": "2023-01", "quand": "début 2023"}) == "Début 2023"


def test_la_frise_imprimee_a_les_pages_annoncees(tmp_path, registre):
    from phare.livre.frise import dessiner_frise, ecrire_pdf

    frise = lire_frise(FRISES[0])
    assert len(dessiner_frise(frise, registre, "A3")) == 1
    chemin = tmp_path / "frise-a4.pdf"
    ecrire_pdf(frise, registre, "A4", chemin)
    premier = chemin.read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", premier)) == nombre_de_feuilles_a4(frise)
    ecrire_pdf(frise, registre, "A4", chemin)
    assert chemin.read_bytes() == premier, "la même frise doit donner le même PDF"
