"""A second Python environment with the browser's libraries, to run the notebooks as JupyterLite does.

The book is built with the newest libraries of requirements.lock, but a reader's browser runs
Pyodide, with the versions of `pyodide-lock.json` (npm package `pyodide@<version>`, read by
`phare.construction.pyodide`). This module makes `_build/.venv-pyodide/`:

- the libraries phare needs (pyproject.toml: its dependencies and the `cartes` extra) and all they
  need in the browser, at the exact versions of `pyodide-lock.json` (never typed here);
- geopandas without pyogrio, and no mapclassify: Pyodide ships neither;
- the kernel's machinery (ipykernel, IPython, and ipywidgets that the app adds from PyPI) at the
  versions of requirements.lock: Pyodide's IPython needs Python 3.12 or newer;
- phare itself, from the wheel the site serves, installed again whenever the sources change.

What cannot match, and is said plainly: the interpreter. Pyodide 314.0.6 is CPython 3.14.2;
`_build/.venv-pyodide` uses the machine's Python (PYTHON_PYODIDE overrides it). `python -m
phare.construction.python_du_navigateur` prints every difference; the notebooks are run by
tests/test_carnets_pyodide.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from . import pyodide
from .projet import racine_du_projet
from .roue import construire_roue

DOSSIER = "_build/.venv-pyodide"  # under _build/: ignored by git, by the book and by the scans
NOYAU = "phare-pyodide"  # the Jupyter kernel's name
# Needed by the kernel, not by the notebooks' code: versions from requirements.lock.
MACHINERIE = ("ipykernel", "ipywidgets")
# Pyodide ships none of these: geopandas is installed without them.
ABSENTS = ("pyogrio", "mapclassify")
SANS_DEPENDANCES = ("geopandas",)
ETAT = "phare-pyodide.json"


def bibliotheques(racine: Path) -> list[str]:
    """What phare needs (pyproject.toml: dependencies and the `cartes` extra), by name."""
    projet = tomllib.loads((racine / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    exigences = [*projet["dependencies"], *projet["optional-dependencies"]["cartes"]]
    return sorted({Requirement(e).name for e in exigences})


def epinglees(racine: Path) -> dict[str, str]:
    """The libraries and all they need in the browser, at Pyodide's versions."""
    return pyodide.dependances(racine, bibliotheques(racine))


def _verrou_du_livre(racine: Path) -> dict[str, str]:
    versions = {}
    for ligne in (racine / "requirements.lock").read_text(encoding="utf-8").splitlines():
        nom, egal, version = ligne.partition("==")
        if egal and not ligne.lstrip().startswith("#"):
            versions[pyodide._nom(nom)] = version.strip()
    return versions


def contraintes(racine: Path) -> dict[str, str]:
    """requirements.lock, with the pinned libraries at the browser's versions."""
    versions = _verrou_du_livre(racine)
    versions.update(epinglees(racine))
    for absent in ABSENTS:
        versions.pop(absent, None)
    return dict(sorted(versions.items()))


def _empreinte(racine: Path, python: str) -> str:
    morceaux = [pyodide.INTEGRITE, python, json.dumps(contraintes(racine)), " ".join(MACHINERIE)]
    return hashlib.sha256("\n".join(morceaux).encode()).hexdigest()[:16]


def _pip(python: Path, *arguments: str) -> None:
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--only-binary", ":all:", *arguments],
        check=True,
    )


def _installees(python: Path) -> dict[str, str]:
    code = (
        "import json, importlib.metadata as m; "
        "print(json.dumps({d.name: d.version for d in m.distributions()}))"
    )
    sortie = subprocess.run([str(python), "-c", code], check=True, capture_output=True, text=True).stdout
    return {pyodide._nom(nom): version for nom, version in json.loads(sortie).items()}


