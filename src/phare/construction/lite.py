"""Build the site's JupyterLite app into `<site>/lite/`, after the book build.

    python -m phare.construction.lite                 # into _build/html/lite
    python -m phare.construction.lite --site DOSSIER  # into DOSSIER/lite
    PHARE_PYODIDE_URL=/pyodide/ python -m phare.construction.lite   # self-hosted Pyodide

Run from the project's root (the Makefile does).

What the app holds, so that every notebook runs with no network but the Pyodide runtime:
- every notebook of `notebooks/` and `exercises/`, each with a first cell that installs `phare`
  (`%pip install phare`), which piplite finds in the app's own index, on the site's own origin;
- the curated `datasets/` next to them (`charger` finds them by walking up from the notebook);
- the `phare` wheel (it also bundles the data, so `charger` works even where the app cannot
  expose its files to Python), plus pure-Python wheels for ipywidgets;
- PyPI fallback switched off: nothing is fetched from pypi.org. Only Pyodide itself and its
  packages (numpy, pandas, matplotlib…) come from the Pyodide CDN, or from PHARE_PYODIDE_URL.

The notebooks of the repository are not modified: only their copies in the app get the cell.
Contents are indexed here (the `api/contents/**/all.json` listings) rather than by
`jupyter lite build --contents`, which needs all of jupyter-server for that one job.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from . import jupyterlite as jl
from .liens import notebook_hors_du_livre
from .projet import racine_du_projet
from .roue import construire_roue, empreinte_des_sources

BIN = Path(sys.executable).parent
# Pure-Python wheels the notebooks may need that the Pyodide distribution does not ship.
# Versions come from requirements.lock (one place for versions).
ROUES_PYPI = ("comm", "ipywidgets", "jupyterlab_widgets")
ID_CELLULE = "phare-installation"


def version_verrouillee(nom: str, racine: Path) -> str:
    cle = nom.lower().replace("_", "-")
    for ligne in (racine / "requirements.lock").read_text(encoding="utf-8").splitlines():
        paquet, _, version = ligne.partition("==")
        if paquet.strip().lower().replace("_", "-") == cle:
            return version.strip()
    raise SystemExit(f"{nom} n'est pas dans requirements.lock : impossible de construire JupyterLite.")


def roues_pypi(racine: Path) -> list[Path]:
    """The pinned wheels, downloaded once from PyPI into a cache under _build/."""
    cache = racine / "_build" / ".lite-roues"
    cache.mkdir(parents=True, exist_ok=True)
    roues = []
    for nom in ROUES_PYPI:
        version = version_verrouillee(nom, racine)
        trouvees = sorted(cache.glob(f"{nom}-{version}-py3-none-any.whl"))
        if not trouvees:
            subprocess.run(
                [str(BIN / "python"), "-m", "pip", "download", "--quiet", "--no-deps",
                 "--only-binary", ":all:", "--disable-pip-version-check",
                 "-d", str(cache), f"{nom}=={version}"],
                check=True,
                capture_output=True,  # pip's notes about local mirrors are noise here
            )
            trouvees = sorted(cache.glob(f"{nom}-{version}-py3-none-any.whl"))
        if not trouvees:
            raise SystemExit(f"Roue introuvable pour {nom}=={version}.")
        roues.append(trouvees[0])
    return roues


# Pyodide loads a package by itself only when a cell imports it by name: `from phare.graphiques
# import figure` hides matplotlib, and pandas' `.plot()` imports it lazily. Install it up front.
UTILISE_MATPLOTLIB = re.compile(r"matplotlib|phare\.graphiques|phare\.cartes|\.plot\b|\.hist\(")
# The same for the maps: `charger` of a GeoJSON imports geopandas inside phare, out of Pyodide's sight.
UTILISE_GEOPANDAS = re.compile(r"geopandas|phare\.cartes|contours-communes")


def paquets_a_installer(code: str) -> list[str]:
    """What the install cell installs, from the notebook's code: phare, and what Pyodide can't guess."""
    paquets = ["phare"]
    if UTILISE_MATPLOTLIB.search(code):
        paquets.append("matplotlib")
    if UTILISE_GEOPANDAS.search(code):
        paquets.append("geopandas")
    if "ipywidgets" in code:
        paquets.append("ipywidgets")
    return paquets


def cellules_installation(paquets: list[str]) -> list[dict]:
    texte = (
        "**Dans le navigateur (JupyterLite)**, exécutez d'abord la cellule ci-dessous"
        "\u00a0: elle installe le paquet `phare` (les données de Brest et les vérifications)"
        " depuis ce site."
    )
    return [
        {"cell_type": "markdown", "id": f"{ID_CELLULE}-texte", "metadata": {}, "source": texte},
        {
            "cell_type": "code",
            "execution_count": None,
            "id": ID_CELLULE,
            "metadata": {"tags": ["phare-installation"]},
            "outputs": [],
            "source": "%pip install -q " + " ".join(paquets),
        },
    ]


def preparer_notebook(source: Path, cible: Path, livres: set[str], racine: Path) -> None:
    """Copy a notebook, with the install cells after its title cell.

    `livres`: the paths (from the root) of the files the app ships; links to anything else
    (the book's pages) become plain text.
    """
    chemin = source.relative_to(racine).as_posix()
    nb = json.loads(notebook_hors_du_livre(source.read_bytes(), chemin, livres))
    cellules = nb.get("cells", [])
    code = "\n".join("".join(c.get("source", "")) for c in cellules if c.get("cell_type") == "code")
    ajout = cellules_installation(paquets_a_installer(code))
    debut = 1 if cellules and cellules[0].get("cell_type") == "markdown" else 0
    nb["cells"] = cellules[:debut] + ajout + cellules[debut:]
    nb.setdefault("metadata", {})["kernelspec"] = {
        "display_name": "Python (Pyodide)",
        "language": "python",
        "name": "python",
    }
    cible.parent.mkdir(parents=True, exist_ok=True)
    cible.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def copier_contenus(fichiers: Path, racine: Path) -> list[str]:
    """Notebooks (with their install cell) and datasets into the app's `files/`."""
    a_copier = []
    for dossier in (*jl.DOSSIERS_NOTEBOOKS, jl.DOSSIER_DONNEES):
        source = racine / dossier
        if not source.is_dir():
            continue
        for chemin in sorted(source.rglob("*")):
            relatif = chemin.relative_to(racine)
            if chemin.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in relatif.parts):
                a_copier.append((chemin, relatif))
    livres = {relatif.as_posix() for _, relatif in a_copier}
    copies = []
    for chemin, relatif in a_copier:
        cible = fichiers / relatif
        if chemin.suffix == ".ipynb":
            preparer_notebook(chemin, cible, livres, racine)
        else:
            cible.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(chemin, cible)
        copies.append(relatif.as_posix())
    return copies


