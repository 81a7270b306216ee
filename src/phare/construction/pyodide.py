"""The Pyodide the site's JupyterLite loads: its files and its lock, read from the npm package.

The npm package `pyodide@<version>` holds Python's core for the browser and `pyodide-lock.json`
(the exact versions of pandas, numpy, matplotlib… that the browser gets). It is fetched once
from the npm registry (the only outside place a build may reach, with PyPI and Debian), checked
against its pinned integrity, and kept in `_build/.cache/`. Why: the consent text states the
size of what a reader's browser will download, and the tests pin a second Python environment to
the browser's versions; both must be read from the real files, never typed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import tarfile
import urllib.request
from pathlib import Path

from .jupyterlite import VERSION_PYODIDE

ADRESSE = f"https://registry.npmjs.org/pyodide/-/pyodide-{VERSION_PYODIDE}.tgz"
# `npm view pyodide@314.0.6 dist.integrity`: the tarball must be exactly this one.
INTEGRITE = "sha512-BKDTJyIqFxC4BExLqeRS3f5xvXZIjOt8C3zGLN/Cc7tFxSwvKVhVkchQQ2AGLOtR4YrVOIFxbV8poyDOOmWwxQ=="
# The files the kernel loads when Python starts (measured in Chromium, jupyterlite 0.8.6).
FICHIERS_DU_DEMARRAGE = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)


class PyodideIntrouvable(RuntimeError):
    """The npm package could not be fetched or is not the pinned one: the message says why."""


def _integrite(contenu: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(contenu).digest()).decode()


def archive(racine: Path) -> Path:
    """The npm tarball of Pyodide, fetched once into `_build/.cache/`, checked."""
    chemin = Path(racine) / "_build" / ".cache" / f"pyodide-{VERSION_PYODIDE}.tgz"
    if chemin.is_file() and _integrite(chemin.read_bytes()) == INTEGRITE:
        return chemin
    try:
        with urllib.request.urlopen(ADRESSE, timeout=60) as reponse:  # noqa: S310 (a fixed https URL)
            contenu = reponse.read()
    except OSError as erreur:
        raise PyodideIntrouvable(
            f"Impossible de télécharger Pyodide {VERSION_PYODIDE} depuis le registre npm ({ADRESSE}) : "
            f"{erreur}. Il faut un accès au registre npm pour construire le site."
        ) from None
    if _integrite(contenu) != INTEGRITE:
        raise PyodideIntrouvable(
            f"Le paquet npm pyodide@{VERSION_PYODIDE} reçu n'est pas celui qui est épinglé "
            "(empreinte différente)."
        )
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_bytes(contenu)
    return chemin


def _membres(chemin: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(chemin) as tar:
        return {m.name.removeprefix("package/"): m for m in tar.getmembers() if m.isfile()}


def taille_du_demarrage(racine: Path) -> int:
    """Bytes a browser downloads from the Pyodide server when Python starts (before any library)."""
    membres = _membres(archive(racine))
    return sum(membres[nom].size for nom in FICHIERS_DU_DEMARRAGE)


def verrou(racine: Path) -> dict:
    """`pyodide-lock.json`: the packages (and their exact versions) the browser's Python gets."""
    with tarfile.open(archive(racine)) as tar:
        return json.loads(tar.extractfile("package/pyodide-lock.json").read())
