"""`phare verifier`, the teacher's command, on a folder of real students' copies built from exercises/.

One run of the command checks the whole class (run once per module, in parallel): a correct copy,
a partly correct one, broken JSON, an infinite loop, a cell that raises, a cell that writes outside
its folder (and starts a program), a copy of another exercise set, a JSON file that is not a
notebook, and a notebook that is not an exercise copy.
"""

from __future__ import annotations

import csv
import json
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
def classe(tmp_path_factory):
    dossier = tmp_path_factory.mktemp("classe")
    dehors = tmp_path_factory.mktemp("dehors")
    cible = dehors / "pirate.txt"
    pluie = {i: SOLUTIONS[i] for i in IDS}
    ecrire(remplir(CARNET, pluie), dossier / "alice.ipynb")
    ecrire(
        remplir(
            CARNET,
            {
                "pluie-cumul": SOLUTIONS["pluie-cumul"],
                "pluie-jours": 'reponse = (pluie.loc[annees == 2014, "brest_mm"] > 0).sum()',
                "pluie-mediane": 'reponse = pluie["brest_mm"].mean()',
            },
        ),
        dossier / "bruno.ipynb",
    )
    (dossier / "chloe.ipynb").write_text('{"cells": [{"cell_type": "code", ', encoding="utf-8")
    ecrire(
        remplir(CARNET, {"pluie-cumul": SOLUTIONS["pluie-cumul"], "pluie-jours": "while True:\n    pass"}),
        dossier / "david.ipynb",
    )
    ecrire(
        remplir(
            CARNET,
            {
                "pluie-cumul": 'reponse = pluie["pluie_brest"].sum()',
                "pluie-mediane": SOLUTIONS["pluie-mediane"],
            },
        ),
        dossier / "emma.ipynb",
    )
    ecrire(
        remplir(
            CARNET,
            {"pluie-manquantes": SOLUTIONS["pluie-manquantes"]},
            avant={
                "pluie-cumul": f'open({str(cible)!r}, "w").write("perdu")',
                "pluie-jours": 'import os\nos.system("echo perdu")',
            },
        ),
        dossier / "farid.ipynb",
    )
    ecrire(
        remplir("lire-un-tableau", {"tableau-lignes": SOLUTIONS["tableau-lignes"]}), dossier / "gael.ipynb"
    )
    (dossier / "hugo.ipynb").write_text(json.dumps([1, 2, 3]), encoding="utf-8")
    sans_carnet = charger_notebook(CARNET)
    sans_carnet["metadata"].pop("phare")
    ecrire(sans_carnet, dossier / "ines.ipynb")

    progression_enseignant = dehors / "progression-enseignant.json"
    env = {**os.environ, "PHARE_PROGRESSION": str(progression_enseignant)}
    bilan = dossier.parent / "bilan.csv"
    proc = _phare("verifier", dossier, "--csv", bilan, "--delai", DELAI, "--parallele", 4, env=env)
    with open(bilan, encoding="utf-8-sig", newline="") as f:
        lignes = {row["fichier"]: row for row in csv.DictReader(f, delimiter=";")}
    return {
        "proc": proc,
        "csv": lignes,
        "cible": cible,
        "progression": progression_enseignant,
        "dossier": dossier,
    }


def _bloc(sortie: str, fichier: str) -> str:
    """The report's lines about one copy."""
    blocs = sortie.split("\nCopie ")
    return next(b for b in blocs if b.startswith(fichier))


def test_une_ligne_par_copie_et_code_de_sortie(classe):
    proc = classe["proc"]
    assert proc.returncode == 1, proc.stdout + proc.stderr  # some copies had problems
    assert "Traceback" not in proc.stdout + proc.stderr
    attendus = {
        f"{n}.ipynb" for n in ("alice", "bruno", "chloe", "david", "emma", "farid", "gael", "hugo", "ines")
    }
    assert set(classe["csv"]) == attendus
    premiere = next(iter(classe["csv"].values()))
    assert list(premiere)[:5] == ["fichier", "carnet", "etat", "reussis", "total"]
    assert [c for c in premiere if c in IDS] == IDS
    assert f"« {CARNET} »" in proc.stdout


def test_copie_juste(classe):
    ligne = classe["csv"]["alice.ipynb"]
    assert ligne["etat"] == "ok" and ligne["reussis"] == ligne["total"] == str(len(IDS))
    assert all(ligne[i] == "réussi" for i in IDS)
    bloc = _bloc(classe["proc"].stdout, "alice.ipynb")
    assert all(f"✔ {i} : réussi" in bloc for i in IDS)


