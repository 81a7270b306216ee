"""`make bench` (`python -m phare.construction.bench`, from the project root): measures of the book,
printed as a French table and written to `_build/bench.json`.

A report, never a test: nothing here fails on a slow number.

1. Clean build (every page, every notebook executed, in an empty temporary folder), then a
   rebuild with nothing changed, with the strict options of CI; then every step of `make build`
   (JupyterLite, the book, the kits, the USB copy) run twice, the second one timed step by step
   (`--reconstruction` alone: the same on the project's `_build/`, already built).
2. Execution time of each notebook (from the jupyter-cache of that clean build).
3. Total size of the site.
4. First visit of every page in Chromium (empty cache): the HTML and every file it loads,
   raw and gzip-compressed (gzip level 6, what a web server typically sends), and the number
   of requests. Median over the text pages (written in Markdown) and over the notebook pages.
5. Readability of the prose of every page a reader meets (`lisibilite`): Kandel–Moles, the
   French Flesch formula, with textstat (`set_lang("fr")`), on the Markdown sources with front
   matter, code, directive options, links' addresses and markup stripped. Goal: 70 or more.
   textstat counts French syllables with pyphen, which finds too few: its scores run about
   4 to 6 points high (stack-facts), so read 70 as « about 65 ».
   The easy-read pages (`lisibilite_facile`) are also measured against their own goals:
   Kandel–Moles 85 or more, and 12 words a sentence or fewer.
6. `phare verifier` on a class of 30 copies, 2 at a time, with and without the sandbox.
7. Quiz bias, read on the built pages (`phare.livre.quiz_donnees.biais`): the share of right answers
   at each position, and the share of questions whose right answer is the longest choice (limit 40 %).
8. « Explorer un fichier » on a 50 MB CSV made from a dataset: time to the report, and the longest
   pause of the page while the worker reads (`--explorer` alone, on `--site` or `_build/html`).
9. Accessibility: the last outcome of each browser test (`_build/navigateur.json`, written by
   tests/navigateur/conftest.py), counted by subject (every page, text zoom at 200 %, the reading
   comfort panel, the glossary), and the weight of the dyslexia font (phare.livre.confort), with
   the number of first visits that fetched it (none should). `--accessibilite` alone redoes the
   first visits (point 4) and this point on `--site` or `_build/html`, and updates bench.json.
10. Slow 3G (`lent_3g`): every text and notebook page in a fresh Chromium context, the link
   throttled by Chromium itself (CDP `Network.emulateNetworkConditions`: 400 kbit/s, 400 ms),
   the site served gzip-compressed as a static host serves it: first contentful paint and load
   event, medians. Beside it, a default Jupyter Book v1 (`jupyter-book create`, built unchanged
   in the same run, `livre_par_defaut`): the same weights and timings, and Phare's ratios to it
   (`rapports_au_livre_par_defaut`). `--lent` measures point 10 alone, on `--site` or `_build/html`,
   and updates these keys of `_build/bench.json`, keeping the others.

Environment: `PHARE_CHROMIUM` (default `/usr/bin/chromium`); `--site DOSSIER` measures the
pages of an existing build instead of building (points 1 and 2 are then skipped);
`--lisibilite` prints point 5 only (no build, no browser: a few seconds), `--classe` point 6 only,
`--quiz` point 7 only (on `--site`, or `_build/html`), `--lent` point 10 only.
"""

from __future__ import annotations

import argparse
import copy
import functools
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .chromium import chromium
from .projet import racine_du_projet
from .serveur import Compresse, serveur_local

RACINE = Path.cwd()  # the project root, checked by main()
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")


def ko(octets: float) -> str:
    """1234567 -> « 1 234,6 » (kilooctets of 1000 bytes, as in the 60 KB target; French format)."""
    return f"{octets / 1000:,.1f}".replace(",", "\u202f").replace(".", ",")


def secondes(s: float | None) -> str:
    return "—" if s is None else f"{s:.1f}".replace(".", ",") + " s"


def construire(sortie: Path, tout: bool) -> tuple[float, int]:
    commande = [JUPYTER_BOOK, "build", "-W", "--keep-going", "--path-output", str(sortie), "."]
    if tout:
        commande.insert(2, "--all")
    debut = time.perf_counter()
    proc = subprocess.run(commande, cwd=RACINE, capture_output=True, text=True)
    return time.perf_counter() - debut, proc.returncode


def temps_des_notebooks(cache: Path) -> list[dict]:
    from jupyter_cache import get_cache

    if not cache.is_dir():
        return []
    lignes = []
    for record in get_cache(cache).list_cache_records():
        uri = Path(record.uri)
        try:
            uri = uri.relative_to(RACINE)
        except ValueError:
            pass
        lignes.append({"notebook": uri.as_posix(), "secondes": record.data.get("execution_seconds")})
    return sorted(lignes, key=lambda ligne: ligne["notebook"])


def pages_du_site(site: Path) -> list[str]:
    return [
        p.relative_to(site).as_posix()
        for p in sorted(site.rglob("*.html"))
        if not p.relative_to(site).as_posix().startswith(("_static/", "reports/", "lite/"))
    ]


def nature(page: str, racine: Path | None = None) -> str:
    source = (racine or RACINE) / page.removesuffix(".html")
    if source.with_suffix(".ipynb").exists():
        return "notebook"
    if source.with_suffix(".md").exists():
        return "texte"
    return "outil"  # search.html, genindex.html, the redirecting index.html


@functools.cache
def taille_gzip(fichier: Path) -> int:
    return len(gzip.compress(fichier.read_bytes(), compresslevel=6))


