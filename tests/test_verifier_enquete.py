"""The structural checks of an investigation (phare.verifier.structure): each step's trace is
recognised, each missing piece gets its own French hint, and the checks never grade the content.
The same verdict on the learner's side and on the teacher's (the answer serialised, a chart as
its description in words)."""

from __future__ import annotations

import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from phare.graphiques import figure, noter_source  # noqa: E402
from phare.verifier import figure as description_figure  # noqa: E402
from phare.verifier import verifier  # noqa: E402
from phare.verifier.correction import Copie, structurel  # noqa: E402
from phare.verifier.moteur import Seance, juger  # noqa: E402
from phare.verifier.rapport import texte_copie  # noqa: E402
from phare.verifier.serialisation import ReleveInvalide, decoder, encoder  # noqa: E402

pytestmark = pytest.mark.usefixtures("verifier_isole")


def _deux_cotes(identifiant, reponse):
    """The learner's verdict and the teacher's (serialised, decoded, judged in the parent)."""
    eleve = verifier(identifiant, reponse)
    valeur = json.loads(json.dumps(encoder(reponse), allow_nan=False))
    enseignant = juger(identifiant, decoder(valeur), Seance())
    assert (eleve.statut, eleve.code) == (enseignant.statut, enseignant.code), (eleve.texte, enseignant.texte)
    return eleve


@pytest.mark.parametrize(
    ("identifiant", "reponse", "mot"),
    [
        ("enquete-question", "", "Il reste à écrire votre question"),
        ("enquete-question", "Pluie ?", "bien courte"),
        ("enquete-question", 12, "entre guillemets"),
        ("enquete-question", "Les arrêts sans information sont-ils concentrés quelque part", "affirmation"),
        ("enquete-jeu", "Quimper", "Je ne connais pas ce jeu"),
        ("enquete-jeu", "Arrets Bibus", "minuscules"),
        ("enquete-manquantes", -3, "négatif"),
        ("enquete-manquantes", 0.2, "proportion"),
        ("enquete-manquantes", 2.5, "entier"),
        ("enquete-manquantes", pd.Series([True, False]), "additionner"),
        ("enquete-manquantes", pd.Series({"a": 1, "b": 2}), "additionner"),
        ("enquete-resume", [39, "2014"], "dictionnaire"),
        ("enquete-resume", {"periode": "2014"}, "« n »"),
        ("enquete-resume", {"n": 0, "periode": "2014"}, "plus grand que zéro"),
        ("enquete-resume", {"n": 39, "periode": "l'hiver"}, "Je ne lis pas de date"),
        ("enquete-resume", {"n": 39, "periode": "2013-2014"}, "ajoutez au moins un nombre"),
        ("enquete-figure", "mon graphique", "la figure matplotlib"),
        ("enquete-conclusion", "Oui.", "bien courte"),
        ("enquete-conclusion", "Oui, l'hiver 2013-2014 est le plus pluvieux de la série.", "limite"),
    ],
)
def test_chaque_piece_manquante_a_son_indice(identifiant, reponse, mot):
    resultat = _deux_cotes(identifiant, reponse)
    assert resultat.statut == "faux"
    assert mot in resultat.message, resultat.message


@pytest.mark.parametrize(
    ("identifiant", "reponse"),
    [
        ("enquete-question", "Les arrêts sans information d'accessibilité sont-ils concentrés ?"),
        ("enquete-jeu", "arrets-bibus"),
        ("enquete-jeu", "mes-releves.csv"),
        ("enquete-manquantes", 0),
        ("enquete-manquantes", 264),
        ("enquete-resume", {"n": 2568, "periode": ("1807-01-01", "2020-12-01"), "mediane_mm": 7000}),
        ("enquete-resume", {"N": 31, "Période": "janvier 2014", "maximum": 1.2}),
        ("enquete-conclusion", "Le niveau monte, mais 264 mois manquent : la tendance reste incertaine."),
    ],
)
def test_une_etape_bien_rangee_passe_quel_que_soit_son_contenu(identifiant, reponse):
    resultat = _deux_cotes(identifiant, reponse)
    assert resultat.statut == "reussi", resultat.message
    assert "ne juge pas votre raisonnement" in resultat.message


def _graphique(titre="Pluie", x="hiver", y="pluie (mm)", source="Météo-France"):
    fig, ax = figure()
    ax.bar([2012, 2013], [471.0, 752.3])
    ax.set_title(titre)
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if source:
        noter_source(fig, source)
    return fig


@pytest.mark.parametrize(
    ("reglages", "mot"),
    [
        ({"titre": ""}, "pas de titre"),
        ({"x": ""}, "nom d'un axe"),
        ({"y": "pluie"}, "unité"),
        ({"source": ""}, "d'où viennent les données"),
    ],
)
def test_un_graphique_incomplet_dit_ce_qui_manque(reglages, mot):
    resultat = _deux_cotes("enquete-figure", _graphique(**reglages))
    assert resultat.statut == "faux" and mot in resultat.message, resultat.message


def test_un_graphique_complet_passe_des_deux_cotes_et_ses_axes_aussi():
    fig = _graphique()
    assert _deux_cotes("enquete-figure", fig).reussi
    assert _deux_cotes("enquete-figure", fig.axes[0]).reussi
    vide, _ = plt.subplots()
    assert "vide" in _deux_cotes("enquete-figure", vide).message
    assert "deux objets" in _deux_cotes("enquete-figure", (fig, fig.axes[0])).message


def test_la_description_d_un_graphique_voyage_comme_des_donnees():
    fig = _graphique()
    valeur = encoder(fig)
    assert valeur["t"] == "figure" and valeur["axes"] == [["Pluie", "hiver", "pluie (mm)", 2]]
    assert any("Source" in t for t in valeur["textes"])
    assert decoder(json.loads(json.dumps(valeur))) == description_figure.decrire(fig)


@pytest.mark.parametrize(
    "forgee",
    [
        {"t": "figure", "titre": 3, "axes": [], "textes": []},
        {"t": "figure", "titre": "", "axes": [["a", "b"]], "textes": []},
        {"t": "figure", "titre": "", "axes": [["a", "b", "c", True]], "textes": []},
        {"t": "figure", "titre": "", "axes": [], "textes": ["x" * 10_000]},
        {"t": "figure", "titre": "", "axes": [["", "", "", 1]] * 1000, "textes": []},
        {"t": "figure", "titre": ""},
    ],
)
def test_une_description_forgee_est_refusee(forgee):
    with pytest.raises(ReleveInvalide):
        decoder(forgee)


def test_le_rapport_dit_que_ce_n_est_pas_une_note():
    assert structurel("mener-l-enquete") and not structurel("resumer-sans-trahir")
    copie = Copie(Path("alice.ipynb"), carnet="mener-l-enquete")
    copie.exercices = {"enquete-question": ("reussi", ""), "enquete-jeu": ("faux", "Jeu inconnu")}
    texte = texte_copie(copie)
    assert "1 vérification(s) de forme satisfaite(s) sur 2" in texte
    assert "Ce n'est pas une note" in texte
