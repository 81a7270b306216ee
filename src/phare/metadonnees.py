"""The metadata every dataset of `datasets/` carries (its `datapackage.json`), checked in one place.

Frictionless gives the general shape (resources, schemas); Phare adds the keys its pages need:
who produced the data, for which period, under which licence, how they were obtained and what a
careful reader must know. `valider_metadonnees(meta, chemin)` returns the problems in French,
each naming the file and the key; `exiger_metadonnees` raises them. The catalogue, the printed
sheets and the packs read the keys through this module, never with a bare `meta["…"]`.
Pure Python: it also runs in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class MetadonneesInvalides(ValueError):
    """A `datapackage.json` lacks a key Phare needs, or a key has the wrong type."""


@dataclass(frozen=True)
class Cle:
    nom: str
    type: type | tuple[type, ...]
    obligatoire: bool
    sens: str  # what the key says, in French (shown in the error message)


CLES = (
    Cle("name", str, True, "le nom du jeu, le même que son dossier"),
    Cle("title", str, True, "le titre du jeu"),
    Cle("description", str, True, "ce que contient le jeu, en une ou deux phrases"),
    Cle("periode", str, True, "la période couverte"),
    Cle("producteur", str, True, "qui produit les données"),
    Cle("licenses", list, True, "les licences (liste de {name, title, path})"),
    Cle("attribution", str, True, "la phrase à recopier quand on réutilise les données"),
    Cle("sources", list, True, "d'où viennent les données (liste de {title, path})"),
    Cle("date_recuperation", str, True, "la date où la copie a été versée dans les sources"),
    Cle("traitements", list, True, "ce que Phare a fait aux données (liste de textes)"),
    Cle("precautions", list, True, "ce qu'il faut savoir avant de s'en servir (liste de textes)"),
    Cle("figure", dict, True, "la figure du catalogue ({genre, titre, …})"),
    Cle("resources", list, True, "les fichiers du jeu"),
    Cle("copie_par_un_tiers", bool, False, "vrai si la copie vient d'un tiers, pas du producteur"),
    Cle("copie_tierce", str, False, "comment cette copie a été obtenue"),
)
PAR_NOM = {cle.nom: cle for cle in CLES}


def valider_metadonnees(meta, chemin: Path | str) -> list[str]:
    """The problems of a dataset's metadata, in French, each naming the file and the key."""
    if not isinstance(meta, dict):
        return [f"{chemin} : le fichier doit contenir un objet JSON ({{…}})"]
    problemes = []
    for cle in CLES:
        if cle.nom not in meta:
            if cle.obligatoire:
                problemes.append(f"{chemin} : la clé « {cle.nom} » manque ({cle.sens})")
            continue
        if not isinstance(meta[cle.nom], cle.type):
            problemes.append(f"{chemin} : la clé « {cle.nom} » a le mauvais type ({cle.sens})")
    if meta.get("copie_par_un_tiers") and not meta.get("copie_tierce"):
        problemes.append(
            f"{chemin} : « copie_par_un_tiers » est vrai, mais « copie_tierce » ne dit pas comment la copie "
            "a été obtenue"
        )
    if isinstance(meta.get("resources"), list) and not meta["resources"]:
        problemes.append(f"{chemin} : « resources » est vide (au moins un fichier)")
    if isinstance(meta.get("figure"), dict) and "genre" not in meta["figure"]:
        problemes.append(f"{chemin} : la figure n'a pas de « genre »")
    return problemes


def exiger_metadonnees(meta, chemin: Path | str) -> dict:
    """The metadata, or MetadonneesInvalides listing every problem."""
    problemes = valider_metadonnees(meta, chemin)
    if problemes:
        raise MetadonneesInvalides("Métadonnées incomplètes :\n  " + "\n  ".join(problemes))
    return meta


def licences(meta: dict) -> str:
    """« Licence Ouverte 2.0, ODbL » : the licences' titles, for a sentence."""
    return ", ".join(lic.get("title", lic.get("name", "")) for lic in meta.get("licenses", []))


def copie_tierce(meta: dict) -> str | None:
    """How a third-party copy was obtained, or None when the producer published it itself."""
    return meta.get("copie_tierce") if meta.get("copie_par_un_tiers") or meta.get("copie_tierce") else None
