"""Les captures de LibreOffice Calc des étapes au tableur, imprimées dans la fiche participant.

For each spreadsheet sheet of a module (`book/<parcours>/tableur/*.yml`, the files its page reads
with `lire_feuille`), LibreOffice Calc itself draws two pictures of the workbook, from the real CSV
and the formulas the page makes readers type, by the same path as tests/test_tableur.py:
- « données » : the file just opened with the page's import settings, its first rows;
- « formules » : the formulas as typed (in French, written in their cells, a long one wrapped:
  Calc's own formula view cannot wrap) beside what Calc computes from them.

How: `phare.tableur.csv_avec_formules` writes the CSV with the formulas, Calc opens it with
`options_import` (formulas evaluated) and saves an .ods; each picture is that .ods with a print
range and a page style of its own (grid, column letters and row numbers, formulas or values),
exported by Calc to PDF, rendered to PNG by pdftoppm (poppler-utils), its white margin cut.
The PNGs depend only on the sheet, its CSV and this file: they are kept in
`_build/kits/captures/<key>/` and copied into the site (`kits/<module>/tableur/`).
`impression.js` inserts them next to their step, with their text alternative.
Without LibreOffice, a French message says what to install (`phare.construction.libreoffice`).
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..interface import libelle
from ..tableur import Feuille, csv_avec_formules, indice, lettre, lire_feuille, options_import
from ..texte import nombre
from ..typographie import corriger
from . import libreoffice
from .kits import DOSSIER_KITS, nom_court

PPP = 144  # points per inch of the PNGs
ECHELLE = 0.85  # printed at 85 % of Calc's own size (its 10 points become 8.5): the sheet stays short
LIGNES_DONNEES = 6  # the header and 5 rows of data
COLONNES_DONNEES = 8  # at most, from A: enough to see the file, never wider than the sheet
MARGE = 4  # pixels of white kept around a picture
ECART = 28  # pixels between the two halves of the « formules » picture
LARGEUR_FORMULES_MAX = 11.0  # cm: the column of the formulas, beside their results, on A4
# Fit the print range on one page (LibreOffice reads it; shrinks only).
AJUSTER = 'style:scale-to-X="1" style:scale-to-Y="1"'
_LIRE_FEUILLE = re.compile(r"""lire_feuille\(\s*["']([^"']+\.yml)["']""")


def feuilles_du_module(racine: Path, module: dict) -> list[Path]:
    """Les fichiers d'étapes (YAML) que lit la page du module, dans l'ordre de la page."""
    for extension in (".md", ".ipynb"):
        source = Path(racine) / (module["page"] + extension)
        if source.is_file():
            break
    else:
        return []
    texte = source.read_text(encoding="utf-8").replace('\\"', '"')
    vus = []
    for relatif in _LIRE_FEUILLE.findall(texte):
        chemin = (source.parent / relatif).resolve()
        if chemin.is_file() and chemin not in vus:
            vus.append(chemin)
    return vus


def _cle(yml: Path, feuille: Feuille) -> str:
    empreinte = hashlib.sha256()
    for fichier in (yml, feuille.chemin_csv, Path(__file__)):
        empreinte.update(fichier.read_bytes())
    return empreinte.hexdigest()[:16]


# --- The workbook of one picture: the .ods Calc saved, with a print range and a page style -------


def _largeurs(content: str, colonne: int, largeur: str) -> str:
    """Give column `colonne` (from 0) the width `largeur` (« 9.5cm »), splitting repeated columns."""
    style = (
        '<style:style style:name="coPhare" style:family="table-column"><style:table-column-properties '
        f'fo:break-before="auto" style:column-width="{largeur}"/></style:style>'
    )
    content = content.replace("</office:automatic-styles>", style + "</office:automatic-styles>", 1)
    rang = 0

    def couper(m: re.Match) -> str:
        nonlocal rang
        balise = m.group(0)
        repete = re.search(r'table:number-columns-repeated="(\d+)"', balise)
        n = int(repete[1]) if repete else 1
        debut, rang = rang, rang + n
        if not debut <= colonne < rang:
            return balise
        simple = re.sub(r'\s*table:number-columns-repeated="\d+"', "", balise)

        def bloc(nombre_: int, nom: str | None = None) -> str:
            if nombre_ <= 0:
                return ""
            b = simple
            if nom is not None:
                b = re.sub(r'table:style-name="[^"]*"', f'table:style-name="{nom}"', b)
            if nombre_ > 1:
                repete = f'table:number-columns-repeated="{nombre_}" '
                b = b.replace("<table:table-column ", "<table:table-column " + repete)
            return b

        return bloc(colonne - debut) + bloc(1, "coPhare") + bloc(rang - colonne - 1)

    return re.sub(r"<table:table-column [^>]*/>", couper, content)


def _classeur(
    ods: Path, sortie: Path, plage: str, formules: list[str], largeur: tuple[int, str] | None
) -> Path:
    """Copy of `ods` that prints `plage` (« A1:H6 ») alone, on one page, with grid and headers;
    with `formules` (in the order of their cells), the formula cells show them as typed."""
    with zipfile.ZipFile(ods) as z:
        parties = {nom: z.read(nom) for nom in z.namelist()}
    content = parties["content.xml"].decode("utf-8")
    nom = re.search(r'<table:table table:name="([^"]+)"', content)[1]
    debut, _, fin = plage.partition(":")
    content = content.replace(
        f'<table:table table:name="{nom}" ',
        f'<table:table table:name="{nom}" table:print-ranges="{nom}.{debut}:{nom}.{fin}" ',
        1,
    )
    if largeur:
        content = _largeurs(content, *largeur)
    if formules:
        # The formulas as typed, in their cells, left-aligned, a long one going on to the next line
        # (Calc's own formula view cannot wrap: a long formula would only show « ### »).
        style = ('<style:style style:name="cePhare" style:family="table-cell" '
                 'style:parent-style-name="Default">'
                 '<style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/>'
                 '<style:paragraph-properties fo:text-align="start"/></style:style>')
        content = content.replace("</office:automatic-styles>", style + "</office:automatic-styles>", 1)
        restantes = iter(formules)

        def en_texte(m: re.Match) -> str:
            texte = next(restantes).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            return (f'<table:table-cell table:style-name="cePhare" office:value-type="string" '
                    f'calcext:value-type="string"><text:p>{texte}</text:p></table:table-cell>')

        cellule = r"<table:table-cell [^>]*table:formula=[^>]*>.*?</table:table-cell>"
        content = re.sub(cellule, en_texte, content)
    styles = parties["styles.xml"].decode("utf-8")
    imprimer = "grid headers"
    styles = re.sub(
        r"<style:page-layout-properties([^>]*?)/?>",
        lambda m: (
            "<style:page-layout-properties"
            + re.sub(r'\s(?:style:print|style:scale-to[-\w]*|fo:page-width|fo:page-height|'
                     r'style:print-orientation)="[^"]*"', "", m.group(1))
            + f' style:print="{imprimer}" {AJUSTER} fo:page-width="29.7cm" '
            'fo:page-height="21cm" style:print-orientation="landscape"/>'
        ),
        styles,
    )
    # No header nor footer on the page (the sheet's name, « Page 1 »).
    styles = re.sub(
        r"(<style:master-page [^>]*>).*?(</style:master-page>)",
        r'\1<style:header style:display="false"/><style:footer style:display="false"/>\2',
        styles,
        flags=re.S,
    )
    parties["content.xml"], parties["styles.xml"] = content.encode("utf-8"), styles.encode("utf-8")
    with zipfile.ZipFile(sortie, "w") as z:
        for nom_partie, donnees in parties.items():
            mode = zipfile.ZIP_STORED if nom_partie == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(zipfile.ZipInfo(nom_partie, date_time=(1980, 1, 1, 0, 0, 0)), donnees, mode)
    return sortie


# --- From PDF to a PNG at its printed size ------------------------------------------------------


def _image(pdf: Path):
    from PIL import Image, ImageChops

    base = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", str(PPP), "-f", "1", "-l", "1", "-gray", "-png", "-singlefile", str(pdf),
         str(base)],
        check=True, capture_output=True, timeout=libreoffice.DELAI,
    )
    image = Image.open(base.with_suffix(".png")).convert("L")
    boite = ImageChops.invert(image).getbbox()
    if boite is None:
        raise libreoffice.LibreOfficeIntrouvable(f"LibreOffice a imprimé une page blanche ({pdf.name}).")
    g, h, d, b = boite
    return image.crop((max(g - MARGE, 0), max(h - MARGE, 0), d + MARGE, b + MARGE))


def _cote_a_cote(gauche, droite):
    from PIL import Image

    image = Image.new("L", (gauche.width + ECART + droite.width, max(gauche.height, droite.height)), 255)
    image.paste(gauche, (0, 0))
    image.paste(droite, (gauche.width + ECART, 0))
    return image


def _enregistrer(image, chemin: Path) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    # 16 greys are enough for a grid and anti-aliased text; no date in the file: reproducible.
    image.quantize(16).save(chemin, optimize=True)


# --- The pictures of one sheet ------------------------------------------------------------------


def _par_ligne(feuille: Feuille) -> list:
    """The steps with a formula, in the order of their cells in the sheet (row, then column)."""
    def rang(etape):
        lettres = etape.cellule.rstrip("0123456789")
        return int(etape.cellule[len(lettres):]), indice(lettres)

    return sorted(feuille.formules(), key=rang)


def _plages(feuille: Feuille) -> dict[str, str]:
    cellules = [e.cellule for e in feuille.formules()]
    col = lettre(indice(cellules[0].rstrip("0123456789")))
    bas = max(int(c[len(col):]) for c in cellules)
    fin_donnees = min(len(feuille.colonnes), COLONNES_DONNEES) - 1
    return {
        "donnees": f"A1:{lettre(fin_donnees)}{LIGNES_DONNEES}",
        "tapees": f"{col}1:{col}{bas}",
        # From the first column after the data (empty, or the formulas'): where the results sit.
        "valeurs": f"{lettre(len(feuille.colonnes))}1:{col}{bas}",
    }


def _largeur_formules(feuille: Feuille) -> str:
    """Wide enough for the longest formula, printed as typed (« 0,2 cm » a character at 10 points),
    up to `LARGEUR_FORMULES_MAX`: a longer one goes on to the next line."""
    largeur = min(0.21 * max(len(e.formule) for e in feuille.formules()) + 0.5, LARGEUR_FORMULES_MAX)
    return f"{largeur:.2f}cm"


def fabriquer(feuilles: list[tuple[Path, Feuille]], cache: Path) -> dict[Path, Path]:
    """Les captures de chaque feuille, dans `cache/<clé>/` (donnees.png, formules.png) ; renvoie
    yml -> dossier. Calc ne démarre que pour les feuilles qui ne sont pas déjà dans le cache."""
    dossiers = {yml: cache / _cle(yml, feuille) for yml, feuille in feuilles}
    a_faire = [(yml, f) for yml, f in feuilles if not (dossiers[yml] / "formules.png").is_file()]
    if not a_faire:
        return dossiers
    executable = libreoffice.soffice(
        "libreoffice-calc-nogui et libreoffice-l10n-fr", "fabriquer les captures des étapes au tableur"
    )
    if not shutil.which("pdftoppm"):
        raise libreoffice.LibreOfficeIntrouvable(
            "pdftoppm est introuvable : installez poppler-utils (.ci/systeme le fait) pour fabriquer les "
            "captures des étapes au tableur."
        )
    with tempfile.TemporaryDirectory(prefix="phare-captures-") as tmp:
        dossier = Path(tmp)
        profil = dossier / "profil"
        classeurs = []
        for yml, feuille in a_faire:
            # One start of Calc per sheet: the import settings (text columns) differ.
            csv_ = dossier / f"{yml.stem}.csv"
            csv_avec_formules(feuille, csv_)
            libreoffice.convertir(
                executable, profil, "ods", dossier / "ods", [csv_], filtre=options_import(feuille),
                quoi=f"le fichier de « {yml.name} » en classeur",
            )
            ods = dossier / "ods" / f"{yml.stem}.ods"
            plages = _plages(feuille)
            colonne = indice(plages["tapees"].split(":")[0].rstrip("0123456789"))
            for sorte, plage in plages.items():
                largeur = (colonne, _largeur_formules(feuille)) if sorte == "tapees" else None
                tapees = [e.formule for e in _par_ligne(feuille)] if sorte == "tapees" else []
                classeurs.append(_classeur(ods, dossier / f"{yml.stem}--{sorte}.ods", plage, tapees, largeur))
        # One start of Calc for every picture.
        libreoffice.convertir(
            executable, profil, "pdf", dossier / "pdf", classeurs, quoi="les captures des étapes au tableur"
        )
        for yml, _ in a_faire:
            pdf = {s: dossier / "pdf" / f"{yml.stem}--{s}.pdf" for s in ("donnees", "tapees", "valeurs")}
            manque = [p.name for p in pdf.values() if not p.is_file()]
            if manque:
                raise libreoffice.LibreOfficeIntrouvable(f"LibreOffice n'a pas écrit {', '.join(manque)}.")
            _enregistrer(_image(pdf["donnees"]), dossiers[yml] / "donnees.png")
            formules = _cote_a_cote(_image(pdf["tapees"]), _image(pdf["valeurs"]))
            _enregistrer(formules, dossiers[yml] / "formules.png")
    return dossiers


# --- What the printer needs: where each picture goes, and its words -----------------------------


def _textes(yml: Path, feuille: Feuille) -> dict[str, dict]:
    df = feuille.tableau()
    plages = _plages(feuille)
    fin = plages["donnees"].split(":")[1]
    colonnes = feuille.colonnes[: min(len(feuille.colonnes), COLONNES_DONNEES)]
    formules, valeurs = [], []
    for e in feuille.formules():
        attendu = feuille.attendu(e, df)
        formules.append(libelle("documents.capture_cellule", cellule=e.cellule, contenu=e.formule))
        valeur = nombre(attendu, e.decimales)
        valeurs.append(libelle("documents.capture_cellule", cellule=e.cellule, contenu=valeur))
    return {
        "donnees": {
            "legende": libelle("documents.capture_donnees"),
            "alt": corriger(libelle(
                "documents.capture_donnees_alt", fichier=feuille.chemin_csv.name, debut="A",
                fin=fin.rstrip("0123456789"), derniere=LIGNES_DONNEES, colonnes=", ".join(colonnes),
            )),
            # Before the list of steps: the first formula's step is in it.
            "avant": feuille.formules()[0].formule,
        },
        "formules": {
            "legende": libelle("documents.capture_formules"),
            "alt": corriger(libelle(
                "documents.capture_formules_alt", colonne=plages["tapees"].rstrip("0123456789")[0],
                formules=" ; ".join(formules), valeurs=" ; ".join(valeurs),
            )),
            # After the step of the last formula.
            "apres": feuille.formules()[-1].formule,
        },
    }


def fichier_capture(docname: str, yml: Path, sorte: str) -> str:
    """Chemin d'une capture, relatif à la racine du site."""
    return f"{DOSSIER_KITS}/{nom_court(docname)}/tableur/{yml.stem}-{sorte}.png"


def fabriquer_tout(site: Path, manifeste: dict) -> dict[str, list[dict]]:
    """Les captures de chaque module qui a des étapes au tableur, copiées dans le site ; renvoie,
    pour chaque module (nom court), ce que l'imprimante insère : src, alt, legende, largeur, ancre."""
    from PIL import Image

    racine = Path(manifeste["racine"])
    par_module = {m["nom"]: feuilles_du_module(racine, m) for m in manifeste["modules"]}
    feuilles = {yml: lire_feuille(yml) for ymls in par_module.values() for yml in ymls}
    if not feuilles:
        return {}
    dossiers = fabriquer(list(feuilles.items()), site.parent / DOSSIER_KITS / "captures")
    faites: dict[str, list[dict]] = {}
    for module in manifeste["modules"]:
        for yml in par_module[module["nom"]]:
            textes = _textes(yml, feuilles[yml])
            for sorte, texte in textes.items():
                cible = fichier_capture(module["page"], yml, sorte)
                (site / cible).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(dossiers[yml] / f"{sorte}.png", site / cible)
                with Image.open(site / cible) as image:
                    largeur = round(image.width * 96 / PPP * ECHELLE)  # CSS pixels: 96 an inch
                faites.setdefault(module["nom"], []).append(
                    {"src": "/" + cible, "largeur": largeur, "sorte": sorte, **texte}
                )
    total = sum(len(v) for v in faites.values())
    print(f"{total} captures de LibreOffice Calc pour {len(faites)} module(s) dans {site / DOSSIER_KITS}")
    return faites