def preparer(racine: Path, dossier: Path, python: str) -> Path:
    """Make (or bring up to date) the environment; returns its Python."""
    env_python = dossier / "bin" / "python"
    etat = dossier / ETAT
    empreinte = _empreinte(racine, python)
    a_jour = env_python.exists() and etat.is_file() and json.loads(etat.read_text())["empreinte"] == empreinte
    if not a_jour:
        if not env_python.exists():
            subprocess.run([python, "-m", "venv", "--clear", str(dossier)], check=True)
        fichier = dossier / "contraintes.txt"
        fichier.write_text("".join(f"{n}=={v}\n" for n, v in contraintes(racine).items()), encoding="utf-8")
        pins = epinglees(racine)
        avec = [f"{n}=={v}" for n, v in pins.items() if n not in SANS_DEPENDANCES]
        _pip(env_python, "-c", str(fichier), *avec, *MACHINERIE)
        _pip(env_python, "--no-deps", *(f"{n}=={pins[n]}" for n in SANS_DEPENDANCES))
        subprocess.run(
            [str(env_python), "-m", "pip", "uninstall", "--quiet", "-y", *ABSENTS],
            check=True, capture_output=True,
        )
        subprocess.run(
            [str(env_python), "-m", "ipykernel", "install", "--prefix", str(dossier), "--name", NOYAU,
             "--display-name", "Python (versions de Pyodide)"],
            check=True, capture_output=True,
        )
        etat.write_text(json.dumps({"empreinte": empreinte, "roue": ""}), encoding="utf-8")
    # phare: the very wheel the site serves, again whenever its bytes change.
    roue = construire_roue(racine, dossier / "roue")
    empreinte_roue = hashlib.sha256(roue.read_bytes()).hexdigest()
    donnees = json.loads(etat.read_text())
    if donnees["roue"] != empreinte_roue:
        _pip(env_python, "--no-deps", "--force-reinstall", str(roue))
        etat.write_text(json.dumps({**donnees, "roue": empreinte_roue}), encoding="utf-8")
    return env_python


def ecarts(racine: Path, env_python: Path) -> tuple[list[str], list[str]]:
    """(what differs from the browser and must not, what differs and is said): read, not assumed."""
    installees = _installees(env_python)
    erreurs = [
        f"{nom} {installees.get(nom, 'absent')} au lieu de {version} (Pyodide)"
        for nom, version in epinglees(racine).items()
        if installees.get(nom) != version
    ]
    erreurs += [f"{nom} est installé, Pyodide ne l'a pas" for nom in ABSENTS if nom in installees]
    navigateur = pyodide.versions(racine)
    notes = [
        f"{nom} {version} (Pyodide : {navigateur[nom]})"
        for nom, version in sorted(installees.items())
        if nom in navigateur and navigateur[nom] != version and nom not in epinglees(racine)
    ]
    version_env = subprocess.run(
        [str(env_python), "-c", "import platform; print(platform.python_version())"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    notes.insert(0, f"Python {version_env} (Pyodide : {pyodide.verrou(racine)['info']['python']})")
    return erreurs, notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossier", default=DOSSIER)
    parser.add_argument("--python", default=os.environ.get("PYTHON_PYODIDE") or sys.executable)
    args = parser.parse_args(argv)
    racine = racine_du_projet()
    try:
        env_python = preparer(racine, racine / args.dossier, args.python)
    except pyodide.PyodideIntrouvable as erreur:
        print(erreur, file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as erreur:
        print(f"Impossible de préparer {args.dossier} : « {' '.join(map(str, erreur.cmd))} » a échoué.",
              file=sys.stderr)
        return 1
    erreurs, notes = ecarts(racine, env_python)
    print(f"{args.dossier} : {len(epinglees(racine))} bibliothèques aux versions de Pyodide "
          f"{pyodide.VERSION_PYODIDE}.")
    for note in notes:
        print(f"  différence connue : {note}")
    for erreur in erreurs:
        print(f"  ERREUR : {erreur}", file=sys.stderr)
    return 1 if erreurs else 0


if __name__ == "__main__":
    sys.exit(main())
