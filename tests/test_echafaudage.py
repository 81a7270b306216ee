"""`phare nouveau-module`: a module made by the scaffold builds under -W at once, appears in its
parcours' index, and gets its PDFs and its pack, with nothing else edited.

It runs on a copy of the repository (git's files), with the copy's own `src/` first on the path,
and reuses the execution cache of the book already built (`make build-strict`), so that only the
new pages are executed. Marker `navigateur`: it needs Chromium (the PDFs) and the built book.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from phare.construction.kits import SUFFIXES
from phare.interface import libelle

# One worker makes the copy of the repository once (make test runs pytest-xdist).
pytestmark = [pytest.mark.navigateur, pytest.mark.xdist_group("echafaudage")]
RACINE = Path(__file__).resolve().parents[1]
NOM = "essai-echafaudage"


def _copier_le_depot(cible: Path) -> None:
    fichiers = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=RACINE, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    for nom in filter(None, fichiers):
        source = RACINE / nom
        if source.is_file():
            (cible / nom).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, cible / nom)
    for cache in (".jupyter_cache", ".cache"):
        if (RACINE / "_build" / cache).is_dir():
            shutil.copytree(RACINE / "_build" / cache, cible / "_build" / cache)


def _lancer(copie: Path, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copie / "src")}
    env.pop("PHARE_SITE", None)
    return subprocess.run(
        [sys.executable, "-m", *arguments], cwd=copie, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module")
def copie(tmp_path_factory) -> Path:
    copie = tmp_path_factory.mktemp("depot")
    _copier_le_depot(copie)
    proc = _lancer(copie, "phare.cli", "nouveau-module", "manipuler", NOM, "--titre", "Essai d'échafaudage",
                   "--jeu", "arrets-bibus")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return copie


def test_l_echafaudage_refuse_un_module_qui_existe(copie):
    proc = _lancer(copie, "phare.cli", "nouveau-module", "manipuler", NOM)
    assert proc.returncode == 2 and "existent déjà" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_le_module_se_construit_sans_avertissement_et_recoit_ses_kits(copie):
    proc = _lancer(copie, "phare.construction.strict")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    site = copie / "_build" / "html"
    index = (site / "book" / "manipuler" / "index.html").read_text(encoding="utf-8")
    assert f"{NOM}.html" in index, "le module n'est pas listé dans l'index de son parcours"
    # Only the new module's kit: the others are those of the book itself, checked on its own build.
    proc = _lancer(copie, "phare.construction.kits", str(site), "--module", NOM)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    for suffixe in SUFFIXES.values():
        assert (site / "kits" / NOM / f"phare-{NOM}-{suffixe}.pdf").is_file(), suffixe
    with zipfile.ZipFile(site / "kits" / f"phare-{NOM}.zip") as paquet:
        noms = paquet.namelist()
    assert f"phare-{NOM}/exercises/{NOM}.ipynb" in noms, noms
    assert f"phare-{NOM}/datasets/arrets-bibus/datapackage.json" in noms
    fiche = (site / "book" / "manipuler" / f"{NOM}-fiche-animation.html").read_text(encoding="utf-8")
    assert libelle("documents.animation") in fiche
