"""Exercises of exercises/mener-l-enquete.ipynb: the learner's own investigation, in six steps.

These are structural checks (phare.verifier.structure): each step left its trace (a question, a
named data set, a count of missing values, a summary with n and the period, a readable chart, a
conclusion that names a limit). They never grade the reasoning, and they accept any investigation.
`attendu` is the module's example investigation (« L'hiver 2013-2014 a-t-il été exceptionnellement
pluvieux à Brest ? », daily rainfall at Brest-Guipavas), computed from the curated data: it is what
`solution()` shows, and what the tests hand in as a finished copy.
"""

from __future__ import annotations

import pandas as pd

from phare.donnees import charger
from phare.interface import libelle

from .. import figure
from ..exercice import Exercice, Piege
from ..structure import RAPPEL, Conclusion, FigureLisible, JeuNomme, Manquantes, Question, Resume

JEU = "pluie-quotidienne"
COLONNE = "brest_mm"
QUESTION = "L'hiver 2013-2014 a-t-il été exceptionnellement pluvieux à Brest\u00a0?"


def _reussi(etape: str) -> str:
    """The step's check as the grid and the poster word it (`[enquete]`), without its full stop."""
    return libelle(f"enquete.{etape}_verification").rstrip(".")


CONCLUSION = (
    "Oui\u00a0: avec ces mesures, l'hiver 2013-2014 est le plus pluvieux de tous les hivers complets "
    "du jeu à Brest-Guipavas. Mais ce n'est qu'une station, et la pluie ne dit rien du vent "
    "ni des tempêtes."
)


# The rain of each complete winter (December to February) at Brest-Guipavas, in mm: a winter is
# named by the year of its December; the first and the last winters of the data set, with fewer
# than 90 days measured, are left out. The same code is the solution shown to the learner.
_CODE_HIVERS = """\
pluie = charger("pluie-quotidienne")
hiver = pluie[pluie["date"].dt.month.isin([12, 1, 2])].copy()
hiver["hiver"] = hiver["date"].dt.year - (hiver["date"].dt.month < 12)
totaux = hiver.groupby("hiver")["brest_mm"].agg(["sum", "count"])
totaux = totaux[totaux["count"] >= 90]["sum"]
"""
_CODE_RESUME = _CODE_HIVERS + """\
resume_hivers = {
    "n": len(totaux),
    "periode": f"hivers {totaux.index.min()} à {totaux.index.max()}",
    "mediane_mm": round(totaux.median(), 1),
    "hiver_2013_2014_mm": round(totaux[2013], 1),
}
reponse = resume_hivers"""
_CODE_FIGURE = _CODE_HIVERS + """\
fig_hivers, ax = figure()
ax.bar(totaux.index, totaux)
ax.set_title("Pluie de chaque hiver à Brest-Guipavas")
ax.set_xlabel("hiver (année de décembre)")
ax.set_ylabel("pluie de l'hiver (mm)")
noter_source(fig_hivers, "Météo-France")
reponse = fig_hivers"""


def _executer(code: str):
    """Run the catalogue's own example code (the solution) and return its `reponse`."""
    from phare.graphiques import figure as nouvelle_figure
    from phare.graphiques import noter_source

    espace: dict = {"charger": charger, "figure": nouvelle_figure, "noter_source": noter_source}
    exec(code, espace)  # noqa: S102 - the catalogue's own example, never a learner's code
    return espace["reponse"]


def _figure() -> figure.Description:
    """The example chart, described (the figure itself is drawn, described, then closed)."""
    import matplotlib.pyplot as plt

    fig = _executer(_CODE_FIGURE)
    description = figure.decrire(fig)
    plt.close(fig)
    return description


def _proportion(reponse, attendu) -> bool:
    try:
        return isinstance(reponse, float) and 0 < reponse < 1
    except Exception:
        return False


def _booleens(reponse, attendu) -> bool:
    """`isna()` without the sum: a column (or a table) of True and False."""
    if isinstance(reponse, pd.Series):
        return reponse.size > 1 and pd.api.types.is_bool_dtype(reponse.dtype)
    if isinstance(reponse, pd.DataFrame):
        return reponse.size > 1 and all(pd.api.types.is_bool_dtype(t) for t in reponse.dtypes)
    return False


def _affirmation(reponse, attendu) -> bool:
    return (
        isinstance(reponse, str) and len(reponse.split()) >= 4 and not reponse.rstrip().endswith("?")
    )


def _nom_approche(reponse, attendu) -> bool:
    from ..structure import _norme, jeux_de_phare

    return isinstance(reponse, str) and reponse not in jeux_de_phare() and _norme(reponse) in jeux_de_phare()


def _sans_periode(reponse, attendu) -> bool:
    return isinstance(reponse, dict) and not any(
        isinstance(c, str) and c.strip().casefold() in ("periode", "période") for c in reponse
    )


def _couple(reponse, attendu) -> bool:
    """`plt.subplots()` returns the figure and its axes: both handed in at once."""
    return isinstance(reponse, tuple | list) and len(reponse) == 2


def _sans_limite(reponse, attendu) -> bool:
    from ..structure import _LIMITE

    return isinstance(reponse, str) and len(reponse.split()) >= 8 and not _LIMITE.search(reponse)


