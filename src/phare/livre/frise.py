"""The timeline of a module (« frise »): dated events, each with its sources, written once in a
YAML file beside the page, shown on the page and printed as a large frieze for workshops.

    ```{frise} frise-spld.yml
    ```

draws an ordered list: the date, a short title, one or two sentences and the citation of each
source (the `{source}` mechanism of `phare.livre.sources`, so that the page's « Sources » part
lists them). With `:forme: accueil` and `:page: comprendre/service-public-local-donnee`, it
draws only the events marked `accueil: true`, and a link to the page of the full frieze (the
home page's « cinq lignes »).

After an HTML build, every frieze shown in full is drawn with matplotlib into two PDF files of
`_build/html/frises/` (linked from the page): one A3 landscape sheet, and A4 landscape sheets to
stick end to end (a public digital space has an A4 printer). The boxes follow the order of the
dates, not a time scale, and the sheet says so. Each box names the sites of its sources; each
sheet lists them in full at its foot. Black on white, for photocopiers.

The YAML's fields are described at its top (`book/comprendre/frise-spld.yml`); a wrong field,
an unknown source or a missing date stops the build with a French message naming the file.
"""

from __future__ import annotations

import json
import math
import textwrap
from importlib.metadata import version
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from sphinx import addnodes
from sphinx.errors import SphinxError

from ..construction.archives import empreinte
from ..interface import couleur, libelle
from ..texte import date as date_en_lettres
from ..typographie import corriger
from .sources import _registre, appel_source, hote, prose
from .stockage import stocker_par_page

DOSSIER = "frises"  # in the built site
PAR_FEUILLE_A4 = 5  # at most: the events are shared evenly between the A4 sheets
PERIODES = ("avant", "spld")
CHAMPS = {"date", "quand", "titre", "texte", "sources", "periode", "accueil", "recherche"}
FORMATS = {"A3": (16.54, 11.69), "A4": (11.69, 8.27)}  # landscape, inches


class FriseInvalide(SphinxError):
    category = "Frise"


# --- The data -----------------------------------------------------------------------------------


def lire_frise(chemin: Path) -> dict:
    import yaml

    return yaml.safe_load(Path(chemin).read_text(encoding="utf-8")) or {}


def quand(evenement: dict) -> str:
    """The event's date in words, with a capital: its `quand`, or its `date` written out."""
    texte = corriger(str(evenement.get("quand") or date_en_lettres(evenement["date"])))
    return texte[:1].upper() + texte[1:]


def problemes_de_la_frise(frise: dict, registre: dict) -> list[str]:
    erreurs = []
    if not frise.get("titre") or not frise.get("verifie"):
        erreurs.append("la frise a besoin d'un « titre » et de la date « verifie » (AAAA-MM-JJ)")
    evenements = frise.get("evenements") or []
    if not evenements:
        erreurs.append("la frise n'a aucun événement (« evenements: »)")
    for n, ev in enumerate(evenements, 1):
        nom = f"événement {n} ({ev.get('titre', '?')})"
        for champ in sorted(set(ev) - CHAMPS):
            erreurs.append(f"{nom} : champ inconnu « {champ} »")
        for champ in ("date", "titre", "texte", "periode"):
            if not ev.get(champ):
                erreurs.append(f"{nom} : le champ « {champ} » manque")
        if ev.get("periode") and ev["periode"] not in PERIODES:
            erreurs.append(f"{nom} : « periode » vaut {' ou '.join(PERIODES)}")
        sources = ev.get("sources") or []
        if not ev.get("recherche") and not sources:
            erreurs.append(f"{nom} : un événement a au moins une source (sauf « recherche: true »)")
        for ident in sources:
            if ident not in registre:
                erreurs.append(f"{nom} : source inconnue « {ident} » (book/_sources.yml)")
        if ev.get("date"):
            try:
                quand(ev)
            except (ValueError, IndexError):
                erreurs.append(f"{nom} : date illisible « {ev['date']} »")
    return erreurs


def nombre_de_feuilles_a4(frise: dict) -> int:
    return math.ceil(len(frise["evenements"]) / PAR_FEUILLE_A4)


def fichiers_pdf(chemin_yaml: str) -> dict[str, str]:
    """Format -> path of the PDF inside the built site."""
    nom = Path(chemin_yaml).stem
    return {f: f"{DOSSIER}/{nom}-{f.lower()}.pdf" for f in FORMATS}


# --- The page -------------------------------------------------------------------------------------


