"""No message ever gives the answer away: every catalogued exercise, every shape of wrong answer,
every hint level, on the learner's side and on the teacher's (the answer serialised, judged by the
parent). And no hint is the solution: the solution is shown only when asked for."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from outils.fuites import fuites

from phare.verifier import moteur, verifier
from phare.verifier.exercices import tous
from phare.verifier.moteur import Seance, juger
from phare.verifier.serialisation import decoder, encoder

EXERCICES = list(tous().values())
RACINE = Path(__file__).resolve().parents[1]


pytestmark = pytest.mark.usefixtures("verifier_isole")


def _attendu(exercice):
    return moteur._attendu(exercice)


def _formes_fausses(attendu) -> dict[str, object]:
    """Wrong answers of every shape, built from the expected value so that a careless message
    (a size, a value) would reveal it."""
    formes: dict[str, object] = {
        "booléen": True,
        "None": None,
        "NaN": float("nan"),
        "infini": float("inf"),
        "objet": object(),
        "générateur": (i for i in range(3)),
        "erreur": KeyError("brest_mm"),
        "méthode": pd.Series([1.0, 2.0]).sum,
        "calcul qui échoue": lambda: 1 / 0,
        "dictionnaire": {"reponse": 1},
        "texte quelconque": "Quimper",
        "texte très long": "x" * 20_000,
    }
    if isinstance(attendu, int | float) and not isinstance(attendu, bool):
        n = int(round(abs(float(attendu))))
        taille = n if 1 < n <= 20_000 else 7
        formes |= {
            "nombre en texte": str(attendu),
            "nombre en texte français": f"{attendu:,}".replace(",", "\u202f").replace(".", ","),
            "tableau d'autant de lignes": pd.DataFrame({"x": range(taille), "y": range(taille)}),
            "tableau qui contient la réponse": pd.DataFrame({"a": [attendu, attendu + 1]}),
            "colonne d'autant de valeurs": pd.Series(range(taille)),
            "colonne qui contient la réponse": pd.Series([attendu, attendu + 1]),
            "liste d'autant d'éléments": list(range(taille)),
            "liste qui contient la réponse": [attendu, 1, 2],
            "tableau numpy d'autant de valeurs": np.arange(taille),
            "IntegerArray d'autant de valeurs": pd.array(range(taille), dtype="Int64"),
            "StringArray": pd.array([str(attendu), "x"], dtype="string"),
            "index d'autant de valeurs": pd.Index(range(taille)),
            "forme (lignes, colonnes)": (attendu, 3),
            "ensemble": {attendu, 1},
            "nombre complexe": complex(attendu, 1),
        }
    elif isinstance(attendu, str):
        formes |= {
            "nombre": int(attendu) if attendu.isdigit() else 12,
            "liste": [attendu, "x"],
            "colonne": pd.Series([attendu, "x"]),
            "tableau": pd.DataFrame({"code_insee": [attendu, "x"]}),
            "StringArray de deux valeurs": pd.array([attendu, "x"], dtype="string"),
        }
    elif isinstance(attendu, list):
        formes |= {
            "liste trop longue": [*attendu, 1066],
            "liste coupée": attendu[: max(1, len(attendu) // 2)],
            "liste trop courte": attendu[1:],
            "le nombre d'éléments": len(attendu),
            "tableau": pd.DataFrame({"annee": attendu, "autre": attendu}),
        }
        if all(isinstance(v, int | float) for v in attendu):
            formes |= {
                "liste en textes": [str(v) for v in attendu],
                "la somme": sum(attendu),
                "IntegerArray trop long": pd.array([*attendu, 1066], dtype="Int64"),
            }
        else:  # a list of codes (texts): the mistakes a list of codes invites
            formes |= {
                "codes en nombres": [int(v) if str(v).isdigit() else v for v in attendu],
                "codes joints en un texte": ", ".join(map(str, attendu)),
                "un seul code": str(attendu[0]),
                "StringArray trop long": pd.array([*map(str, attendu), "29999"], dtype="string"),
            }
    elif isinstance(attendu, pd.DataFrame):
        formes |= {
            "tableau coupé (.head())": attendu.head(),
            "tableau trop court": attendu.iloc[1:],
            "tableau trop long": pd.concat([attendu, attendu.iloc[:1]]),
            "une colonne": attendu.iloc[:, 1],
            "une seule colonne en tableau": attendu.iloc[:, [0]],
            "colonnes renommées": attendu.set_axis(["a", "b"], axis=1),
            "le nombre de lignes": len(attendu),
            "les valeurs": attendu.iloc[:, 1].tolist(),
            "valeurs en textes": attendu.astype(str),
        }
    return formes


def _textes(resultat) -> str:
    return resultat.texte + resultat._repr_html_() + resultat._repr_markdown_()


def _cote_enseignant(identifiant, reponse, seance):
    """What the teacher's check does: the pupil's process serialises, the parent decodes and judges."""
    if callable(reponse) and getattr(reponse, "__name__", "") == "<lambda>":
        try:
            reponse = reponse()
        except Exception as erreur:
            reponse = erreur
    valeur = json.loads(json.dumps(encoder(reponse), allow_nan=False))
    return juger(identifiant, decoder(valeur), seance)


@pytest.mark.lent
@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_aucune_forme_de_mauvaise_reponse_ne_donne_la_reponse(exercice):
    attendu = _attendu(exercice)
    for nom, reponse in _formes_fausses(attendu).items():
        seance = Seance()
        for niveau in range(4):  # every hint level, and the last one repeated
            moteur.oublier_indices() if niveau == 0 else None
            eleve = verifier(exercice.identifiant, reponse)
            enseignant = _cote_enseignant(exercice.identifiant, reponse, seance)
            for cote, resultat in (("apprenant", eleve), ("enseignant", enseignant)):
                assert resultat.statut != "reussi", f"{exercice.identifiant}, {nom} : accepté ({cote})"
                trouve = fuites(_textes(resultat), attendu)
                assert not trouve, (
                    f"{exercice.identifiant}, {nom} ({cote}) : « {resultat.message} » donne {trouve}"
                )
            assert (eleve.statut, eleve.code, eleve.niveau) == (
                enseignant.statut,
                enseignant.code,
                enseignant.niveau,
            ), f"{exercice.identifiant}, {nom} : l'enseignant ne juge pas comme l'apprenant"
            if isinstance(reponse, type(i for i in ())):
                break  # a generator is consumed by the first check


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_chaque_piege_a_chaque_niveau_cote_enseignant(exercice):
    attendu = _attendu(exercice)
    for piege in exercice.pieges:
        seance, mauvaise = Seance(), piege.reponse_type(attendu)
        for niveau in range(1, len(piege.indices) + 2):
            resultat = _cote_enseignant(exercice.identifiant, mauvaise, seance)
            assert resultat.code == f"piege:{piege.code}", (piege.code, resultat.texte)
            assert resultat.niveau == min(niveau, len(piege.indices))
            assert not fuites(_textes(resultat), attendu)


# --- The hints are not the solution ------------------------------------------------------------------


@cache
def _espace_du_carnet(carnet: str) -> dict:
    """The notebook's own set-up (the cells before the first exercise), run once: the names a hint's
    code would run with."""
    notebook = json.loads((RACINE / "exercises" / f"{carnet}.ipynb").read_text(encoding="utf-8"))
    espace: dict = {}
    for cellule in notebook["cells"]:
        source = "".join(cellule.get("source", ""))
        if cellule["cell_type"] != "code":
            continue
        if "verifier(" in source and "reponse = ..." in source:
            break
        exec(compile(source, carnet, "exec"), espace)  # noqa: S102 - our own notebook's set-up
    return espace


def _morceaux_de_code(texte: str) -> list[str]:
    """The code spans of a hint, alone and chained (`x` then `.sum()` -> `x.sum()`)."""
    morceaux = re.findall(r"`([^`]+)`", texte)
    chaines = [a + b for a, b in zip(morceaux, morceaux[1:], strict=False) if b.startswith(".")]
    return morceaux + chaines


def _normal(code: str) -> str:
    return re.sub(r"\s+", "", code).replace("'", '"')


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_aucun_indice_n_est_le_code_de_la_solution(exercice):
    attendu = _attendu(exercice)
    espace = _espace_du_carnet(exercice.carnet)
    solution = exercice.solution.splitlines()[-1].split("=", 1)[-1]
    indices = [*exercice.indices, *(i for p in exercice.pieges for i in p.indices)]
    for indice in indices:
        assert _normal(solution) not in _normal(indice), f"« {indice} » recopie la solution"
        for code in _morceaux_de_code(indice):
            try:
                valeur = eval(code, dict(espace))  # noqa: S307 - the catalogue's own hints
            except Exception:
                continue
            assert not exercice.forme.egal(valeur, attendu), f"« {code} », dans un indice, donne la réponse"


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_la_solution_de_reference_s_execute_dans_le_carnet(exercice):
    """`Exercice.solution` is what `solution()` shows: it must really solve the exercise."""
    espace = dict(_espace_du_carnet(exercice.carnet))
    exec(exercice.solution, espace)  # noqa: S102 - the catalogue's own solution
    assert exercice.forme.egal(espace["reponse"], _attendu(exercice))


@pytest.mark.parametrize("exercice", EXERCICES, ids=lambda e: e.identifiant)
def test_la_solution_ne_vient_jamais_sans_etre_demandee(exercice):
    attendu = _attendu(exercice)
    solution = exercice.solution.splitlines()[-1]
    mauvaises = [piege.reponse_type(attendu) for piege in exercice.pieges] + [
        _formes_fausses(attendu)["booléen"]
    ]
    for mauvaise in mauvaises:
        for _ in range(6):
            resultat = verifier(exercice.identifiant, mauvaise)
            assert solution not in _textes(resultat)
    mot = f'solution("{exercice.identifiant}")'
    assert mot in verifier(exercice.identifiant, mauvaises[0]).texte, (
        "au bout des indices, on dit comment la demander"
    )
