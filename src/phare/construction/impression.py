"""Imprimer les fiches des modules en PDF A4 à partir des pages construites du site.

Pour chaque module, cinq documents tirés des MÊMES pages que le site (pas de seconde copie) :
- la fiche participant : objectifs, figure, points à retenir, questions du quiz sans les réponses,
  énoncés des exercices ;
- le cahier du module : tout le texte de la page du module, puis les énoncés des exercices avec
  un cadre vide pour écrire chaque réponse ; sans aucune réponse (elles sont dans le corrigé) ;
- la fiche d'animation : la page de la fiche d'animation, avec son plan minuté ;
- les cartes à découper : les cartes de l'activité sans ordinateur (le tableau de classe
  `phare-cartes` de la fiche d'animation, une carte par ligne ; voir CONTRIBUTING.md), puis ce
  qui est à distribuer (blocs de classe `phare-distribuer` : grilles, question du débat…) ;
- le corrigé, pour l'animateur·rice seul·e : chaque question du quiz avec sa bonne réponse et le
  commentaire de chaque choix (lus dans la page construite), le résultat attendu de chaque
  exercice (calculé ici, sur les données, par le catalogue de `phare.verifier`) et ce qu'on attend
  de l'activité sans ordinateur (la partie `reponses` de la fiche d'animation, qui n'est imprimée
  que là).

Et, pour chaque module, les deux formulaires de `phare.livre.formulaires` (compte rendu et
attestation) imprimés vierges, le module déjà choisi, pour son paquet, et sa version facile à lire
(`phare.livre.facile`) quand il en a une, imprimée comme la page s'imprime.

Le Chromium de Debian (jamais un navigateur téléchargé) ouvre chaque page sur un serveur local ;
`impression.js` assemble le document, la feuille `phare-impression.css` (media print) le met en
page, Playwright l'imprime en A4 avec les numéros de page. Aucune requête ne sort de la machine.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import time
from pathlib import Path

from ..interface import couleur, libelle, libelles
from ..metadonnees import copie_tierce, exiger_metadonnees, licences
from ..texte import nombre
from ..typographie import corriger
from .archives import epoque_source
from .chromium import chromium
from .serveur import serveur_local

SCRIPT = Path(__file__).with_name("impression.js")
# The documents printed for each module, in this order (their titles: libelles.toml, [documents]).
SORTES = ("participant", "cahier", "animation", "cartes", "corrige")
MARGES = {"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"}
# Fixed dates inside the PDFs, so that the same pages give the same files (reproducible zips).
_DATE_PDF = re.compile(rb"/(CreationDate|ModDate) \(D:(\d{14})")
_NOEUD_PDF = re.compile(rb"\(node(\d+)\)")


def jeu_de_donnees(racine: Path, nom: str) -> dict:
    """Titre, producteur, licence et source d'un jeu, lus dans son datapackage.json."""
    chemin = racine / "datasets" / nom / "datapackage.json"
    if not chemin.is_file():
        raise SystemExit(
            f"Jeu de données « {nom} » introuvable ({chemin}) : vérifiez « jeux_de_donnees » du module."
        )
    meta = exiger_metadonnees(json.loads(chemin.read_text(encoding="utf-8")), chemin)
    sources = meta["sources"] or [{}]
    return {
        "nom": nom,
        "titre": meta["title"],
        "producteur": meta["producteur"],
        "licence": licences(meta),
        "source": sources[0].get("path", ""),
        "attribution": meta["attribution"],
        # A copy made by a third party (a party's repository, a research package…) says so on paper too.
        "copie": (copie_tierce(meta) or "") if meta.get("copie_par_un_tiers") else "",
    }


def genre(sorte: str) -> str:
    """The title of a kind of document (`[documents]` of the labels table, `[grille]` for the grid)."""
    from .kits import titre_document

    return titre_document(sorte)


