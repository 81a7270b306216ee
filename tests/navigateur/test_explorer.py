"""« Explorer un fichier » in Chromium: every CSV of datasets/ described as pandas sees it, every bad
input answered in French, the page still working afterwards, no request leaving the site.

The 50 MB file is timed by `make bench` (phare.construction.bench), never here.
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pytest
from outils.html import lire_page

from phare.interface import libelle
from phare.livre.explorer import LIMITE

pytestmark = pytest.mark.navigateur

RACINE = Path(__file__).resolve().parents[2]
DATASETS = RACINE / "datasets"
PAGE = "book/explorer-un-fichier.html"
FICHIERS = sorted(p.relative_to(DATASETS).as_posix() for p in DATASETS.glob("*/*.csv"))
# Schema type -> what the page may guess (a « number » column may hold whole numbers only).
TYPES_ADMIS = {
    "integer": {"entier"},
    "number": {"decimal_point", "entier"},
    "date": {"date"},
    "datetime": {"date_heure"},
}


@pytest.fixture
def explorer(visiter):
    visite = visiter(PAGE)
    visite.page.wait_for_selector(".phare-explorer")
    return visite


def decrire(page, contenu: bytes, nom: str) -> str:
    """Give the page a file as the file picker would; wait for the report or the message."""
    page.evaluate("document.querySelector('.phare-explorer').removeAttribute('data-etat')")
    fichier = {"name": nom, "mimeType": "text/csv", "buffer": contenu}
    page.set_input_files(".phare-explorer-fichier", files=[fichier])
    page.wait_for_function(
        "['rapport', 'erreur'].includes(document.querySelector('.phare-explorer').dataset.etat)",
        timeout=30_000,
    )
    return page.get_attribute(".phare-explorer", "data-etat")


def rapport(page) -> dict:
    """What the report says, read from its HTML (the facts and one row per column)."""
    return page.evaluate("""() => {
      const faits = {};
      document.querySelectorAll('.phare-explorer-faits dd')
        .forEach(dd => faits[dd.dataset.fait] = dd.textContent);
      const colonnes = [...document.querySelectorAll('.phare-explorer-colonnes tbody tr')].map(tr => ({
        nom: tr.dataset.colonne, type: tr.dataset.type, manquantes: Number(tr.dataset.manquantes),
        min: tr.dataset.min, max: tr.dataset.max, mediane: tr.dataset.mediane}));
      const alertes = [...document.querySelectorAll('[data-alerte]')].map(li => li.dataset.alerte);
      return {faits, colonnes, alertes};
    }""")


def message(page) -> str:
    return page.inner_text(".phare-explorer-erreur")


def nombre_du_texte(texte: str) -> int:
    return int("".join(c for c in texte.split("(")[0] if c.isdigit()))


def schema(fichier: str) -> dict[str, str]:
    jeu, nom = fichier.split("/")
    meta = json.loads((DATASETS / jeu / "datapackage.json").read_text(encoding="utf-8"))
    res = next(r for r in meta["resources"] if r["path"] == nom)
    return {f["name"]: f["type"] for f in res["schema"]["fields"]}


@pytest.mark.parametrize("fichier", FICHIERS)
def test_chaque_jeu_est_decrit_comme_pandas_le_lit(explorer, fichier):
    contenu = (DATASETS / fichier).read_bytes()
    assert decrire(explorer.page, contenu, Path(fichier).name) == "rapport", message(explorer.page)
    r = rapport(explorer.page)
    df = pd.read_csv(io.BytesIO(contenu), dtype=str, keep_default_na=False)
    assert nombre_du_texte(r["faits"]["nombre_lignes"]) == len(df)
    assert int(r["faits"]["nombre_colonnes"]) == df.shape[1] == len(r["colonnes"])
    assert r["faits"]["encodage"] == libelle("explorer.utf8")
    assert r["faits"]["separateur"] == libelle("explorer.virgule")
    types = schema(fichier)
    for colonne, vu in zip(df.columns, r["colonnes"], strict=True):
        assert vu["nom"] == colonne
        valeurs = df[colonne].str.strip()
        assert vu["manquantes"] == int((valeurs == "").sum()), colonne
        if types[colonne] in TYPES_ADMIS:
            assert vu["type"] in TYPES_ADMIS[types[colonne]], (colonne, vu["type"])
        if vu["type"] in ("entier", "decimal_point"):
            nombres = pd.to_numeric(valeurs[valeurs != ""])
            assert float(vu["min"]) == nombres.min() and float(vu["max"]) == nombres.max(), colonne
            assert float(vu["mediane"]) == pytest.approx(nombres.median(), rel=1e-12), colonne
        elif vu["type"] in ("date", "date_heure"):
            dates = valeurs[valeurs != ""]
            assert (vu["min"], vu["max"]) == (dates.min(), dates.max()), colonne
    assert not explorer.problemes()


def test_les_exemples_du_site(explorer):
    page = explorer.page
    boutons = page.locator(".phare-explorer-exemple")
    assert boutons.count() == 4
    for rang in range(boutons.count()):
        page.evaluate("document.querySelector('.phare-explorer').removeAttribute('data-etat')")
        boutons.nth(rang).click()
        page.wait_for_function("document.querySelector('.phare-explorer').dataset.etat === 'rapport'")
        r = rapport(page)
        if "latin1" in boutons.nth(rang).get_attribute("data-nom"):
            assert r["faits"]["encodage"] == libelle("explorer.windows1252")
            assert r["faits"]["separateur"] == libelle("explorer.point_virgule")
            assert "virgule" in r["alertes"]
            source = pd.read_csv(DATASETS / "meteo-horaire-janvier-2014/stations.csv", dtype=str)
            assert nombre_du_texte(r["faits"]["nombre_lignes"]) == len(source)
            assert {c["nom"]: c["type"] for c in r["colonnes"]}["latitude"] == "decimal_virgule"
    assert not explorer.problemes()


def _modifie(fichier: str, changer) -> bytes:
    lignes = (DATASETS / fichier).read_text(encoding="utf-8").splitlines()
    return ("\n".join(changer(lignes)) + "\n").encode("utf-8")


def test_les_alertes_d_un_fichier_de_debutant(explorer):
    page = explorer.page

    def abimer(lignes):
        # dates of two formats, one exact duplicate, one line too long, a column almost empty
        lignes = [lignes[0] + ",note"] + [ligne + "," for ligne in lignes[1:]]
        a, m, j = lignes[5].split(",")[0].split("-")
        lignes[5] = f"{j}/{m}/{a}," + lignes[5].split(",", 1)[1]
        lignes[1] = lignes[1] + "x"
        return lignes + [lignes[10], lignes[20] + ",en trop"]

    assert decrire(page, _modifie("surcotes-brest/surcotes-brest.csv", abimer), "abime.csv") == "rapport"
    r = rapport(page)
    assert {"deux_formats", "doublons", "longueurs", "presque_vide"} <= set(r["alertes"])
    texte = page.inner_text(".phare-explorer-rapport")
    for cle in ("alerte_deux_formats", "alerte_doublons", "alerte_longueurs", "alerte_presque_vide"):
        assert libelle(f"explorer.{cle}") in texte


def _xlsx() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return tampon.getvalue()


def _ods() -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    return tampon.getvalue()


MAUVAIS = {
    "vide.csv": (b"", "explorer.erreur_vide"),
    "image.csv": (
        zlib.compress((DATASETS / "pluie-quotidienne/pluie-quotidienne.csv").read_bytes()),
        "explorer.erreur_binaire",
    ),
    "classeur.xlsx": (_xlsx(), "explorer.erreur_tableur"),
    "classeur.ods": (_ods(), "explorer.erreur_tableur"),
    "classeur-renomme.csv": (_xlsx(), "explorer.erreur_tableur"),
    "entetes.csv": (b"annee,niveau_mm\n", "explorer.erreur_entetes_seules"),
    "utf16.csv": ("annee,niveau\n1807,6970\n".encode("utf-16"), "explorer.erreur_utf16"),
}


@pytest.mark.parametrize("nom", sorted(MAUVAIS))
def test_un_mauvais_fichier_recoit_un_message_et_la_page_continue(explorer, nom):
    page = explorer.page
    contenu, cle = MAUVAIS[nom]
    assert decrire(page, contenu, nom) == "erreur"
    attendu = libelle(cle, format="XLSX" if "xlsx" in nom or "renomme" in nom else "ODS").split("(")[0]
    assert attendu in message(page)
    if cle == "explorer.erreur_tableur":
        assert page.locator(".phare-explorer-erreur ol li").count() >= 4
    # The page keeps working: the next file is described.
    suivant = (DATASETS / "arrets-bibus/lignes.csv").read_bytes()
    assert decrire(page, suivant, "lignes.csv") == "rapport"
    assert message(page) == ""
    assert not explorer.problemes()


def test_une_seule_colonne(explorer):
    contenu = _modifie("niveau-marin-brest-annuel/niveau-marin-brest-annuel.csv",
                       lambda lignes: [ligne.split(",")[1] for ligne in lignes])
    assert decrire(explorer.page, contenu, "une-colonne.csv") == "rapport"
    r = rapport(explorer.page)
    assert "une_colonne" in r["alertes"] and len(r["colonnes"]) == 1
    assert r["colonnes"][0]["type"] == "entier"


def test_fins_de_ligne_melangees_et_bom(explorer):
    source = (DATASETS / "pluie-guipavas-horaire/pluie-guipavas-6min-echantillon.csv").read_bytes()
    lignes = source.split(b"\n")
    melange = b"".join(ligne + (b"\r\n" if i % 3 == 0 else b"\n") for i, ligne in enumerate(lignes[:-1]))
    attendu = len(pd.read_csv(io.BytesIO(source)))
    assert decrire(explorer.page, melange, "melange.csv") == "rapport"
    r = rapport(explorer.page)
    assert "fins_de_ligne" in r["alertes"]
    assert nombre_du_texte(r["faits"]["nombre_lignes"]) == attendu
    assert all(c["type"] != "texte" for c in r["colonnes"])  # no "\r" left at the end of a value
    assert decrire(explorer.page, b"\xef\xbb\xbf" + source, "bom.csv") == "rapport"
    r = rapport(explorer.page)
    assert r["faits"]["encodage"] == libelle("explorer.utf8_bom")
    assert r["colonnes"][0]["nom"] == "debut"


def test_au_dela_de_la_limite_et_par_glisser_deposer(explorer):
    page = explorer.page
    # A file above the limit, dropped on the frame (made in the page: nothing big crosses the wire).
    page.evaluate("""(taille) => {
      const fichier = new File([new Uint8Array(taille)], "enorme.csv", {type: "text/csv"});
      const dt = new DataTransfer(); dt.items.add(fichier);
      document.querySelector('.phare-explorer-depot')
        .dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", LIMITE + 1)
    page.wait_for_function("document.querySelector('.phare-explorer').dataset.etat === 'erreur'")
    assert libelle("explorer.erreur_trop_gros", taille="X", limite="Y").split("X")[0] in message(page)
    page.evaluate("""(texte) => {
      const dt = new DataTransfer(); dt.items.add(new File([texte], "depose.csv", {type: "text/csv"}));
      document.querySelector('.phare-explorer-depot')
        .dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", (DATASETS / "arrets-bibus/lignes.csv").read_text(encoding="utf-8"))
    page.wait_for_function("document.querySelector('.phare-explorer').dataset.etat === 'rapport'")
    assert rapport(page)["colonnes"][0]["nom"] == "ligne"
    assert not explorer.problemes()


def test_au_clavier_lisible_a_360_et_sans_defaut_axe(visiter, axe, artefacts):
    for largeur in (1280, 360):
        visite = visiter(PAGE, largeur=largeur)
        page = visite.page
        # Keyboard: the button that opens the file picker and the example buttons are reached with Tab.
        atteints = set()
        for _ in range(80):
            page.keyboard.press("Tab")
            atteints.add(page.evaluate("document.activeElement.className || document.activeElement.id"))
        assert "phare-explorer-choisir" in atteints
        assert "phare-explorer-exemple" in atteints
        # Enter on the button opens the browser's file picker.
        with page.expect_file_chooser() as choix:
            page.locator(".phare-explorer-choisir").press("Enter")
        fichier = DATASETS / "arrets-bibus/lignes.csv"
        choix.value.set_files(fichier)
        page.wait_for_function("document.querySelector('.phare-explorer').dataset.etat === 'rapport'")
        page.evaluate("document.querySelector('.phare-explorer').removeAttribute('data-etat')")
        page.locator(".phare-explorer-exemple").last.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('.phare-explorer').dataset.etat === 'rapport'")
        violations = axe(page)
        assert not violations, axe.resume(violations)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        page.screenshot(path=str(artefacts / f"explorer-{largeur}.png"), full_page=True)
        # An error message too.
        decrire(page, _xlsx(), "classeur.xlsx")
        violations = axe(page)
        assert not violations, axe.resume(violations)
        capture = artefacts / f"explorer-erreur-{largeur}.png"
        page.locator(".phare-explorer-erreur").screenshot(path=str(capture))
        assert not visite.problemes()


def test_arreter_une_lecture_puis_recommencer(explorer):
    page = explorer.page
    # A file of about 40 MB made in the page from a dataset's rows: reading it takes long enough.
    page.evaluate("""(texte) => {
      const [entete, ...corps] = texte.trim().split("\\n");
      const bloc = corps.join("\\n") + "\\n";
      const morceaux = [entete + "\\n"];
      for (let taille = 0; taille < 40e6; taille += bloc.length) morceaux.push(bloc);
      const dt = new DataTransfer(); dt.items.add(new File(morceaux, "long.csv", {type: "text/csv"}));
      document.querySelector('.phare-explorer-depot')
        .dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""", (DATASETS / "pluie-quotidienne/pluie-quotidienne.csv").read_text(encoding="utf-8"))
    page.wait_for_function("document.querySelector('.phare-explorer-progression').value > 0", timeout=30_000)
    assert page.is_visible(".phare-explorer-progression")
    page.click(".phare-explorer-arreter")
    assert page.get_attribute(".phare-explorer", "data-etat") == "arrete"
    assert page.inner_text(".phare-explorer-etat") == libelle("explorer.arrete")
    assert not page.is_visible(".phare-explorer-progression")
    assert decrire(page, (DATASETS / "arrets-bibus/lignes.csv").read_bytes(), "lignes.csv") == "rapport"
    assert not explorer.problemes()


def _code_charge(site_html: Path, page: str) -> str:
    """The scripts a page runs: inline, deferred (text/x-phare-differe) and the files it loads."""
    resume = lire_page(site_html / page)
    code = list(resume.scripts_en_ligne)
    for source in resume.scripts_fichiers:
        source = source.split("?")[0]
        fichier = (site_html / page).parent / source
        if not source.startswith(("http:", "https:", "//")) and fichier.is_file():
            code.append(fichier.read_text(encoding="utf-8", errors="replace"))
    return "\n".join(code)


def test_scripts_charges_seulement_sur_cette_page(site_html, pages_du_livre):
    """The explorer's code, which starts PapaParse's worker, runs on this page alone (by what each
    page loads, not by a word of its HTML: the inlined CSS may name the explorer's classes)."""
    pages = [p for p in pages_du_livre if "phare-explorer-ouvrier.js" in _code_charge(site_html, p)]
    assert pages == [PAGE]
    assert (site_html / "_static" / "papaparse" / "LICENSE").is_file()
