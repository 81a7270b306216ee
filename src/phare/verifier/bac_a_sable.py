"""The sandbox of one pupil's copy during a class check: bubblewrap, resource limits, and cleanup.

Each copy runs `python -m phare.verifier.execution` (the cells, nothing else) under `bwrap`, the
sandbox Flatpak uses (Debian/Ubuntu package `bubblewrap`), with:
- a read-only view of the system (/usr, the few files of /etc that Python needs) and of the Python
  environment, and nothing else of the machine: not the home folders, not the class folder;
- a copy of the `phare` package without its exercise catalogue (no solution, no expected value can be
  imported), and the curated data, both read-only;
- a private work folder in memory, of limited size (`/copie`, also /tmp), gone with the copy;
- matplotlib's font list, built once per class by the trusted parent (`preparer_polices`) and
  bound read-only: building it runs `fc-list`, a program the copy may not start (the runner copies
  it into the copy's own matplotlib folder before any pupil's code);
- no network, its own process namespace (it sees no other process of the machine, and every
  process it starts dies with it), its own session, no capabilities, no new user namespace;
- a minimal environment: none of the teacher's variables;
- resource limits set before any pupil's code (execution.limiter): memory, CPU time, processes,
  size of a file, open files;
- `--die-with-parent`: if the teacher's command dies, even by SIGKILL, the copy dies too.
The results come back on a pipe (the channel, read here with a size cap); the verdicts are computed
by the caller, never in the sandbox.

Without bwrap, `isolee=False` (the command's `--sans-isolation`) runs the same runner as a plain
child process with the audit-hook guard, in a temporary folder: what the project had before, for
machines where no sandbox is possible, and marked « non isolée » in the report.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import secrets
import shutil
import signal
import site
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

DEMARRAGE_MAX = 120.0  # seconds for Python, IPython and pandas to start (not the pupil's time)
OCTETS_CANAL_MAX = 64 * 1024 * 1024  # everything one copy may send back
OCTETS_LIGNE_MAX = 16 * 1024 * 1024 + 4096  # one event (an answer: serialisation.OCTETS_MAX)
PREFIXE = "phare-verifier-"

# The files of /etc a Python program needs (libraries, time zone, fonts, users' names, MIME types).
_ETC = (
    "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "timezone", "fonts", "passwd", "group",
    "nsswitch.conf", "mime.types", "alternatives", "os-release", "matplotlibrc", "hosts", "locale.alias",
)  # fmt: skip
_RACINES_SYSTEME = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")


@dataclass(frozen=True)
class Limites:
    """What one copy may use. `memoire`, `espace` and `fichier` in bytes, `delai` in seconds."""

    memoire: int = 1 << 30
    delai: float = 60.0
    espace: int = 256 << 20  # the private work folder (and /tmp)
    fichier: int = 64 << 20  # one file
    processus: int = 64  # processes and threads in the copy's own namespace
    fichiers_ouverts: int = 256

    def pour_le_processus(self, isolee: bool) -> dict:
        limites = {
            "memoire": self.memoire,
            "cpu": int(self.delai + DEMARRAGE_MAX),
            "fichier": self.fichier,
            "fichiers_ouverts": self.fichiers_ouverts,
        }
        if isolee:  # counted per user: only meaningful inside the copy's own user namespace
            limites["processus"] = self.processus
        return limites


def taille_lisible(octets: int) -> str:
    """1073741824 -> « 1 Go », 268435456 -> « 256 Mo » (binary multiples, French units)."""
    for unite, facteur in (("Go", 1 << 30), ("Mo", 1 << 20), ("ko", 1 << 10)):
        if octets >= facteur:
            valeur = octets / facteur
            texte = f"{valeur:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"{texte}\u00a0{unite}"
    return f"{octets}\u00a0o"


def lire_taille(texte: str) -> int | None:
    """« 1G », « 1 Go », « 512M », « 512Mo », « 2048 » (Mo) -> bytes; None if unreadable."""
    t = texte.strip().lower().replace(" ", "").replace(",", ".").removesuffix("o").removesuffix("i")
    facteurs = {"g": 1 << 30, "m": 1 << 20, "k": 1 << 10}
    facteur = facteurs.get(t[-1:], None)
    nombre = t[:-1] if facteur else t
    try:
        valeur = float(nombre)
    except ValueError:
        return None
    octets = int(valeur * (facteur or (1 << 20)))
    return octets if octets >= 64 << 20 else None


# --- Is a sandbox possible here? ---------------------------------------------------------------------

INSTALLER = (
    "phare verifier : le bac à sable bubblewrap (commande « bwrap ») n'est pas installé.\n"
    "Chaque copie est un programme écrit par un·e élève : Phare l'exécute isolée du reste de votre "
    "ordinateur (pas d'accès à vos fichiers ni au réseau, mémoire et temps limités).\n"
    "Installez-le une fois pour toutes, puis relancez la commande :\n"
    "    sudo apt install bubblewrap\n"
    "(À vos risques, --sans-isolation vérifie quand même, avec une protection bien plus faible.)"
)


def _bwrap() -> str | None:
    return shutil.which("bwrap")


def diagnostic() -> str | None:
    """None if copies can be sandboxed here, else the French message to show the teacher."""
    bwrap = _bwrap()
    if bwrap is None:
        return INSTALLER
    essai = [
        bwrap, *_base(), "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev",
        "--size", str(1 << 20), "--tmpfs", "/tmp", "--", "true",
    ]  # fmt: skip
    try:
        proc = subprocess.run(essai, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as erreur:
        raison = str(erreur)
    else:
        if proc.returncode == 0:
            return None
        raison = (proc.stderr.strip().splitlines() or ["?"])[0]
    return (
        "phare verifier : bubblewrap est installé mais ne peut pas créer de bac à sable sur cette "
        f"machine ({raison[:200]}).\n"
        "Il lui faut les « espaces de noms utilisateur » du noyau Linux. Debian les permet ; Ubuntu, "
        "depuis la version 24.04, les réserve aux programmes qu'AppArmor autorise. Pour autoriser "
        "bwrap, voir la page « Pour les enseignant·es » de Phare (un court profil AppArmor), ou "
        "demandez à la personne qui gère l'ordinateur.\n"
        "(À vos risques, --sans-isolation vérifie quand même, avec une protection bien plus faible.)"
    )


def _base() -> list[str]:
    """The isolation options of every sandbox (namespaces, session, capabilities)."""
    return [
        "--unshare-all",  # user, pid, network, IPC, UTS, cgroup namespaces
        "--unshare-user",
        "--disable-userns",  # no new user namespace inside (no way to regain capabilities)
        "--cap-drop", "ALL",
        "--die-with-parent",
        "--new-session",  # no access to the teacher's terminal
        "--clearenv",
    ]  # fmt: skip


# --- One class run: what every copy shares ------------------------------------------------------------


@dataclass
class Execution:
    """What happened to one copy's process (facts seen by the parent, and the events it sent)."""

    evenements: list[dict] = field(default_factory=list)
    code: int | None = None  # the runner's exit code; None when stopped here
    arret: str | None = None  # "delai", "demarrage", "interruption", "espace"
    restants: int = 0  # processes found and stopped after the copy
    duree: float = 0.0
    canal_sature: bool = False
    demarree: bool = False  # the runner said « pret » (the cells started)
    diagnostic: str = ""  # the sandbox's own error, before any pupil's code (trusted)


