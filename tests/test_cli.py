"""`phare verifier`, the teacher's command: its usage, its messages, every exercise notebook run blank
and solved, and the fallbacks when no sandbox is possible. The class of attacks is in tests/classe/.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys

import pytest
from outils.copies import SOLUTIONS, charger_notebook, ecrire, remplir

from phare.verifier.exercices import carnets

CARNET = "resumer-sans-trahir"
IDS = [e.identifiant for e in carnets()[CARNET]]
DELAI = 20  # seconds of cells per copy: short, so that the infinite loop costs little


def _phare(*arguments, env=None, timeout=240) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "phare.cli", *map(str, arguments)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


@pytest.fixture(scope="module")
def alice(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("une-copie")
    return ecrire(remplir(CARNET, {i: SOLUTIONS[i] for i in IDS}), dossier / "alice.ipynb")


def test_une_seule_copie(alice):
    proc = _phare("verifier", alice, "--delai", DELAI)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Bilan\u00a0: 4 exercice(s) réussi(s) sur 4." in proc.stdout
    assert "bac à sable" in proc.stdout and "non isolée" not in proc.stdout


def test_mauvaises_utilisations(tmp_path):
    assert _phare("verifier", tmp_path / "absent").returncode == 2
    assert _phare("verifier", tmp_path).returncode == 2  # no notebook
    proc = _phare("verifier")
    assert proc.returncode == 2 and "obligatoire" in proc.stderr
    assert _phare("verifier", tmp_path, "--carnet", "inconnu").returncode == 2
    (tmp_path / "x.ipynb").write_text("{", encoding="utf-8")
    memoire = _phare("verifier", tmp_path, "--memoire", "beaucoup")
    assert memoire.returncode == 2 and "mémoire" in memoire.stderr
    aide = _phare("verifier", "--help")
    assert aide.returncode == 0 and "codes de sortie" in aide.stdout and "utilisation" in aide.stdout
    assert "bubblewrap" in aide.stdout and "--sans-isolation" in aide.stdout and "--memoire" in aide.stdout


def test_sans_bubblewrap_la_commande_dit_comment_l_installer(tmp_path, alice):
    vide = tmp_path / "chemin-vide"
    vide.mkdir()
    proc = _phare("verifier", alice, env={**os.environ, "PATH": str(vide)})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "sudo apt install bubblewrap" in proc.stderr and "--sans-isolation" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_un_bubblewrap_qui_ne_peut_pas_creer_de_bac_a_sable(tmp_path, alice):
    faux = tmp_path / "faux-bwrap"
    faux.mkdir()
    (faux / "bwrap").write_text(
        "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n"
    )
    (faux / "bwrap").chmod(0o755)
    proc = _phare("verifier", alice, env={**os.environ, "PATH": f"{faux}:{os.environ.get('PATH', '')}"})
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "uid map" in proc.stderr and "AppArmor" in proc.stderr and "enseignant·es" in proc.stderr


def test_sans_isolation_chaque_ligne_est_marquee(tmp_path, alice):
    dossier = tmp_path / "classe"
    dossier.mkdir()
    ecrire(remplir(CARNET, {i: SOLUTIONS[i] for i in IDS}), dossier / "alice.ipynb")
    dehors = tmp_path / "dehors"
    dehors.mkdir()
    ecrire(
        remplir(
            CARNET,
            {"pluie-cumul": SOLUTIONS["pluie-cumul"]},
            avant={"pluie-jours": f"open({str(dehors / 'x')!r}, 'w')"},
        ),
        dossier / "farid.ipynb",
    )
    vide = tmp_path / "sans-bwrap"
    vide.mkdir()
    bilan = tmp_path / "bilan.csv"
    env = {**os.environ, "PATH": str(vide), "TMPDIR": str(tmp_path)}
    proc = _phare("verifier", dossier, "--csv", bilan, "--sans-isolation", "--delai", DELAI, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "SANS bac à sable" in proc.stdout and "[non isolée]" in proc.stdout
    with open(bilan, encoding="utf-8-sig", newline="") as f:
        lignes = {r["fichier"]: r for r in csv.DictReader(f, delimiter=";")}
    assert {r["isolement"] for r in lignes.values()} == {"non isolée"}
    assert lignes["alice.ipynb"]["réussis"] == "4"
    assert lignes["farid.ipynb"]["état"] == "a tenté d'écrire hors de son dossier"
    assert lignes["farid.ipynb"]["pluie-cumul"] == "réussi"
    assert list(dehors.iterdir()) == [], "la garde de Python refuse l'écriture"
    assert not list(tmp_path.glob("phare-verifier-*")), "dossiers temporaires effacés"


@pytest.fixture(scope="module")
def carnets_complets(tmp_path_factory):
    """For every exercise notebook: the copy as published (nothing filled) and a fully solved copy."""
    processus = {}
    for carnet, exercices in carnets().items():
        dossier = tmp_path_factory.mktemp(carnet)
        ecrire(charger_notebook(carnet), dossier / "vierge.ipynb")
        ecrire(
            remplir(carnet, {e.identifiant: SOLUTIONS[e.identifiant] for e in exercices}),
            dossier / "juste.ipynb",
        )
        bilan = dossier / "bilan.csv"
        commande = [
            sys.executable,
            "-m",
            "phare.cli",
            "verifier",
            str(dossier),
            "--csv",
            str(bilan),
            "--delai",
            "60",
            "--carnet",
            carnet,
        ]
        processus[carnet] = (
            subprocess.Popen(commande, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True),
            bilan,
        )
    resultats = {}
    for carnet, (proc, bilan) in processus.items():
        sortie, erreurs = proc.communicate(timeout=300)
        with open(bilan, encoding="utf-8-sig", newline="") as f:
            resultats[carnet] = (
                proc.returncode,
                sortie + erreurs,
                {r["fichier"]: r for r in csv.DictReader(f, delimiter=";")},
            )
    return resultats


def test_chaque_carnet_a_des_solutions_dans_solutions():
    assert set(SOLUTIONS) == {e.identifiant for exercices in carnets().values() for e in exercices}


@pytest.mark.parametrize("carnet", sorted(carnets()))
def test_chaque_carnet_s_execute_vierge_et_se_resout(carnets_complets, carnet):
    code, sortie, lignes = carnets_complets[carnet]
    assert code == 0, sortie
    ids = [e.identifiant for e in carnets()[carnet]]
    vierge, juste = lignes["vierge.ipynb"], lignes["juste.ipynb"]
    assert vierge["état"] == "exécutée sans problème" and vierge["réussis"] == "0", (
        "le notebook publié s'exécute"
    )
    assert all(vierge[i] == "non fait" for i in ids)
    assert juste["état"] == "exécutée sans problème" and all(juste[i] == "réussi" for i in ids), sortie


def test_une_panne_de_la_verification_ne_bloque_pas_le_lot(tmp_path, monkeypatch):
    from phare.verifier import correction
    from phare.verifier.bac_a_sable import Limites

    def panne(*args, **kwargs):
        raise OSError("plus de place sur le disque")

    class Classe:
        isolee, limites = True, Limites()

    monkeypatch.setattr(correction, "corriger", panne)
    copie = correction.corriger_sans_echec(tmp_path / "x.ipynb", Classe())
    assert copie.etat == "plantage" and "plus de place" in copie.problemes[0]


def test_csv_impossible_a_ecrire(tmp_path):
    (tmp_path / "abime.ipynb").write_text("{", encoding="utf-8")
    proc = _phare("verifier", tmp_path, "--csv", tmp_path / "absent" / "bilan.csv")
    assert proc.returncode == 2 and "impossible d'écrire" in proc.stderr
    assert "JSON invalide" in proc.stdout, "le rapport est quand même affiché"
