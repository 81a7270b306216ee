"""The learner's progress, kept on their own machine only.

Where: `~/.phare/progression.json`, or the path in the environment variable PHARE_PROGRESSION
(an empty value turns saving off). Nothing is ever sent anywhere.
If the home folder is missing or read-only (a locked-down class computer, a browser sandbox),
progress is kept in memory for the session instead: a check never fails because of it.

Progress is never lost silently:
- each save writes a temporary file, flushes it to disk, then renames it over the old one (a crash
  or a full disk leaves the previous file whole), and the previous version is kept beside it
  (`progression.json.sauvegarde`);
- a damaged file (one bad byte, an absurd count such as `1e309`) is set aside under a dated name,
  never deleted; what can be read from it is kept, the backup fills in the rest, and the learner
  is told in French what happened (`avertissements()`, shown under the next check or `bilan()`).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import re
import tempfile
import time
from pathlib import Path

VARIABLE = "PHARE_PROGRESSION"
VERSION = 2
ESSAIS_MAX = 1_000_000  # more attempts than that is not a count but a damaged file

_memoire: dict[str, dict] = {}
_avertissements: list[str] = []
_deja_dit: set[str] = set()


def chemin() -> Path | None:
    valeur = os.environ.get(VARIABLE)
    if valeur is not None:
        return Path(valeur).expanduser() if valeur.strip() else None
    try:
        return Path.home() / ".phare" / "progression.json"
    except (RuntimeError, KeyError, OSError):
        return None


def sauvegarde(fichier: Path) -> Path:
    return fichier.with_name(fichier.name + ".sauvegarde")


def _vide() -> dict:
    return {"essais": 0, "reussi": False, "solution": False}


class _Abime(ValueError):
    """The file exists but cannot be read as progress."""


def _entree(etat) -> tuple[dict, bool]:
    """One exercise's state, and whether something in it had to be corrected."""
    propre, corrige = _vide(), not isinstance(etat, dict)
    if not isinstance(etat, dict):
        return propre, True
    essais = etat.get("essais", 0)
    if isinstance(essais, bool) or not isinstance(essais, int | float) or not math.isfinite(essais):
        corrige = True
    elif 0 <= essais <= ESSAIS_MAX:
        propre["essais"] = int(essais)
    else:
        corrige = True
    for cle in ("reussi", "solution"):
        valeur = etat.get(cle, False)
        if isinstance(valeur, bool):
            propre[cle] = valeur
        else:
            corrige = True
    return propre, corrige


def _depuis_texte(texte: str) -> tuple[dict[str, dict], bool]:
    """(states, whether anything was corrected); raises _Abime if the text is not progress at all."""
    try:
        contenu = json.loads(texte)
    except (ValueError, RecursionError) as erreur:
        raise _Abime(str(erreur)) from None
    if not isinstance(contenu, dict) or not isinstance(contenu.get("exercices", {}), dict):
        raise _Abime("structure")
    donnees, corrige = {}, False
    for ident, etat in contenu.get("exercices", {}).items():
        if not isinstance(ident, str) or len(ident) > 100:
            corrige = True
            continue
        donnees[ident], abime = _entree(etat)
        corrige = corrige or abime
    return donnees, corrige


# What a line of our own writer looks like: `"pluie-cumul": {"essais": 2, "reussi": true, …}`.
_ENTREE = re.compile(r'"([A-Za-z0-9_.-]{1,100})"\s*:\s*\{([^{}]*)\}')
_CHAMP = re.compile(r'"(essais|reussi|solution)"\s*:\s*(\d{1,7}|true|false)')


def _recuperer(texte: str) -> dict[str, dict]:
    """The exercises that can still be read in a damaged file (one bad byte loses one line at most)."""
    donnees = {}
    for ident, corps in _ENTREE.findall(texte):
        etat = _vide()
        for cle, valeur in _CHAMP.findall(corps):
            etat[cle] = int(valeur) if cle == "essais" else valeur == "true"
        donnees[ident] = etat
    donnees.pop("exercices", None)
    return donnees


def _lire_un(fichier: Path) -> tuple[dict[str, dict] | None, str | None]:
    """(states or None if absent, damaged text or None)."""
    try:
        texte = fichier.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return None, None
    except OSError:
        return None, None
    try:
        donnees, corrige = _depuis_texte(texte)
    except _Abime:
        return None, texte
    return donnees, (texte if corrige else None)


def _fusion(*sources: dict[str, dict]) -> dict[str, dict]:
    """Several readings of the progress merged: more attempts, done once done, solution once seen."""
    resultat: dict[str, dict] = {}
    for source in sources:
        for ident, etat in source.items():
            ancien = resultat.get(ident, _vide())
            resultat[ident] = {
                "essais": max(ancien["essais"], etat.get("essais", 0)),
                "reussi": ancien["reussi"] or bool(etat.get("reussi")),
                "solution": ancien["solution"] or bool(etat.get("solution")),
            }
    return resultat


def _avertir(message: str) -> None:
    if message not in _deja_dit:
        _deja_dit.add(message)
        _avertissements.append(message)


