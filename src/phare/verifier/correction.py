"""The teacher's side: check a class's exercise notebooks, each in its own sandbox; judge here.

For each notebook (« copie »):
1. read it (invalid JSON, or not a notebook -> its own line in the report, the batch goes on);
2. check it belongs to the expected exercise set: the notebook metadata `phare.carnet`;
3. read its code for what deserves a look (« à examiner », inspection.py);
4. run its code cells in a sandbox (bac_a_sable.py): the pupil's process only hands back the answers
   given to `verifier`, serialised without pickle;
5. judge those answers here, in the trusted process, with the catalogue the sandbox never sees
   (moteur.juger, one hint memory per copy); read what went wrong from the sandbox's facts.
Nothing here trusts the notebook: any failure becomes a French line of the report, on that copy's
line only; what a copy sends can only stand for its own answers.

`verifier_classe` runs a whole class, N copies at a time, and stops cleanly when asked (Ctrl-C):
every running copy is killed, the copies not yet checked are marked « non vérifiée ».
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .bac_a_sable import Classe, Execution, Limites, taille_lisible
from .exercices import carnets
from .inspection import examiner
from .moteur import Seance, juger, preparer
from .reponse import nom_de_type
from .serialisation import ReleveInvalide, decoder

TAILLE_CODE_MAX = 10 * 1024 * 1024  # characters of code in one notebook
REPONSES_MAX = 1000  # answers judged per copy (a loop calling `verifier` is not a class exercise)

# The state of a copy, from the most to the least serious; the report shows the first that applies.
ETATS = {
    "non-verifiee": "non vérifiée (vérification interrompue)",
    "json-invalide": "fichier illisible (JSON invalide)",
    "pas-un-notebook": "ce n'est pas un notebook Jupyter valide",
    "sans-carnet": "ce notebook n'est pas une copie d'exercices Phare",
    "autre-carnet": "copie d'une autre série d'exercices",
    "trop-gros": "notebook trop volumineux",
    "sans-bac-a-sable": "la copie n'a pas pu être lancée",
    "memoire": "mémoire dépassée ({memoire})",
    "delai-depasse": "temps limite dépassé",
    "temps-calcul": "temps de calcul dépassé",
    "ecriture-hors-dossier": "a tenté d'écrire hors de son dossier",
    "action-interdite": "action interdite refusée",
    "espace-plein": "espace de travail plein ({espace})",
    "processus-restants": "processus encore actifs arrêtés",
    "canal-sature": "trop de données renvoyées",
    "erreur-cellule": "une cellule a provoqué une erreur",
    "plantage": "l'exécution s'est arrêtée anormalement",
    "ok": "exécutée sans problème",
}
LIBELLES = {
    "reussi": "réussi",
    "faux": "à revoir",
    "erreur": "erreur",
    "non-fait": "non fait",
    "indisponible": "vérification impossible",
    "non-verifie": "non vérifié",
}
_NON_EXECUTEES = ("json-invalide", "pas-un-notebook", "sans-carnet", "autre-carnet", "trop-gros")
_SIGNAUX = {9: "SIGKILL", 6: "SIGABRT", 11: "SIGSEGV", 24: "SIGXCPU", 25: "SIGXFSZ", 15: "SIGTERM"}


@dataclass
class Copie:
    """The outcome for one notebook: its state, its problems (French lines), each exercise's status."""

    fichier: Path
    carnet: str | None = None
    etats: list[str] = field(default_factory=list)
    problemes: list[str] = field(default_factory=list)
    exercices: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (statut, message)
    cellules_en_erreur: dict[int, str] = field(default_factory=dict)  # code cell number -> error type
    a_examiner: list[str] = field(default_factory=list)
    solutions: list[str] = field(default_factory=list)  # exercises whose solution was asked for
    duree: float = 0.0
    isolee: bool = True
    limites: Limites = field(default_factory=Limites)

    @property
    def etat(self) -> str:
        for etat in ETATS:
            if etat in self.etats:
                return etat
        return "ok"

    @property
    def libelle(self) -> str:
        """The state in French words, with the limit it is about (« mémoire dépassée (1 Go) »)."""
        return ETATS[self.etat].format(
            memoire=taille_lisible(self.limites.memoire), espace=taille_lisible(self.limites.espace)
        )

    @property
    def examinee(self) -> bool:
        """The notebook was run (even if something went wrong while running it)."""
        return self.etat not in (*_NON_EXECUTEES, "non-verifiee", "sans-bac-a-sable")

    @property
    def reussis(self) -> int:
        return sum(statut == "reussi" for statut, _ in self.exercices.values())

    def signaler(self, etat: str, probleme: str) -> None:
        if etat not in self.etats:
            self.etats.append(etat)
        if probleme not in self.problemes:
            self.problemes.append(probleme)