class Classe:
    """The resources of one `phare verifier` run: a temporary folder (the package without its
    catalogue; without the sandbox, the copies' work folders too), removed by `fermer()`, or at the
    next run if this one was killed."""

    def __init__(self, limites: Limites, isolee: bool = True, donnees: Path | None = None):
        self.limites, self.isolee = limites, isolee
        self.identifiant = secrets.token_hex(6)
        nettoyer_les_restes()
        self.dossier = Path(tempfile.mkdtemp(prefix=PREFIXE))
        (self.dossier / "pid").write_text(str(os.getpid()), encoding="ascii")
        if donnees is None:
            from ..donnees import dossier_donnees

            donnees = dossier_donnees()
        self.donnees = Path(donnees).resolve()
        self._processus: dict[int, subprocess.Popen] = {}
        self._verrou = threading.Lock()
        self.paquet = copier_le_paquet_sans_catalogue(self.dossier / "paquet")
        self.polices = preparer_polices(self.dossier / "polices", self._environnement_polices())
        if isolee:
            self._arguments = self._arguments_bwrap()
        else:
            _devenir_faucheur()

    def fermer(self) -> None:
        """Stop whatever still runs, and remove the temporary folder."""
        self.arreter_tout()
        if not self.isolee:
            _faucher(set())
        shutil.rmtree(self.dossier, ignore_errors=True)

    def arreter_tout(self) -> None:
        with self._verrou:
            processus = list(self._processus.values())
        for proc in processus:
            _tuer(proc)

    # -- the sandbox's command line --

    def _arguments_bwrap(self) -> list[str]:
        args = [*_base(), "--ro-bind", "/usr", "/usr"]
        for nom in _RACINES_SYSTEME:
            chemin = Path("/") / nom
            if chemin.is_symlink():
                args += ["--symlink", os.readlink(chemin), str(chemin)]
            elif chemin.is_dir():
                args += ["--ro-bind", str(chemin), str(chemin)]
        for nom in _ETC:
            args += ["--ro-bind-try", f"/etc/{nom}", f"/etc/{nom}"]
        for dossier in sorted(Path("/etc").glob("python3*")):
            args += ["--ro-bind-try", str(dossier), str(dossier)]
        lies = _dossiers_python()
        for dossier in lies:
            args += ["--ro-bind", str(dossier), str(dossier)]
        # The installed package is covered by its copy without catalogue, wherever Python finds it.
        for origine in _emplacements_de_phare():
            if any(origine == d or d in origine.parents for d in [Path("/usr"), *lies]):
                args += ["--ro-bind", str(self.paquet / "phare"), str(origine)]
        args += ["--ro-bind", str(self.paquet), "/phare", "--ro-bind", str(self.donnees), "/donnees"]
        if self.polices is not None:
            args += ["--ro-bind", str(self.polices), POLICES]
        args += ["--dev", "/dev", "--proc", "/proc"]
        args += ["--size", str(self.limites.espace), "--tmpfs", "/copie", "--dir", "/copie/tmp"]
        args += ["--symlink", "/copie/tmp", "/tmp"]
        args += ["--remount-ro", "/dev", "--remount-ro", "/", "--chdir", "/copie"]
        return args

    def _environnement(self, isolee: bool, dossier: str, canal: int) -> dict[str, str]:
        bin_ = str(Path(sys.executable).parent)
        chemins_python = ["/phare"] if isolee else [str(self.paquet)]
        if site.ENABLE_USER_SITE and site.getusersitepackages() in sys.path:
            chemins_python.append(site.getusersitepackages())
        return {
            "PATH": f"{bin_}:/usr/local/bin:/usr/bin:/bin",
            "HOME": dossier,
            "TMPDIR": f"{dossier}/tmp",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PYTHONPATH": ":".join(chemins_python),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONIOENCODING": "utf-8",
            "MPLBACKEND": "Agg",
            "MPLCONFIGDIR": f"{dossier}/.matplotlib",
            "IPYTHONDIR": f"{dossier}/.ipython",
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
            "NUMEXPR_NUM_THREADS": "1",
            "MALLOC_ARENA_MAX": "2",
            "PHARE_RELEVE": str(canal),
            "PHARE_ISOLEE": "1" if isolee else "0",
            "PHARE_DOSSIER": dossier,
            "PHARE_DONNEES": "/donnees" if isolee else str(self.donnees),
            "PHARE_PROGRESSION": "",  # never anybody's progress file
            "PHARE_POLICES": "" if self.polices is None else POLICES if isolee else str(self.polices),
            "PHARE_LIMITES": json.dumps(self.limites.pour_le_processus(isolee)),
        }

    def _environnement_polices(self) -> dict[str, str]:
        """The environment in which the parent builds matplotlib's font list: the copies' own (an
        empty home, so that the teacher's personal fonts, absent from the sandbox, are not listed)."""
        maison = self.dossier / "maison-polices"
        maison.mkdir()
        return {
            "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
            "HOME": str(maison),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "MPLBACKEND": "Agg",
            "PYTHONDONTWRITEBYTECODE": "1",
        }

    # -- one copy --

    def executer(self, sources: list[str], arret: threading.Event | None = None) -> Execution:
        """Run one copy's cells in its sandbox and wait for the end, whatever it is. Never raises for
        anything the copy does; every process it started is gone when this returns."""
        arret = arret or threading.Event()
        execution = Execution()
        debut = time.monotonic()
        lecture, ecriture = os.pipe()
        info_lecture, info_ecriture = os.pipe() if self.isolee else (None, None)
        travail = None
        try:
            coureur = [sys.executable, "-P", "-m", "phare.verifier.execution", "--classe", self.identifiant]
            if self.isolee:
                dossier = "/copie"
                variables = []
                for cle, valeur in self._environnement(True, dossier, ecriture).items():
                    variables += ["--setenv", cle, valeur]  # after --clearenv, in self._arguments
                commande = [
                    _bwrap() or "bwrap", *self._arguments, *variables,
                    "--info-fd", str(info_ecriture), "--", *coureur,
                ]  # fmt: skip
                env_bwrap = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
                passes = (ecriture, info_ecriture)
                cwd = None
            else:
                travail = Path(tempfile.mkdtemp(prefix="copie-", dir=self.dossier))
                (travail / "tmp").mkdir()
                dossier = str(travail)
                commande = coureur
                env_bwrap = self._environnement(False, dossier, ecriture)
                passes = (ecriture,)
                cwd = dossier
            entree = json.dumps(sources, ensure_ascii=False).encode("utf-8")
            proc = subprocess.Popen(
                commande,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                pass_fds=passes,
                env=env_bwrap,
                cwd=cwd,
                start_new_session=True,
            )
        except OSError as erreur:
            os.close(lecture)
            os.close(ecriture)
            for fd in (info_lecture, info_ecriture):
                if fd is not None:
                    os.close(fd)
            execution.diagnostic = f"impossible de lancer la copie ({erreur.strerror or erreur})"
            return execution
        os.close(ecriture)
        if info_ecriture is not None:
            os.close(info_ecriture)
        with self._verrou:
            self._processus[proc.pid] = proc

        pret = threading.Event()
        canal = _Canal(lecture, execution, pret)
        erreurs = _Tampon(proc.stderr)
        threading.Thread(target=_envoyer, args=(proc.stdin, entree), daemon=True).start()
        espace_ns = _lire_info(info_lecture) if info_lecture is not None else None

        pret_depuis = None
        dernier_controle = 0.0
        while True:
            try:
                execution.code = proc.wait(timeout=0.1)
                break
            except subprocess.TimeoutExpired:
                pass
            maintenant = time.monotonic()
            if pret.is_set() and pret_depuis is None:
                pret_depuis = maintenant
            raison = None
            if arret.is_set():
                raison = "interruption"
            elif pret_depuis is not None and maintenant - pret_depuis > self.limites.delai:
                raison = "delai"
            elif pret_depuis is None and maintenant - debut > DEMARRAGE_MAX:
                raison = "demarrage"
            elif travail is not None and maintenant - dernier_controle > 1.0:
                dernier_controle = maintenant
                if _taille(travail) > self.limites.espace:
                    raison = "espace"
            if raison:
                execution.arret = raison
                if espace_ns is not None:
                    execution.restants = len(_hors_copie(_processus_de(espace_ns)))
                _tuer(proc)
                break

        with self._verrou:
            self._processus.pop(proc.pid, None)
        if execution.arret is None and arret.is_set() and execution.code != 0:
            execution.arret = "interruption"  # stopped by arreter_tout() before this loop saw the request
        # Whatever the copy left behind dies now: its namespace (sandbox), or its session.
        if espace_ns is not None:
            # The namespace dies with its init (bwrap): wait for that, then stop whatever remains.
            limite = time.monotonic() + 3.0
            while (
                reste := [p for p in _processus_de(espace_ns) if _vivant(p)]
            ) and time.monotonic() < limite:
                time.sleep(0.05)
            execution.restants += len(_hors_copie(reste))
            _tuer_tous(reste)
        else:
            execution.restants += _tuer_session(proc.pid)
            _faucher(self._pids_suivis())
        canal.finir(timeout=5.0)
        erreurs.finir(timeout=1.0)
        execution.demarree = pret.is_set()
        if not execution.demarree:  # before « pret » no pupil's code has run: bwrap's words are trusted
            execution.diagnostic = erreurs.texte()
        execution.duree = time.monotonic() - debut
        if info_lecture is not None:
            with contextlib.suppress(OSError):
                os.close(info_lecture)
        if travail is not None:
            shutil.rmtree(travail, ignore_errors=True)
        return execution

    def _pids_suivis(self) -> set[int]:
        with self._verrou:
            return set(self._processus)