def avertissements() -> list[str]:
    """What happened to the progress file since last asked, in French (then forgotten)."""
    messages = list(_avertissements)
    _avertissements.clear()
    return messages


def _mettre_de_cote(fichier: Path) -> Path | None:
    """Rename a damaged file to a dated name beside it (never delete it)."""
    date = time.strftime("%Y%m%d-%H%M%S")
    cible = fichier.with_name(f"{fichier.name}.abime-{date}")
    try:
        os.replace(fichier, cible)
        return cible
    except OSError:
        return None


def _lire_fichier(fichier: Path) -> dict[str, dict]:
    principal, abime = _lire_un(fichier)
    if abime is None:
        if principal is not None:
            return principal
        secours, _ = _lire_un(sauvegarde(fichier))  # the main file is missing: a save was cut short?
        return secours or {}
    # Damaged: keep what can be read, complete it from the backup, set the damaged file aside.
    secours, _ = _lire_un(sauvegarde(fichier))
    recupere = principal if principal is not None else _recuperer(abime)
    donnees = _fusion(secours or {}, recupere)
    cote = _mettre_de_cote(fichier)
    ou = f" sous le nom « {cote.name} »" if cote else ""
    repris = (
        f"J'ai repris {len(donnees)} exercice(s) : ceux qu'on pouvait encore lire"
        + (" et ceux de la sauvegarde" if secours else "")
        + "."
    )
    _avertir(
        f"Votre fichier de progression ({fichier}) était abîmé. {repris} "
        f"Le fichier abîmé n'est pas effacé : il est gardé à côté{ou}."
    )
    if donnees:
        _ecrire(fichier, donnees)
    return donnees


def lire() -> dict[str, dict]:
    """{identifiant: {"essais": n, "reussi": bool, "solution": bool}}: the file merged with this session."""
    fichier = chemin()
    donnees: dict[str, dict] = {}
    if fichier is not None:
        try:
            donnees = _lire_fichier(fichier)
        except Exception:
            donnees = {}
    return _fusion(donnees, _memoire)


@contextlib.contextmanager
def _verrou(fichier: Path):
    """One notebook at a time updates the file (two open notebooks must not lose each other's work)."""
    try:
        import fcntl
    except ImportError:  # Windows, the browser: no locking, the rename still keeps the file whole
        yield
        return
    try:
        fichier.parent.mkdir(parents=True, exist_ok=True)
        descripteur = os.open(fichier.with_name(fichier.name + ".verrou"), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        with contextlib.suppress(OSError):
            fcntl.flock(descripteur, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descripteur)


def _remplacer(cible: Path, texte: str) -> None:
    """Write `texte` to a temporary file beside `cible`, flush it to disk, then rename it over `cible`."""
    descripteur, temporaire = tempfile.mkstemp(dir=cible.parent, prefix=cible.name + ".", suffix=".tmp")
    try:
        with os.fdopen(descripteur, "w", encoding="utf-8") as sortie:
            sortie.write(texte)
            sortie.flush()
            with contextlib.suppress(OSError):
                os.fsync(sortie.fileno())
        os.replace(temporaire, cible)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporaire)
        raise


def _ecrire(fichier: Path, donnees: dict[str, dict]) -> bool:
    """Write atomically, keeping the previous version as the backup. False if it could not be written."""
    texte = json.dumps(
        {"version": VERSION, "exercices": donnees}, ensure_ascii=False, indent=1, sort_keys=True
    )
    try:
        fichier.parent.mkdir(parents=True, exist_ok=True)
        if fichier.exists():
            ancien, abime = _lire_un(fichier)
            if ancien is not None and abime is None:  # only a good file becomes the backup
                _remplacer(sauvegarde(fichier), fichier.read_text(encoding="utf-8"))
        _remplacer(fichier, texte)
        return True
    except OSError:
        return False


def _modifier(identifiant: str, changement) -> None:
    fichier = chemin()
    if fichier is None:
        etat = _fusion(_memoire).get(identifiant, _vide())
        _memoire[identifiant] = changement(etat)
        return
    with _verrou(fichier):
        donnees = lire()
        donnees[identifiant] = changement(donnees.get(identifiant, _vide()))
        _memoire[identifiant] = dict(donnees[identifiant])
        if not _ecrire(fichier, donnees):
            _avertir(
                f"Je n'arrive pas à enregistrer votre progression dans {fichier} (dossier protégé "
                "ou disque plein) : elle est gardée pour cette séance seulement."
            )


def enregistrer(identifiant: str, reussi: bool) -> None:
    """Count one attempt; once an exercise is done it stays done."""
    _modifier(
        identifiant,
        lambda etat: {
            **etat,
            "essais": min(etat["essais"] + 1, ESSAIS_MAX),
            "reussi": etat["reussi"] or reussi,
        },
    )


def marquer_solution(identifiant: str) -> None:
    """Remember that the solution of this exercise was shown (« solution consultée »)."""
    _modifier(identifiant, lambda etat: {**etat, "solution": True})


def oublier_session() -> None:
    """Forget this session's in-memory progress and messages (tests use it)."""
    _memoire.clear()
    _avertissements.clear()
    _deja_dit.clear()