class FriseDirective(Directive):
    required_arguments = 1
    option_spec = {
        "forme": lambda v: directives.choice(v, ("liste", "accueil")),
        "page": directives.unchanged,
    }

    def run(self):
        env = self.state.document.settings.env
        relatif, chemin = env.relfn2path(self.arguments[0], env.docname)
        env.note_dependency(relatif)
        if not Path(chemin).is_file():
            raise self.error(f"frise introuvable : {relatif}")
        frise = lire_frise(Path(chemin))
        erreurs = problemes_de_la_frise(frise, _registre(env.app))
        if erreurs:
            raise FriseInvalide(f"{relatif} :\n  " + "\n  ".join(erreurs))
        if self.options.get("forme") == "accueil":
            return self._accueil(env, frise)
        env.phare_frises[env.docname] = relatif
        return self._liste(env, frise, relatif)

    def _liste(self, env, frise: dict, relatif: str) -> list[nodes.Node]:
        elements = []
        for ev in frise["evenements"]:
            tete = nodes.paragraph("", "", nodes.strong("", quand(ev)), nodes.Text(" — "),
                                   nodes.strong("", corriger(ev["titre"])), classes=["phare-frise-date"])
            corps = nodes.paragraph("", corriger(ev["texte"]) + " ")
            if ev.get("sources"):
                corps += appel_source("", "", idents=list(ev["sources"]))
            classes = [f"phare-frise-{ev['periode']}"]
            if ev.get("recherche"):
                classes.append("phare-frise-inconnu")
            elements.append(nodes.list_item("", tete, corps, classes=classes))
        liste = nodes.enumerated_list("", *elements, enumtype="arabic", classes=["phare-frise"])
        remonter = "../" * env.docname.count("/")
        liens = []
        for format_, fichier in fichiers_pdf(relatif).items():
            texte = libelle("frise.a3") if format_ == "A3" else libelle(
                "frise.a4", nombre=nombre_de_feuilles_a4(frise))
            liens.append(nodes.list_item("", nodes.paragraph(
                "", "", nodes.reference("", texte, refuri=remonter + fichier))))
        titre = nodes.paragraph("", "", nodes.strong("", libelle("frise.imprimer")),
                                classes=["phare-telecharger-titre"])
        imprimer = nodes.container("", titre, nodes.bullet_list("", *liens),
                                   nodes.paragraph("", libelle("frise.echelle")),
                                   classes=["phare-telecharger", "phare-frise-imprimer"])
        return [liste, imprimer]

    def _accueil(self, env, frise: dict) -> list[nodes.Node]:
        elements = [
            nodes.list_item("", nodes.paragraph("", "", nodes.strong("", quand(ev)),
                                                nodes.Text(corriger(f" : {ev['texte']}"))))
            for ev in frise["evenements"] if ev.get("accueil")
        ]
        resultat: list[nodes.Node] = [nodes.enumerated_list("", *elements, enumtype="arabic",
                                                            classes=["phare-frise-accueil"])]
        page = self.options.get("page")
        if page:
            avant, _, apres = libelle("frise.voir", module="\0").partition("\0")
            lien = addnodes.pending_xref("", nodes.inline("", ""), refdomain="std", reftype="doc",
                                         reftarget=f"/book/{page}", refexplicit=False, refdoc=env.docname)
            resultat.append(nodes.paragraph("", "", nodes.Text(corriger(avant)), lien,
                                            nodes.Text(corriger(apres))))
        return resultat


# --- The printed frieze ---------------------------------------------------------------------------


def _sources_de(evenements: list[dict], registre: dict) -> list[str]:
    vues: list[str] = []
    for ev in evenements:
        for ident in ev.get("sources") or []:
            if ident not in vues:
                vues.append(ident)
    return vues


def _hauteur(lignes: list[tuple[str, float]]) -> float:
    """Height in inches of stacked lines (text, font size in points)."""
    return sum(taille * 1.3 / 72 for _, taille in lignes)


def _plus_haute(evenements: list[dict], largeur: float, taille: float, registre: dict) -> float:
    """Height in inches of the tallest box of a sheet at this font size."""
    return max(_hauteur([(t, s) for t, s, _ in _case(ev, largeur, taille, registre)]) for ev in evenements)