# --- The Jupyter contents API, as static files --------------------------------------------

TYPES_MIME = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".geojson": "application/geo+json",
    ".md": "text/markdown",
    ".txt": "text/plain",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


def _modele(chemin: Path, fichiers: Path, date: str) -> dict:
    relatif = chemin.relative_to(fichiers).as_posix()
    if relatif == ".":
        relatif = ""
    modele = {
        "name": chemin.name if relatif else "",
        "path": relatif,
        "created": date,
        "last_modified": date,
        "content": None,
        "format": None,
        "mimetype": None,
        "size": None,
        "writable": True,
        "hash": None,
        "hash_algorithm": None,
    }
    if chemin.is_dir():
        modele["type"] = "directory"
    elif chemin.suffix == ".ipynb":
        modele.update(type="notebook", size=chemin.stat().st_size)
    else:
        modele.update(
            type="file",
            size=chemin.stat().st_size,
            mimetype=TYPES_MIME.get(chemin.suffix, "application/octet-stream"),
        )
    return modele


def indexer(sortie: Path, date: str) -> None:
    """Write `api/contents/<dossier>/all.json` for every folder under `files/`."""
    fichiers = sortie / "files"
    api = sortie / "api" / "contents"
    for dossier in [fichiers, *sorted(p for p in fichiers.rglob("*") if p.is_dir())]:
        listing = _modele(dossier, fichiers, date)
        listing["format"] = "json"
        listing["content"] = [_modele(enfant, fichiers, date) for enfant in sorted(dossier.iterdir())]
        cible = api / listing["path"] / "all.json"
        cible.parent.mkdir(parents=True, exist_ok=True)
        cible.write_text(json.dumps(listing, ensure_ascii=False, indent=1), encoding="utf-8")


