"""`make bench` (`python -m phare.construction.bench`, from the project root): measures of the book,
printed as a French table and written to `_build/bench.json`.

A report, never a test: nothing here fails on a slow number.

1. Clean build (every page, every notebook executed, in an empty temporary folder), then a
   rebuild with nothing changed, with the strict options of CI.
2. Execution time of each notebook (from the jupyter-cache of that clean build).
3. Total size of the site.
4. First visit of every page in Chromium (empty cache): the HTML and every file it loads,
   raw and gzip-compressed (gzip level 6, what a web server typically sends), and the number
   of requests. Median over the text pages (written in Markdown) and over the notebook pages.

Environment: `PHARE_CHROMIUM` (default `/usr/bin/chromium`); `--site DOSSIER` measures the
pages of an existing build instead of building (points 1 and 2 are then skipped).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
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
from .serveur import serveur_local

RACINE = Path.cwd()  # the project root, checked by main()
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")


def ko(octets: float) -> str:
    """1234567 -> « 1 234,6 » (kilooctets of 1000 bytes, as in the 250 KB target; French format)."""
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


def nature(page: str) -> str:
    source = RACINE / page.removesuffix(".html")
    if source.with_suffix(".ipynb").exists():
        return "notebook"
    if source.with_suffix(".md").exists():
        return "texte"
    return "outil"  # search.html, genindex.html, the redirecting index.html


@functools.cache
def taille_gzip(fichier: Path) -> int:
    return len(gzip.compress(fichier.read_bytes(), compresslevel=6))


def poids_premiere_visite(site: Path, pages: list[str]) -> list[dict]:
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
                    "nature": nature(page_html),
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


def main() -> int:
    global RACINE
    RACINE = racine_du_projet()
    parametres = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parametres.add_argument("--site", type=Path, help="mesurer ce site déjà construit")
    args = parametres.parse_args()
    rapport: dict = {"date": datetime.now().isoformat(timespec="seconds")}

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

    # --- Report -------------------------------------------------------------------------
    print()
    if "construction_propre_s" in rapport:
        etat = "" if rapport["construction_propre_code"] == 0 else " (avec avertissements)"
        print(f"Construction propre : {secondes(rapport['construction_propre_s'])}{etat}")
        print(f"Reconstruction sans changement : {secondes(rapport['reconstruction_sans_changement_s'])}")
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
            print(f"Médiane des pages {nature_} : {ko(rapport[cle])} ko gzip (objectif texte : ≤ 250)")

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