def _pied(titre: str) -> str:
    # Chromium draws the footer apart from the page: no stylesheet, so the colour is written here.
    style = (
        "font-family: 'DejaVu Sans', sans-serif; font-size: 7.5pt; "
        f"color: {couleur('impression.encre-douce')}; "
        "width: 100%; margin: 0 14mm; display: flex; justify-content: space-between;"
    )
    page = libelle(
        "documents.page", numero='<span class="pageNumber"></span>', total='<span class="totalPages"></span>'
    )
    pied = html.escape(libelle("documents.pied", titre=titre))
    return f'<div style="{style}"><span>{pied}</span><span>{page}</span></div>'


def _infos(module: dict, sorte: str) -> list[str]:
    fiche = module["fiche"]
    if sorte == "participant":
        return [libelle("documents.duree_seul", duree=fiche["duree_autonomie"]),
                libelle("documents.niveau", niveau=fiche["niveau"])]
    taille = fiche["taille_groupe"]
    return [libelle("documents.atelier_de", duree=fiche["duree_atelier"]),
            libelle("documents.personnes", min=taille["min"], max=taille["max"])]


def _valeur(valeur, decimales: int | None, guillemets: bool = True) -> str:
    import numbers

    if isinstance(valeur, bool) or not isinstance(valeur, numbers.Number):
        return f"«\u00a0{valeur}\u00a0»" if isinstance(valeur, str) and guillemets else str(valeur)
    if isinstance(valeur, numbers.Integral):
        return nombre(int(valeur))
    return nombre(float(valeur), 2 if decimales is None else decimales)


# A table answer is shown by its first rows (enough to check a sort), with its length.
LIGNES_MONTREES = 5


def attendu_imprimable(exercice) -> dict:
    """The expected result of an exercise, computed now from the data, as text (rows for a table)."""
    import pandas as pd

    decimales = getattr(exercice.forme, "decimales", None)
    attendu = exercice.attendu()
    if isinstance(attendu, pd.DataFrame):
        debut = attendu.head(LIGNES_MONTREES)
        return {
            "texte": libelle("documents.corrige_lignes", lignes=nombre(len(attendu)), montrees=len(debut)),
            "colonnes": [str(c) for c in debut.columns],
            "lignes": [
                [_valeur(v, decimales, False) for v in ligne] for ligne in debut.itertuples(index=False)
            ],
        }
    if isinstance(attendu, (list, tuple, pd.Series)):
        texte = " ; ".join(_valeur(v, decimales) for v in list(attendu))
    else:
        texte = _valeur(attendu, decimales)
    unite = getattr(exercice.forme, "unite", "")
    return {"texte": corriger(f"{texte} {unite}".strip()), "colonnes": [], "lignes": []}


def solutions(module: dict) -> list[dict]:
    """Each exercise of the module's exercise notebooks: title, expected result, one solution."""
    from ..verifier.exercices import carnets

    groupes = carnets()
    faits = []
    for nb in module["notebooks"]:
        if not nb["page"].startswith("exercises/"):
            continue
        for exercice in groupes.get(Path(nb["page"]).name, []):
            faits.append(
                {
                    "identifiant": exercice.identifiant,
                    "titre": exercice.titre,
                    "solution": exercice.solution,
                    **attendu_imprimable(exercice),
                }
            )
    return faits


def page_source(module: dict, sorte: str) -> str:
    """The built page a document is assembled from."""
    return module["html"] if sorte in ("participant", "cahier", "corrige") else module["animation"]["html"]


def sortes_du_module(module: dict) -> list[str]:
    """The documents printed for a module: the five of every module, then its optional ones."""
    return [*SORTES, *(s for s in module["pdf"] if s not in SORTES)]