def structurel(carnet: str | None) -> bool:
    """The exercises of this notebook are structural checks of an open answer (an investigation):
    the report then says they are never a grade of the reasoning."""
    from .structure import Structurelle

    exercices = carnets().get(carnet or "", [])
    return bool(exercices) and all(isinstance(e.forme, Structurelle) for e in exercices)


def lire_carnet(fichier: Path) -> tuple[dict | None, str | None, Copie]:
    """Parse a notebook file; on failure the returned Copie says why."""
    copie = Copie(fichier)
    try:
        texte = fichier.read_text(encoding="utf-8")
        contenu = json.loads(texte)
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as erreur:
        copie.signaler(
            "json-invalide",
            f"Le fichier n'est pas du JSON valide ({type(erreur).__name__}) : "
            "il a sans doute été abîmé ou mal enregistré.",
        )
        return None, None, copie
    if (
        not isinstance(contenu, dict)
        or not isinstance(contenu.get("cells"), list)
        or not isinstance(contenu.get("metadata", {}), dict)
    ):
        copie.signaler(
            "pas-un-notebook",
            "Le fichier est du JSON, mais pas un notebook Jupyter (pas de liste de cellules).",
        )
        return None, None, copie
    phare = contenu.get("metadata", {}).get("phare", {})
    carnet = phare.get("carnet") if isinstance(phare, dict) else None
    copie.carnet = carnet if isinstance(carnet, str) and carnet in carnets() else None
    return contenu, carnet if isinstance(carnet, str) else None, copie


def sources_code(contenu: dict) -> list[str]:
    sources = []
    for cellule in contenu["cells"]:
        if isinstance(cellule, dict) and cellule.get("cell_type") == "code":
            source = cellule.get("source", "")
            if isinstance(source, list):
                source = "".join(s for s in source if isinstance(s, str))
            sources.append(source if isinstance(source, str) else "")
    return sources


_SOLUTION_AFFICHEE = re.compile(r'class=\\?"phare-solution\\?" data-exercice=\\?"([a-z0-9-]{1,80})\\?"')


def solutions_affichees(contenu: dict) -> set[str]:
    """The exercises whose solution is displayed in the notebook's saved outputs."""
    trouvees = set()
    for cellule in contenu.get("cells", []):
        if isinstance(cellule, dict) and isinstance(cellule.get("outputs"), list):
            try:
                texte = json.dumps(cellule["outputs"], ensure_ascii=False)
            except (TypeError, ValueError, RecursionError):
                continue
            trouvees.update(_SOLUTION_AFFICHEE.findall(texte))
    return trouvees


@dataclass
class Lecture:
    """What the parent read of a notebook before any copy ran: a copy that could reach a classmate's
    file (only without the sandbox) would not change what is checked."""

    fichier: Path
    copie: Copie
    carnet: str | None = None
    sources: list[str] | None = None  # None: not a notebook, nothing to run
    vues: set[str] = field(default_factory=set)  # solutions displayed in the saved outputs


def lire(fichier: Path) -> Lecture:
    contenu, carnet, copie = lire_carnet(fichier)
    if contenu is None:
        return Lecture(fichier, copie)
    return Lecture(fichier, copie, carnet, sources_code(contenu), solutions_affichees(contenu))


def corriger(
    fichier: Path | Lecture,
    classe: Classe,
    carnet_attendu: str | None = None,
    arret: threading.Event | None = None,
) -> Copie:
    """Check one notebook. Never raises for a bad notebook: problems go into the Copie."""
    debut = time.monotonic()
    lecture = fichier if isinstance(fichier, Lecture) else lire(fichier)
    copie, carnet, sources = lecture.copie, lecture.carnet, lecture.sources
    copie.isolee, copie.limites = classe.isolee, classe.limites
    if sources is None:
        return copie
    series = carnets()
    if carnet not in series:
        copie.signaler(
            "sans-carnet",
            "Ce notebook n'indique pas de série d'exercices Phare connue "
            "(métadonnée « phare.carnet ») : ce n'est pas une copie d'un carnet d'exercices.",
        )
        return copie
    if carnet_attendu and carnet != carnet_attendu:
        copie.signaler(
            "autre-carnet",
            f"Cette copie est celle du carnet « {carnet} », alors que la classe travaille "
            f"sur « {carnet_attendu} » : elle n'a pas été exécutée.",
        )
        return copie
    identifiants = [exercice.identifiant for exercice in series[carnet]]
    if sum(len(s) for s in sources) > TAILLE_CODE_MAX:
        copie.signaler(
            "trop-gros",
            f"Le code de ce notebook dépasse {TAILLE_CODE_MAX // (1024 * 1024)} millions de caractères : "
            "il n'a pas été exécuté.",
        )
        return copie
    copie.a_examiner = [str(s) for s in examiner(sources)]
    if arret is not None and arret.is_set():
        return _non_verifiee(copie, identifiants)
    execution = classe.executer(sources, arret)
    lire_execution(execution, copie, identifiants, sources)
    copie.solutions = [i for i in identifiants if i in lecture.vues or i in copie.solutions]
    copie.duree = time.monotonic() - debut
    return copie