# --- matplotlib's font list, built before the copies ------------------------------------------------

POLICES = "/polices"  # where the sandbox sees the font list built by the parent
_POLICES = "import matplotlib.font_manager"  # the first import of matplotlib builds the font list


def preparer_polices(destination: Path, env: dict[str, str]) -> Path | None:
    """Build matplotlib's font list (fontlist-*.json) in `destination`, in a child process of the
    trusted parent, before any copy runs. None if matplotlib is not installed or the build fails:
    the copies then run as before (a pupil's first chart is refused, with a French message)."""
    if importlib.util.find_spec("matplotlib") is None:
        return None
    destination.mkdir(parents=True, exist_ok=True)
    try:
        subprocess.run(
            [sys.executable, "-P", "-c", _POLICES],
            env={**env, "MPLCONFIGDIR": str(destination)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=DEMARRAGE_MAX,
            check=True,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return destination if any(destination.glob("fontlist-*.json")) else None


# --- The package without its catalogue ------------------------------------------------------------------

# What a copy's process never gets: the exercise catalogue (solutions, expected values, traps, and
# their compiled caches), the exercise notebooks, the data (bound read-only apart), the build tools.
_RETIRES = {
    ("verifier", "exercices"),
    ("_carnets",),
    ("_donnees",),
    ("construction",),
    ("livre",),
    ("fabrique",),
}


def _emplacements_de_phare() -> list[Path]:
    spec = importlib.util.find_spec("phare")
    lieux = list(spec.submodule_search_locations or []) if spec else []
    return [Path(os.path.realpath(lieu)) for lieu in lieux]


def copier_le_paquet_sans_catalogue(destination: Path) -> Path:
    """Copy the installed `phare` package to destination/phare, without what `_RETIRES` names."""
    source = _emplacements_de_phare()[0]

    def ignorer(dossier: str, noms: list[str]) -> set[str]:
        relatif = Path(dossier).relative_to(source).parts
        return {n for n in noms if (*relatif, n) in _RETIRES}

    shutil.copytree(source, destination / "phare", ignore=ignorer, symlinks=False)
    return destination


def _dossiers_python() -> list[Path]:
    """The folders the Python environment lives in (interpreter, standard library, site-packages),
    outside /usr, without nesting."""
    candidats = {
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        sys.base_exec_prefix,
        os.path.dirname(os.path.realpath(sys.executable)),
        *site.getsitepackages(),
    }
    if site.ENABLE_USER_SITE and site.getusersitepackages() in sys.path:
        candidats.add(site.getusersitepackages())
    dossiers = sorted(
        {Path(os.path.realpath(c)) for c in candidats if c and os.path.isdir(c)}, key=lambda p: len(p.parts)
    )
    retenus: list[Path] = []
    for dossier in dossiers:
        if dossier == Path("/") or Path("/usr") in (dossier, *dossier.parents):
            continue
        if not any(r in dossier.parents for r in retenus):
            retenus.append(dossier)
    return retenus


# --- Processes ---------------------------------------------------------------------------------------


def _tuer(proc: subprocess.Popen) -> None:
    """SIGKILL the copy's process group (bwrap, or the runner without the sandbox), then reap it."""
    with contextlib.suppress(OSError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        proc.kill()
    with contextlib.suppress(Exception):
        proc.wait(timeout=10)


def _lire_info(descripteur: int) -> int | None:
    """The pid namespace of the sandbox, from bwrap's --info-fd (None if bwrap failed first)."""
    texte = b""
    limite = time.monotonic() + DEMARRAGE_MAX
    while not texte.rstrip().endswith(b"}") and time.monotonic() < limite and len(texte) < 4096:
        try:
            morceau = os.read(descripteur, 4096)
        except OSError:
            break
        if not morceau:
            break
        texte += morceau
    try:
        return int(json.loads(texte)["pid-namespace"])
    except (ValueError, KeyError, TypeError):
        return None


def _processus_de(espace: int) -> list[int]:
    """The pids (as seen from here) of every process of a pid namespace, by its inode."""
    pids = []
    cible = f"pid:[{espace}]"
    for entree in _pids():
        try:
            if os.readlink(f"/proc/{entree}/ns/pid") == cible:
                pids.append(entree)
        except OSError:
            continue
    return pids


def _hors_copie(pids: list[int]) -> list[int]:
    """The processes of a sandbox but its init (bwrap) and the runner of the cells."""
    autres = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                ligne = f.read()
        except OSError:
            continue
        if b"phare.verifier.execution" not in ligne and _vivant(pid):
            autres.append(pid)
    return autres


def _pids() -> list[int]:
    try:
        return [int(e) for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return []


def _vivant(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rpartition(b")")[2].split()[:1] not in ([b"Z"], [b"X"], [])
    except OSError:
        return False


def _tuer_tous(pids: list[int]) -> int:
    """SIGKILL these processes; how many were still alive."""
    vivants = [pid for pid in pids if _vivant(pid)]
    for pid in vivants:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    return len(vivants)


def _session_de(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            champs = f.read().rpartition(b")")[2].split()
        return int(champs[4])
    except (OSError, IndexError, ValueError):
        return None


def _tuer_session(session: int) -> int:
    """Without the sandbox: SIGKILL every process of the copy's session (and group)."""
    membres = [pid for pid in _pids() if pid != os.getpid() and _session_de(pid) == session]
    with contextlib.suppress(OSError):
        os.killpg(session, signal.SIGKILL)
    return _tuer_tous(membres)


def _devenir_faucheur() -> None:
    """Without the sandbox: become the « subreaper » of the copies, so that a process a copy starts
    in a new session, orphaned, comes back to this process and can be stopped (Linux prctl)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER
    except Exception:
        pass


def _faucher(suivis: set[int]) -> int:
    """SIGKILL the orphans that came back to this process (not a copy still being checked)."""
    moi = os.getpid()
    orphelins = []
    for pid in _pids():
        if pid in suivis or pid == moi:
            continue
        try:
            with open(f"/proc/{pid}/stat", "rb") as f:
                parent = int(f.read().rpartition(b")")[2].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == moi:
            orphelins.append(pid)
    tues = _tuer_tous(orphelins)
    for pid in orphelins:
        with contextlib.suppress(OSError):
            os.waitpid(pid, os.WNOHANG)
    return tues


def _taille(dossier: Path) -> int:
    total = 0
    for racine, _, fichiers in os.walk(dossier):
        for nom in fichiers:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(racine, nom)).st_blocks * 512
    return total


# --- Pipes ------------------------------------------------------------------------------------------


def _envoyer(flux, donnees: bytes) -> None:
    try:
        flux.write(donnees)
    except (OSError, ValueError):
        pass
    finally:
        with contextlib.suppress(OSError, ValueError):
            flux.close()


class _Canal:
    """Reads the copy's events (JSON lines) in a thread, within OCTETS_CANAL_MAX; the rest is drained."""

    def __init__(self, descripteur: int, execution: Execution, pret: threading.Event):
        self.descripteur, self.execution, self.pret = descripteur, execution, pret
        self.fil = threading.Thread(target=self._lire, daemon=True)
        self.fil.start()

    def _lire(self) -> None:
        tampon, total, jeter = bytearray(), 0, False
        while True:
            try:
                morceau = os.read(self.descripteur, 1 << 16)
            except OSError:
                break
            if not morceau:
                break
            total += len(morceau)
            if total > OCTETS_CANAL_MAX:
                self.execution.canal_sature = True
                continue  # keep draining so that the copy never blocks on a full pipe
            tampon += morceau
            while True:
                fin = tampon.find(b"\n")
                if fin < 0:
                    if len(tampon) > OCTETS_LIGNE_MAX:
                        tampon.clear()
                        jeter = True
                    break
                ligne = bytes(tampon[:fin])
                del tampon[: fin + 1]
                if jeter:
                    jeter = False
                    self.execution.canal_sature = True
                    continue
                self._evenement(ligne)
        with contextlib.suppress(OSError):
            os.close(self.descripteur)

    def _evenement(self, ligne: bytes) -> None:
        try:
            evenement = json.loads(ligne)
        except (ValueError, RecursionError):
            return
        if isinstance(evenement, dict) and isinstance(evenement.get("e"), str):
            self.execution.evenements.append(evenement)
            if evenement["e"] == "pret":
                self.pret.set()

    def finir(self, timeout: float) -> None:
        self.fil.join(timeout)
        if self.fil.is_alive():  # a process kept the pipe open: stop reading it
            with contextlib.suppress(OSError):
                os.close(self.descripteur)
            self.fil.join(1.0)


class _Tampon:
    """The first 4 kB of a stream (bwrap's own error messages), the rest drained."""

    def __init__(self, flux):
        self.flux, self.donnees = flux, bytearray()
        self.fil = threading.Thread(target=self._lire, daemon=True)
        self.fil.start()

    def _lire(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            while morceau := self.flux.read1(1 << 14):
                if len(self.donnees) < 4096:
                    self.donnees += morceau[: 4096 - len(self.donnees)]

    def finir(self, timeout: float) -> None:
        self.fil.join(timeout)
        with contextlib.suppress(OSError, ValueError):
            self.flux.close()

    def texte(self) -> str:
        return self.donnees.decode("utf-8", "replace").strip()


# --- Leftovers of a run that was killed -------------------------------------------------------------


def nettoyer_les_restes() -> int:
    """Remove the temporary folders of earlier runs whose command is no longer alive (killed with
    SIGKILL, the machine switched off…). Returns how many were removed."""
    retires = 0
    for dossier in Path(tempfile.gettempdir()).glob(f"{PREFIXE}*"):
        try:
            pid = int((dossier / "pid").read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            if time.time() - dossier.stat().st_mtime < 3600:
                continue  # being created right now, perhaps
            pid = None
        if pid is not None and _vivant(pid):
            continue
        shutil.rmtree(dossier, ignore_errors=True)
        retires += 1
    return retires
