"""The teacher's side: check completed exercise notebooks, one separate process each, with a time limit.

For each notebook (« copie »):
1. read it (invalid JSON, or not a notebook -> its own line in the report, the batch goes on);
2. check it belongs to the expected exercise set: the notebook metadata `phare.carnet`;
3. run its code cells in a fresh temporary folder, in another process (execution.py), with a time
   limit for the whole notebook, under a guard that refuses writes outside that folder;
4. read what the checks reported, and what went wrong (a cell raising, the time limit, a refused write).
Nothing here trusts the notebook: any failure becomes a French line of the report.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .exercices import carnets
from .progression import VARIABLE, VARIABLE_RESULTATS

DELAI_PAR_DEFAUT = 60.0  # seconds for a whole notebook's cells
# Starting Python, pandas and IPython is not the student's time: it is counted apart, with its own
# generous limit, so that a busy machine (a whole class checked at once) does not fail good copies.
DEMARRAGE_MAX = 120.0

# The state of a copy, from the most to the least serious; the report shows the first that applies.
ETATS = {
    "json-invalide": "fichier illisible (JSON invalide)",
    "pas-un-notebook": "ce n'est pas un notebook Jupyter valide",
    "sans-carnet": "ce notebook n'est pas une copie d'exercices Phare",
    "autre-carnet": "copie d'une autre série d'exercices",
    "delai-depasse": "temps limite dépassé",
    "action-interdite": "action interdite refusée",
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
}


@dataclass
class Copie:
    """The outcome for one notebook: its state, its problems (French lines), each exercise's status."""

    fichier: Path
    carnet: str | None = None
    etats: list[str] = field(default_factory=list)
    problemes: list[str] = field(default_factory=list)
    exercices: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> (statut, message)
    cellules_en_erreur: dict[int, str] = field(default_factory=dict)  # code cell number -> error type
    duree: float = 0.0

    @property
    def etat(self) -> str:
        for etat in ETATS:
            if etat in self.etats:
                return etat
        return "ok"

    @property
    def examinee(self) -> bool:
        """The notebook was run (even if something went wrong while running it)."""
        return self.etat not in ("json-invalide", "pas-un-notebook", "sans-carnet", "autre-carnet")

    @property
    def reussis(self) -> int:
        return sum(statut == "reussi" for statut, _ in self.exercices.values())


def lire_carnet(fichier: Path) -> tuple[dict | None, str | None, Copie]:
    """Parse a notebook file; on failure the returned Copie says why."""
    copie = Copie(fichier)
    try:
        texte = fichier.read_text(encoding="utf-8")
        contenu = json.loads(texte)
    except (OSError, UnicodeDecodeError, ValueError) as erreur:
        copie.etats.append("json-invalide")
        copie.problemes.append(
            f"Le fichier n'est pas du JSON valide ({type(erreur).__name__}) : "
            "il a sans doute été abîmé ou mal enregistré."
        )
        return None, None, copie
    if (
        not isinstance(contenu, dict)
        or not isinstance(contenu.get("cells"), list)
        or not isinstance(contenu.get("metadata", {}), dict)
    ):
        copie.etats.append("pas-un-notebook")
        copie.problemes.append(
            "Le fichier est du JSON, mais pas un notebook Jupyter (pas de liste de cellules)."
        )
        return None, None, copie
    phare = contenu.get("metadata", {}).get("phare", {})
    carnet = phare.get("carnet") if isinstance(phare, dict) else None
    copie.carnet = carnet if isinstance(carnet, str) else None
    return contenu, copie.carnet, copie


def sources_code(contenu: dict) -> list[str]:
    sources = []
    for cellule in contenu["cells"]:
        if isinstance(cellule, dict) and cellule.get("cell_type") == "code":
            source = cellule.get("source", "")
            sources.append("".join(source) if isinstance(source, list) else str(source))
    return sources


def corriger(fichier: Path, carnet_attendu: str | None = None, delai: float = DELAI_PAR_DEFAUT) -> Copie:
    """Check one notebook. Never raises for a bad notebook: problems go into the Copie."""
    debut = time.monotonic()
    contenu, carnet, copie = lire_carnet(fichier)
    if contenu is None:
        return copie
    series = carnets()
    if carnet not in series:
        copie.etats.append("sans-carnet")
        copie.problemes.append(
            "Ce notebook n'indique pas de série d'exercices Phare connue "
            "(métadonnée « phare.carnet ») : ce n'est pas une copie d'un carnet d'exercices."
        )
        return copie
    if carnet_attendu and carnet != carnet_attendu:
        copie.etats.append("autre-carnet")
        copie.problemes.append(
            f"Cette copie est celle du carnet « {carnet} », alors que la classe travaille "
            f"sur « {carnet_attendu} » : elle n'a pas été exécutée."
        )
        return copie
    identifiants = [exercice.identifiant for exercice in series[carnet]]
    with tempfile.TemporaryDirectory(prefix="phare-copie-") as dossier:
        sources = sources_code(contenu)
        _executer(Path(dossier), sources, delai, copie)
        _lire_resultats(Path(dossier), identifiants, sources, copie)
    copie.duree = time.monotonic() - debut
    return copie


def corriger_sans_echec(
    fichier: Path, carnet_attendu: str | None = None, delai: float = DELAI_PAR_DEFAUT
) -> Copie:
    """`corriger`, with a last safety net: whatever happens, the batch goes on with a line for this copy."""
    try:
        return corriger(fichier, carnet_attendu, delai)
    except Exception as erreur:  # e.g. no space left for the temporary folder
        copie = Copie(fichier)
        copie.etats.append("plantage")
        copie.problemes.append(
            f"La vérification de cette copie a échoué ({type(erreur).__name__} : {erreur})."
        )
        return copie


