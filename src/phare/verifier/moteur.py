"""The check of one answer: `juger(identifiant, reponse, seance)` -> a Resultat with a French message.

Two callers, one judgement:
- the learner's `verifier("identifiant", reponse)`, in their own notebook (Jupyter or JupyterLite):
  immediate feedback, and their progress saved on their machine;
- the teacher's `phare verifier`, in the trusted parent process, on the answers that each pupil's
  sandboxed process handed back (correction.py): the verdict is never computed where the pupil's
  code runs.

Order of the diagnosis, from the most to the least specific:
1. the answer is not there yet (`...`), or could not be computed (an error, a method not called, None);
2. the answer is right -> « Bravo ! » and why;
3. it matches a catalogued typical mistake -> that mistake's hint;
4. its shape is wrong (a text for a number, missing columns, rows out of order…) -> what to fix;
5. otherwise -> the exercise's general hints, three of them, from the gentlest to the most precise.
Hints are graduated: asking again with the same mistake gives the next, more precise hint. None of
them is the solution's code: the solution is shown only on request, `solution("identifiant")`, and
that request is written in the learner's progress (« solution consultée »).
Nothing here prints the expected value, and no exception escapes (see the last `except`).
"""

from __future__ import annotations

import difflib
from collections import Counter

from . import progression
from .exercice import Exercice, Piege
from .exercices import tous
from .reponse import TropGrand, est_fonction_a_calculer, est_methode_non_appelee, nom_de_type
from .resultat import Resultat, Solution

_attendus: dict[str, object] = {}
_valeurs_pieges: dict[tuple[str, str], object] = {}


class Seance:
    """What the graduated hints remember: how many times each (exercise, mistake) was met.

    The learner has one for their Python session; the teacher's check opens one per pupil's copy,
    so that a pupil's hints never depend on a classmate's mistakes."""

    def __init__(self) -> None:
        self.demandes: Counter[tuple[str, str]] = Counter()


_seance = Seance()


def verifier(identifiant: str, reponse=...) -> Resultat:
    """Vérifie votre réponse à l'exercice `identifiant` et explique, en français, ce qui ne va pas.

    Si le calcul de votre réponse provoque une erreur, écrivez-le après `lambda:`,
    par exemple `verifier("pluie-cumul", lambda: pluie["brest_mm"].sum())` :
    l'erreur est alors expliquée au lieu d'arrêter la cellule.
    """
    resultat = juger(identifiant, reponse, _seance)
    try:
        if resultat.statut not in ("non-fait", "inconnu", "indisponible"):
            progression.enregistrer(resultat.identifiant, resultat.reussi)
        avertissements = progression.avertissements()
        if avertissements:
            resultat = resultat.avec_details(*avertissements)
    except Exception:
        pass  # saving progress is a convenience, never a reason to fail a check
    return resultat


def solution(identifiant: str) -> Solution:
    """Affiche une solution de l'exercice `identifiant`, par exemple `solution("pluie-cumul")`.

    Cherchez d'abord avec les indices : la solution n'apprend pas grand-chose si on la lit trop tôt.
    La consultation est notée dans votre progression (« solution consultée »), sur votre machine.
    """
    exercice = tous().get(identifiant) if isinstance(identifiant, str) else None
    if exercice is None:
        inconnu = _inconnu(identifiant)
        return Solution(inconnu.identifiant, "", "", message=inconnu.message)
    try:
        progression.marquer_solution(exercice.identifiant)
        avertissements = tuple(progression.avertissements())
    except Exception:
        avertissements = ()
    return Solution(exercice.identifiant, exercice.titre, exercice.solution, details=avertissements)


def juger(identifiant, reponse, seance: Seance) -> Resultat:
    """The verdict on one answer, for one learner (or one pupil's copy). Never raises."""
    try:
        return _juger(identifiant, reponse, seance)
    except Exception:  # the promise: never a traceback in front of a learner
        nom = identifiant[:80] if isinstance(identifiant, str) else "?"
        return Resultat(
            nom,
            "indisponible",
            "Je n'ai pas réussi à examiner cette réponse. "
            "Vérifiez qu'elle est bien le résultat d'un calcul (un nombre, un texte, un tableau), "
            "puis réessayez.",
            code="interne",
        )


def _juger(identifiant, reponse, seance: Seance) -> Resultat:
    exercice = tous().get(identifiant) if isinstance(identifiant, str) else None
    if exercice is None:
        return _inconnu(identifiant)
    ident = exercice.identifiant

    if reponse is Ellipsis:
        return Resultat(
            ident,
            "non-fait",
            "Remplacez les trois points `...` après `reponse =` par votre calcul, puis exécutez la cellule.",
            code="non-fait",
        )
    if est_fonction_a_calculer(reponse):
        try:
            reponse = reponse()
        except Exception as erreur:
            return Resultat(ident, "erreur", expliquer_erreur(erreur), code=f"erreur:{type(erreur).__name__}")
        if reponse is Ellipsis:
            return _juger(identifiant, reponse, seance)
    if isinstance(reponse, BaseException):
        return Resultat(ident, "erreur", expliquer_erreur(reponse), code=f"erreur:{type(reponse).__name__}")
    if est_methode_non_appelee(reponse):
        return Resultat(
            ident,
            "faux",
            "Votre réponse est une méthode qui n'a pas été appelée : il manque les parenthèses, "
            "par exemple `.sum()` et non `.sum`.",
            code="forme:methode",
        )
    if reponse is None:
        return Resultat(
            ident,
            "faux",
            "Votre réponse vaut None (rien). Souvent, c'est qu'on a écrit `print(...)` au lieu du "
            "calcul lui-même, ou utilisé une méthode avec `inplace=True`, qui modifie le tableau "
            "sans rien renvoyer.",
            code="forme:none",
        )

    try:
        attendu = _attendu(exercice)
    except Exception as erreur:
        return Resultat(
            ident,
            "indisponible",
            "Je n'arrive pas à charger les données de cet exercice, la vérification est "
            f"impossible pour l'instant. ({_premiere_ligne(erreur)})",
            code="donnees",
        )

    ecart = exercice.forme.comparer(reponse, attendu)
    if ecart is None:
        return Resultat(ident, "reussi", exercice.bravo, code="bravo")
    if not isinstance(reponse, TropGrand):
        for piege in exercice.pieges:
            if _reconnait(exercice, piege, reponse, attendu):
                return _indice(seance, ident, f"piege:{piege.code}", piege.indices)
    if ecart.code != "general" and ecart.message:
        return Resultat(ident, "faux", ecart.message, code=ecart.code)
    return _indice(seance, ident, "general", exercice.indices)