def options(module: dict, sorte: str, racine: Path) -> dict:
    """Ce que `impression.js` reçoit pour assembler un document."""
    document = genre(sorte)
    titre = module["titre"]
    return {
        "sorte": sorte,
        "genre": libelle("documents.genre", document=document),
        "titre": titre,
        "titreDocument": libelle("documents.titre_document", document=document, titre=titre),
        "infos": _infos(module, sorte),
        "libelles": {
            **libelles()["documents"],
            **{f"grille_{cle}": texte for cle, texte in libelles()["grille"].items()},
            **{f"partie_{cle}": texte for cle, texte in libelles()["parties"].items()},
        },
        "mentions": {
            "licence": libelle("documents.licence"),
            "jeux": [jeu_de_donnees(racine, nom) for nom in module["fiche"]["jeux_de_donnees"]],
        },
        "exercices": ["/" + nb["html"] for nb in module["notebooks"] if nb["page"].startswith("exercises/")]
        if sorte in ("participant", "cahier")
        else [],
        "animation": "/" + module["animation"]["html"],
        "solutions": solutions(module) if sorte == "corrige" else [],
        # LibreOffice Calc's pictures of the spreadsheet steps (phare.construction.captures).
        "captures": module.get("captures", []) if sorte in ("participant", "cahier") else [],
    }


def figer_dates(chemin: Path, epoque: int) -> None:
    """Make the PDF depend on the pages only: fixed creation and modification dates, and the
    browser's internal node numbers (the /ID of tagged table cells, which vary from one run to the
    next) renumbered in order of appearance. Same lengths, so the byte offsets stay valid."""
    date = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoque)).encode()
    contenu = _DATE_PDF.sub(lambda m: b"/" + m.group(1) + b" (D:" + date, chemin.read_bytes())
    numeros: dict[bytes, bytes] = {}

    def renumeroter(m: re.Match) -> bytes:
        if m.group(1) not in numeros:
            numeros[m.group(1)] = str(len(numeros) + 1).zfill(len(m.group(1))).encode()
        return b"(node" + numeros[m.group(1)] + b")"

    chemin.write_bytes(_NOEUD_PDF.sub(renumeroter, contenu))


def _imprimer(page, chemin: Path, titre: str) -> None:
    page.pdf(
        path=str(chemin),
        format="A4",
        print_background=True,
        display_header_footer=True,
        header_template="<span></span>",
        footer_template=_pied(titre),
        margin=MARGES,
        tagged=True,
        outline=True,
    )


# The content area of an A4 page ends above the footer (points from the top); a last page whose
# content stops above this fraction of it is « almost empty ».
BAS_DU_CONTENU = 841.89 - 16 / 25.4 * 72
REMPLISSAGE_MIN = 0.25
_BAS_DES_MOTS = re.compile(r'yMax="([\d.]+)"')


def remplissage(chemin: Path, numero: int) -> float:
    """How far down page `numero` its content goes (0: empty, 1: full), footer excluded, from the
    words' boxes given by pdftotext (poppler-utils). 1 when poppler is missing."""
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        return 1.0
    boites = subprocess.run(
        ["pdftotext", "-f", str(numero), "-l", str(numero), "-bbox", str(chemin), "-"],
        capture_output=True,
        text=True,
    ).stdout
    bas = [float(y) for y in _BAS_DES_MOTS.findall(boites) if float(y) < BAS_DU_CONTENU]
    return max(bas, default=0.0) / BAS_DU_CONTENU


def nombre_de_pages(chemin: Path) -> int:
    import shutil
    import subprocess

    if not shutil.which("pdfinfo"):
        return 1
    infos = subprocess.run(["pdfinfo", str(chemin)], capture_output=True, text=True).stdout
    trouve = re.search(r"^Pages:\s+(\d+)", infos, re.MULTILINE)
    return int(trouve[1]) if trouve else 1


def _compact(texte: str) -> str:
    """Text compared without spaces, line breaks or case (pdftotext wraps lines)."""
    return re.sub(r"\s+", "", texte.replace("\u2019", "'")).casefold()


def texte_de_la_page(chemin: Path, numero: int) -> str:
    import shutil
    import subprocess

    if not shutil.which("pdftotext"):
        return ""
    commande = ["pdftotext", "-f", str(numero), "-l", str(numero), str(chemin), "-"]
    return subprocess.run(commande, capture_output=True, text=True).stdout


