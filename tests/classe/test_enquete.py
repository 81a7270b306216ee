"""`phare verifier` on a class of investigations (exercises/mener-l-enquete.ipynb), in the sandbox.

Three copies, checked once by the real command: a finished investigation (the catalogue's example,
with a matplotlib chart) passes every structural check; an unfinished one gets the right French
hints, step by step; a hostile one, which tries to overwrite a classmate's copy and the report and
to forge the channel, changes nothing but its own line. And the chart is drawn in the sandbox
without any refused action: matplotlib's font list is built before, by the teacher's process.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from outils.copies import SOLUTIONS, ecrire, remplir
from suivi import exiger_bwrap, lire_csv

from phare.verifier.bac_a_sable import Classe, Limites
from phare.verifier.exercices import carnets

pytestmark = pytest.mark.lent

CARNET = "mener-l-enquete"
IDS = [e.identifiant for e in carnets()[CARNET]]
FINIE = {i: SOLUTIONS[i] for i in IDS}
# Each step half done, the way a pupil leaves it: what the report must hint at, step by step.
INCOMPLETE = {
    "enquete-question": 'reponse = "Il pleut plus en hiver à Brest."',
    "enquete-jeu": 'reponse = "pluie quotidienne"',
    "enquete-manquantes": 'reponse = charger("pluie-quotidienne")["brest_mm"].isna()',
    "enquete-resume": 'reponse = {"n": 39, "mediane_mm": 417.1}',
    "enquete-figure": (
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot([1, 2, 3], [4, 5, 6])\n"
        'ax.set_title("La pluie")\n'
        'ax.set_xlabel("hiver")\n'
        'ax.set_ylabel("pluie (mm)")\n'
        "reponse = fig"
    ),
}
INDICES = {
    "enquete-question": "affirmation",
    "enquete-jeu": "minuscules",
    "enquete-manquantes": "additionner",
    "enquete-resume": "periode",
    "enquete-figure": "source",
}


@pytest.fixture(scope="module")
def classe_enquete():
    exiger_bwrap()
    base = Path(
        tempfile.mkdtemp(prefix="phare-test-enquete-", dir="/var/tmp" if Path("/var/tmp").is_dir() else None)
    )
    dossier = base / "classe"
    dossier.mkdir()
    bilan = base / "bilan.csv"
    finie = ecrire(remplir(CARNET, FINIE), dossier / "finie.ipynb")
    ecrire(remplir(CARNET, INCOMPLETE), dossier / "incomplete.ipynb")
    empreinte = finie.read_bytes()
    hostile = {
        "enquete-question": (
            f"open({str(finie)!r}, 'w').write('{{}}')\n"
            f"open({str(bilan)!r}, 'w').write('finie.ipynb;pirate')\n"
            "reponse = ..."
        ),
        "enquete-jeu": (
            "import json, os\n"
            "ligne = {'e': 'reponse', 'id': 'enquete-conclusion', 'valeur': 'forgée'}\n"
            "os.write(int(os.environ['PHARE_RELEVE']), (json.dumps(ligne) + '\\n').encode())\n"
            "reponse = ..."
        ),
    }
    ecrire(remplir(CARNET, hostile), dossier / "hostile.ipynb")
    commande = [sys.executable, "-m", "phare.cli", "verifier", str(dossier), "--csv", str(bilan)]
    commande += ["--delai", "60"]
    env = {**os.environ, "PHARE_PROGRESSION": str(base / "progression.json")}
    proc = subprocess.run(commande, capture_output=True, text=True, env=env, timeout=900)
    yield {
        "sortie": proc.stdout,
        "erreurs": proc.stderr,
        "csv": lire_csv(bilan),
        "finie": finie,
        "empreinte": empreinte,
    }
    shutil.rmtree(base, ignore_errors=True)


def _bloc(sortie: str, nom: str) -> str:
    return sortie.split(f"Copie {nom}", 1)[1].split("\nCopie ", 1)[0]


def test_une_enquete_finie_passe_toutes_les_verifications(classe_enquete):
    ligne = classe_enquete["csv"]["finie.ipynb"]
    assert ligne["état"] == "exécutée sans problème", ligne
    assert [ligne[i] for i in IDS] == ["réussi"] * len(IDS), ligne
    bloc = _bloc(classe_enquete["sortie"], "finie.ipynb")
    assert "vérification(s) de forme" in bloc and "pas une note" in bloc
    assert "Traceback" not in classe_enquete["sortie"] + classe_enquete["erreurs"]


def test_une_enquete_incomplete_recoit_les_bons_indices(classe_enquete):
    ligne = classe_enquete["csv"]["incomplete.ipynb"]
    assert ligne["état"] == "exécutée sans problème", ligne
    assert {i: ligne[i] for i in INDICES} == dict.fromkeys(INDICES, "à revoir"), ligne
    assert ligne["enquete-conclusion"] == "non fait"
    bloc = _bloc(classe_enquete["sortie"], "incomplete.ipynb")
    for ident, mot in INDICES.items():
        ligne_id = next(x for x in bloc.splitlines() if f" {ident}\u00a0:" in x)
        assert mot in ligne_id, ligne_id


def test_une_enquete_hostile_ne_touche_ni_aux_autres_ni_au_rapport(classe_enquete):
    assert classe_enquete["finie"].read_bytes() == classe_enquete["empreinte"]
    lignes = classe_enquete["csv"]
    assert set(lignes) == {"finie.ipynb", "incomplete.ipynb", "hostile.ipynb"}
    hostile = lignes["hostile.ipynb"]
    assert hostile["état"] == "a tenté d'écrire hors de son dossier", hostile
    assert hostile["enquete-question"] == "erreur"
    # The forged answer stands for the hostile copy alone (and its own last answer replaces it).
    assert hostile["enquete-conclusion"] in ("à revoir", "non fait")
    assert lignes["finie.ipynb"]["enquete-conclusion"] == "réussi"
    assert lignes["incomplete.ipynb"]["enquete-conclusion"] == "non fait"
    assert "pirate" not in Path(classe_enquete["finie"]).parent.parent.joinpath("bilan.csv").read_text(
        encoding="utf-8-sig"
    )


def test_le_resume_dit_que_ce_n_est_pas_une_note(classe_enquete):
    assert "jamais si le raisonnement est juste" in classe_enquete["sortie"]


def test_une_copie_qui_trace_une_figure_matplotlib_passe_dans_le_bac_a_sable():
    """matplotlib's first import builds its font list with `fc-list`, a program a copy may not
    start: the teacher's process builds it before, and no action is refused."""
    exiger_bwrap()
    classe = Classe(Limites(delai=60))
    try:
        assert classe.polices is not None and any(classe.polices.glob("fontlist-*.json"))
        execution = classe.executer(
            [
                "import matplotlib.pyplot as plt\nfrom phare.verifier import verifier\n"
                "fig, ax = plt.subplots()\nax.plot([1, 2], [3, 4])\nax.set_title('é')\n"
                "fig.savefig('figure.png')\nverifier('enquete-figure', fig)"
            ]
        )
    finally:
        classe.fermer()
    genres = [e["e"] for e in execution.evenements]
    assert "interdit" not in genres and "erreur" not in genres, execution.evenements
    reponse = next(e for e in execution.evenements if e["e"] == "reponse")
    assert reponse["valeur"]["t"] == "figure"
    assert json.dumps(reponse["valeur"]["axes"]) == json.dumps([["é", "", "", 1]])