def _non_verifiee(copie: Copie, identifiants: list[str]) -> Copie:
    copie.signaler("non-verifiee", "La vérification a été interrompue avant cette copie.")
    copie.exercices = {i: ("non-verifie", "") for i in identifiants}
    return copie


# The keys of each event the runner and `verifier` send (execution.py, releve.py): a line of another
# shape was written on the channel by the copy itself.
_EVENEMENTS = {
    "pret": {"e"},
    "debut": {"e", "cellule"},
    "fin": {"e", "cellule"},
    "erreur": {"e", "cellule", "type", "genre"},
    "interdit": {"e", "action", "chemin"},
    "reponse": {"e", "id", "valeur"},
    "solution": {"e", "id"},
    "restants": {"e", "n", "noms"},
    "termine": {"e"},
    "illisible": {"e"},
}


def _lignes_forgees(evenements: list[dict]) -> int:
    forgees = 0
    for rang, evenement in enumerate(evenements):
        cles = _EVENEMENTS.get(evenement.get("e"))
        if cles is None or set(evenement) != cles:
            forgees += 1
        elif evenement["e"] == "termine" and rang != len(evenements) - 1:
            forgees += 1
        elif evenement["e"] == "pret" and rang != 0:
            forgees += 1
    return forgees


def lire_execution(execution: Execution, copie: Copie, identifiants: list[str], sources: list[str]) -> None:
    """Turn what the sandbox saw and what the copy sent into the copy's line (verdicts judged here)."""
    limites = copie.limites
    if execution.arret == "interruption":
        copie.signaler("non-verifiee", "La vérification a été interrompue pendant cette copie.")
        copie.exercices = {i: ("non-verifie", "") for i in identifiants}
        return
    if not execution.demarree and execution.arret != "demarrage":
        detail = f" ({propre(execution.diagnostic)})" if execution.diagnostic else ""
        ou = " dans son bac à sable" if copie.isolee else ""
        copie.signaler("sans-bac-a-sable", f"La copie n'a pas pu être lancée{ou}{detail}.")
    derniere, termine, restants_dits = None, False, 0
    reponses: list[tuple[str, object]] = []
    for evenement in execution.evenements:
        genre = evenement.get("e")
        cellule = evenement.get("cellule")
        if genre == "debut" and isinstance(cellule, int):
            derniere = cellule
        elif genre == "fin":
            derniere = None
        elif genre == "erreur" and isinstance(cellule, int):
            derniere = None
            _erreur(copie, cellule, evenement)
        elif genre == "interdit":
            _interdit(copie, evenement)
        elif genre == "reponse" and evenement.get("id") in identifiants:
            if len(reponses) < REPONSES_MAX:
                reponses.append((evenement["id"], evenement.get("valeur")))
        elif genre == "solution" and evenement.get("id") in identifiants:
            if evenement["id"] not in copie.solutions:
                copie.solutions.append(evenement["id"])
        elif genre == "restants" and isinstance(evenement.get("n"), int):
            restants_dits = max(restants_dits, min(evenement["n"], 10_000))
        elif genre == "termine":
            termine = True
    restants = max(restants_dits, execution.restants)
    if restants:
        copie.signaler(
            "processus-restants",
            f"La copie avait lancé {restants} processus encore actifs à la fin : ils ont été arrêtés."
            if restants > 1
            else "La copie avait lancé un processus encore actif à la fin : il a été arrêté.",
        )
    if execution.canal_sature:
        copie.signaler(
            "canal-sature", "La copie a renvoyé trop de données : ce qui dépassait la limite a été ignoré."
        )
    if execution.arret == "delai":
        ou = f" pendant la cellule de code n° {derniere}" if derniere else ""
        copie.signaler(
            "delai-depasse",
            f"Temps limite de {limites.delai:g} s dépassé{ou} (une boucle sans fin ?) : "
            "l'exécution a été arrêtée.",
        )
    elif execution.arret == "demarrage":
        copie.signaler("plantage", "Python n'a pas démarré à temps : la machine est-elle surchargée ?")
    elif execution.arret == "espace":
        copie.signaler(
            "espace-plein",
            f"La copie a écrit plus de {taille_lisible(limites.espace)} de fichiers : elle a été arrêtée.",
        )
    elif execution.code is not None and execution.demarree and (execution.code != 0 or not termine):
        _fin_anormale(copie, execution.code, derniere)
    illisibles = _juger(copie, identifiants, sources, reponses)
    forgees = _lignes_forgees(execution.evenements) + illisibles
    if forgees:
        copie.a_examiner.insert(
            0,
            f"le canal des réponses contient {forgees} ligne(s) qui ne viennent pas de verifier() : "
            "la copie y a écrit elle-même (elles ne valent que comme réponses de cette copie)",
        )


