"""Run the code cells of one pupil's copy, in this process, inside its sandbox.

Used by the teacher's command (`phare verifier`, see correction.py and bac_a_sable.py), never by learners:
    python -P -m phare.verifier.execution --classe ID
The code cells arrive as a JSON list on standard input (read to the end, then closed: a cell that
waits for the keyboard gets an error, not the teacher's terminal). Everything this process reports
goes, one JSON line per event, to the results channel (file descriptor PHARE_RELEVE): ready, each
cell started / finished / failed, each forbidden action refused, each answer handed to `verifier`
(releve.py), the processes still running at the end, done.

This process runs the pupil's code: nothing it says is trusted beyond its own copy's line. Its only
jobs are to set the resource limits before any pupil's code, to run the cells, and to describe what
happened. Containment is the sandbox's (bubblewrap: read-only system, private work folder, no
network, own process namespace); the audit hook below (PEP 578) only turns the most common
forbidden actions into clear French messages, and is all there is with `--sans-isolation`
(ctypes, directory file descriptors or `gc` can bypass it: see CONTRIBUTING.md).
"""

from __future__ import annotations

import errno
import json
import os
import sys
import threading
from pathlib import Path

from .releve import envoyer


class ActionInterdite(PermissionError):
    """Raised inside the pupil's cell when the guard refuses an action."""


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
# Events refused outright: starting programs, network connections, signals to other processes.
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
    "os.kill": "envoyer un signal à un processus",
    "os.killpg": "envoyer un signal à un groupe de processus",
}
_ECRITURE = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_ACTIONS_ECRITURE = (
    "écrire un fichier hors du dossier de la copie",
    "modifier un fichier hors du dossier de la copie",
)


def installer_garde(dossiers: list[Path], signaler=envoyer) -> None:
    """Install the audit hook: writes allowed only inside `dossiers` (and /dev/null)."""
    racines = [os.path.realpath(d) for d in dossiers]
    local = threading.local()

    def dedans(chemin) -> bool:
        if isinstance(chemin, int):
            return True  # an already-open file descriptor: its opening was checked
        try:
            vrai = os.path.realpath(os.fsdecode(chemin))
        except Exception:
            return False
        return vrai == os.devnull or any(vrai == r or vrai.startswith(r + os.sep) for r in racines)

    def refuser(action: str, chemin: object = "") -> None:
        try:
            signaler({"e": "interdit", "action": action, "chemin": str(chemin)[:300]})
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
                    refuser(_ACTIONS_ECRITURE[0], chemin)
            elif evenement in _CHEMINS_MODIFIES:
                for position in _CHEMINS_MODIFIES[evenement]:
                    if position < len(args) and args[position] is not None and not dedans(args[position]):
                        refuser(_ACTIONS_ECRITURE[1], args[position])
            elif evenement in _INTERDITS:
                if evenement in ("os.kill", "os.killpg") and len(args) >= 1 and args[0] in (0, os.getpid()):
                    return  # a process may signal itself
                refuser(_INTERDITS[evenement])
        finally:
            local.actif = False

    sys.addaudithook(garde)


# --- Resource limits, set before any pupil's code ------------------------------------------------------

_LIMITES = {
    "memoire": "RLIMIT_AS",
    "cpu": "RLIMIT_CPU",
    "fichier": "RLIMIT_FSIZE",
    "processus": "RLIMIT_NPROC",
    "fichiers_ouverts": "RLIMIT_NOFILE",
}


def limiter(limites: dict) -> None:
    """setrlimit for each limit given (bytes, seconds or counts); no core dumps. The soft and hard
    limits are equal, so the pupil's code cannot raise them back (CPU: a few seconds of margin, so
    that the soft limit's SIGXCPU comes first)."""
    try:
        import resource
    except ImportError:
        return
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    for cle, nom in _LIMITES.items():
        valeur = limites.get(cle)
        if not isinstance(valeur, int) or valeur <= 0 or not hasattr(resource, nom):
            continue
        dur = valeur + 5 if cle == "cpu" else valeur
        try:
            resource.setrlimit(getattr(resource, nom), (valeur, dur))
        except (ValueError, OSError):
            pass


