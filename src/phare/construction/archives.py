"""Reproducible archives: the same files give the same bytes, whatever the machine and the hour.

One fixed date for the whole build (PDFs, zips, the wheel): SOURCE_DATE_EPOCH when it is set,
else 1 January 2026 (UTC).

A zip keeps, as its comment, a digest of what it holds: a rebuild that would write the same bytes
leaves the file alone (compressing the site's copy for a USB key takes seconds).
"""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from pathlib import Path

EPOQUE_PAR_DEFAUT = 1767225600  # 2026-01-01T00:00:00Z


def epoque_source() -> int:
    """SOURCE_DATE_EPOCH if set (reproducible builds), else 1 January 2026."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", str(EPOQUE_PAR_DEFAUT)))


def date_zip() -> tuple[int, int, int, int, int, int]:
    """The build's date as a zip stores it (a zip cannot hold a date before 1980)."""
    return max((1980, 1, 1, 0, 0, 0), tuple(time.gmtime(epoque_source())[:6]))


def empreinte(*morceaux: str | bytes | Path) -> str:
    """A digest of texts, bytes and files (a folder: every file in it, caches aside), in order.
    What a build step reuses its last result by: the same digest, the same inputs."""
    somme = hashlib.sha256()
    for morceau in morceaux:
        if isinstance(morceau, Path):
            fichiers = sorted(morceau.rglob("*")) if morceau.is_dir() else [morceau]
            for fichier in fichiers:
                if fichier.is_file() and "__pycache__" not in fichier.parts:
                    somme.update(fichier.as_posix().encode() + b"\0" + fichier.read_bytes())
        else:
            somme.update(morceau if isinstance(morceau, bytes) else morceau.encode())
        somme.update(b"\1")
    return somme.hexdigest()


def _empreinte(fichiers: dict[str, bytes], prefixe: str, date: tuple) -> bytes:
    """What the zip holds, in a few bytes: its entries, their contents, the date."""
    somme = hashlib.sha256(repr((prefixe, date)).encode())
    for nom in sorted(fichiers):
        somme.update(nom.encode() + b"\0" + len(fichiers[nom]).to_bytes(8, "big"))
        somme.update(fichiers[nom])
    return b"phare-sha256:" + somme.hexdigest().encode()


def _commentaire(chemin: Path) -> bytes | None:
    try:
        with zipfile.ZipFile(chemin) as archive:
            return archive.comment
    except (OSError, zipfile.BadZipFile):
        return None


def ecrire_zip(chemin: Path, fichiers: dict[str, bytes], dossier: str = "") -> Path:
    """Write `fichiers` (name in the archive -> content) into a zip: sorted entries, fixed date,
    fixed permissions, Unix as the creating system. `dossier`: a folder every entry goes under.
    An existing zip that already holds exactly these files is kept as it is."""
    chemin = Path(chemin)
    chemin.parent.mkdir(parents=True, exist_ok=True)
    date = date_zip()
    prefixe = f"{dossier.strip('/')}/" if dossier else ""
    empreinte = _empreinte(fichiers, prefixe, date)
    if chemin.is_file() and _commentaire(chemin) == empreinte:
        return chemin
    with zipfile.ZipFile(chemin, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.comment = empreinte
        for nom in sorted(fichiers):
            info = zipfile.ZipInfo(prefixe + nom, date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, fichiers[nom])
    return chemin