def poids_premiere_visite(site: Path, pages: list[str], racine: Path | None = None) -> list[dict]:
    mesures = []
    with serveur_local(site) as adresse, chromium() as navigateur:
        origine = urlsplit(adresse).netloc
        for page_html in pages:
            contexte = navigateur.new_context(viewport={"width": 1280, "height": 800})
            page = contexte.new_page()
            demandes: list[str] = []
            page.on("request", lambda r, d=demandes: d.append(r.url))
            page.goto(f"http://{origine}/{page_html}", wait_until="load")
            try:
                page.wait_for_load_state("networkidle", timeout=5000)
            except Exception:
                pass
            contexte.close()
            brut = compresse = 0
            hors_site = []
            fichiers = set()
            for url in demandes:
                morceaux = urlsplit(url)
                if morceaux.scheme in ("data", "blob"):
                    continue
                if morceaux.netloc != origine:
                    hors_site.append(url)
                    continue
                fichier = site / unquote(morceaux.path).lstrip("/")
                if fichier.is_dir():
                    fichier = fichier / "index.html"
                if fichier.is_file() and fichier not in fichiers:
                    fichiers.add(fichier)
                    brut += fichier.stat().st_size
                    compresse += taille_gzip(fichier)
            mesures.append(
                {
                    "page": page_html,
                    "nature": nature(page_html, racine),
                    "police_dyslexie": any("/phare-police/" in url for url in demandes),
                    "requetes": len(demandes),
                    "octets": brut,
                    "octets_gzip": compresse,
                    "hors_site": hors_site,
                }
            )
    return mesures


def mediane(mesures: list[dict], nature_: str, cle: str) -> float | None:
    valeurs = [m[cle] for m in mesures if m["nature"] == nature_]
    return statistics.median(valeurs) if valeurs else None


# --- 9. Slow 3G, beside a default Jupyter Book ------------------------------------------------