def _erreur(copie: Copie, cellule: int, evenement: dict) -> None:
    type_ = nom_de_type(evenement.get("type"))
    copie.cellules_en_erreur[cellule] = type_
    genre = evenement.get("genre")
    if genre == "memoire":
        copie.signaler(
            "memoire",
            f"La cellule de code n° {cellule} a demandé plus de mémoire que la limite "
            f"({taille_lisible(copie.limites.memoire)}) : elle a été arrêtée.",
        )
    elif genre == "lecture-seule":
        copie.signaler(
            "ecriture-hors-dossier",
            f"La cellule de code n° {cellule} a tenté d'écrire hors de son dossier (refusé).",
        )
    elif genre == "espace":
        copie.signaler(
            "espace-plein",
            f"La cellule de code n° {cellule} a rempli son dossier de travail "
            f"({taille_lisible(copie.limites.espace)}).",
        )
    elif genre == "fichier-trop-gros":
        copie.signaler(
            "espace-plein",
            f"La cellule de code n° {cellule} a écrit un fichier de plus de "
            f"{taille_lisible(copie.limites.fichier)} (refusé).",
        )
    elif genre != "interdit":
        copie.signaler("erreur-cellule", f"La cellule de code n° {cellule} a provoqué une erreur ({type_}).")


_ECRITURES = (
    "écrire un fichier hors du dossier de la copie",
    "modifier un fichier hors du dossier de la copie",
)
_ACTIONS = {
    "lancer un programme",
    "lancer une commande système",
    "dupliquer le processus",
    "ouvrir une connexion réseau",
    "envoyer des données sur le réseau",
    "envoyer un signal à un processus",
    "envoyer un signal à un groupe de processus",
}


def _interdit(copie: Copie, evenement: dict) -> None:
    action = evenement.get("action")
    chemin = propre(evenement.get("chemin") or "")[:120]
    lieu = f" ({chemin})" if chemin else ""
    if action in _ECRITURES:
        copie.signaler("ecriture-hors-dossier", f"A tenté d'écrire hors de son dossier{lieu} : refusé.")
    elif action in _ACTIONS:
        copie.signaler("action-interdite", f"Action refusée : {action}.")


def _fin_anormale(copie: Copie, code: int, derniere: int | None) -> None:
    ou = f" pendant la cellule de code n° {derniere}" if derniere else ""
    if code >= 128 and code - 128 == 24:  # SIGXCPU: the CPU time limit
        copie.signaler("temps-calcul", f"Temps de calcul dépassé{ou} : l'exécution a été arrêtée.")
    elif code >= 128:
        signal = _SIGNAUX.get(code - 128, f"signal {code - 128}")
        copie.signaler("plantage", f"L'exécution s'est arrêtée anormalement{ou} ({signal}).")
    elif code == 0:
        copie.signaler("plantage", f"La copie a quitté Python avant la fin{ou}.")
    else:
        copie.signaler("plantage", f"L'exécution s'est arrêtée anormalement{ou} (code de sortie {code}).")