def _mourir_avec_le_parent() -> None:
    """Without the sandbox: die if the teacher's command dies (Linux's PR_SET_PDEATHSIG)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except Exception:
        pass


# --- What happened -----------------------------------------------------------------------------------


def _genre_d_erreur(erreur: BaseException) -> str | None:
    """What an error says about the copy's behaviour, beyond its type (for the teacher's report)."""
    if isinstance(erreur, MemoryError):
        return "memoire"
    if isinstance(erreur, ActionInterdite):
        return "interdit"
    numero = getattr(erreur, "errno", None)
    # In the sandbox every place but the copy's folder is read-only (EROFS); a hard link or a rename
    # from outside into it crosses mounts (EXDEV): both are attempts to write outside.
    if numero in (errno.EROFS, errno.EXDEV):
        return "lecture-seule"
    if numero in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "espace"
    if numero == errno.EFBIG:
        return "fichier-trop-gros"
    module = type(erreur).__module__ or ""
    texte = str(erreur).lower()
    if module.startswith("sqlite3") and ("readonly" in texte or "unable to open database" in texte):
        return "lecture-seule"  # an ATTACH or a connection to a database outside the copy's folder
    return None


def _genre_prudent(erreur: BaseException) -> str | None:
    try:
        return _genre_d_erreur(erreur)
    except Exception:  # a pupil's exception whose attributes themselves raise
        return None


def _autres_processus(isolee: bool) -> list[str]:
    """The processes still running besides this one: in the sandbox, every process of its own
    namespace (but its init, pid 1); without it, those of this process's session."""
    moi, session = os.getpid(), os.getsid(0)
    noms = []
    try:
        entrees = [e for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return []
    for entree in entrees:
        pid = int(entree)
        if pid in (moi, 1):
            continue
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        nom, _, reste = stat.partition("(")[2].rpartition(")")
        champs = reste.split()
        if not champs or champs[0] in ("Z", "X"):
            continue  # a zombie is already dead
        if not isolee and (len(champs) < 4 or int(champs[3]) != session):
            continue
        noms.append(nom[:30])
    return noms


def copier_les_polices() -> None:
    """Copy matplotlib's font list, built by the teacher's process (PHARE_POLICES, read-only), into
    this copy's own matplotlib folder: matplotlib then never runs `fc-list`, which the guard refuses."""
    source, cible = os.environ.get("PHARE_POLICES"), os.environ.get("MPLCONFIGDIR")
    if not source or not cible:
        return
    try:
        Path(cible).mkdir(parents=True, exist_ok=True)
        for fichier in Path(source).glob("fontlist-*.json"):
            (Path(cible) / fichier.name).write_bytes(fichier.read_bytes())
    except OSError:
        pass  # without it, a chart only costs a refused `fc-list`, reported to the teacher


def main(argv: list[str] | None = None) -> int:
    limiter(json.loads(os.environ.get("PHARE_LIMITES", "{}") or "{}"))
    isolee = os.environ.get("PHARE_ISOLEE") == "1"
    if not isolee:
        _mourir_avec_le_parent()
    dossier = Path(os.environ.get("PHARE_DOSSIER") or os.getcwd())
    try:
        cellules = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    except (ValueError, UnicodeDecodeError, OSError):
        cellules = None
    descripteur = os.open(os.devnull, os.O_RDONLY)
    os.dup2(descripteur, 0)
    os.close(descripteur)
    if not isinstance(cellules, list) or not all(isinstance(c, str) for c in cellules):
        envoyer({"e": "illisible"})
        return 3

    # Load what every copy needs before the guard. matplotlib is not preloaded: it costs seconds.
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    import phare.donnees  # noqa: F401

    copier_les_polices()
    configuration = Config()
    configuration.HistoryManager.enabled = False
    shell = InteractiveShell.instance(config=configuration)
    autorises = [dossier, Path(os.environ.get("TMPDIR") or dossier)]
    installer_garde(autorises)

    envoyer({"e": "pret"})
    for numero, source in enumerate(cellules, start=1):
        envoyer({"e": "debut", "cellule": numero})
        resultat = shell.run_cell(source, store_history=False)
        erreur = resultat.error_before_exec or resultat.error_in_exec
        if erreur is not None:
            envoyer(
                {
                    "e": "erreur",
                    "cellule": numero,
                    "type": type(erreur).__name__[:60],
                    "genre": _genre_prudent(erreur),
                }
            )
        else:
            envoyer({"e": "fin", "cellule": numero})
    restants = _autres_processus(isolee)
    if restants:
        envoyer({"e": "restants", "n": len(restants), "noms": restants[:5]})
    envoyer({"e": "termine"})
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Leave at once: no `atexit` handler a cell may have registered runs after « termine ».
    os._exit(code)
