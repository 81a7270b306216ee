"""Breaking one thing must fail the strict build with a message that points at the cause.

A tiny book is built in a temporary folder with the project's execution settings
(`execute` and `nb_execution_raise_on_error` from _config.yml) and one fault at a time.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

RACINE = Path(__file__).resolve().parents[1]


def _notebook(source: str) -> str:
    cellules = [
        {"cell_type": "markdown", "metadata": {}, "source": "# Essai"},
        {"cell_type": "code", "metadata": {}, "source": source, "outputs": [], "execution_count": None},
    ]
    meta = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    return json.dumps({"cells": cellules, "metadata": meta, "nbformat": 4, "nbformat_minor": 5})


def _livre(dossier: Path, page: str, code: str) -> Path:
    projet = yaml.safe_load((RACINE / "_config.yml").read_text(encoding="utf-8"))
    config = {
        "title": "Essai",
        "language": "fr",
        "only_build_toc_files": True,
        "execute": projet["execute"],
        "sphinx": {"config": {"nb_execution_raise_on_error": True}},
    }
    (dossier / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    toc = {"format": "jb-book", "root": "index", "chapters": [{"file": "calcul"}]}
    (dossier / "_toc.yml").write_text(yaml.safe_dump(toc), encoding="utf-8")
    (dossier / "index.md").write_text(page, encoding="utf-8")
    (dossier / "calcul.ipynb").write_text(_notebook(code), encoding="utf-8")
    return dossier


def _construire(dossier: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "phare.construction.strict", str(dossier)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_un_livre_sain_se_construit(tmp_path):
    proc = _construire(_livre(tmp_path, "# Accueil\n\nVoir {doc}`calcul`.\n", "1 + 1"))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_une_cellule_qui_leve_une_erreur_fait_echouer(tmp_path):
    proc = _construire(_livre(tmp_path, "# Accueil\n", "raise ValueError('panne volontaire')"))
    assert proc.returncode != 0
    assert "calcul" in proc.stderr and "Executing notebook failed" in proc.stderr
    rapports = list((tmp_path / "_build" / "rapports").glob("*.err.log"))
    assert rapports, "le rapport de la cellule en échec doit être conservé"
    assert "panne volontaire" in rapports[0].read_text(encoding="utf-8")
    assert str(rapports[0].relative_to(tmp_path)) in proc.stderr


@pytest.mark.parametrize("lien", ["{doc}`page-absente`", "{ref}`ancre-absente`"])
def test_un_renvoi_casse_fait_echouer(tmp_path, lien):
    proc = _construire(_livre(tmp_path, f"# Accueil\n\nVoir {lien}.\n", "1 + 1"))
    assert proc.returncode != 0
    assert "index.md" in proc.stderr and "WARNING" in proc.stderr


def test_une_erreur_d_extension_est_montree_avec_son_message():
    from phare.construction.strict import erreur_qui_arrete

    journal = (
        "Traceback (most recent call last):\n"
        '  File "sources.py", line 231, in _verifier\n'
        "    raise SourceInvalide(message)\n"
        "phare.livre.sources.SourceInvalide: \n"
        "  book/x.md : le module ne cite aucune source\n"
        "\nThe above exception was the direct cause of the following exception:\n"
    )
    assert erreur_qui_arrete(journal).endswith("book/x.md : le module ne cite aucune source")
    assert erreur_qui_arrete("Livre construit.\n") is None
