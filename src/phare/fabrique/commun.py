"""Shared tools of the dataset build: checked access to raw sources, deterministic writing.

Why: every curated file must be byte-identical from one run to the next, and every raw
input must be the exact file the project recorded (sha256 taken from MANIFEST.md).
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pandas as pd

# sha256 of every raw file the build reads, copied from ../shared/datasets/raw/MANIFEST.md.
EMPREINTES_SOURCES: dict[str, str] = {
    "psmsl-brest/annual_1.rlrdata":
        "1af2f596c91c99e5baf6fa439b0e7d9bafac8e19d204ef9920cbc946bfe043b1",
    "psmsl-brest/monthly_1.rlrdata":
        "85126707967a3577f4bf7a00af0dfa02d77c65d5b521c53fdac22356df919794",
    "decoupage-administratif/etalab-decoupage-administratif-1.1.1.tgz":
        "db6e7c433ee675de314aa19bfc4faf796451342960ed2c1b42fda0f458a97e23",
    "decoupage-administratif/etalab-decoupage-administratif-2.3.1.tgz":
        "d7f2a6915af27a719eeb6eb6581d9a645849b5b23e5c97fa5aa2931eb3552d1f",
    "decoupage-administratif/etalab-decoupage-administratif-3.1.1.tgz":
        "225079c8cd185379fd494993e99fe712523e2f16e4a1170d8391a76a304e7073",
    "decoupage-administratif/etalab-decoupage-administratif-4.1.0.tgz":
        "318f0cfc0c1f9d8113b272bf3cefb8f207f23f73026ee5932215f5d80d7a0f2a",
    "decoupage-administratif/etalab-decoupage-administratif-5.3.0.tgz":
        "149cd9096f70915c02e5d39ef6045f0900d94c782ee9f1c1941703092fe72636",
    "decoupage-administratif/etalab-decoupage-administratif-6.0.0.tgz":
        "c189ffd5b33fe40c2f19e1a923ce557f190622f39228745d3195d746dfe00c4a",
    "meteo-pluie-quotidienne/rainfall.csv":
        "628800ad3b92a713fffedd8db6a3be9f310a6559ab079b4cb7eb99a998692f79",
    "meteo-pluie-6min-guipavas/guip.csv.gz":
        "d6586639b211137890ff67c3c28008bdbca9acd77589726c605fa6b1e8f5d35f",
    "meteo-radome-janvier-2014/RADOMEH.tar.gz":
        "15755616c0de991571518eb3aa319dedbb668955058335e3abc461827b32c803",
    "meteo-radome-janvier-2014/readme_radomeh.txt":
        "fcbd35e668d2defb2af8c4bc302f5c5eaaecd05b087462bf192760998b54d56e",
    "meteo-radome-janvier-2014/weather_stations.csv":
        "0c17e597f87ff7c171c1cf3d150cc7c7cd449a774f425bde33094fffd595ae81",
    "surcotes-brest/Brest.csv":
        "2041c96bd27e5447d685234175f5a2b5ce51376e04d63c5f6babd006dc1705b4",
    "surcotes-brest/Brest_missing.csv":
        "4fe32135035e3eb3454cbb6233261933656cb32e00bd4fd3d65e7fc40ddc91fb",
    "bibus-gtfs-partiel/stops.txt":
        "8077dcc5b05f45c8e4a01cd4cd4b197d939b88a0b409a35f7462292acffbc41e",
    "bibus-gtfs-partiel/trips.txt":
        "d514061519e654cab427050685be0960073bb1c612ec9166f258bfba069e6bb5",
    "elections-legislatives-2024-brest/bureaux_vote_brest.geojson":
        "19a58877d8ee5d80d9af44f122ea822e11ffcf412296e4d7a58ae7efc2c28784",
    "elections-legislatives-2024-brest/legislatives2024_tour1_bureaux.csv":
        "6e55213818a5edb6f3d08546c73ef43448f24639f3c49246dcd6048283d0b809",
    "contours-communes-finistere/communes-29-finistere.geojson":
        "174979a9f44f7e83682af1f5345dfc71bf1d76d009e01cccdc28d9f6c84698e7",
}

# The same words everywhere, so that the catalogue reads consistently.
LICENCE_OUVERTE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence 2.0 (Etalab)",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
DATE_DEPOT = "2026-11-28"  # date the raw copies were placed in ../shared/datasets/raw


class ErreurSource(RuntimeError):
    """A raw source is missing or is not the file the project recorded."""


def empreinte(chemin: Path) -> str:
    h = hashlib.sha256()
    with open(chemin, "rb") as f:
        for bloc in iter(lambda: f.read(1 << 20), b""):
            h.update(bloc)
    return h.hexdigest()


def source(racine: Path, relatif: str) -> Path:
    """Return the path of a raw file after checking that it is exactly the recorded one."""
    attendu = EMPREINTES_SOURCES[relatif]
    chemin = Path(racine) / relatif
    if not chemin.is_file():
        raise ErreurSource(
            f"Source brute introuvable : {chemin}.\n"
            "Indiquez le dossier des sources avec --sources ou la variable PHARE_SOURCES "
            "(par défaut ../shared/datasets/raw)."
        )
    obtenu = empreinte(chemin)
    if obtenu != attendu:
        raise ErreurSource(
            f"La source brute {chemin} n'est pas celle que le projet a enregistrée.\n"
            f"  sha256 attendu : {attendu}\n  sha256 obtenu  : {obtenu}\n"
            "Remettez le fichier d'origine (voir MANIFEST.md) avant de régénérer les données."
        )
    return chemin


def ecrire_csv(df: pd.DataFrame, chemin: Path) -> None:
    """Write a CSV the same way every time: UTF-8, LF, no index, NA as empty."""
    chemin.parent.mkdir(parents=True, exist_ok=True)
    texte = df.to_csv(index=False, lineterminator="\n", na_rep="")
    chemin.write_bytes(texte.encode("utf-8"))


def ecrire_json(donnees: object, chemin: Path, indent: int | None = 2) -> None:
    chemin.parent.mkdir(parents=True, exist_ok=True)
    texte = json.dumps(donnees, ensure_ascii=False, indent=indent) + "\n"
    chemin.write_bytes(texte.encode("utf-8"))


def ecrire_paquet(dossier: Path, paquet: dict) -> dict:
    """Write datapackage.json, adding each resource's bytes and sha256 (read from disk)."""
    paquet = copy.deepcopy(paquet)
    for ressource in paquet["resources"]:
        fichier = dossier / ressource["path"]
        ressource["bytes"] = fichier.stat().st_size
        ressource["hash"] = "sha256:" + empreinte(fichier)
    ecrire_json(paquet, dossier / "datapackage.json")
    return paquet


def champ(nom: str, type_: str, description: str, unite: str | None = None, **autres) -> dict:
    """One schema field; the unit is both a custom property and said in the description."""
    f = {"name": nom, "type": type_, "description": description}
    if unite:
        f["unite"] = unite
    f.update(autres)
    return f


def ressource_csv(nom: str, chemin: str, titre: str, description: str, champs: list[dict],
                  cle: list[str] | None = None) -> dict:
    schema: dict = {"fields": champs, "missingValues": [""]}
    if cle:
        schema["primaryKey"] = cle
    return {
        "name": nom,
        "path": chemin,
        "title": titre,
        "description": description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": schema,
    }