# Chromium's « slow 3G »-like link of the issue: 400 kbit/s each way, 400 ms round trip.
LENT_3G = {"offline": False, "latency": 400,
           "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
_TEMPS = """() => {
  const peinture = performance.getEntriesByName("first-contentful-paint")[0];
  const navigation = performance.getEntriesByType("navigation")[0];
  return {fcp: peinture ? peinture.startTime : null, charge: navigation ? navigation.loadEventEnd : null};
}"""


def temps_lents(site: Path, pages: list[dict]) -> list[dict]:
    """First contentful paint and load event of each page on slow 3G, in seconds (fresh context
    per page: empty cache; gzip as a static host; Chromium's own throttling)."""
    mesures = []
    with serveur_local(site, Compresse) as adresse, chromium() as navigateur:
        for decrite in pages:
            contexte = navigateur.new_context(viewport={"width": 1280, "height": 800})
            page = contexte.new_page()
            cdp = contexte.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", LENT_3G)
            fcp = charge = None
            try:
                page.goto(f"{adresse}/{decrite['page']}", wait_until="load", timeout=120_000)
                page.wait_for_function(
                    "performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0", timeout=30_000)
                temps = page.evaluate(_TEMPS)
                fcp = None if temps["fcp"] is None else round(temps["fcp"] / 1000, 2)
                charge = None if temps["charge"] is None else round(temps["charge"] / 1000, 2)
            except Exception:  # a page that never loads on this link: reported without figures
                pass
            contexte.close()
            mesures.append(
                {"page": decrite["page"], "nature": decrite["nature"], "fcp_s": fcp, "charge_s": charge})
    return mesures


def _mediane(valeurs: list) -> float | None:
    valeurs = [v for v in valeurs if v is not None]
    return round(statistics.median(valeurs), 2) if valeurs else None


def resume_lent(temps: list[dict]) -> dict:
    lues = [t for t in temps if t["nature"] in ("texte", "notebook")]
    return {
        "conditions": {"debit_kbit_s": 400, "aller_retour_ms": LENT_3G["latency"]},
        "pages_mesurees": len(lues),
        "fcp_mediane_s": _mediane([t["fcp_s"] for t in lues]),
        "charge_mediane_s": _mediane([t["charge_s"] for t in lues]),
        "pages": temps,
    }


def livre_par_defaut() -> dict:
    """A default Jupyter Book v1 (`jupyter-book create`), built as it comes and measured like Phare:
    first-visit weight and requests, slow-3G timings. Its temporary folder is removed."""
    import jupyter_book

    with tempfile.TemporaryDirectory(prefix="phare-bench-defaut-") as dossier:
        livre = Path(dossier) / "livre"
        subprocess.run([JUPYTER_BOOK, "create", str(livre)], capture_output=True, text=True, check=True)
        proc = subprocess.run([JUPYTER_BOOK, "build", str(livre)], capture_output=True, text=True)
        site = livre / "_build" / "html"
        if proc.returncode != 0 or not site.is_dir():
            return {"erreur": (proc.stderr or proc.stdout)[-2000:]}
        pages = poids_premiere_visite(site, pages_du_site(site), racine=livre)
        lent = resume_lent(temps_lents(site, [p for p in pages if p["nature"] in ("texte", "notebook")]))
    return {
        "version_jupyter_book": jupyter_book.__version__,
        "pages": pages,
        "mediane_gzip_pages_texte": mediane(pages, "texte", "octets_gzip"),
        "mediane_requetes_pages_texte": mediane(pages, "texte", "requetes"),
        "lent_3g": {k: v for k, v in lent.items() if k != "pages"},
    }


def rapports_au_defaut(rapport: dict) -> dict:
    """Phare's figure divided by the default book's (0.25: four times less)."""
    defaut = rapport.get("livre_par_defaut") or {}
    lent, lent_defaut = rapport.get("lent_3g") or {}, defaut.get("lent_3g") or {}
    paires = {
        "fcp": (lent.get("fcp_mediane_s"), lent_defaut.get("fcp_mediane_s")),
        "charge": (lent.get("charge_mediane_s"), lent_defaut.get("charge_mediane_s")),
        "gzip_pages_texte": (rapport.get("mediane_gzip_pages_texte"), defaut.get("mediane_gzip_pages_texte")),
        "requetes_pages_texte": (rapport.get("mediane_requetes_pages_texte"),
                                 defaut.get("mediane_requetes_pages_texte")),
    }
    return {cle: round(a / b, 3) if a and b else None for cle, (a, b) in paires.items()}


OBJECTIFS_LENT = {"fcp": 1.5, "charge": 2.5, "requetes_texte": 6, "gzip_texte": 60_000}


def rapport_lent(rapport: dict) -> None:
    lent, defaut = rapport.get("lent_3g") or {}, rapport.get("livre_par_defaut") or {}
    lent_defaut = defaut.get("lent_3g") or {}
    print("3G lente (400 kbit/s, 400 ms ; gzip ; cache vide), médianes des textes et des notebooks :")
    print(f"  {'':<28} {'Phare':>10} {'livre par défaut':>18} {'objectif':>10}")
    print(f"  {'premier affichage (FCP)':<28} {secondes(lent.get('fcp_mediane_s')):>10} "
          f"{secondes(lent_defaut.get('fcp_mediane_s')):>18} {'≤ 1,5 s':>10}")
    print(f"  {'chargée (load)':<28} {secondes(lent.get('charge_mediane_s')):>10} "
          f"{secondes(lent_defaut.get('charge_mediane_s')):>18} {'≤ 2,5 s':>10}")
    def _ko(v):
        return "—" if v is None else ko(v) + " ko"
    def _n(v):
        return "—" if v is None else f"{v:g}".replace(".", ",")
    print(f"  {'page de texte : ko gzip':<28} {_ko(rapport.get('mediane_gzip_pages_texte')):>10} "
          f"{_ko(defaut.get('mediane_gzip_pages_texte')):>18} {'≤ 60 ko':>10}")
    print(f"  {'page de texte : requêtes':<28} {_n(rapport.get('mediane_requetes_pages_texte')):>10} "
          f"{_n(defaut.get('mediane_requetes_pages_texte')):>18} {'≤ 6':>10}")
    rapports = rapport.get("rapports_au_livre_par_defaut") or {}
    if any(v is not None for v in rapports.values()):
        print("  rapports au livre par défaut : " + ", ".join(
            f"{cle} {_n(v)}" for cle, v in rapports.items() if v is not None))
    if defaut.get("erreur"):
        print("  livre par défaut : construction en échec\n" + defaut["erreur"])


def mesurer_lent(site: Path, pages: list[dict], rapport: dict) -> None:
    """Point 9, written into `rapport`: Phare's slow-3G timings, the default book, the ratios."""
    rapport["mediane_requetes_pages_texte"] = mediane(pages, "texte", "requetes")
    lues = [p for p in pages if p["nature"] in ("texte", "notebook")]
    rapport["lent_3g"] = resume_lent(temps_lents(site, lues))
    rapport["livre_par_defaut"] = livre_par_defaut()
    rapport["rapports_au_livre_par_defaut"] = rapports_au_defaut(rapport)


# --- 5. Readability -------------------------------------------------------------------------

OBJECTIF_LISIBILITE = 70  # Kandel–Moles score every reader's page should reach
_CLOTURE = re.compile(r"^(`{3,}|~{3,}|:{3,})\s*(\{([\w-]+)\})?")
_PROSE_DANS_BLOC = {"figure", "table", "glossary", "quiz", "question", "choix", "retour", "admonition",
                    "note", "important", "tip", "warning", "grid", "grid-item-card", "div", "frise",
                    "sources", "idee", "essentiel"}
_ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")


def _role_en_mots(trouve: re.Match) -> str:
    nom, contenu = trouve.group(1), trouve.group(2)
    if nom.startswith("glue") or nom == "fait":
        return "12"  # a computed number: one short word
    if nom == "partie":
        from ..interface import libelles

        return libelles()["parties"].get(contenu.strip(), "")
    if nom in ("source", "ref", "numref", "facile") or nom.startswith("doc") and "<" not in contenu:
        return ""
    return re.sub(r"\s*<[^>]*>\s*$", "", contenu)  # {term}`mots <Cible>` -> mots


def prose(texte: str) -> list[str]:
    """The sentences a reader reads in a MyST page: one per line of prose, list item or table
    cell, without front matter, code, directive options, addresses or markup."""
    lignes = texte.splitlines()
    if lignes and lignes[0].strip() == "---":  # front matter
        fin = next((i for i, ligne in enumerate(lignes[1:], 1) if ligne.strip() == "---"), 0)
        lignes = lignes[fin + 1:]
    phrases, pile = [], []  # pile: for each open block, (fence, keeps prose?)
    for ligne in lignes:
        nue = ligne.strip()
        cloture = _CLOTURE.match(nue)
        if cloture:
            cloture_, directive = cloture.group(1), cloture.group(3)
            if pile and not directive and nue == pile[-1][0]:  # closes the innermost block
                pile.pop()
                continue
            if directive or cloture_[0] in "`~":  # opens a block: directive, code cell or code
                garde = directive in _PROSE_DANS_BLOC and all(g for _, g in pile)
                pile.append((cloture_, garde))
                continue
        if pile and not pile[-1][1]:
            continue
        if re.match(r"^:[\w-]+:", nue) or re.match(r"^\(.*\)=$", nue) or re.match(r"^\|?[-:| ]+\|?$", nue):
            continue  # directive option, label, table rule
        if nue.startswith("<!--") or nue.startswith("{{"):
            continue
        for morceau in (nue.strip("|").split("|") if nue.startswith("|") else [nue]):
            m = _ROLE.sub(_role_en_mots, morceau)
            m = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", m)  # [texte](adresse) -> texte
            m = re.sub(r"<https?://[^>]*>|https?://\S+", "", m)
            m = re.sub(r"`[^`]*`", "", m)  # inline code
            m = re.sub(r"^#+\s*|^[-*+]\s+|^\d+\.\s+|^>\s*", "", m.strip())
            m = m.replace("**", "").replace("*", "").replace("\\", "").strip(" :;\u00a0\u202f")
            if len(m.split()) <= 2:
                continue  # a short title or cell: textstat would drop the sentence, not its words
            phrases.append(m if m[-1] in ".!?…»)" else m + ".")
    return phrases


def pages_a_lire(racine: Path) -> list[Path]:
    """Every page of the book a reader meets: the table of contents' files (Markdown pages,
    notebooks) and the generated pages of the data catalogue, when a build has written them."""
    import yaml

    def fichiers(noeud):
        if isinstance(noeud, dict):
            if "file" in noeud:
                yield noeud["file"]
            for valeur in noeud.values():
                yield from fichiers(valeur)
        elif isinstance(noeud, list):
            for valeur in noeud:
                yield from fichiers(valeur)

    table = yaml.safe_load((racine / "_toc.yml").read_text(encoding="utf-8"))
    pages = []
    for nom in [table["root"], *fichiers(table.get("parts", []))]:
        for extension in (".md", ".ipynb"):
            if (racine / f"{nom}{extension}").is_file():
                pages.append(racine / f"{nom}{extension}")
    pages += sorted((racine / "book" / "catalogue" / "jeux").glob("*.md"))
    return pages


def lisibilite(racine: Path) -> list[dict]:
    """Kandel–Moles score of the prose of every page (textstat, French)."""
    import textstat

    textstat.set_lang("fr")
    mesures = []
    for chemin in pages_a_lire(racine):
        if chemin.suffix == ".ipynb":
            cellules = json.loads(chemin.read_text(encoding="utf-8"))["cells"]
            texte = "\n".join("".join(c["source"]) for c in cellules if c["cell_type"] == "markdown")
        else:
            texte = chemin.read_text(encoding="utf-8")
        phrases = prose(texte)
        corps = " ".join(phrases)
        mesures.append({
            "page": chemin.relative_to(racine).as_posix(),
            "kandel_moles": round(textstat.flesch_reading_ease(corps), 1) if phrases else None,
            "phrases": textstat.sentence_count(corps) if phrases else 0,
            "mots": textstat.lexicon_count(corps) if phrases else 0,
        })
    return mesures


def rapport_lisibilite(mesures: list[dict]) -> None:
    print(f"{'Lisibilité (Kandel–Moles, textstat)':<58} {'score':>6} {'phrases':>8} {'mots':>7}")
    for m in mesures:
        score = "—" if m["kandel_moles"] is None else f"{m['kandel_moles']:.1f}".replace(".", ",")
        bas = m["kandel_moles"] is not None and m["kandel_moles"] < OBJECTIF_LISIBILITE
        alerte = f"  ← sous {OBJECTIF_LISIBILITE}" if bas else ""
        print(f"{m['page']:<58} {score:>6} {m['phrases']:>8} {m['mots']:>7}{alerte}")
    sous = [m for m in mesures if m["kandel_moles"] is not None and m["kandel_moles"] < OBJECTIF_LISIBILITE]
    print(f"{len(sous)} page(s) sous {OBJECTIF_LISIBILITE} sur {len(mesures)}. Attention : textstat compte "
          "trop peu de syllabes en français (pyphen), ses scores sont de 4 à 6 points trop hauts.")


# --- 5 bis. Easy-read pages (« facile à lire », phare.livre.facile) ------------------------

OBJECTIF_FACILE_KANDEL_MOLES = 85  # each easy-read page: Kandel–Moles score, at least
OBJECTIF_FACILE_MOTS = 12  # each easy-read page: mean words a sentence, at most
_TITRE_FACILE = re.compile(r"^# \{facile\}`", re.MULTILINE)


def mesure_facile(texte: str) -> dict:
    """Readability of an easy-read page's source. The text measured is what the page gives to read:
    `prose()` (paragraphs, list items, the sentences of each {idee} and of {essentiel}), without its
    title (the module's, measured on its own page), front matter, pictograms' alt texts (directive
    options), links' addresses, the navigation and the glossary's definitions (opened on demand);
    a pasted number ({fait}) counts as one short word."""
    import textstat

    textstat.set_lang("fr")
    corps = " ".join(prose(texte))
    phrases = textstat.sentence_count(corps) if corps else 0
    mots = textstat.lexicon_count(corps) if corps else 0
    return {
        "kandel_moles": round(textstat.flesch_reading_ease(corps), 1) if corps else None,
        "phrases": phrases,
        "mots": mots,
        "mots_par_phrase": round(mots / phrases, 1) if phrases else None,
    }


def pages_faciles(racine: Path) -> list[Path]:
    """The easy-read pages of the book: those titled `# {facile}`module``."""
    return [p for p in pages_a_lire(racine)
            if p.suffix == ".md" and _TITRE_FACILE.search(p.read_text(encoding="utf-8"))]


def lisibilite_facile(racine: Path) -> list[dict]:
    return [{"page": p.relative_to(racine).as_posix(), **mesure_facile(p.read_text(encoding="utf-8"))}
            for p in pages_faciles(racine)]


def rapport_lisibilite_facile(mesures: list[dict]) -> None:
    print(f"{'Pages faciles à lire (objectifs : ≥ 85, ≤ 12 mots)':<58} {'score':>6} {'mots/phrase':>12}")
    for m in mesures:
        bas = m["kandel_moles"] is None or m["kandel_moles"] < OBJECTIF_FACILE_KANDEL_MOLES
        long = m["mots_par_phrase"] is None or m["mots_par_phrase"] > OBJECTIF_FACILE_MOTS
        alerte = "  ← hors objectif" if bas or long else ""
        score = "—" if m["kandel_moles"] is None else f"{m['kandel_moles']:.1f}".replace(".", ",")
        longueur = "—" if m["mots_par_phrase"] is None else f"{m['mots_par_phrase']:.1f}".replace(".", ",")
        print(f"{m['page']:<58} {score:>6} {longueur:>12}{alerte}")


# --- 6. A class of copies checked ------------------------------------------------------


def temps_d_une_classe(copies: int = 30) -> dict:
    """`phare verifier` on a class of `copies` notebooks, 2 at a time, with and without the sandbox.

    The copies are exercises/resumer-sans-trahir.ipynb with every answer filled in with the
    catalogue's solution (one copy in five left blank, as handed in by a pupil who did nothing).
    """
    from phare.verifier.exercices import tous

    notebook = json.loads((RACINE / "exercises" / "resumer-sans-trahir.ipynb").read_text(encoding="utf-8"))
    solutions = {ident: exercice.solution for ident, exercice in tous().items()}
    mesures: dict = {"copies": copies, "charge_avant": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="phare-bench-classe-") as dossier:
        classe = Path(dossier) / "classe"
        classe.mkdir()
        for rang in range(copies):
            copie = copy.deepcopy(notebook)
            for cellule in copie["cells"] if rang % 5 else []:
                source = "".join(cellule.get("source", ""))
                appel = re.search(r'verifier\("([a-z0-9-]+)", reponse\)', source)
                if cellule["cell_type"] == "code" and appel and "reponse = ..." in source:
                    cellule["source"] = source.replace("reponse = ...", solutions[appel.group(1)])
            (classe / f"eleve-{rang + 1:02d}.ipynb").write_text(json.dumps(copie), encoding="utf-8")
        for cle, options in (("avec_bac_a_sable", []), ("sans_bac_a_sable", ["--sans-isolation"])):
            if not options and shutil.which("bwrap") is None:
                mesures[cle] = None
                continue
            commande = [sys.executable, "-m", "phare.cli", "verifier", str(classe), "--parallele", "2"]
            commande += options
            debut = time.perf_counter()
            proc = subprocess.run(commande, capture_output=True, text=True)
            mesures[cle] = {"secondes": round(time.perf_counter() - debut, 1), "code": proc.returncode}
    return mesures


def rapport_classe(mesures: dict) -> None:
    def duree(cle: str) -> str:
        mesure = mesures.get(cle)
        if mesure is None:
            return "— (bwrap absent)"
        code = "" if mesure["code"] == 0 else f" (code de sortie {mesure['code']})"
        return secondes(mesure["secondes"]) + code

    print(f"Vérification d'une classe de {mesures['copies']} copies, 2 à la fois (objectif : ≤ 90 s) :")
    print(f"  avec le bac à sable : {duree('avec_bac_a_sable')}")
    print(f"  sans bac à sable    : {duree('sans_bac_a_sable')}")
    charge = str(mesures["charge_avant"]).replace(".", ",")
    print(f"  charge moyenne de la machine avant la mesure : {charge}")


# --- 7. Quiz bias ------------------------------------------------------------------------------------


def biais_des_quiz(site: Path) -> dict:
    """Bias figures of every quiz of the built site, per page and over the whole site."""
    from phare.livre.quiz_donnees import biais, lire_html

    tout, par_page = [], {}
    for page in sorted(site.glob("book/**/*.html")):
        questions = lire_html(page.read_text(encoding="utf-8"), page.stem)
        if questions:
            par_page[page.relative_to(site).as_posix()] = {
                **biais(questions), "questions": len(questions), "types": sorted({q.type for q in questions})}
            tout += questions
    return {"site": biais(tout), "questions": len(tout), "pages": par_page}


def rapport_quiz(mesures: dict) -> None:
    from phare.livre.quiz_donnees import resume_biais

    print(f"Quiz : {mesures['questions']} questions sur {len(mesures['pages'])} pages")
    for page, m in mesures["pages"].items():
        print(f"  {page:<56} {m['questions']:>3} questions ({', '.join(m['types'])})")
    print("  " + resume_biais(mesures["site"]))


# --- 8. « Explorer un fichier » ------------------------------------------------------------------

EXPLORER = "book/explorer-un-fichier.html"
TAILLE_EXPLORER = 50_000_000


def fichier_de_50_mo(chemin: Path, taille: int = TAILLE_EXPLORER) -> int:
    """A CSV of `taille` bytes or a little more, made from a dataset's real rows (the hourly weather
    of January 2014, repeated under one header); returns its number of data rows."""
    jeu = "meteo-horaire-janvier-2014"
    source = (RACINE / "datasets" / jeu / f"{jeu}.csv").read_bytes()
    entete, _, corps = source.partition(b"\n")
    lignes = corps.count(b"\n")
    fois = -(-(taille - len(entete) - 1) // len(corps))
    with open(chemin, "wb") as sortie:
        sortie.write(entete + b"\n")
        for _ in range(fois):
            sortie.write(corps)
    return lignes * fois


def temps_explorer(site: Path) -> dict | None:
    """« Explorer un fichier » on a 50 MB CSV in Chromium: time until the report is shown, and the
    longest pause of the page meanwhile (a timer that should tick every 50 ms: the page must
    never freeze, the reading happens in a worker)."""
    if not (site / EXPLORER).is_file():
        return None
    with tempfile.TemporaryDirectory(prefix="phare-bench-explorer-") as dossier:
        fichier = Path(dossier) / "meteo-50-mo.csv"
        lignes = fichier_de_50_mo(fichier)
        charge = round(os.getloadavg()[0], 2)
        with serveur_local(site) as url, chromium() as navigateur:
            page = navigateur.new_page()
            page.goto(f"{url}/{EXPLORER}", wait_until="load")
            page.evaluate("""() => {
              window.__pause = 0; let avant = performance.now();
              const bloc = document.querySelector('.phare-explorer');
              window.__minuteur = setInterval(() => {
                const maintenant = performance.now();
                if (bloc.dataset.etat === 'lecture') {
                  window.__pause = Math.max(window.__pause, maintenant - avant - 50);
                }
                avant = maintenant;
              }, 50);
            }""")
            debut = time.perf_counter()
            page.set_input_files(".phare-explorer-fichier", str(fichier))
            page.wait_for_function(
                "['rapport', 'erreur'].includes(document.querySelector('.phare-explorer').dataset.etat)",
                timeout=600_000,
            )
            mur = time.perf_counter() - debut
            etat = page.get_attribute(".phare-explorer", "data-etat")
            duree_ms = page.get_attribute(".phare-explorer", "data-duree-ms")
            pause = page.evaluate("window.__pause")
            affichage = page.get_attribute(".phare-explorer", "data-affichage-ms")
            lues = page.evaluate(
                "document.querySelector('[data-fait=nombre_lignes]')?.textContent || ''"
            )
        return {
            "octets": fichier.stat().st_size,
            "lignes": lignes,
            "etat": etat,
            "lignes_lues": lues,
            "secondes_page": None if duree_ms is None else round(int(duree_ms) / 1000, 1),
            "secondes_mur": round(mur, 1),
            "plus_longue_pause_ms": round(pause),
            "affichage_ms": None if affichage is None else int(affichage),
            "charge_avant": charge,
        }


def rapport_explorer(mesures: dict | None) -> None:
    if mesures is None:
        print("Explorer un fichier : page absente du site, pas de mesure.")
        return
    lignes = f"{mesures['lignes']:,}".replace(",", "\u202f")
    print(f"Explorer un fichier, CSV de {ko(mesures['octets'] / 1000)} Mo ({lignes} lignes) :")
    if mesures["etat"] != "rapport":
        print(f"  ÉCHEC : la page a répondu « {mesures['etat']} »")
        return
    print(f"  description prête en {secondes(mesures['secondes_page'])} (mesuré par la page ; "
          f"{secondes(mesures['secondes_mur'])} avec l'envoi du fichier à Chromium)")
    print(f"  lignes comptées : {mesures['lignes_lues']}")
    print(f"  plus longue pause de la page pendant la lecture : {mesures['plus_longue_pause_ms']} ms")
    print(f"  écriture du rapport dans la page : {mesures['affichage_ms']} ms")
    charge = str(mesures["charge_avant"]).replace(".", ",")
    print(f"  charge moyenne de la machine avant la mesure : {charge}")


# --- Rebuild with nothing changed, step by step (the steps of `make build`) -----------------------


def etapes_de_make_build(sortie: Path | None) -> list[tuple[str, list[str]]]:
    """The commands of `make build` (JupyterLite, the book, the kits, the USB copy), on the project's
    `_build/` (sortie None) or on `sortie/_build/` (a build made with --path-output)."""
    python = sys.executable
    html = (sortie or RACINE) / "_build" / "html"
    livre = [JUPYTER_BOOK, "build", "."] + (["--path-output", str(sortie)] if sortie else [])
    return [
        ("JupyterLite", [python, "-m", "phare.construction.lite", "--site", str(html)]),
        ("livre", livre),
        ("fiches et paquets", [python, "-m", "phare.construction.kits", str(html)]),
        ("copie hors ligne", [python, "-m", "phare.construction.hors_ligne", str(html)]),
    ]


def reconstruction_par_etape(sortie: Path | None = None) -> dict:
    """Each step of `make build` timed once (run it after a full build: nothing has changed)."""
    mesures: dict = {"etapes": {}, "codes": {}}
    for nom, commande in etapes_de_make_build(sortie):
        debut = time.perf_counter()
        proc = subprocess.run(commande, cwd=RACINE, capture_output=True, text=True)
        mesures["etapes"][nom] = round(time.perf_counter() - debut, 2)
        mesures["codes"][nom] = proc.returncode
    mesures["total_s"] = round(sum(mesures["etapes"].values()), 2)
    return mesures


def rapport_reconstruction(mesures: dict) -> None:
    print("`make build` sans changement, étape par étape :")
    for nom, duree in mesures["etapes"].items():
        echec = "" if mesures["codes"][nom] == 0 else "  (en échec)"
        print(f"  {nom:<20} {secondes(duree):>8}{echec}")
    print(f"  {'total':<20} {secondes(mesures['total_s']):>8} (objectif : ≤ 3 s pour le livre)")


# Subjects of the accessibility statement: (key, test file, test function or None for all).
SUJETS_NAVIGATEUR = (
    ("pages", "test_pages.py", "test_page"),
    ("zoom_texte", "test_zoom_texte.py", None),
    ("confort_combinaisons", "test_confort.py", "test_chaque_combinaison_sur_une_page"),
    ("confort", "test_confort.py", None),
    ("lexique", "test_lexique.py", None),
    ("session", "test_session.py", None),
)


def resultats_navigateur(chemin: Path, site: Path) -> dict | None:
    """The browser tests' last outcomes, counted by subject; a page test of a page that no longer
    exists is left out."""
    try:
        resultats = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(resultats, dict) or not resultats:
        return None
    gardes = {}
    for noeud, r in resultats.items():
        parametre = re.search(r"\[(.+)\]$", noeud)
        page_disparue = parametre and not (site / parametre[1]).is_file()
        if noeud.split("::")[-1].startswith("test_page[") and page_disparue:
            continue
        gardes[noeud] = r
    bilan: dict = {"date": max(r["date"] for r in gardes.values()), "tests": len(gardes)}
    for issue in ("reussi", "echoue", "saute"):
        bilan[issue] = sum(r["issue"] == issue for r in gardes.values())
    for cle, fichier, fonction in SUJETS_NAVIGATEUR:
        choisis = [
            r for noeud, r in gardes.items()
            if noeud.split("::")[0].endswith("/" + fichier)
            and (fonction is None or noeud.split("::")[-1].split("[")[0] == fonction)
        ]
        bilan[cle] = {i: sum(r["issue"] == i for r in choisis) for i in ("reussi", "echoue", "saute")}
        bilan[cle]["tests"] = len(choisis)
        bilan[cle]["date"] = max((r["date"] for r in choisis), default=None)
    return bilan


def mesure_confort(site: Path, pages: list[dict]) -> dict:
    """The dyslexia font as served (woff2 is already compressed: a server sends it as it is)."""
    polices = sorted((site / "_static" / "phare-police").glob("*.woff2"))
    return {
        "police_fichiers": len(polices),
        "police_octets": sum(f.stat().st_size for f in polices),
        "premieres_visites": len(pages),
        "premieres_visites_avec_police": sum(bool(p.get("police_dyslexie")) for p in pages),
    }


def rapport_accessibilite(rapport: dict) -> None:
    confort = rapport.get("confort") or {}
    if confort:
        print(f"Police pour les lecteur·rices dyslexiques : {confort['police_fichiers']} fichiers, "
              f"{ko(confort['police_octets'])} ko ; chargée par {confort['premieres_visites_avec_police']} "
              f"premières visites sur {confort['premieres_visites']}")
    bilan = rapport.get("navigateur")
    if not bilan:
        print("Tests du navigateur : aucun résultat (_build/navigateur.json absent : lancez-les d'abord)")
        return
    print(f"Tests du navigateur (dernier résultat de chacun, le plus récent du {bilan['date']}) : "
          f"{bilan['tests']} tests, {bilan['reussi']} réussis, {bilan['echoue']} en échec, "
          f"{bilan['saute']} sautés")
    for cle, _fichier, _fonction in SUJETS_NAVIGATEUR:
        b = bilan[cle]
        print(f"  {cle:<22} {b['tests']:>4} tests, {b['reussi']:>4} réussis, {b['echoue']:>3} en échec")


def mesurer_accessibilite(rapport: dict, site: Path) -> None:
    rapport["confort"] = mesure_confort(site, rapport.get("pages") or [])
    rapport["navigateur"] = resultats_navigateur(RACINE / "_build" / "navigateur.json", site)


def bench_lent(site: Path) -> int:
    """`--lent`: point 10 on a built site; the other keys of `_build/bench.json` are kept."""
    chemin = RACINE / "_build" / "bench.json"
    try:
        rapport = json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        rapport = {}
    print("Première visite de chaque page dans Chromium…", flush=True)
    pages = poids_premiere_visite(site, pages_du_site(site))
    rapport.update(date=datetime.now().isoformat(timespec="seconds"), pages=pages,
                   mediane_gzip_pages_texte=mediane(pages, "texte", "octets_gzip"),
                   mediane_gzip_pages_notebook=mediane(pages, "notebook", "octets_gzip"))
    print("3G lente, et un livre par défaut construit à côté…", flush=True)
    mesurer_lent(site, pages, rapport)
    rapport_lent(rapport)
    chemin.parent.mkdir(exist_ok=True)
    chemin.write_text(json.dumps(rapport, ensure_ascii=False, indent=2), encoding="utf-8")
    print("\nMesures écrites dans _build/bench.json")
    return 0


def main() -> int:
    global RACINE
    RACINE = racine_du_projet()
    parametres = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parametres.add_argument("--site", type=Path, help="mesurer ce site déjà construit")
    parametres.add_argument("--lisibilite", action="store_true",
                            help="seulement la lisibilité des pages (sans construire)")
    parametres.add_argument(
        "--classe", action="store_true", help="mesurer seulement la vérification d'une classe"
    )
    parametres.add_argument("--quiz", action="store_true",
                            help="seulement les biais des quiz (sur --site ou _build/html)")
    parametres.add_argument(
        "--accessibilite", action="store_true",
        help="refaire seulement les premières visites et le bilan d'accessibilité "
        "(sur --site ou _build/html)",
    )
    parametres.add_argument(
        "--lent", action="store_true",
        help="mesurer seulement la 3G lente, à côté d'un livre par défaut (sur --site ou _build/html)",
    )
    parametres.add_argument(
        "--explorer", action="store_true",
        help="mesurer seulement « Explorer un fichier » sur un CSV de 50 Mo (avec --site)",
    )
    parametres.add_argument(
        "--reconstruction", action="store_true",
        help="seulement `make build` sans changement, étape par étape (sur _build/, déjà construit)",
    )
    args = parametres.parse_args()
    if args.reconstruction:
        rapport_reconstruction(reconstruction_par_etape())
        return 0
    if args.quiz:
        rapport_quiz(biais_des_quiz((args.site or RACINE / "_build" / "html").resolve()))
        return 0
    if args.explorer:
        site = (args.site or RACINE / "_build" / "html").resolve()
        rapport_explorer(temps_explorer(site))
        return 0
    if args.lisibilite:
        rapport_lisibilite(lisibilite(RACINE))
        print()
        rapport_lisibilite_facile(lisibilite_facile(RACINE))
        return 0
    if args.accessibilite:
        site = (args.site or RACINE / "_build" / "html").resolve()
        ancien = RACINE / "_build" / "bench.json"
        try:
            rapport = json.loads(ancien.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            rapport = {}
        pages = poids_premiere_visite(site, pages_du_site(site))
        rapport.update(date=datetime.now().isoformat(timespec="seconds"), pages=pages,
                       mediane_gzip_pages_texte=mediane(pages, "texte", "octets_gzip"),
                       mediane_gzip_pages_notebook=mediane(pages, "notebook", "octets_gzip"))
        mesurer_accessibilite(rapport, site)
        rapport_accessibilite(rapport)
        ancien.parent.mkdir(exist_ok=True)
        ancien.write_text(json.dumps(rapport, ensure_ascii=False, indent=2), encoding="utf-8")
        print("\nMesures écrites dans _build/bench.json")
        return 0
    if args.lent:
        return bench_lent((args.site or RACINE / "_build" / "html").resolve())
    rapport: dict = {"date": datetime.now().isoformat(timespec="seconds")}
    if args.classe:
        rapport["classe"] = temps_d_une_classe()
        rapport_classe(rapport["classe"])
        return 0

    temporaire = None
    if args.site:
        site = args.site.resolve()
    else:
        temporaire = Path(tempfile.mkdtemp(prefix="phare-bench-"))
        print("Construction propre (tout, notebooks exécutés) dans", temporaire, flush=True)
        duree, code = construire(temporaire, tout=True)
        rapport["construction_propre_s"] = round(duree, 2)
        rapport["construction_propre_code"] = code
        print("Reconstruction sans changement…", flush=True)
        duree2, code2 = construire(temporaire, tout=False)
        rapport["reconstruction_sans_changement_s"] = round(duree2, 2)
        rapport["notebooks"] = temps_des_notebooks(temporaire / "_build" / ".jupyter_cache")
        site = temporaire / "_build" / "html"
        print("`make build` deux fois de suite, étape par étape…", flush=True)
        reconstruction_par_etape(temporaire)  # the first one completes the site (app, kits, copy)
        rapport["reconstruction_make_build"] = reconstruction_par_etape(temporaire)

    fichiers = [f for f in site.rglob("*") if f.is_file()]
    rapport["site"] = {
        "fichiers": len(fichiers),
        "octets": sum(f.stat().st_size for f in fichiers),
        "octets_hors_jupyterlite": sum(
            f.stat().st_size for f in fichiers if not f.relative_to(site).as_posix().startswith("lite/")
        ),
    }
    print("Première visite de chaque page dans Chromium…", flush=True)
    pages = poids_premiere_visite(site, pages_du_site(site))
    rapport["pages"] = pages
    rapport["mediane_gzip_pages_texte"] = mediane(pages, "texte", "octets_gzip")
    rapport["mediane_gzip_pages_notebook"] = mediane(pages, "notebook", "octets_gzip")
    print("3G lente, et un livre par défaut construit à côté…", flush=True)
    mesurer_lent(site, pages, rapport)
    rapport["lisibilite"] = lisibilite(RACINE)
    rapport["lisibilite_facile"] = lisibilite_facile(RACINE)
    rapport["quiz"] = biais_des_quiz(site)

    # --- Report -------------------------------------------------------------------------
    print()
    if "construction_propre_s" in rapport:
        etat = "" if rapport["construction_propre_code"] == 0 else " (avec avertissements)"
        print(f"Construction propre : {secondes(rapport['construction_propre_s'])}{etat}")
        print(f"Reconstruction sans changement : {secondes(rapport['reconstruction_sans_changement_s'])}")
        rapport_reconstruction(rapport["reconstruction_make_build"])
        print()
        print(f"{'Notebook':<60} {'exécution':>10}")
        for ligne in rapport["notebooks"]:
            print(f"{ligne['notebook']:<60} {secondes(ligne['secondes']):>10}")
        print()
    s = rapport["site"]
    print(f"Site : {s['fichiers']} fichiers, {ko(s['octets'])} ko "
          f"(dont hors JupyterLite : {ko(s['octets_hors_jupyterlite'])} ko)")
    print()
    print(f"{'Page (première visite)':<58} {'nature':<9} {'requêtes':>8} {'ko':>9} {'ko gzip':>9}")
    for m in pages:
        alerte = "  ← hors du site !" if m["hors_site"] else ""
        print(f"{m['page']:<58} {m['nature']:<9} {m['requetes']:>8} {ko(m['octets']):>9} "
              f"{ko(m['octets_gzip']):>9}{alerte}")
    print()
    for nature_, cle in (("texte", "mediane_gzip_pages_texte"), ("notebook", "mediane_gzip_pages_notebook")):
        if rapport[cle] is not None:
            print(f"Médiane des pages {nature_} : {ko(rapport[cle])} ko gzip (objectif texte : ≤ 60)")
    print()
    rapport_lent(rapport)
    print()
    rapport_lisibilite(rapport["lisibilite"])
    print()
    rapport_lisibilite_facile(rapport["lisibilite_facile"])
    print()
    rapport_quiz(rapport["quiz"])

    print("\nExplorer un fichier sur un CSV de 50 Mo…", flush=True)
    rapport["explorer_50_mo"] = temps_explorer(site)
    rapport_explorer(rapport["explorer_50_mo"])

    print()
    mesurer_accessibilite(rapport, site)
    rapport_accessibilite(rapport)

    print("\nVérification d'une classe…", flush=True)
    rapport["classe"] = temps_d_une_classe()
    rapport_classe(rapport["classe"])

    (RACINE / "_build").mkdir(exist_ok=True)
    (RACINE / "_build" / "bench.json").write_text(
        json.dumps(rapport, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    print("\nMesures écrites dans _build/bench.json")
    if temporaire is not None:
        shutil.rmtree(temporaire, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