def _case(ev: dict, largeur: float, taille: float, registre: dict) -> list[tuple[str, float, dict]]:
    """The lines of an event's box: (text, font size, text options)."""
    caracteres = max(12, int(largeur * 72 / (taille * 0.68)))
    lignes = [(ligne, taille + 1.5, {"weight": "bold"})
              for ligne in textwrap.wrap(prose(quand(ev)), int(caracteres / 1.3))]
    for ligne in textwrap.wrap(prose(ev["titre"]), int(caracteres / 1.15)):
        lignes.append((ligne, taille + 0.5, {"weight": "bold"}))
    for ligne in textwrap.wrap(prose(ev["texte"]), caracteres):
        lignes.append((ligne, taille, {}))
    hotes = sorted({hote(registre[i]["url"]) for i in ev.get("sources") or []})
    if hotes:
        cle = "frise.source" if len(hotes) == 1 else "frise.sources"
        for ligne in textwrap.wrap(libelle(cle, hotes=", ".join(hotes)), int(caracteres * 1.1),
                                   break_long_words=False, break_on_hyphens=False):
            lignes.append((ligne, taille - 1.5, {"style": "italic"}))
    return lignes


def dessiner_frise(frise: dict, registre: dict, format_: str = "A3") -> list:
    """The frieze as matplotlib figures: one for A3, several A4 sheets to stick end to end."""
    import matplotlib
    import matplotlib.lines

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch

    encre, trait = couleur("impression.encre"), couleur("impression.trait")
    bord = {"avant": trait, "spld": couleur("site.primaire")}
    fond = {"avant": couleur("impression.fond-entete"), "spld": couleur("site.blanc")}
    largeur_page, hauteur_page = FORMATS[format_]
    evenements = frise["evenements"]
    feuilles = 1 if format_ == "A3" else nombre_de_feuilles_a4(frise)
    bornes = [round(k * len(evenements) / feuilles) for k in range(feuilles + 1)]
    paquets = [evenements[a:b] for a, b in zip(bornes, bornes[1:], strict=False)]
    verifie = date_en_lettres(frise["verifie"])
    figures = []
    for numero, paquet in enumerate(paquets, 1):
        fig = Figure(figsize=(largeur_page, hauteur_page))
        fig.patch.set_facecolor(couleur("site.blanc"))
        marge = 0.45  # inches
        fig.text(marge / largeur_page, 1 - 0.5 / hauteur_page, corriger(frise["titre"]),
                 fontsize=24 if format_ == "A3" else 17, weight="bold", color=encre, va="top")
        sous_titre = prose(f"{libelle('frise.echelle')} {libelle('frise.verifie', date=verifie)}")
        fig.text(marge / largeur_page, 1 - 0.95 / hauteur_page, sous_titre,
                 fontsize=10 if format_ == "A3" else 8.5, color=encre, va="top")
        # The sources of this sheet, at its foot, in full (an address cut short is useless).
        taille_sources = 6.5 if format_ == "A3" else 6.2
        interligne = taille_sources * 1.3 / 72
        colonnes = 2 if format_ == "A3" else 1
        largeur_colonne = (largeur_page - 2 * marge) / colonnes - 0.15
        limite = int(largeur_colonne * 72 / (taille_sources * 0.55))
        entrees = []
        for ident in _sources_de(paquet, registre):
            src = registre[ident]
            entree = prose(f"{hote(src['url'])} — « {src['titre']} », {src['editeur']}") + " — " + src["url"]
            entrees.append(textwrap.wrap(entree, limite, subsequent_indent="    ", break_on_hyphens=False))
        total = sum(len(e) for e in entrees)
        par_colonne, colonnes_remplies, compte = math.ceil(total / colonnes), [[]], 0
        for entree in entrees:
            if compte + len(entree) > par_colonne and len(colonnes_remplies) < colonnes and compte:
                colonnes_remplies.append([])
                compte = 0
            colonnes_remplies[-1] += entree
            compte += len(entree)
        bas_sources = 0.5  # inches from the bottom
        haut_sources = bas_sources + (max(len(c) for c in colonnes_remplies) + 0.5) * interligne
        fig.text(marge / largeur_page, (haut_sources + 0.05) / hauteur_page, libelle("frise.liste_sources"),
                 fontsize=taille_sources + 2, weight="bold", color=encre, va="bottom")
        for colonne, lignes_colonne in enumerate(colonnes_remplies):
            x = (marge + colonne * (largeur_colonne + 0.15)) / largeur_page
            for rang, ligne in enumerate(lignes_colonne):
                fig.text(x, (haut_sources - rang * interligne) / hauteur_page, ligne,
                         fontsize=taille_sources, color=encre, va="top")
        pied = f"Phare · {corriger(frise['titre'])} · " + libelle("frise.feuille", numero=numero,
                                                                  total=len(paquets))
        fig.text(marge / largeur_page, 0.2 / hauteur_page, pied, fontsize=7, color=trait)
        if numero < len(paquets):
            fig.text(1 - marge / largeur_page, 0.2 / hauteur_page,
                     libelle("frise.suite", numero=numero + 1), fontsize=9, weight="bold", color=encre,
                     ha="right")
        # The line, the dots, the boxes alternately above and below.
        haut_zone = hauteur_page - 1.35
        bas_zone = haut_sources + 0.35
        y_ligne = (haut_zone + bas_zone) / 2
        place = (haut_zone - bas_zone) / 2 - 0.25
        fig.add_artist(matplotlib.lines.Line2D([marge / largeur_page, 1 - marge / largeur_page],
                                               [y_ligne / hauteur_page] * 2, color=trait, lw=2.5))
        pas = (largeur_page - 2 * marge) / len(paquet)
        largeur_case = min(2 * pas * 0.94, 3.4)
        taille = 16 if format_ == "A3" else 13
        while taille > 6 and _plus_haute(paquet, largeur_case - 0.2, taille, registre) + 0.2 > place:
            taille -= 0.5
        for i, ev in enumerate(paquet):
            x = marge + (i + 0.5) * pas
            dessus = i % 2 == 0
            lignes = _case(ev, largeur_case - 0.2, taille, registre)
            h = _hauteur([(t, s) for t, s, _ in lignes]) + 0.2
            gauche = min(max(x - largeur_case / 2, marge), largeur_page - marge - largeur_case)
            bas = y_ligne + 0.25 if dessus else y_ligne - 0.25 - h
            couleur_bord = couleur("graphiques.vermillon") if ev.get("recherche") else bord[ev["periode"]]
            fig.add_artist(matplotlib.lines.Line2D(
                [x / largeur_page] * 2, [y_ligne / hauteur_page, (bas if dessus else bas + h) / hauteur_page],
                color=couleur_bord, lw=1.2))
            fig.add_artist(matplotlib.lines.Line2D([x / largeur_page], [y_ligne / hauteur_page], marker="o",
                                                   markersize=9, color=couleur_bord))
            fig.add_artist(FancyBboxPatch(
                (gauche / largeur_page, bas / hauteur_page), largeur_case / largeur_page, h / hauteur_page,
                boxstyle="round,pad=0,rounding_size=0.008", transform=fig.transFigure,
                facecolor=fond[ev["periode"]], edgecolor=couleur_bord, lw=1.6,
                linestyle="--" if ev.get("recherche") else "-"))
            y = bas + h - 0.1
            for texte, taille_ligne, options in lignes:
                fig.text((gauche + 0.1) / largeur_page, y / hauteur_page, texte, fontsize=taille_ligne,
                         color=encre, va="top", **options)
                y -= taille_ligne * 1.3 / 72
        figures.append(fig)
    return figures


