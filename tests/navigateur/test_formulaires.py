"""The session summary and the attestation of participation (phare.livre.formulaires): filled in the
browser, nothing stored nor sent, axe-clean, printed on one A4 page with what was typed, the
competences of the chosen module taken from its front matter. Linked from the mediators' page."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from phare.construction.kits import chemin_manifeste

pytestmark = pytest.mark.navigateur
PAGES = {"compte_rendu": "book/compte-rendu-seance.html", "attestation": "book/attestation.html"}
NOM = "Yvonne Le Gall-Quéméner"


@pytest.fixture(scope="module")
def modules(site_html):
    return json.loads(chemin_manifeste(site_html).read_text(encoding="utf-8"))["modules"]


# What the theme itself keeps (its light or dark mode), never what a reader typed.
CLES_DU_THEME = {"theme", "mode"}


def _stockage(page) -> dict:
    return page.evaluate(
        "() => ({local: {...localStorage}, session: {...sessionStorage}, cookies: document.cookie})"
    )


@pytest.mark.parametrize("sorte", sorted(PAGES))
def test_rempli_imprime_sur_une_page_sans_rien_garder(sorte, visiter, axe, modules, tmp_path, artefacts):
    visite = visiter(PAGES[sorte])
    page = visite.page
    module = modules[-1]  # not the default choice: the competences follow the chosen module
    page.select_option("[data-phare-module]", module["page"])
    if sorte == "attestation":
        page.fill("#at-nom", NOM)
        page.fill("#at-date", "2026-12-02")
    else:
        page.fill("#cr-nombre", "11")
        page.fill("#cr-date", "2026-12-02")
        assert page.input_value("#cr-duree").replace("\u00a0", " ") == module["fiche"]["duree_atelier"]
    violations = axe(page)
    assert not violations, axe.resume(violations)
    garde = _stockage(page)
    assert set(garde["local"]) <= CLES_DU_THEME and not garde["session"] and not garde["cookies"], garde
    assert not any(v in str(garde) for v in (NOM, "11", "2026-12-02")), f"tapé et gardé : {garde}"
    assert not visite.problemes(), visite.problemes()
    requetes = []
    page.on("request", lambda r: requetes.append(r.url))
    pdf = tmp_path / f"{sorte}.pdf"
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    assert not requetes, f"requêtes à l'impression : {requetes}"
    infos = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", infos, re.MULTILINE), f"{sorte} : plus d'une page A4"
    texte = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    texte = re.sub(r"\s+", " ", texte.replace("\u2019", "'"))
    for c in module["fiche"]["competences_crcn"]:
        assert c["intitule"].replace("\u2019", "'") in texte, f"{sorte} : compétence {c['code']} absente"
    autres = {c["intitule"] for m in modules[:-1] for c in m["fiche"]["competences_crcn"]}
    autres -= {c["intitule"] for c in module["fiche"]["competences_crcn"]}
    assert not [a for a in autres if a in texte], f"{sorte} : compétences d'un autre atelier imprimées"
    if sorte == "attestation":
        assert NOM in texte
    dossier = artefacts / "formulaires"
    dossier.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(dossier / sorte)], check=True)


def test_liees_depuis_la_page_des_mediateurs(visiter):
    page = visiter("book/mediateurs.html").page
    liens = page.eval_on_selector_all("article a[href]", "els => els.map(e => e.getAttribute('href'))")
    for cible in PAGES.values():
        nom = cible.split("/")[-1]
        assert any(lien.split("#")[0].endswith(nom) for lien in liens), f"lien vers {cible} absent"
