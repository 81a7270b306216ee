"""Every notebook, and every exercise's solution, run with the browser's libraries (Pyodide's versions).

The book is built with requirements.lock; a reader's JupyterLite runs Pyodide, whose versions
(`pyodide-lock.json` of the npm package) are older. `_build/.venv-pyodide` holds them
(phare.construction.python_du_navigateur); each notebook runs there in a Jupyter kernel, as in
JupyterLite, and in the exercise notebooks each `reponse = ...` is replaced by the catalogue's
solution, which `verifier` must accept.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from phare.construction import python_du_navigateur as pn
from phare.construction.jupyterlite import notebooks
from phare.verifier.exercices import tous

RACINE = Path(__file__).resolve().parents[1]
CARNETS = notebooks(RACINE)
# The cell to fill; what follows the call (the investigation keeps `question = reponse`) stays.
_APPEL = re.compile(
    r"""^reponse = \.\.\.\s*\nverifier\(\s*["']([a-z0-9-]+)["']\s*,\s*reponse\s*\)[ \t]*(\n.*)?$""", re.S
)


@pytest.fixture(scope="module")
def noyau():
    """The environment, made or brought up to date; its kernel is found through JUPYTER_PATH."""
    python = os.environ.get("PYTHON_PYODIDE") or "python3"  # the Makefile exports it
    env_python = pn.preparer(RACINE, RACINE / pn.DOSSIER, python)
    erreurs, _ = pn.ecarts(RACINE, env_python)
    assert not erreurs, erreurs
    avant = {cle: os.environ.get(cle) for cle in ("JUPYTER_PATH", "PHARE_PROGRESSION", "MPLBACKEND")}
    os.environ.update(
        JUPYTER_PATH=str(RACINE / pn.DOSSIER / "share" / "jupyter"), PHARE_PROGRESSION="", MPLBACKEND="Agg"
    )
    yield pn.NOYAU
    for cle, valeur in avant.items():
        if valeur is None:
            os.environ.pop(cle, None)
        else:
            os.environ[cle] = valeur


def _avec_les_solutions(nb) -> int:
    """Put the catalogue's solution in place of each `reponse = ...`, and require « Bravo »."""
    exercices = tous()
    remplaces = 0
    for cellule in nb.cells:
        trouve = _APPEL.match(cellule.source) if cellule.cell_type == "code" else None
        if trouve:
            ident = trouve.group(1)
            cellule.source = (
                f"{exercices[ident].solution}\n_r = verifier({ident!r}, reponse)\nassert _r.reussi, _r.texte"
                + (trouve.group(2) or "")
            )
            remplaces += 1
    return remplaces


@pytest.mark.parametrize("carnet", CARNETS)
def test_le_carnet_tourne_avec_les_versions_de_pyodide(carnet, noyau):
    nb = nbformat.read(RACINE / carnet, as_version=4)
    if carnet.startswith("exercises/"):
        attendus = sum(1 for e in tous().values() if e.carnet == Path(carnet).stem)
        assert _avec_les_solutions(nb) == attendus, "chaque exercice du carnet reçoit sa solution"
    NotebookClient(
        nb, kernel_name=noyau, timeout=600, resources={"metadata": {"path": str((RACINE / carnet).parent)}}
    ).execute()


def test_l_environnement_a_les_versions_du_navigateur(noyau):
    env_python = RACINE / pn.DOSSIER / "bin" / "python"
    installees = pn._installees(env_python)
    for nom in ("pandas", "numpy", "matplotlib", "geopandas", "shapely"):
        assert installees[nom] == pn.pyodide.versions(RACINE)[nom]
    assert "pyogrio" not in installees and "mapclassify" not in installees