EXERCICES = [
    Exercice(
        identifiant="enquete-question",
        solution=f'reponse = "{QUESTION}"',
        attendu=lambda: QUESTION,
        forme=Question(),
        bravo=f"Votre question est écrite : elle guidera chaque étape. {RAPPEL}",
        indices=(
            "Écrivez votre question entre guillemets, comme une phrase.",
            "Une bonne question d'enquête dit quoi, où et quand, et finit par un point d'interrogation.",
            "Choisissez une question de la liste du module, ou la vôtre, et recopiez-la entre guillemets.",
        ),
        pieges=(
            Piege(
                "affirmation",
                test=_affirmation,
                exemple=lambda attendu: attendu.rstrip(" ?\u00a0") + ".",
                indices=(
                    "C'est une affirmation, pas une question : une enquête cherche à vérifier, "
                    "elle ne part pas de la réponse.",
                    "Tournez votre phrase en question, et terminez-la par un point d'interrogation.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="enquete-jeu",
        solution=f'reponse = "{JEU}"',
        attendu=lambda: JEU,
        forme=JeuNomme(),
        bravo=_reussi("donnees") + " : c'est le début de sa provenance. "
        "Lisez aussi qui le produit et comment (`metadonnees`). " + RAPPEL,
        indices=(
            "Donnez le nom du jeu de données que vous utilisez, entre guillemets.",
            "C'est le nom que vous donnez à `charger(...)` : en minuscules, avec des tirets.",
            "La liste des jeux de Phare et de leurs producteurs s'affiche avec la fonction "
            "`catalogue` du module `phare.donnees`.",
        ),
        pieges=(
            Piege(
                "nom-approche",
                test=_nom_approche,
                exemple=lambda attendu: attendu.replace("-", " ").title(),
                indices=(
                    "Presque : écrivez le nom exactement comme `charger` l'attend, "
                    "en minuscules et avec des tirets à la place des espaces.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="enquete-manquantes",
        solution=f'reponse = int(charger("{JEU}")["{COLONNE}"].isna().sum())',
        attendu=lambda: int(charger(JEU)[COLONNE].isna().sum()),
        forme=Manquantes(),
        bravo=_reussi("qualite") + " : vous saurez dire sur quoi porte votre résumé. "
        "Zéro est une réponse : c'est vérifié. " + RAPPEL,
        indices=(
            "Comptez les cases vides de la colonne que vous allez résumer.",
            "La méthode `.isna()` marque chaque case vide par True ; il reste à les compter.",
            "Additionner des True revient à les compter : ajoutez `.sum()` après `.isna()`.",
        ),
        pieges=(
            Piege(
                "pas-additionne",
                test=_booleens,
                exemple=lambda attendu: pd.Series([True, False, False]),
                indices=(
                    "Vous avez une colonne de True et de False : une case par ligne. "
                    "Il reste à les additionner pour obtenir un seul nombre.",
                ),
            ),
            Piege(
                "proportion",
                test=_proportion,
                exemple=lambda attendu: 0.25,
                indices=(
                    "C'est une proportion (avec `.mean()`) : on demande un nombre de valeurs, "
                    "avec `.sum()`.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="enquete-resume",
        solution=_CODE_RESUME,
        attendu=lambda: _executer(_CODE_RESUME),
        forme=Resume(),
        bravo="Votre résumé dit sur combien d'observations et sur quelle période il porte : "
        "un lecteur peut le refaire. " + RAPPEL,
        indices=(
            "Rangez votre résumé dans un dictionnaire, entre accolades.",
            "Il faut au moins la clé « n » (le nombre d'observations résumées) et la clé « periode ».",
            "Ajoutez le nombre qui résume vos données sous une clé de votre choix, par exemple « mediane ».",
        ),
        pieges=(
            Piege(
                "sans-periode",
                test=_sans_periode,
                exemple=lambda attendu: {k: v for k, v in attendu.items() if k != "periode"},
                indices=(
                    "Votre résumé ne dit pas quand : ajoutez la clé « periode », "
                    "avec la première et la dernière date, ou les années.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="enquete-figure",
        solution=_CODE_FIGURE,
        attendu=_figure,
        forme=FigureLisible(),
        bravo="Votre graphique se lit seul : un titre, des axes nommés avec une unité, une source. "
        + RAPPEL,
        indices=(
            "Donnez la figure elle-même, celle que renvoie `figure()`.",
            "Un graphique qu'on peut lire seul a un titre, deux axes nommés (avec une unité) et une source.",
            "Utilisez `ax.set_title`, `ax.set_xlabel`, `ax.set_ylabel`, puis `noter_source`.",
        ),
        pieges=(
            Piege(
                "figure-et-axes",
                test=_couple,
                exemple=lambda attendu: (attendu, attendu),
                indices=(
                    "Vous avez donné deux objets à la fois : `figure()` et `plt.subplots()` renvoient "
                    "la figure puis ses axes. Donnez seulement le premier.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="enquete-conclusion",
        solution=f'reponse = "{CONCLUSION}"',
        attendu=lambda: CONCLUSION,
        forme=Conclusion(),
        bravo="Votre conclusion répond et dit ses limites : c'est ce qui la rend digne de confiance. "
        + RAPPEL,
        indices=(
            "Écrivez votre conclusion entre guillemets, en une ou deux phrases.",
            "Répondez d'abord à votre question, avec le chiffre qui le montre.",
            "Puis nommez une limite : ce que vos données ne permettent pas de dire.",
        ),
        pieges=(
            Piege(
                "sans-limite",
                test=_sans_limite,
                exemple=lambda attendu: attendu.split(". ")[0] + ".",
                indices=(
                    "Votre conclusion répond, mais ne dit pas ses limites : "
                    "que ne permettent pas d'affirmer vos données ?",
                    "Une limite peut être une période courte, des valeurs manquantes, une seule station, "
                    "une mesure qui ne dit pas tout : nommez-en une.",
                ),
            ),
        ),
    ),
]