def test_copie_en_partie_juste(classe):
    ligne = classe["csv"]["bruno.ipynb"]
    assert ligne["etat"] == "ok" and ligne["reussis"] == "1"
    assert (
        ligne["pluie-cumul"],
        ligne["pluie-jours"],
        ligne["pluie-mediane"],
        ligne["pluie-manquantes"],
    ) == ("réussi", "à revoir", "à revoir", "non fait")
    bloc = _bloc(classe["proc"].stdout, "bruno.ipynb")
    assert "au moins 1 mm" in bloc and "moyenne" in bloc  # the specific hints, exercise by exercise


def test_json_invalide(classe):
    ligne = classe["csv"]["chloe.ipynb"]
    assert ligne["etat"] == "json-invalide" and "JSON" in ligne["problemes"]
    assert classe["csv"]["hugo.ipynb"]["etat"] == "pas-un-notebook"


def test_boucle_infinie(classe):
    ligne = classe["csv"]["david.ipynb"]
    assert ligne["etat"] == "delai-depasse"
    assert ligne["pluie-cumul"] == "réussi", "ce qui a été vérifié avant la boucle compte"
    assert f"{DELAI} s" in ligne["problemes"] and "cellule de code n°" in ligne["problemes"]


def test_cellule_qui_leve_une_erreur(classe):
    ligne = classe["csv"]["emma.ipynb"]
    assert ligne["etat"] == "erreur-cellule" and "KeyError" in ligne["problemes"]
    assert ligne["pluie-cumul"] == "erreur"
    assert ligne["pluie-mediane"] == "réussi", "les cellules suivantes sont quand même exécutées"


def test_ecriture_hors_du_dossier_refusee(classe):
    ligne = classe["csv"]["farid.ipynb"]
    assert ligne["etat"] == "action-interdite"
    assert str(classe["cible"]) in ligne["problemes"] and "lancer une commande" in ligne["problemes"]
    assert not classe["cible"].exists(), "le fichier hors du dossier n'a pas été écrit"
    assert ligne["pluie-manquantes"] == "réussi"


def test_copie_d_une_autre_serie(classe):
    ligne = classe["csv"]["gael.ipynb"]
    assert ligne["etat"] == "autre-carnet" and ligne["carnet"] == "lire-un-tableau"
    assert "lire-un-tableau" in ligne["problemes"]
    assert classe["csv"]["ines.ipynb"]["etat"] == "sans-carnet"


def test_la_progression_de_l_enseignant_n_est_pas_touchee(classe):
    assert not classe["progression"].exists()


def test_une_seule_copie(classe):
    proc = _phare("verifier", classe["dossier"] / "alice.ipynb", "--delai", DELAI)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Bilan : 4 exercice(s) réussi(s) sur 4." in proc.stdout


def test_mauvaises_utilisations(tmp_path):
    assert _phare("verifier", tmp_path / "absent").returncode == 2
    assert _phare("verifier", tmp_path).returncode == 2  # no notebook
    proc = _phare("verifier")
    assert proc.returncode == 2 and "obligatoire" in proc.stderr
    assert _phare("verifier", tmp_path, "--carnet", "inconnu").returncode == 2
    aide = _phare("verifier", "--help")
    assert aide.returncode == 0 and "codes de sortie" in aide.stdout and "utilisation" in aide.stdout


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
    assert vierge["etat"] == "ok" and vierge["reussis"] == "0", "le notebook publié s'exécute sans erreur"
    assert all(vierge[i] == "non fait" for i in ids)
    assert juste["etat"] == "ok" and all(juste[i] == "réussi" for i in ids), sortie


def test_une_panne_de_la_verification_ne_bloque_pas_le_lot(tmp_path, monkeypatch):
    from phare.verifier import correction

    def panne(*args, **kwargs):
        raise OSError("plus de place sur le disque")

    monkeypatch.setattr(correction, "corriger", panne)
    copie = correction.corriger_sans_echec(tmp_path / "x.ipynb")
    assert copie.etat == "plantage" and "plus de place" in copie.problemes[0]


def test_csv_impossible_a_ecrire(tmp_path):
    (tmp_path / "abime.ipynb").write_text("{", encoding="utf-8")
    proc = _phare("verifier", tmp_path, "--csv", tmp_path / "absent" / "bilan.csv")
    assert proc.returncode == 2 and "impossible d'écrire" in proc.stderr
    assert "JSON invalide" in proc.stdout, "le rapport est quand même affiché"