def ne_porte_que_les_mentions(chemin: Path, numero: int) -> bool:
    """A page that starts with the licence holds only the mentions (licence and sources)."""
    debut = _compact(libelle("documents.licence"))[:40]
    return _compact(texte_de_la_page(chemin, numero)).startswith(debut)


def mise_en_page_a_revoir(chemin: Path) -> bool:
    """A page after the first that is almost empty (a table's last rows, a short last page), or a
    last page that holds only the licence and the sources."""
    pages = nombre_de_pages(chemin)
    if pages > 1 and ne_porte_que_les_mentions(chemin, pages):
        return True
    return any(remplissage(chemin, n) < REMPLISSAGE_MIN for n in range(2, pages + 1))


# Tried in turn when the layout is to be reviewed: the document a little denser, then also with
# the licence and the sources under the title. The first that passes is kept.
MISES_EN_PAGE = ({"serre": True}, {"serre": True, "mentionsEnTete": True}, {"mentionsEnTete": True})


def _empreinte_des_ressources(site: Path) -> str:
    """The files every page loads (styles, scripts, fonts, images), in one digest."""
    somme = hashlib.sha256()
    for dossier in ("_static", "_images"):
        for fichier in sorted((site / dossier).rglob("*")):
            if fichier.is_file():
                somme.update(fichier.relative_to(site).as_posix().encode() + b"\0" + fichier.read_bytes())
    return somme.hexdigest()


def empreinte_du_document(site: Path, module: dict, sorte: str, opts: dict, commun: str) -> str:
    """What a PDF is printed from: its pages' HTML, the script and its options, the shared files.
    The same digest as at the last print, and the PDF there: printing it again gives the same file."""
    pages = [page_source(module, sorte), opts["animation"], *opts["exercices"]]
    somme = hashlib.sha256((commun + json.dumps(opts, sort_keys=True, ensure_ascii=False)).encode())
    for page in pages:
        chemin = site / page.lstrip("/")
        somme.update(page.encode() + b"\0" + (chemin.read_bytes() if chemin.is_file() else b""))
    return somme.hexdigest()


def chemin_empreintes(site: Path) -> Path:
    """Beside the manifest, outside the published site."""
    return Path(site).resolve().parent / "kits" / "empreintes-pdf.json"


ECHELLES = (1.0, 0.94, 0.88)


def _imprimer_telle_quelle(page, origine: str, site: Path, formulaire: dict, epoque: int) -> None:
    """A built page printed as it prints itself: the session summary or the attestation, blank,
    opened with `?module=…` (its script then shows this module's competences), or the module's
    easy-read version."""
    chemin = site / formulaire["pdf"]
    chemin.parent.mkdir(parents=True, exist_ok=True)
    page.goto(f"{origine}/{formulaire['html']}", wait_until="load")
    # On paper a date is written by hand: no « mm/dd/yyyy » (the browser's own placeholder).
    page.evaluate("() => document.querySelectorAll('input[type=date]').forEach((i) => (i.type = 'text'))")
    # A last page almost empty (a line of sources): printed again a little smaller, as a person
    # would in the print dialog; the first scale that passes is kept.
    for echelle in ECHELLES:
        page.pdf(path=str(chemin), format="A4", print_background=True, tagged=True, scale=echelle)
        if not mise_en_page_a_revoir(chemin):
            break
    figer_dates(chemin, epoque)


def empreinte_telle_quelle(site: Path, formulaire: dict, commun: str) -> str:
    """A page printed as it prints itself (a blank form with `?module=…`, an easy-read page) depends
    on its built HTML and the shared files."""
    page = site / formulaire["html"].partition("?")[0]
    somme = hashlib.sha256((commun + formulaire["html"]).encode())
    somme.update(page.read_bytes() if page.is_file() else b"")
    return somme.hexdigest()


def pages_telles_quelles(module: dict) -> list[dict]:
    """The module's pages printed as they print themselves: its two blank forms, its easy-read
    version if it has one. Each is {"html", "pdf"} (phare.livre.kits, the manifest)."""
    return [*module.get("formulaires", {}).values(), *([module["facile"]] if "facile" in module else [])]


