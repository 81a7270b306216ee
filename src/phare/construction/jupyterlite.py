"""Ce que le bouton de lancement dans le navigateur et la construction de JupyterLite partagent.

One place for the facts both sides need, so that the page and the built app never disagree:
- where the app lands in the site (`lite/`) and where the downloads go (`telechargements/`);
- which Pyodide the app loads (the CDN by default, a self-hosted copy with PHARE_PYODIDE_URL);
- which notebooks the site offers, and which datasets each one loads.

No Sphinx import here: `phare.construction.lite` (the lite build) and the tests use it too.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

# Where things land in the built site (relative to its root).
DOSSIER_LITE = "lite"
DOSSIER_TELECHARGEMENTS = "telechargements"
# The notebooks app (Jupyter Notebook 7 in JupyterLite): one document, simpler than the full Lab.
APPLI = "notebooks"
DOSSIERS_NOTEBOOKS = ("notebooks", "exercises")
DOSSIER_DONNEES = "datasets"

# The Pyodide that jupyterlite-pyodide-kernel 0.8.6 loads by default (its settings schema).
VERSION_PYODIDE = "314.0.6"
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{VERSION_PYODIDE}/full/pyodide.mjs"
VARIABLE_PYODIDE = "PHARE_PYODIDE_URL"

# The weight of what a reader's browser downloads, measured at build time (never typed):
# the app by `phare.construction.lite` (in Chromium), Python's core from the npm package
# (`phare.construction.pyodide`).
def fichier_mesure(site: Path) -> Path:
    """`_build/html` -> `_build/mesures/jupyterlite.json` (beside the site, not published)."""
    return Path(site).parent / "mesures" / "jupyterlite.json"


def ecrire_mesure(site: Path, mesure: dict) -> None:
    chemin = fichier_mesure(site)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(mesure, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def mesure_de_l_appli(site: Path) -> dict | None:
    """The app's measured weight, or None when JupyterLite was not built before the book."""
    chemin = fichier_mesure(site)
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def taille_pour(racine: Path, site: Path, chemin_notebook: str) -> int | None:
    """Bytes from this site to open one notebook in the app: the app, the notebook, its data, and
    the wheels it installs (phare, and ipywidgets when it uses widgets). None if not measured."""
    mesure = mesure_de_l_appli(site)
    if mesure is None:
        return None
    fichiers = [racine / chemin_notebook]
    for jeu in jeux_charges(racine / chemin_notebook, racine):
        fichiers += [f for f in (racine / DOSSIER_DONNEES / jeu).iterdir() if f.is_file()]
    roues = site / DOSSIER_LITE / "pypi"
    fichiers += sorted(roues.glob("phare-*.whl"))
    if "ipywidgets" in (racine / chemin_notebook).read_text(encoding="utf-8"):
        fichiers += [f for f in roues.glob("*.whl") if not f.name.startswith("phare-")]
    return mesure["octets"] + sum(f.stat().st_size for f in fichiers if f.is_file())


@dataclass(frozen=True)
class Pyodide:
    """Where the app loads Python from."""

    url: str  # URL of pyodide.mjs as written in the app's settings
    hote: str  # the host a reader's browser contacts ("" when it is this very site)
    auto_heberge: bool


def pyodide(valeur: str | None = None) -> Pyodide:
    """The Pyodide in use: the CDN, or the self-hosted copy named by PHARE_PYODIDE_URL.

    PHARE_PYODIDE_URL is a folder holding a Pyodide distribution (pyodide.mjs, pyodide-lock.json
    and the package wheels), given as a full URL (`https://intranet.example/pyodide/`), a path from
    the server root (`/pyodide/`) or a path relative to the site root (`pyodide/`). A URL ending in
    `.mjs` is taken as the entry point itself.
    """
    valeur = (os.environ.get(VARIABLE_PYODIDE, "") if valeur is None else valeur).strip()
    if not valeur:
        return Pyodide(PYODIDE_CDN, urlsplit(PYODIDE_CDN).netloc, False)
    url = valeur if valeur.endswith(".mjs") else valeur.rstrip("/") + "/pyodide.mjs"
    morceaux = urlsplit(url)
    if not morceaux.scheme and not url.startswith("/"):
        # Relative to the site root; the app pages live two levels below it (lite/notebooks/).
        url = "../../" + url.removeprefix("./")
    return Pyodide(url, morceaux.netloc, True)


def notebooks(racine: Path) -> list[str]:
    """Every notebook the site offers (paths relative to the project root, sorted)."""
    trouves = []
    for dossier in DOSSIERS_NOTEBOOKS:
        for chemin in sorted((racine / dossier).rglob("*.ipynb")):
            if ".ipynb_checkpoints" not in chemin.parts:
                trouves.append(chemin.relative_to(racine).as_posix())
    return trouves


# charger("nom") or charger('nom', ...) in a code cell: the one way notebooks load data.
_CHARGER = re.compile(r"""charger\(\s*["']([a-z0-9-]+)["']""")


def jeux_charges(notebook: Path, racine: Path) -> list[str]:
    """Names of the datasets a notebook loads, that exist in `datasets/` (sorted)."""
    cellules = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    code = "\n".join("".join(c.get("source", "")) for c in cellules if c.get("cell_type") == "code")
    noms = set(_CHARGER.findall(code))
    return sorted(n for n in noms if (racine / DOSSIER_DONNEES / n / "datapackage.json").is_file())


def nom_archive(chemin_notebook: str) -> str:
    """The zip of one notebook, from the site root.

    `notebooks/x.ipynb` -> `telechargements/notebooks/x.zip`.
    """
    return f"{DOSSIER_TELECHARGEMENTS}/{Path(chemin_notebook).with_suffix('.zip').as_posix()}"


def url_appli(chemin_notebook: str) -> str:
    """Path, from the site root, that opens a notebook in the site's JupyterLite."""
    return f"{DOSSIER_LITE}/{APPLI}/index.html?path={chemin_notebook}"