def _juger(copie: Copie, identifiants: list[str], sources: list[str], reponses: list) -> int:
    """The last answer to each exercise counts, judged here; an exercise never checked is « non
    fait », or « erreur » when the cell that should have checked it raised before the check.
    Returns how many answers could not be read (`verifier` never sends those)."""
    seance, derniers, illisibles = Seance(), {}, 0
    for ident, valeur in reponses:
        try:
            reponse = decoder(valeur)
        except (ReleveInvalide, RecursionError):
            derniers[ident] = ("faux", "Cette réponse n'a pas pu être relevée : ce n'est pas une donnée.")
            illisibles += 1
            continue
        resultat = juger(ident, reponse, seance)
        statut = resultat.statut if resultat.statut in LIBELLES else "indisponible"
        derniers[ident] = (statut, resultat.message[:500])
    for numero, type_erreur in copie.cellules_en_erreur.items():
        source = sources[numero - 1] if 0 < numero <= len(sources) else ""
        for ident in identifiants:
            if ident not in derniers and f'"{ident}"' in source and "verifier(" in source:
                derniers[ident] = (
                    "erreur",
                    f"la cellule de code n° {numero} a provoqué une erreur ({type_erreur})",
                )
    for ident in identifiants:
        copie.exercices[ident] = derniers.get(ident, ("non-fait", ""))
    return illisibles


_CONTROLES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


_BLANCS = re.compile(r"[^\S\u00a0\u202f]+")  # any run of white space but the French no-break spaces


def propre(texte: object) -> str:
    """A pupil-influenced text made harmless for a report: no control characters, one line."""
    return _BLANCS.sub(" ", _CONTROLES.sub("", str(texte))).strip()


def corriger_sans_echec(
    fichier: Path | Lecture,
    classe: Classe,
    carnet_attendu: str | None = None,
    arret: threading.Event | None = None,
) -> Copie:
    """`corriger`, with a last safety net: whatever happens, the batch goes on with a line for this copy."""
    try:
        return corriger(fichier, classe, carnet_attendu, arret)
    except Exception as erreur:  # e.g. no space left for the temporary folder
        chemin = fichier.fichier if isinstance(fichier, Lecture) else fichier
        copie = Copie(chemin, isolee=classe.isolee, limites=classe.limites)
        copie.signaler(
            "plantage",
            f"La vérification de cette copie a échoué ({type(erreur).__name__} : {propre(erreur)[:200]}).",
        )
        return copie


def verifier_classe(
    copies: list[Path],
    classe: Classe,
    carnet: str | None,
    parallele: int = 2,
    arret: threading.Event | None = None,
    au_fil: Callable[[Copie, int, int], None] | None = None,
) -> list[Copie]:
    """Check every copy, `parallele` at a time, in the order given. When `arret` is set, running
    copies are killed and the others come back « non vérifiée ». `au_fil(copie, n, total)` is
    called as each copy ends (progress)."""
    arret = arret or threading.Event()
    identifiants = [e.identifiant for e in carnets().get(carnet, [])] if carnet else []
    if carnet:
        preparer(identifiants)
    lectures = [lire(fichier) for fichier in copies]  # every notebook read before any copy runs
    resultats: dict[int, Copie] = {}
    suivant = iter(enumerate(lectures))
    verrou = threading.Lock()

    def travailler() -> None:
        while not arret.is_set():
            with verrou:
                try:
                    rang, fichier = next(suivant)
                except StopIteration:
                    return
            copie = corriger_sans_echec(fichier, classe, carnet, arret)
            with verrou:
                resultats[rang] = copie
                fait = len(resultats)
            if au_fil is not None:
                try:
                    au_fil(copie, fait, len(copies))
                except Exception:
                    pass

    fils = [threading.Thread(target=travailler, daemon=True) for _ in range(max(1, parallele))]
    for fil in fils:
        fil.start()
    while any(fil.is_alive() for fil in fils):
        for fil in fils:
            fil.join(0.2)  # short waits: the main thread stays free to receive Ctrl-C
        if arret.is_set():
            classe.arreter_tout()
    for rang, lecture in enumerate(lectures):
        if rang not in resultats:
            copie = lecture.copie
            copie.isolee, copie.limites = classe.isolee, classe.limites
            ids = [e.identifiant for e in carnets().get(lecture.carnet or carnet, [])]
            resultats[rang] = _non_verifiee(copie, ids)
    return [resultats[rang] for rang in range(len(copies))]


def trouver_copies(chemin: Path) -> list[Path]:
    """The notebooks to check: the file itself, or the folder's *.ipynb (checkpoints excluded)."""
    if chemin.is_file():
        return [chemin]
    return sorted(p for p in chemin.glob("*.ipynb") if p.is_file())


def carnet_majoritaire(copies: list[Path]) -> str | None:
    """The exercise set of most notebooks of a folder (the class's set), read from their metadata."""
    compte = Counter()
    for fichier in copies:
        _, carnet, _ = lire_carnet(fichier)
        if carnet in carnets():
            compte[carnet] += 1
    return compte.most_common(1)[0][0] if compte else None