def _attendu(exercice: Exercice):
    if exercice.identifiant not in _attendus:
        _attendus[exercice.identifiant] = exercice.attendu()
    return _attendus[exercice.identifiant]


def preparer(identifiants) -> None:
    """Compute the expected answers (and trap values) of these exercises now, once: the teacher's
    check does it before running the first copy, so that a data problem shows up at once."""
    for ident in identifiants:
        exercice = tous().get(ident)
        if exercice is not None:
            _attendu(exercice)


def _reconnait(exercice: Exercice, piege: Piege, reponse, attendu) -> bool:
    try:
        if piege.test is not None and bool(piege.test(reponse, attendu)):
            return True
        if piege.valeur is not None:
            cle = (exercice.identifiant, piege.code)
            if cle not in _valeurs_pieges:
                _valeurs_pieges[cle] = piege.valeur(attendu)
            return exercice.forme.egal(reponse, _valeurs_pieges[cle])
    except Exception:
        return False
    return False


def _indice(seance: Seance, ident: str, code: str, indices: tuple[str, ...]) -> Resultat:
    """The next hint of a graduated list for this (exercise, mistake); the last one repeats, and
    then says how to see a solution (only if asked)."""
    seance.demandes[(ident, code)] += 1
    fois = seance.demandes[(ident, code)]
    niveau = min(fois, len(indices))
    details = ()
    if fois > len(indices):
        details = (
            "Toujours bloqué·e ? Une solution s'affiche si vous la demandez : "
            f'`from phare.verifier import solution`, puis `solution("{ident}")`. '
            "Ce sera noté dans votre progression.",
        )
    return Resultat(
        ident, "faux", indices[niveau - 1], code=code, niveau=niveau, niveaux=len(indices), details=details
    )


def _inconnu(identifiant) -> Resultat:
    nom = str(identifiant)[:80] if isinstance(identifiant, str) else "?"
    connus = list(tous())
    proches = difflib.get_close_matches(nom, connus, n=1) if isinstance(identifiant, str) else []
    message = f"Je ne connais pas l'exercice « {nom} »."
    if proches:
        message += f" Vouliez-vous dire « {proches[0]} » ?"
    message += " Recopiez l'identifiant donné dans l'énoncé, entre guillemets."
    return Resultat(nom, "inconnu", message, code="inconnu")


_ERREURS = {
    "NameError": "Un nom n'est pas défini. Avez-vous exécuté les cellules du dessus (celle qui charge "
    "les données, par exemple) ? Vérifiez aussi l'orthographe, majuscules comprises.",
    "KeyError": "Une colonne ou une clé n'existe pas. Vérifiez le nom exact de la colonne "
    "(accents, majuscules, tirets) : `tableau.columns` les affiche toutes.",
    "AttributeError": "Cet objet n'a pas la méthode ou l'attribut demandé. Vérifiez l'orthographe, "
    "et que vous travaillez bien sur le tableau (et non sur un nombre ou un texte).",
    "TypeError": "Une opération a reçu une valeur du mauvais type, par exemple un texte là où on attend "
    "un nombre, ou une fonction appelée avec de mauvais arguments.",
    "ValueError": "Une opération a reçu une valeur qu'elle ne sait pas traiter. Relisez les arguments "
    "de la fonction utilisée.",
    "ZeroDivisionError": "Le calcul divise par zéro : le total ou le nombre de lignes est-il vide "
    "après votre filtre ?",
    "IndexError": "Vous demandez une position qui n'existe pas (par exemple la 10e ligne d'un tableau "
    "qui en a moins).",
}


def expliquer_erreur(erreur: BaseException) -> str:
    """A French explanation of an error raised while computing an answer (never a traceback)."""
    nom = nom_de_type(type(erreur).__name__)
    explication = _ERREURS.get(nom)
    if explication is None:
        for base in type(erreur).__mro__:
            if base.__name__ in _ERREURS:
                explication = _ERREURS[base.__name__]
                break
    if explication is None:
        explication = "Relisez la dernière étape de votre calcul."
    return f"Python a signalé une erreur ({nom}). {explication}"


def _premiere_ligne(erreur: BaseException) -> str:
    try:
        texte = str(erreur).strip().splitlines()
    except Exception:
        texte = []
    return texte[0][:200] if texte else type(erreur).__name__


def oublier_indices() -> None:
    """Start the graduated hints again from the first one (tests use it)."""
    _seance.demandes.clear()
