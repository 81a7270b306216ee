"""The class of attacks, checked once by the real command (`phare verifier`), for every test here.

The class lives under /var/tmp, not /tmp: inside a copy's sandbox /tmp is the copy's own folder,
so a path of the host's /tmp would be no target at all for the attacks.
While the command runs, every process that an attack leaves behind is found in /proc by its marker
and its pid kept: the tests check that none of them is alive afterwards.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest
from attaques import MARQUEURS, construire
from suivi import exiger_bwrap, lire_csv, processus_marques

DELAI = 15  # seconds of cells per copy: short, so that the infinite loop costs little


@pytest.fixture(scope="session")
def classe_verifiee():
    exiger_bwrap()
    base = Path(
        tempfile.mkdtemp(prefix="phare-test-classe-", dir="/var/tmp" if Path("/var/tmp").is_dir() else None)
    )
    dossier, dehors, temporaire = base / "classe", base / "dehors", base / "tmp"
    for chemin in (dossier, dehors, temporaire):
        chemin.mkdir()
    bilan = base / "bilan.csv"
    cible_du_lien = base / "cible-du-lien.txt"
    cible_du_lien.write_text("à garder", encoding="utf-8")
    bilan.symlink_to(cible_du_lien)  # as if a copy had planted it before: the report must not follow it
    eve = dossier / "eve.ipynb"
    attendus = construire(dossier, eve, dehors, bilan)
    empreinte_eve = eve.read_bytes()
    secret = "secret-" + secrets.token_hex(8)
    env = {
        **os.environ,
        "PHARE_PROGRESSION": str(base / "progression-enseignant.json"),
        "PHARE_TEST_SECRET": secret,
        "TMPDIR": str(temporaire),
    }
    commande = [
        sys.executable, "-m", "phare.cli", "verifier", str(dossier), "--csv", str(bilan),
        "--delai", str(DELAI), "--parallele", "2",
    ]  # fmt: skip
    debut = time.monotonic()
    proc = subprocess.Popen(commande, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    vus: dict[int, str] = {}
    sorties: dict[str, bytes] = {}

    def lire(nom, flux):
        sorties[nom] = flux.read()

    fils = [threading.Thread(target=lire, args=a) for a in (("out", proc.stdout), ("err", proc.stderr))]
    for fil in fils:
        fil.start()
    while proc.poll() is None:
        vus |= processus_marques(MARQUEURS)
        time.sleep(0.1)
        if time.monotonic() - debut > 600:
            proc.kill()
            pytest.fail("la vérification de la classe n'a pas fini en 10 minutes")
    for fil in fils:
        fil.join()
    duree = time.monotonic() - debut
    resultat = {
        "code": proc.returncode,
        "stdout": sorties["out"].decode("utf-8", "replace"),
        "stderr": sorties["err"].decode("utf-8", "replace"),
        "csv": lire_csv(bilan) if bilan.is_file() and not bilan.is_symlink() else {},
        "csv_brut": bilan.read_bytes() if bilan.is_file() else b"",
        "attendus": attendus,
        "pids": vus,
        "base": base,
        "dossier": dossier,
        "dehors": dehors,
        "temporaire": temporaire,
        "bilan": bilan,
        "cible_du_lien": cible_du_lien,
        "eve": eve,
        "empreinte_eve": empreinte_eve,
        "secret": secret,
        "duree": duree,
    }
    yield resultat
    shutil.rmtree(base, ignore_errors=True)
