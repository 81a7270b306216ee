"""Build of the curated datasets of `datasets/` from the raw sources (`make datasets`).

One small module per source. Each builder takes the raw-source folder and the output folder
of its dataset, writes the data files and returns the Frictionless metadata; `construire`
then writes `datapackage.json` with each file's size and sha256.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from . import (
    bibus,
    bureaux_vote,
    communes,
    contours,
    meteo_radome,
    niveau_marin,
    pluie,
    pluie_guipavas,
    surcotes,
)
from .commun import ErreurSource, ecrire_paquet

# dataset name -> builder(sources, output folder) -> metadata
CONSTRUCTEURS: dict[str, Callable[[Path, Path], dict]] = {
    "niveau-marin-brest-annuel": niveau_marin.annuel,
    "niveau-marin-brest-mensuel": niveau_marin.mensuel,
    "communes-brest-metropole": communes.brest_metropole,
    "communes-finistere": communes.finistere,
    "pluie-quotidienne": pluie.construire,
    "pluie-guipavas-horaire": pluie_guipavas.construire,
    "meteo-horaire-janvier-2014": meteo_radome.construire,
    "surcotes-brest": surcotes.construire,
    "arrets-bibus": bibus.construire,
    "bureaux-vote-brest": bureaux_vote.construire,
    "contours-communes-finistere": contours.construire,
}

__all__ = ["CONSTRUCTEURS", "ErreurSource", "construire"]


def construire(sources: Path, sortie: Path, noms: list[str] | None = None) -> list[str]:
    """Regenerate the named datasets (all by default) into `sortie`; return their names."""
    faits = []
    for nom in noms or list(CONSTRUCTEURS):
        dossier = Path(sortie) / nom
        if dossier.exists():
            shutil.rmtree(dossier)  # why: a file dropped from a dataset must not linger
        dossier.mkdir(parents=True)
        meta = CONSTRUCTEURS[nom](Path(sources), dossier)
        if meta["name"] != nom:
            raise ValueError(f"{nom} : le constructeur a renvoyé le nom {meta['name']}")
        ecrire_paquet(dossier, {"profile": "data-package", **meta})
        faits.append(nom)
    return faits
