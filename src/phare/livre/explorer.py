"""« Explorer un fichier » : a reader's own CSV, described in French by their browser.

The directive `{explorateur}` (on `book/explorer-un-fichier.md` only) writes a plain HTML block:
a file picker, a drop zone, the example files, and an empty place for the report. The work is done
by `static/phare-explorer.js` (the page) and `static/phare-explorer-ouvrier.js` (a Web Worker, so
that a 50 MB file never freezes the page), with PapaParse (`static/papaparse/`, vendored, see
`PAPAPARSE`). Nothing is sent: the file is read by the browser, never uploaded, never stored.
The scripts are added to this page only.

The script's words come from the one table of labels (`[explorer]`, and `[types]` for the types of
a column, the words of `phare.donnees.decrire`) through the attribute `data-libelles`.

The example files are Phare's own datasets, copied into the built site (`exemples/`), and one
made at build time from a dataset the way a French spreadsheet saves it: Windows-1252 (Latin-1),
semicolons, decimal commas, Windows line endings (`fichier_latin1`).
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.errors import SphinxError

from ..interface import libelle, libelles
from ..texte import nombre, taille
from .statique import STATIQUE, fichiers_sur_la_page, servir_statique

CLASSE = "phare-explorer"
# The largest file the page reads (bytes): above, the reader gets a French message, not a frozen tab.
LIMITE = 200_000_000
# PapaParse, vendored from the npm registry: `npm pack papaparse@5.7.1` gives the tarball whose
# integrity is below (the one `npm view papaparse@5.7.1 dist.integrity` prints); its files
# `papaparse.min.js` and `LICENSE` are copied unchanged into static/papaparse/. The test
# tests/test_explorateur.py checks the copied file against SHA256_PAPAPARSE (and, with the
# registry reachable, against the tarball itself), so that an edit shows.
PAPAPARSE = {
    "version": "5.7.1",
    "integrite_npm": (
        "sha512-qOR+UDWv6D3hMxnWWOk0ZpBdCkd+kw5Yh7aXOaNSQU8A+73EA2bhW7EiUix/hY0yulUi5FRvt7PpYSI2VDvY0g=="
    ),
}
SHA256_PAPAPARSE = "e032656b2c709e9a756d5be817da9885d58b2313c43d432c414eb8534a752685"
DOSSIER_PAPAPARSE = STATIQUE / "papaparse"
DOSSIER_EXEMPLES = "exemples"
# The examples: (dataset, file of the dataset). The first ones are copied as they are.
EXEMPLES = (
    ("arrets-bibus", "arrets-bibus.csv"),
    ("pluie-quotidienne", "pluie-quotidienne.csv"),
    ("surcotes-brest", "lacunes.csv"),
)
# The one made at build time, as a French spreadsheet saves a CSV.
SOURCE_LATIN1 = ("meteo-horaire-janvier-2014", "stations.csv")
NOM_LATIN1 = "stations-meteo-latin1-point-virgule.csv"


def empreinte_papaparse() -> str:
    """The sha256 of the vendored papaparse.min.js, as it is on disk."""
    return hashlib.sha256((DOSSIER_PAPAPARSE / "papaparse.min.js").read_bytes()).hexdigest()


class ExplorateurInvalide(SphinxError):
    category = "Explorer un fichier"


# --- The example files ----------------------------------------------------------------------


_NOMBRE_POINT = re.compile(r"^-?\d+\.\d+$")


def fichier_latin1(source: bytes) -> bytes:
    """A dataset's CSV (UTF-8, commas, decimal points) as a French spreadsheet saves it:
    Windows-1252, semicolons, decimal commas, CRLF. Only the writing changes, never a value."""
    lignes = list(csv.reader(io.StringIO(source.decode("utf-8"))))
    sortie = io.StringIO()
    ecrivain = csv.writer(sortie, delimiter=";", lineterminator="\r\n")
    for ligne in lignes:
        ecrivain.writerow([c.replace(".", ",") if _NOMBRE_POINT.match(c) else c for c in ligne])
    try:
        return sortie.getvalue().encode("cp1252")
    except UnicodeEncodeError as erreur:
        raise ExplorateurInvalide(
            f"L'exemple en Latin-1 ne peut pas être écrit : le caractère « {erreur.object[erreur.start]} » "
            "n'existe pas en Windows-1252. Choisissez un autre jeu dans SOURCE_LATIN1."
        ) from None


def exemples(datasets: Path) -> list[tuple[str, bytes, str]]:
    """(file name, content, description) of every example, read from `datasets/`."""
    sortie = []
    for jeu, fichier in EXEMPLES:
        chemin = datasets / jeu / fichier
        sortie.append((fichier, chemin.read_bytes(), libelle("explorer.exemple_utf8", jeu=jeu)))
    jeu, fichier = SOURCE_LATIN1
    contenu = fichier_latin1((datasets / jeu / fichier).read_bytes())
    sortie.append((NOM_LATIN1, contenu, libelle("explorer.exemple_latin1", jeu=jeu, fichier=fichier)))
    return sortie


# --- The HTML block -------------------------------------------------------------------------


def mots() -> dict:
    """What the scripts say: the [explorer] labels and the words of the types ([types])."""
    return {**libelles()["explorer"], "types": libelles()["types"]}


def texte_limite() -> str:
    """« 200 Mo »: the limit as the page states it."""
    return f"{nombre(LIMITE / 1e6)}\u00a0Mo"


def bloc_html(prefixe: str, liste: list[tuple[str, int, str]]) -> str:
    """The block (prefixe: from the page to the site root; liste: name, size, description)."""
    c = CLASSE
    L = libelle
    donnees = html.escape(json.dumps(mots(), ensure_ascii=False))
    statique = html.escape(f"{prefixe}_static/")
    items = []
    for nom, octets, description in liste:
        url = html.escape(f"{prefixe}{DOSSIER_EXEMPLES}/{nom}")
        items.append(
            f'<li><button type="button" class="{c}-exemple" data-url="{url}" data-nom="{html.escape(nom)}">'
            f"{html.escape(L('explorer.exemple_bouton', nom=nom))}</button> "
            f"<span>{html.escape(description)} ({taille(octets)}, "
            f'<a href="{url}" download>{html.escape(L("explorer.telecharger"))}</a>)</span></li>'
        )
    morceaux = [
        f'<div class="{c}" data-libelles="{donnees}" data-limite="{LIMITE}" '
        f'data-limite-texte="{texte_limite()}" data-statique="{statique}">',
        f'<p class="{c}-confidentialite"><strong>{L("explorer.rien_envoye")}</strong> '
        f'{L("explorer.rien_envoye_detail")}</p>',
        f'<div class="{c}-depot">',
        # A real button opens the browser's file picker (the input itself is hidden: its look and
        # its words depend on the browser's language, and its focus could not be seen).
        f'<button type="button" class="{c}-choisir">{L("explorer.choisir")}</button>',
        f'<input type="file" id="{c}-fichier" class="{c}-fichier" hidden '
        f'accept=".csv,.tsv,.txt,text/csv,text/plain,text/tab-separated-values">',
        f'<p class="{c}-consigne">{L("explorer.deposer", limite=texte_limite())}</p>',
        "</div>",
        f'<div class="{c}-lecture" hidden>',
        f'<label for="{c}-progression">{L("explorer.progression")}</label>',
        f'<progress id="{c}-progression" class="{c}-progression" max="100" value="0"></progress>',
        f'<button type="button" class="{c}-arreter">{L("explorer.arreter")}</button>',
        "</div>",
        f'<p class="{c}-etat" role="status" aria-live="polite"></p>',
        f'<div class="{c}-erreur" role="alert"></div>',
        f'<div class="{c}-rapport"></div>',
        f'<h2 id="{c}-exemples">{L("explorer.exemples_titre")}</h2>',
        f"<p>{L('explorer.exemples_intro')}</p>",
        f'<ul class="{c}-exemples">',
        *items,
        "</ul>",
        f'<noscript><p>{L("explorer.sans_javascript")}</p></noscript>',
        "</div>",
    ]
    return "\n".join(morceaux)


class Explorateur(Directive):
    has_content = False

    def run(self):
        env = self.state.document.settings.env
        env.note_dependency(str(DOSSIER_PAPAPARSE / "papaparse.min.js"))
        prefixe = "../" * env.docname.count("/")
        liste = getattr(env.app, "_phare_exemples", [])
        return [nodes.raw("", bloc_html(prefixe, liste), format="html")]


# --- Sphinx events ----------------------------------------------------------------------------


def _ecrire_exemples(app) -> None:
    """Copy the examples into the built site; the Latin-1 one is made here, from its dataset."""
    datasets = Path(app.confdir) / "datasets"
    try:
        liste = exemples(datasets)
    except OSError as erreur:
        raise ExplorateurInvalide(f"Exemple introuvable dans datasets/ : {erreur}") from None
    app._phare_exemples = [(nom, len(contenu), description) for nom, contenu, description in liste]
    if app.builder.format != "html":
        return
    dossier = Path(app.outdir) / DOSSIER_EXEMPLES
    dossier.mkdir(parents=True, exist_ok=True)
    for nom, contenu, _ in liste:
        cible = dossier / nom
        if not cible.is_file() or cible.read_bytes() != contenu:
            cible.write_bytes(contenu)


def setup(app):
    servir_statique(app)
    app.add_directive("explorateur", Explorateur)
    app.connect("builder-inited", _ecrire_exemples)
    fichiers_sur_la_page(app, f'<div class="{CLASSE}" ', css=["phare-explorer.css"], js=["phare-explorer.js"])
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