def _environnement(dossier: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            VARIABLE_RESULTATS: str(dossier / "resultats.jsonl"),
            VARIABLE: str(dossier / "progression.json"),  # never the teacher's own progress file
            "HOME": str(dossier),
            "TMPDIR": str(dossier),
            "IPYTHONDIR": str(dossier / ".ipython"),
            "MPLCONFIGDIR": str(dossier / ".matplotlib"),
            "MPLBACKEND": "Agg",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONIOENCODING": "utf-8",
        }
    )
    return env


def _executer(dossier: Path, sources: list[str], delai: float, copie: Copie) -> None:
    (dossier / "cellules.json").write_text(json.dumps(sources, ensure_ascii=False), encoding="utf-8")
    (dossier / "resultats.jsonl").touch()
    with open(dossier / "sortie.txt", "wb") as sortie:
        processus = subprocess.Popen(
            [sys.executable, "-m", "phare.verifier.execution", str(dossier)],
            cwd=dossier,
            env=_environnement(dossier),
            stdin=subprocess.DEVNULL,
            stdout=sortie,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        code, demarre = _attendre(processus, dossier / "journal.jsonl", delai)
    evenements = _lire_journal(dossier / "journal.jsonl")
    if code is None and not demarre:
        copie.etats.append("plantage")
        copie.problemes.append(
            f"Python n'a pas démarré en {DEMARRAGE_MAX:g} s : la machine est-elle surchargée ?"
        )
        return
    derniere = None
    for evenement in evenements:
        genre = evenement.get("evenement")
        if genre == "debut":
            derniere = evenement.get("cellule")
        elif genre in ("fin", "erreur"):
            derniere = None
        if genre == "erreur":
            copie.cellules_en_erreur[evenement.get("cellule")] = str(evenement.get("type", "?"))
        if genre == "erreur" and not evenement.get("interdit"):
            copie.etats.append("erreur-cellule")
            copie.problemes.append(
                f"La cellule de code n° {evenement.get('cellule')} a provoqué une erreur "
                f"({evenement.get('type', '?')})."
            )
        elif genre == "interdit":
            copie.etats.append("action-interdite")
            chemin = f" ({evenement.get('chemin')})" if evenement.get("chemin") else ""
            copie.problemes.append(f"Action refusée : {evenement.get('action')}{chemin}.")
    if code is None:
        copie.etats.append("delai-depasse")
        ou = f" pendant la cellule de code n° {derniere}" if derniere else ""
        copie.problemes.append(
            f"Temps limite de {delai:g} s dépassé{ou} (une boucle sans fin ?) : l'exécution a été arrêtée."
        )
    elif code != 0 or not any(e.get("evenement") == "termine" for e in evenements):
        copie.etats.append("plantage")
        copie.problemes.append(f"L'exécution s'est arrêtée anormalement (code de sortie {code}).")


def _attendre(processus: subprocess.Popen, journal: Path, delai: float) -> tuple[int | None, bool]:
    """Wait for the copy's process: (exit code or None if stopped, whether its cells had started).

    The time limit counts from the moment the process is ready to run the cells (« pret » in the
    journal), so that the start-up of Python on a loaded machine is not held against the copy.
    """
    debut = time.monotonic()
    pret_depuis = None
    while True:
        try:
            return processus.wait(timeout=0.2), True
        except subprocess.TimeoutExpired:
            pass
        maintenant = time.monotonic()
        if pret_depuis is None and _est_pret(journal):
            pret_depuis = maintenant
        if (pret_depuis is not None and maintenant - pret_depuis > delai) or (
            pret_depuis is None and maintenant - debut > DEMARRAGE_MAX
        ):
            _arreter(processus)
            return None, pret_depuis is not None


def _est_pret(journal: Path) -> bool:
    try:
        with open(journal, encoding="utf-8", errors="replace") as f:
            return '"pret"' in f.readline()
    except OSError:
        return False


def _arreter(processus: subprocess.Popen) -> None:
    """Stop the notebook's process and everything it started (its own process group)."""
    try:
        if hasattr(os, "killpg"):  # POSIX: the process was started in its own session
            os.killpg(processus.pid, signal.SIGKILL)
        else:  # Windows: no process groups here, stop the process itself
            processus.kill()
    except OSError:
        processus.kill()
    processus.wait()


def _lire_journal(fichier: Path) -> list[dict]:
    evenements = []
    try:
        lignes = fichier.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    for ligne in lignes:
        try:
            evenement = json.loads(ligne)
        except ValueError:
            continue
        if isinstance(evenement, dict):
            evenements.append(evenement)
    return evenements


def _lire_resultats(dossier: Path, identifiants: list[str], sources: list[str], copie: Copie) -> None:
    """The last check of each exercise counts; an exercise never checked is « non fait », or
    « erreur » when the cell that should have checked it raised before reaching the check."""
    derniers: dict[str, tuple[str, str]] = {}
    for resultat in _lire_journal(dossier / "resultats.jsonl"):
        ident = resultat.get("identifiant")
        if ident in identifiants and resultat.get("statut") in LIBELLES:
            derniers[ident] = (str(resultat["statut"]), str(resultat.get("message", ""))[:500])
    for numero, type_erreur in copie.cellules_en_erreur.items():
        source = sources[numero - 1] if isinstance(numero, int) and 0 < numero <= len(sources) else ""
        for ident in identifiants:
            if ident not in derniers and f'"{ident}"' in source and "verifier(" in source:
                derniers[ident] = (
                    "erreur",
                    f"la cellule de code n° {numero} a provoqué une erreur ({type_erreur})",
                )
    for ident in identifiants:
        copie.exercices[ident] = derniers.get(ident, ("non-fait", ""))


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
