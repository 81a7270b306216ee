"""The modules' kits, made AFTER the book build from the built pages: `python -m phare.construction.kits`.

Why after: the handouts are printed from the very pages a visitor sees (one source).
The Sphinx extension `phare.livre.kits` writes the manifest `_build/kits/modules.json` (what
each module needs); this step reads it, has LibreOffice Calc draw the spreadsheet steps
(`captures`), prints the PDFs (`impression`), has Writer make the editable letters (`lettres`) and
makes the packs (`paquets`). The names of the files are decided here, once, for both sides.
"""

from __future__ import annotations

import json
import posixpath
import sys
from pathlib import Path

DOSSIER_KITS = "kits"
# The printable documents: kind -> file suffix (their titles are in phare.interface).
SUFFIXES = {
    "participant": "fiche-participant",
    "cahier": "cahier",
    "animation": "fiche-animation",
    "cartes": "cartes",
    "corrige": "corrige",
}
# Documents that only some modules have, printed when the facilitator sheet holds their block:
# kind -> file suffix. The evaluation grid: a container of class `phare-grille` (phare.enquete).
FACULTATIFS = {"grille": "grille-evaluation"}
CLASSE_GRILLE = "phare-grille"


def titre_document(sorte: str) -> str:
    """The title of a kind of document: `[documents]` of the labels; `[grille]` for the grid."""
    from ..interface import libelle

    return libelle("grille.titre") if sorte == "grille" else libelle(f"documents.{sorte}")


# The most pages each document may have: stated on the mediators' page, checked on every PDF
# (tests/navigateur/test_fiches_et_paquets.py).
# The facilitator sheet also carries what the unplugged activity prints (« Cartographier » : a blank
# map and the table of every polling station), hence 8 pages. The handouts of « Mener l'enquête »
# are the wall poster and one extract of 30 to 40 rows per group, each on its page, hence 6. A
# spreadsheet workshop's participant sheet carries two screenshots of Calc for each file
# (« Tempêtes » : three files), hence 6. The key of « Mener l'enquête » has a quiz of 9, six
# exercises and what each of the four extracts can and cannot show: 5 pages, hence 6. An
# easy-read version, in large type with a pictogram per idea, prints on 4 to 5 pages.
PAGES_MAX = {
    "participant": 6, "cahier": 14, "animation": 8, "cartes": 6, "corrige": 6, "grille": 2, "facile": 6,
}


def nom_court(docname: str) -> str:
    """`book/comprendre/une-donnee` -> `une-donnee` : le nom des fichiers du kit."""
    return posixpath.basename(docname)


def fichier_pdf(docname: str, sorte: str) -> str:
    """Chemin d'un PDF, relatif à la racine du site."""
    court = nom_court(docname)
    return f"{DOSSIER_KITS}/{court}/phare-{court}-{(SUFFIXES | FACULTATIFS)[sorte]}.pdf"


# The module's quiz for a class: format -> file suffix (phare.livre.quiz_exports).
QUIZ = {"moodle": "quiz-moodle.xml", "gift": "quiz-gift.txt"}


def fichier_quiz(docname: str, format_: str) -> str:
    """Chemin d'un export du quiz (Moodle XML ou GIFT), relatif à la racine du site."""
    court = nom_court(docname)
    return f"{DOSSIER_KITS}/{court}/phare-{court}-{QUIZ[format_]}"


# The fill-in letter of a facilitator sheet (container of this class), also given as an editable
# .odt made by LibreOffice Writer from the same built HTML (phare.construction.lettres).
CLASSE_LETTRE = "phare-lettre"


def fichier_lettre(docname: str) -> str:
    """Chemin de la lettre à compléter, modifiable (.odt), relatif à la racine du site."""
    court = nom_court(docname)
    return f"{DOSSIER_KITS}/{court}/phare-{court}-lettre.odt"


# The mediator's two forms (phare.livre.formulaires): each module's pack holds them printed blank,
# for that module (kind -> file suffix); a link chooses the module with `?module=<short name>`.
FORMULAIRES = {"compte_rendu": "compte-rendu-seance", "attestation": "attestation"}
PARAMETRE_MODULE = "module"


def fichier_formulaire(docname: str, sorte: str) -> str:
    """Chemin d'un formulaire imprimé vierge pour un module (PDF), relatif à la racine du site."""
    court = nom_court(docname)
    return f"{DOSSIER_KITS}/{court}/phare-{court}-{FORMULAIRES[sorte]}.pdf"


def fichier_facile(docname: str) -> str:
    """Chemin de la version facile à lire d'un module, imprimée telle que la page s'imprime (PDF)."""
    court = nom_court(docname)
    return f"{DOSSIER_KITS}/{court}/phare-{court}-facile-a-lire.pdf"


def adresse_formulaire(page_html: str, docname: str) -> str:
    """L'adresse d'un formulaire (page construite) qui choisit d'avance le module `docname`."""
    return f"{page_html}?{PARAMETRE_MODULE}={nom_court(docname)}"


def fichier_paquet(docname: str) -> str:
    """Chemin du paquet (zip), relatif à la racine du site."""
    return f"{DOSSIER_KITS}/phare-{nom_court(docname)}.zip"


def chemin_manifeste(dossier_html: Path) -> Path:
    """`_build/html` -> `_build/kits/modules.json` (hors du site publié)."""
    return Path(dossier_html).resolve().parent / DOSSIER_KITS / "modules.json"


def main(argv: list[str] | None = None) -> int:
    """Imprime les fiches et fabrique les paquets à partir du site construit."""
    from .captures import fabriquer_tout as fabriquer_captures
    from .impression import imprimer_tout
    from .lettres import fabriquer_tout as fabriquer_lettres
    from .libreoffice import LibreOfficeIntrouvable
    from .paquets import fabriquer_tout

    argv = list(sys.argv[1:] if argv is None else argv)
    # `--module NOM`: that module's kit only (a test that has just added one module to a copy).
    seul = None
    if "--module" in argv:
        position = argv.index("--module")
        seul = argv[position + 1] if position + 1 < len(argv) else ""
        del argv[position : position + 2]
    site = Path(argv[0] if argv else "_build/html").resolve()
    chemin = chemin_manifeste(site)
    if not (site / "index.html").is_file() or not chemin.is_file():
        print(
            f"Site construit introuvable dans {site} (ou sans {chemin.name}) : construisez d'abord le livre "
            "(make build).",
            file=sys.stderr,
        )
        return 1
    donnees = json.loads(chemin.read_text(encoding="utf-8"))
    if seul is not None:
        donnees = {**donnees, "modules": [m for m in donnees["modules"] if m["nom"] == seul]}
        if not donnees["modules"]:
            print(f"Aucun module « {seul} » dans {chemin}.", file=sys.stderr)
            return 1
    try:
        captures = fabriquer_captures(site, donnees)
    except LibreOfficeIntrouvable as erreur:
        print(erreur, file=sys.stderr)
        return 1
    for module in donnees["modules"]:
        module["captures"] = captures.get(module["nom"], [])
    imprimer_tout(site, donnees)
    try:
        fabriquer_lettres(site, donnees)
    except LibreOfficeIntrouvable as erreur:
        print(erreur, file=sys.stderr)
        return 1
    fabriquer_tout(site, donnees)
    return 0


if __name__ == "__main__":
    sys.exit(main())
