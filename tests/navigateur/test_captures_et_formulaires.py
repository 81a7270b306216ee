"""What a kit adds for the spreadsheet workshop and after the session, in the built site:

- each spreadsheet sheet of a module (book/<parcours>/tableur/*.yml read by its page) has its two
  pictures drawn by LibreOffice Calc (phare.construction.captures), printed next to their steps in
  the participant sheet and the worksheet, with their text alternative;
- each module's pack holds the session summary and the attestation, printed blank for that module
  (one A4 page each, with the module's title and its CRCN competences), and the mediators' and
  teachers' pages link to both forms, the module chosen beforehand (`?module=…`).

Needs the site built by `make build-strict` (or `make pdf`) and poppler-utils.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from phare.construction.captures import PPP, feuilles_du_module, fichier_capture
from phare.construction.kits import FORMULAIRES, chemin_manifeste
from phare.interface import libelle

pytestmark = pytest.mark.navigateur
A4 = re.compile(r"^Page\s+1 size:\s+595\.\d+ x 841\.\d+ pts", re.MULTILINE)


def _compact(texte: str) -> str:
    return re.sub(r"\s+", "", texte.replace("\u2019", "'")).casefold()


def _outil(*commande: str) -> str:
    try:
        return subprocess.run(commande, capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        pytest.fail(f"{commande[0]} introuvable : installez poppler-utils (`bash .ci/systeme`).")


@pytest.fixture(scope="module")
def manifeste(site_html: Path) -> dict:
    chemin = chemin_manifeste(site_html)
    if not chemin.is_file():
        pytest.fail(f"{chemin} manque : construisez le site avec `make build-strict`.")
    return json.loads(chemin.read_text(encoding="utf-8"))


def _images(pdf: Path) -> list[tuple[int, int]]:
    """(width, height) in pixels of each picture of a PDF (`pdfimages -list`)."""
    lignes = _outil("pdfimages", "-list", str(pdf)).splitlines()[2:]
    return [(int(c[3]), int(c[4])) for c in (ligne.split() for ligne in lignes) if c[2] == "image"]


def test_chaque_feuille_tableur_a_ses_captures(site_html, manifeste):
    from PIL import Image

    racine = Path(manifeste["racine"])
    avec_tableur = 0
    for module in manifeste["modules"]:
        feuilles = feuilles_du_module(racine, module)
        participant = site_html / module["pdf"]["participant"]
        texte = _compact(_outil("pdftotext", str(participant), "-"))
        legendes = {s: _compact(libelle(f"documents.capture_{s}")) for s in ("donnees", "formules")}
        if not feuilles:
            assert not any(v in texte for v in legendes.values()), f"{participant.name} : capture en trop"
            continue
        avec_tableur += 1
        tailles = set()
        for yml in feuilles:
            for sorte in ("donnees", "formules"):
                png = site_html / fichier_capture(module["page"], yml, sorte)
                assert png.is_file(), f"{module['nom']} : {png.name} manque"
                assert png.stat().st_size < 60_000, f"{png.name} : {png.stat().st_size} octets, trop lourd"
                with Image.open(png) as image:
                    tailles.add(image.size)
                    # Drawn at PPP points an inch and printed at that size: never wider than A4 landscape.
                    assert image.width <= 27 / 2.54 * PPP, f"{png.name} : {image.size}"
        for document in ("participant", "cahier"):
            pdf = site_html / module["pdf"][document]
            texte = _compact(_outil("pdftotext", str(pdf), "-"))
            for sorte, legende in legendes.items():
                assert texte.count(legende) == len(feuilles), (
                    f"{pdf.name} : {texte.count(legende)} légende(s) « {sorte} », {len(feuilles)} feuille(s)"
                )
            assert tailles <= set(_images(pdf)), f"{pdf.name} : captures absentes du PDF ({tailles})"
    assert avec_tableur, "aucun module n'a d'étapes au tableur"


def test_les_captures_ont_leur_texte_alternatif(site_html, manifeste, visiter):
    """The participant sheet is assembled in the browser from the built page: each picture keeps its
    alternative text (which the tagged PDF carries)."""
    from phare.construction.captures import _textes
    from phare.construction.impression import SCRIPT, options
    from phare.tableur import lire_feuille

    racine = Path(manifeste["racine"])
    module = next(m for m in manifeste["modules"] if feuilles_du_module(racine, m))

    captures = []
    for yml in feuilles_du_module(racine, module):
        for sorte, texte in _textes(yml, lire_feuille(yml)).items():
            src = "/" + fichier_capture(module["page"], yml, sorte)
            captures.append({"src": src, "largeur": 300, **texte})
    visite = visiter(module["html"])
    opts = {**options(module, "participant", racine), "captures": captures}
    visite.page.evaluate(SCRIPT.read_text(encoding="utf-8"), opts)
    images = visite.page.eval_on_selector_all(
        "figure.phare-capture img", "(l) => l.map((i) => [i.alt, i.naturalWidth])"
    )
    assert len(images) == len(captures), images
    assert all(alt.startswith("Capture de LibreOffice Calc") and n > 0 for alt, n in images), images


def test_chaque_paquet_a_son_compte_rendu_et_son_attestation(site_html, manifeste):
    for module in manifeste["modules"]:
        assert set(module["formulaires"]) == set(FORMULAIRES), module["nom"]
        with zipfile.ZipFile(site_html / module["paquet"]) as zf:
            noms = {n.split("/", 1)[1] for n in zf.namelist()}
            lisezmoi = zf.read(f"phare-{module['nom']}/LISEZMOI.md").decode("utf-8")
        for sorte, formulaire in module["formulaires"].items():
            nom = "fiches/" + Path(formulaire["pdf"]).name
            assert nom in noms, f"{module['paquet']} : {nom} manque"
            assert f"`{nom}`" in lisezmoi, f"{module['paquet']} : LISEZMOI.md ne cite pas {nom}"
            pdf = site_html / formulaire["pdf"]
            infos = _outil("pdfinfo", "-f", "1", "-l", "9", str(pdf))
            assert re.search(r"^Pages:\s+1$", infos, re.MULTILINE), f"{pdf.name} : plus d'une page"
            assert A4.search(infos), f"{pdf.name} : pas en A4"
            texte = _compact(_outil("pdftotext", str(pdf), "-"))
            assert _compact(libelle(f"formulaires.titre_{sorte}")) in texte, pdf.name
            assert _compact(module["titre"]) in texte, f"{pdf.name} : l'atelier n'est pas choisi"
            for competence in module["fiche"]["competences_crcn"]:
                assert _compact(competence["intitule"]) in texte, f"{pdf.name} : {competence['code']} manque"
            autres = [m for m in manifeste["modules"] if m["nom"] != module["nom"]]
            assert not any(_compact(f"{m['titre']}") in texte for m in autres if len(m["titre"]) > 12), (
                f"{pdf.name} : un autre atelier est imprimé"
            )


@pytest.mark.parametrize("page", ["book/mediateurs.html", "book/enseignants.html"])
def test_pages_des_publics_liees_aux_formulaires_de_chaque_module(site_html, manifeste, page):
    soupe = BeautifulSoup((site_html / page).read_text(encoding="utf-8"), "html.parser")
    liens = {a["href"] for a in soupe.select("a[href]")}
    for module in manifeste["modules"]:
        for formulaire in module["formulaires"].values():
            page_formulaire, _, requete = formulaire["html"].partition("?")
            for attendu in (f"{Path(page_formulaire).name}?{requete}", formulaire["pdf"]):
                assert any(lien.endswith(attendu) for lien in liens), f"{page} : pas de lien {attendu}"


def test_le_lien_choisit_le_module(visiter, manifeste):
    module = manifeste["modules"][-1]  # not the default choice
    for formulaire in module["formulaires"].values():
        visite = visiter(formulaire["html"])
        assert visite.page.input_value("[data-phare-module]") == module["page"]
        visibles = visite.page.eval_on_selector_all(
            "[data-phare-competences]:not([hidden])", "(l) => l.map((b) => b.dataset.phareCompetences)"
        )
        assert visibles == [module["page"]], visibles
        assert not visite.problemes(), visite.problemes()
