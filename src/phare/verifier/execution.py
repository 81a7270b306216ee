"""Run the code cells of one student notebook, in this (separate) process, under a write guard.

Used by the teacher's command (`phare verifier`, see correction.py), never by learners:
    python -m phare.verifier.execution DOSSIER
DOSSIER holds `cellules.json` (the code cells, in order). This process writes, in DOSSIER only:
- `journal.jsonl`: one JSON line per event (cell started, cell failed, forbidden action refused);
- the checks' outcomes, through phare.verifier (variable PHARE_RESULTATS set by correction.py).

Why an audit hook (PEP 578): a student's cell must not write outside its temporary folder, nor
start programs or open network connections. The hook refuses those actions and logs them.
It is a safety net for a class's homework, not a sandbox against a determined attacker
(ctypes or a C extension can bypass it): see CONTRIBUTING.md.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from pathlib import Path


class ActionInterdite(PermissionError):
    """Raised inside the student's cell when the guard refuses an action."""


# Events whose listed arguments are paths that will be modified.
_CHEMINS_MODIFIES = {
    "os.remove": (0,),
    "os.rename": (0, 1),
    "os.rmdir": (0,),
    "os.mkdir": (0,),
    "os.chmod": (0,),
    "os.chown": (0,),
    "os.truncate": (0,),
    "os.symlink": (1,),
    "os.link": (1,),
    "os.utime": (0,),
    "os.setxattr": (0,),
    "os.removexattr": (0,),
    "shutil.rmtree": (0,),
    "shutil.copyfile": (1,),
    "shutil.copytree": (1,),
    "shutil.move": (0, 1),
    "shutil.make_archive": (0,),
    "sqlite3.connect": (0,),
}
# Events refused outright: starting programs, network connections.
_INTERDITS = {
    "subprocess.Popen": "lancer un programme",
    "os.system": "lancer une commande système",
    "os.exec": "lancer un programme",
    "os.posix_spawn": "lancer un programme",
    "os.spawn": "lancer un programme",
    "os.fork": "dupliquer le processus",
    "os.forkpty": "dupliquer le processus",
    "pty.spawn": "lancer un programme",
    "socket.connect": "ouvrir une connexion réseau",
    "socket.sendto": "envoyer des données sur le réseau",
}
_ECRITURE = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


def installer_garde(dossier: Path, journal) -> None:
    """Install the audit hook: writes allowed only inside `dossier` (and /dev/null)."""
    racine = os.path.realpath(dossier)
    local = threading.local()

    def dedans(chemin) -> bool:
        if isinstance(chemin, int):
            return True  # an already-open file descriptor: its opening was checked
        try:
            vrai = os.path.realpath(os.fsdecode(chemin))
        except Exception:
            return False
        return vrai == racine or vrai.startswith(racine + os.sep) or vrai == os.devnull

    def refuser(action: str, chemin: object = "") -> None:
        try:
            journal.write(
                json.dumps(
                    {"evenement": "interdit", "action": action, "chemin": str(chemin)[:300]},
                    ensure_ascii=False,
                )
                + "\n"
            )
            journal.flush()
        except Exception:
            pass
        lieu = f" : {chemin}" if chemin else ""
        raise ActionInterdite(f"Phare : action refusée pendant la correction ({action}{lieu}).")

    def garde(evenement: str, args: tuple) -> None:
        if getattr(local, "actif", False):
            return
        local.actif = True
        try:
            if evenement == "open":
                chemin, mode, drapeaux = (tuple(args) + (None, None, None))[:3]
                ecrit = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                    isinstance(drapeaux, int) and bool(drapeaux & _ECRITURE)
                )
                if ecrit and not dedans(chemin):
                    refuser("écrire un fichier hors du dossier de la copie", chemin)
            elif evenement in _CHEMINS_MODIFIES:
                for position in _CHEMINS_MODIFIES[evenement]:
                    if position < len(args) and args[position] is not None and not dedans(args[position]):
                        refuser("modifier un fichier hors du dossier de la copie", args[position])
            elif evenement in _INTERDITS:
                refuser(_INTERDITS[evenement])
        finally:
            local.actif = False

    sys.addaudithook(garde)


def _ecrire(journal, evenement: dict) -> None:
    journal.write(json.dumps(evenement, ensure_ascii=False) + "\n")
    journal.flush()


# No file written by a copy (its printed output included) may exceed this size: a `print` in an
# infinite loop must not fill the teacher's disk before the time limit stops it. (Python ignores
# SIGXFSZ, so a write past the limit raises OSError in the cell instead of killing the process.)
TAILLE_MAX_FICHIER = 20 * 1024 * 1024


def _limiter_les_fichiers() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_FSIZE, (TAILLE_MAX_FICHIER, TAILLE_MAX_FICHIER))
    except (ImportError, ValueError, OSError):
        pass  # not available on this system: the time limit still applies


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _limiter_les_fichiers()
    dossier = Path(argv[0]).resolve()
    cellules = json.loads((dossier / "cellules.json").read_text(encoding="utf-8"))
    journal = open(dossier / "journal.jsonl", "a", encoding="utf-8")  # noqa: SIM115 - kept open for the hook

    # Load what every copy needs before the guard (imports may write caches). matplotlib is not
    # preloaded: it costs seconds, and its cache folder (MPLCONFIGDIR) is inside the copy's folder.
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    import phare.donnees  # noqa: F401
    from phare.verifier.exercices import tous

    tous()
    configuration = Config()
    configuration.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=configuration)
    installer_garde(dossier, journal)

    _ecrire(journal, {"evenement": "pret"})
    for numero, source in enumerate(cellules, start=1):
        _ecrire(journal, {"evenement": "debut", "cellule": numero})
        resultat = shell.run_cell(source, store_history=False)
        erreur = resultat.error_before_exec or resultat.error_in_exec
        if erreur is not None:
            _ecrire(
                journal,
                {
                    "evenement": "erreur",
                    "cellule": numero,
                    "type": type(erreur).__name__,
                    "interdit": isinstance(erreur, ActionInterdite),
                },
            )
        else:
            _ecrire(journal, {"evenement": "fin", "cellule": numero})
    _ecrire(journal, {"evenement": "termine"})
    return 0


if __name__ == "__main__":
    sys.exit(main())
