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
import functools
import hashlib
import json
import os
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
    # Written aside then renamed: the build and the tests may read it at the same time (make -j2).
    provisoire = chemin.with_name(f"{chemin.name}.{os.getpid()}")
    provisoire.write_bytes(contenu)
    provisoire.replace(chemin)
    return chemin


def _membres(chemin: Path) -> dict[str, tarfile.TarInfo]:
    with tarfile.open(chemin) as tar:
        return {m.name.removeprefix("package/"): m for m in tar.getmembers() if m.isfile()}


def taille_du_demarrage(racine: Path) -> int:
    """Bytes a browser downloads from the Pyodide server when Python starts (before any library).

    Read once from the tarball (half a second to unpack), then from a note beside it."""
    chemin = archive(racine)
    note = chemin.with_suffix(".tailles.json")
    try:
        tailles = json.loads(note.read_text(encoding="utf-8"))
        if tailles.get("integrite") == INTEGRITE:
            return tailles["demarrage"]
    except (OSError, ValueError, KeyError):
        pass
    membres = _membres(chemin)
    demarrage = sum(membres[nom].size for nom in FICHIERS_DU_DEMARRAGE)
    note.write_text(json.dumps({"integrite": INTEGRITE, "demarrage": demarrage}), encoding="utf-8")
    return demarrage


def verrou(racine: Path) -> dict:
    """`pyodide-lock.json`: the packages (and their exact versions) the browser's Python gets."""
    return _verrou_de(archive(racine))


@functools.cache
def _verrou_de(chemin: Path) -> dict:
    with tarfile.open(chemin) as tar:
        return json.loads(tar.extractfile("package/pyodide-lock.json").read())


def _nom(paquet: str) -> str:
    """A distribution's name as PyPI and `pyodide-lock.json` both compare it (PEP 503)."""
    return paquet.strip().lower().replace("_", "-").replace(".", "-")


def versions(racine: Path) -> dict[str, str]:
    """Every library of the browser's Python with its exact version, read from the lock."""
    paquets = verrou(racine)["packages"]
    return {_nom(nom): p["version"] for nom, p in paquets.items() if p.get("package_type") == "package"}


def dependances(racine: Path, racines: list[str]) -> dict[str, str]:
    """`racines` and everything they need in the browser (the lock's `depends`), with their versions."""
    paquets = {_nom(nom): p for nom, p in verrou(racine)["packages"].items()}
    retenus: dict[str, str] = {}
    a_voir = [_nom(r) for r in racines]
    while a_voir:
        nom = a_voir.pop()
        if nom in retenus or nom not in paquets or paquets[nom].get("package_type") != "package":
            continue
        retenus[nom] = paquets[nom]["version"]
        a_voir.extend(_nom(d) for d in paquets[nom].get("depends", []))
    return dict(sorted(retenus.items()))
