"""LibreOffice without its interface (`soffice --headless`), the one way Phare runs it.

Who: the editable letter (`lettres`, Writer), the screenshots of the spreadsheet steps (`captures`,
Calc) and tests/test_tableur.py (Calc computes the formulas the pages make readers type).
How: a private profile (never the user's), French locale (Calc then reads the French names of the
functions, MOYENNE, NB.SI…, and the `;` separator), a time limit. Several files are converted by
one start: starting LibreOffice is the slow part.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

DELAI = 180  # seconds: LibreOffice's first start under load is slow, never endless


class LibreOfficeIntrouvable(RuntimeError):
    """LibreOffice manque, ou n'a pas converti : le message est en français."""


def soffice(paquet: str, pour: str) -> str:
    """The `soffice` command, or a French message: which Debian package to install, and what for."""
    for nom in ("soffice", "libreoffice"):
        chemin = shutil.which(nom)
        if chemin:
            return chemin
    raise LibreOfficeIntrouvable(
        f"LibreOffice est introuvable (commande soffice) : installez {paquet} "
        f"(.ci/systeme le fait) pour {pour}."
    )


def environnement_francais() -> dict[str, str]:
    return dict(os.environ, LANG="fr_FR.UTF-8", LC_ALL="fr_FR.UTF-8", LANGUAGE="fr")


def commande(
    executable: str, profil: Path, export: str, sortie: Path, fichiers: list[Path], filtre: str | None = None
) -> list[str]:
    """The command line that converts `fichiers` to `export` (a filter of `--convert-to`) in `sortie`."""
    profil = Path(profil).resolve().as_uri()
    ligne = [executable, f"-env:UserInstallation={profil}", "--headless", "--norestore"]
    if filtre:
        ligne.append(f"--infilter={filtre}")
    return [*ligne, "--convert-to", export, "--outdir", str(sortie), *map(str, fichiers)]


def convertir(
    executable: str, profil: Path, export: str, sortie: Path, fichiers: list[Path], filtre: str | None = None,
    quoi: str = "les fichiers",
) -> subprocess.CompletedProcess:
    """Run the conversion in French; a time-out or a failure becomes a French message."""
    try:
        fini = subprocess.run(
            commande(executable, profil, export, sortie, fichiers, filtre),
            env=environnement_francais(), capture_output=True, text=True, timeout=DELAI, check=False,
        )
    except subprocess.TimeoutExpired as erreur:
        raise LibreOfficeIntrouvable(
            f"LibreOffice n'a pas converti {quoi} en {DELAI} secondes : réessayez (make pdf) sur une machine "
            "moins chargée."
        ) from erreur
    if fini.returncode != 0:
        raise LibreOfficeIntrouvable(
            f"LibreOffice n'a pas pu convertir {quoi} (code {fini.returncode}) : "
            f"{(fini.stderr or fini.stdout).strip()[:300]}"
        )
    return fini
