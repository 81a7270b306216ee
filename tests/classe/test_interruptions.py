"""The teacher stops the command: Ctrl-C, `timeout` (SIGTERM), or a kill that cannot be caught.

Ctrl-C and SIGTERM stop cleanly: every running copy is killed (checked by pid), the temporary folders
are removed, the partial report and CSV are written with « non vérifiée » on the remaining lines, a
French message is printed, and no traceback, even after a second Ctrl-C. After SIGKILL nothing can
be written, but no copy keeps running (the sandbox dies with its parent), and the next run removes
the temporary folder left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attaques import CARNET, SANS_GARDE, TOUT_JUSTE
from outils.copies import ecrire, remplir
from suivi import exiger_bwrap, lire_csv, processus_marques, vivant

pytestmark = pytest.mark.lent


def _classe(dossier: Path, marqueur: str) -> None:
    """Two copies that loop for ever (each with a process in the background), two correct ones."""
    for nom in ("boucle-1", "boucle-2"):
        boucle = (
            f"{SANS_GARDE}\nimport subprocess\n"
            f"subprocess.Popen(['sleep', '{marqueur}'], start_new_session=True)\n"
            "while True:\n    pass"
        )
        ecrire(remplir(CARNET, TOUT_JUSTE, avant={"pluie-jours": boucle}), dossier / f"{nom}.ipynb")
    for nom in ("juste-1", "juste-2"):
        ecrire(remplir(CARNET, TOUT_JUSTE), dossier / f"{nom}.ipynb")


def _lancer(dossier: Path, temporaire: Path, bilan: Path) -> subprocess.Popen:
    env = {**os.environ, "TMPDIR": str(temporaire)}
    commande = [sys.executable, "-m", "phare.cli", "verifier", str(dossier), "--csv", str(bilan),
                "--delai", "120", "--parallele", "2"]  # fmt: skip
    # Its own process group, as a command typed in a terminal: Ctrl-C goes to the whole group.
    return subprocess.Popen(
        commande, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def _attendre_les_boucles(proc: subprocess.Popen, marqueur: str) -> dict[int, str]:
    limite = time.monotonic() + 240
    vus: dict[int, str] = {}
    while time.monotonic() < limite and proc.poll() is None:
        vus |= processus_marques((marqueur,))
        if len(vus) >= 2:
            return vus
        time.sleep(0.1)
    proc.kill()
    pytest.fail(f"les copies qui bouclent n'ont pas démarré : {proc.communicate()}")


@pytest.mark.parametrize("signal_", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "timeout"])
def test_une_interruption_arrete_tout_proprement(tmp_path, signal_):
    exiger_bwrap()
    marqueur = f"303.{signal_.value}{os.getpid() % 1000}"
    dossier, temporaire = tmp_path / "classe", tmp_path / "tmp"
    dossier.mkdir()
    temporaire.mkdir()
    _classe(dossier, marqueur)
    bilan = tmp_path / "bilan.csv"
    proc = _lancer(dossier, temporaire, bilan)
    vus = _attendre_les_boucles(proc, marqueur)
    en_cours = processus_marques(("phare.verifier.execution",))
    if signal_ == signal.SIGINT:
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.3)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)  # an impatient second Ctrl-C
    else:
        os.kill(proc.pid, signal.SIGTERM)
    sortie, erreurs = proc.communicate(timeout=120)
    assert proc.returncode == 130, sortie + erreurs
    assert "Traceback" not in sortie + erreurs and "KeyboardInterrupt" not in sortie + erreurs
    assert "Interruption demandée" in erreurs and "Vérification interrompue" in erreurs
    assert not [pid for pid in {**vus, **en_cours} if vivant(pid)], "aucune copie ne tourne encore"
    assert list(temporaire.iterdir()) == [], "les dossiers temporaires sont effacés"
    lignes = lire_csv(bilan)
    assert set(lignes) == {"boucle-1.ipynb", "boucle-2.ipynb", "juste-1.ipynb", "juste-2.ipynb"}
    assert (
        lignes["boucle-1.ipynb"]["état"]
        == lignes["boucle-2.ipynb"]["état"]
        == "non vérifiée (vérification interrompue)"
    )
    assert lignes["boucle-1.ipynb"]["pluie-cumul"] == "non vérifié"
    assert "non vérifiée" in sortie


def test_une_commande_tuee_ne_laisse_aucune_copie_tourner(tmp_path):
    exiger_bwrap()
    marqueur = f"304.{os.getpid() % 1000}"
    dossier, temporaire = tmp_path / "classe", tmp_path / "tmp"
    dossier.mkdir()
    temporaire.mkdir()
    _classe(dossier, marqueur)
    proc = _lancer(dossier, temporaire, tmp_path / "bilan.csv")
    vus = _attendre_les_boucles(proc, marqueur)
    vus |= processus_marques(("phare.verifier.execution",))
    proc.kill()  # SIGKILL: nothing can be caught
    proc.communicate(timeout=30)
    limite = time.monotonic() + 15
    while [pid for pid in vus if vivant(pid)] and time.monotonic() < limite:
        time.sleep(0.1)
    assert not [pid for pid in vus if vivant(pid)], "les bacs à sable meurent avec la commande"
    restes = list(temporaire.glob("phare-verifier-*"))
    assert restes, "après SIGKILL le dossier temporaire reste… (rien ne peut l'effacer à ce moment)"
    (dossier / "abime.ipynb").write_text("{", encoding="utf-8")
    for copie in dossier.glob("boucle-*.ipynb"):
        copie.unlink()
    relance = subprocess.run(
        [sys.executable, "-m", "phare.cli", "verifier", str(dossier / "abime.ipynb")],
        env={**os.environ, "TMPDIR": str(temporaire)}, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert relance.returncode == 1, relance.stdout + relance.stderr
    assert list(temporaire.iterdir()) == [], "… et la vérification suivante l'efface"
