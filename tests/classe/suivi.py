"""Helpers of the class tests: is bubblewrap there, which processes carry a marker, is a pid alive."""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest


def exiger_bwrap() -> None:
    if shutil.which("bwrap"):
        return
    if os.environ.get("CI"):
        pytest.fail("bubblewrap est absent alors que la CI l'exige : lancez bash .ci/systeme.")
    pytest.skip("bubblewrap (bwrap) est absent : installez-le avec « bash .ci/systeme » pour ces tests.")


def processus_marques(marqueurs: tuple[str, ...]) -> dict[int, str]:
    """{pid: command line} of the processes whose command line holds one of the markers."""
    trouves = {}
    for entree in os.listdir("/proc"):
        if not entree.isdigit():
            continue
        try:
            ligne = (
                Path(f"/proc/{entree}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            )
        except OSError:
            continue
        if any(m in ligne for m in marqueurs):
            trouves[int(entree)] = ligne
    return trouves


def vivant(pid: int) -> bool:
    try:
        etat = Path(f"/proc/{pid}/stat").read_bytes().rpartition(b")")[2].split()[0]
    except (OSError, IndexError):
        return False
    return etat not in (b"Z", b"X")


def lire_csv(fichier: Path) -> dict[str, dict[str, str]]:
    with open(fichier, encoding="utf-8-sig", newline="") as f:
        return {ligne["fichier"].removeprefix("'"): ligne for ligne in csv.DictReader(f, delimiter=";")}