def ecrire_pdf(frise: dict, registre: dict, format_: str, chemin: Path) -> None:
    """Write the frieze to a PDF, the same bytes for the same data (no dates inside)."""
    from matplotlib.backends.backend_pdf import PdfPages

    chemin.parent.mkdir(parents=True, exist_ok=True)
    metadonnees = {"Title": corriger(frise["titre"]), "Author": "Phare", "Creator": "Phare",
                   "Producer": "Phare (matplotlib)", "CreationDate": None, "ModDate": None}
    with PdfPages(chemin, metadata=metadonnees) as pdf:
        for fig in dessiner_frise(frise, registre, format_):
            pdf.savefig(fig)


def _build_finished(app, exception) -> None:
    """Print each frieze's PDFs, again only when its data, the sources or phare's code changed
    (matplotlib takes seconds for each: most of a rebuild with nothing changed)."""
    if exception is not None or app.builder.format != "html":
        return
    registre = _registre(app)
    note = Path(app.doctreedir) / "phare-frises.json"
    try:
        deja = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        deja = {}
    code = empreinte(Path(__file__).resolve().parents[1], version("matplotlib"),
                     json.dumps(registre, sort_keys=True, default=str))
    faites = {}
    for relatif in sorted(set(getattr(app.env, "phare_frises", {}).values())):
        frise = lire_frise(Path(app.srcdir) / relatif)
        for format_, fichier in fichiers_pdf(relatif).items():
            chemin = Path(app.outdir) / fichier
            cle = empreinte(code, json.dumps(frise, sort_keys=True, default=str), format_)
            if deja.get(fichier) != cle or not chemin.is_file():
                ecrire_pdf(frise, registre, format_, chemin)
            faites[fichier] = cle
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(json.dumps(faites, indent=1, sort_keys=True), encoding="utf-8")


def setup(app):
    app.setup_extension("phare.livre.sources")
    stocker_par_page(app, "phare_frises")
    app.add_directive("frise", FriseDirective)
    app.connect("build-finished", _build_finished)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