def regler(sortie: Path, pyodide: jl.Pyodide) -> None:
    """Settings of the built app: no PyPI, the chosen Pyodide, contents index."""
    chemin = sortie / "jupyter-lite.json"
    config = json.loads(chemin.read_text(encoding="utf-8"))
    donnees = config["jupyter-config-data"]
    donnees["contentsAllJsonFile"] = "all.json"
    donnees["appName"] = "Phare — JupyterLite"
    noyau = donnees.setdefault("litePluginSettings", {}).setdefault(
        "@jupyterlite/pyodide-kernel-extension:kernel", {}
    )
    noyau["disablePyPIFallback"] = True
    noyau["pyodideUrl"] = pyodide.url
    reglages = donnees.setdefault("settingsOverrides", {})
    reglages.setdefault("@jupyterlab/translation-extension:plugin", {})["locale"] = LANGUE
    chemin.write_text(json.dumps(config, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# The app's menus in French: the JupyterLab language pack (pinned in requirements.lock), served
# as the static translation API. jupyterlite's own translation step would need jupyterlab_server
# and jupyter-server for this.
LANGUE = "fr_FR"
DOMAINES = ("jupyterlab", "notebook", "jupyterlab_widgets")


def traduire(sortie: Path) -> None:
    try:
        import jupyterlab_language_pack_fr_FR as pack
    except ImportError:
        print("Pack de langue français absent : JupyterLite restera en anglais.", file=sys.stderr)
        return
    messages = Path(pack.__file__).parent / "locale" / LANGUE / "LC_MESSAGES"
    donnees = {
        domaine: json.loads((messages / f"{domaine}.json").read_text(encoding="utf-8"))
        for domaine in DOMAINES
        if (messages / f"{domaine}.json").is_file()
    }
    api = sortie / "api" / "translations"
    api.mkdir(parents=True, exist_ok=True)
    langues = {
        "data": {
            "en": {"displayName": "English", "nativeName": "English"},
            LANGUE: {"displayName": "Français (France)", "nativeName": "français (France)"},
        },
        "message": "",
    }
    (api / "all.json").write_text(json.dumps(langues, ensure_ascii=False), encoding="utf-8")
    (api / f"{LANGUE}.json").write_text(
        json.dumps({"data": donnees, "message": ""}, ensure_ascii=False), encoding="utf-8"
    )


def mesurer_l_appli(site: Path, notebook: str) -> dict:
    """Open a notebook in the built app, in Chromium, with Python's server out of reach: the files
    of the app itself that the browser asks for, and their bytes. The notebook, its data and the
    wheels are counted apart (they depend on the notebook): see `taille_pour`."""
    from urllib.parse import unquote, urlsplit

    from .chromium import chromium
    from .serveur import serveur_local

    demandes: set[str] = set()
    with serveur_local(site) as origine, chromium() as navigateur:
        contexte = navigateur.new_context(service_workers="block")

        def router(route):  # nothing leaves the machine: Pyodide's CDN is blocked, as offline
            if route.request.url.startswith(origine):
                demandes.add(unquote(urlsplit(route.request.url).path))
                route.continue_()
            else:
                route.abort("blockedbyclient")

        contexte.route("**/*", router)
        page = contexte.new_page()
        page.goto(f"{origine}/{jl.url_appli(notebook)}", wait_until="load")
        try:
            page.wait_for_load_state("networkidle", timeout=20_000)
        except Exception:  # noqa: BLE001 — a page still busy after 20 s: count what it asked for
            pass
        contexte.close()
    fichiers = []
    for chemin in sorted(demandes):
        relatif = chemin.lstrip("/")
        if relatif.startswith((f"{jl.DOSSIER_LITE}/files/", f"{jl.DOSSIER_LITE}/pypi/")):
            continue
        fichier = site / relatif
        if fichier.is_dir():
            fichier = fichier / "index.html"
        if fichier.is_file():
            fichiers.append(fichier)
    octets = sum(f.stat().st_size for f in fichiers)
    return {"fichiers": len(fichiers), "octets": octets, "notebook": notebook}


def taille_mo(dossier: Path) -> float:
    return sum(f.stat().st_size for f in dossier.rglob("*") if f.is_file()) / 1e6


def empreinte_de_l_appli(racine: Path, pyodide: jl.Pyodide) -> str:
    """What the app is made from: phare's wheel sources (this code and the data included), the
    notebooks, the pinned versions, the chosen Pyodide."""
    somme = hashlib.sha256(f"{empreinte_des_sources(racine)}\0{pyodide.url}".encode())
    for dossier in jl.DOSSIERS_NOTEBOOKS:
        for fichier in sorted((racine / dossier).rglob("*")):
            if fichier.is_file() and ".ipynb_checkpoints" not in fichier.parts:
                somme.update(fichier.relative_to(racine).as_posix().encode() + b"\0" + fichier.read_bytes())
    somme.update((racine / "requirements.lock").read_bytes())
    return somme.hexdigest()


def _note_de_l_appli(site: Path) -> Path:
    """Beside the site (never published): the digest of the app last built into `site`."""
    cle = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:12]
    return site.resolve().parent / ".cache" / f"lite-{cle}"


def construire(site: Path, racine: Path) -> Path:
    debut = time.monotonic()
    sortie = site / jl.DOSSIER_LITE
    pyodide = jl.pyodide()
    empreinte = empreinte_de_l_appli(racine, pyodide)
    note = _note_de_l_appli(site)
    if (sortie / "index.html").is_file() and jl.fichier_mesure(site).is_file() and note.is_file() \
            and note.read_text(encoding="utf-8") == empreinte:
        print(f"JupyterLite déjà à jour dans {sortie} (mêmes sources, {time.monotonic() - debut:.1f} s).")
        return sortie
    note.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="phare-lite-") as tmp:
        tmp = Path(tmp)
        roues = [construire_roue(racine, tmp), *roues_pypi(racine)]
        if sortie.exists():
            shutil.rmtree(sortie)
        commande = [
            str(BIN / "jupyter"), "lite", "build",
            "--lite-dir", str(tmp),
            "--output-dir", str(sortie),
            "--no-sourcemaps",
            "--apps", jl.APPLI, "--apps", "tree",
        ]
        for roue in roues:
            commande += ["--piplite-wheels", str(roue)]
        proc = subprocess.run(commande, cwd=tmp, capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stdout[-4000:] + proc.stderr[-4000:], file=sys.stderr)
            raise SystemExit("La construction de JupyterLite a échoué (voir ci-dessus).")
    date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000000Z")
    copies = copier_contenus(sortie / "files", racine)
    indexer(sortie, date)
    traduire(sortie)
    regler(sortie, pyodide)
    premier = next(iter(jl.notebooks(racine)), None)
    if premier is not None:
        mesure = mesurer_l_appli(site, premier)
        jl.ecrire_mesure(site, mesure)
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(empreinte, encoding="utf-8")
    duree = time.monotonic() - debut
    nb = sum(1 for c in copies if c.endswith(".ipynb"))
    print(
        f"JupyterLite construit dans {sortie} : {nb} notebooks, {len(copies) - nb} fichiers de données, "
        f"{taille_mo(sortie):.1f} Mo, {duree:.1f} s. Pyodide : {pyodide.url}"
    )
    return sortie


def main() -> int:
    parser = argparse.ArgumentParser(description="Construit JupyterLite dans le site (avant le livre).")
    parser.add_argument("--site", type=Path, default=None)
    args = parser.parse_args()
    racine = racine_du_projet()
    # Built before the book: the book's consent text states the app's measured weight.
    args.site = args.site or racine / "_build" / "html"
    args.site.mkdir(parents=True, exist_ok=True)
    construire(args.site, racine)
    return 0


if __name__ == "__main__":
    sys.exit(main())