def imprimer_tout(site: Path, manifeste: dict) -> list[Path]:
    """Imprime les PDF de chaque module dans `site/kits/…` ; renvoie leurs chemins.

    A PDF whose pages, script and options have not changed since it was printed is kept."""
    racine = Path(manifeste["racine"])
    script = SCRIPT.read_text(encoding="utf-8")
    epoque = epoque_source()
    faits = []
    if not manifeste["modules"]:
        return faits
    debut = time.monotonic()
    # The script and this module (how pages are laid out and printed again) are part of each digest.
    imprimeur = hashlib.sha256(script.encode() + Path(__file__).read_bytes()).hexdigest()
    commun = f"{epoque}\0{imprimeur}\0{_empreinte_des_ressources(site)}"
    fichier_empreintes = chemin_empreintes(site)
    try:
        anciennes = json.loads(fichier_empreintes.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        anciennes = {}
    a_imprimer, empreintes = [], {}
    for module in manifeste["modules"]:
        for sorte in sortes_du_module(module):
            opts = options(module, sorte, racine)
            cle = module["pdf"][sorte]
            empreintes[cle] = empreinte_du_document(site, module, sorte, opts, commun)
            faits.append(site / cle)
            if anciennes.get(cle) != empreintes[cle] or not (site / cle).is_file():
                a_imprimer.append((module, sorte, opts))
        for formulaire in pages_telles_quelles(module):
            cle = formulaire["pdf"]
            empreintes[cle] = empreinte_telle_quelle(site, formulaire, commun)
            faits.append(site / cle)
            if anciennes.get(cle) != empreintes[cle] or not (site / cle).is_file():
                a_imprimer.append((module, formulaire, None))
    if not a_imprimer:
        print(f"{len(faits)} fiches PDF déjà à jour dans {site / 'kits'}")
        return faits
    fichier_empreintes.parent.mkdir(parents=True, exist_ok=True)
    # Until the new PDFs are printed, their old digests are dropped (an interrupted print redoes them).
    en_cours = {sorte["pdf"] if opts is None else module["pdf"][sorte] for module, sorte, opts in a_imprimer}
    gardees = {cle: valeur for cle, valeur in anciennes.items() if cle not in en_cours}
    fichier_empreintes.write_text(json.dumps(gardees), encoding="utf-8")
    with serveur_local(site) as origine, chromium() as navigateur:
        contexte = navigateur.new_context(locale="fr-FR", color_scheme="light", service_workers="block")

        def router(route):  # nothing leaves the machine, even by mistake
            if route.request.url.startswith(origine) or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                route.abort("blockedbyclient")

        contexte.route("**/*", router)
        page = contexte.new_page()
        for module, sorte, opts in a_imprimer:
            if opts is None:  # a page printed as it is (sorte is then that page)
                _imprimer_telle_quelle(page, origine, site, sorte, epoque)
                continue
            source = page_source(module, sorte)
            if page.url != f"{origine}/{source}":
                page.goto(f"{origine}/{source}", wait_until="load")
            chemin = site / module["pdf"][sorte]
            chemin.parent.mkdir(parents=True, exist_ok=True)
            page.evaluate(script, opts)
            _imprimer(page, chemin, module["titre"])
            for variante in MISES_EN_PAGE:
                if not mise_en_page_a_revoir(chemin):
                    break
                page.evaluate(script, {**opts, **variante})
                _imprimer(page, chemin, module["titre"])
            figer_dates(chemin, epoque)
        contexte.close()
    toutes = {**gardees, **empreintes}
    fichier_empreintes.write_text(json.dumps(toutes, indent=1, sort_keys=True), encoding="utf-8")
    print(f"{len(a_imprimer)} fiches PDF imprimées en {time.monotonic() - debut:.1f} s dans {site / 'kits'}"
          f" ({len(faits) - len(a_imprimer)} déjà à jour)")
    return faits
