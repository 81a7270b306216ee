"""Charger les jeux de données de Phare : la seule porte d'entrée vers `datasets/`.

    >>> from phare.donnees import charger, catalogue, decrire
    >>> niveaux = charger("niveau-marin-brest-annuel")
    >>> decrire("niveau-marin-brest-annuel")

Where the data are looked for, in this order (why: the same call must work from a notebook
in the repository, from a teacher's pack, and from the installed wheel under JupyterLite):
1. the folder named by the environment variable PHARE_DONNEES;
2. a `datasets/` folder found by walking up from the current folder;
3. the copy bundled in the installed package (`phare/_donnees`);
4. in a source checkout (the developers' editable install), the repository's `datasets/`.

Pure Python on purpose (pandas, json, hashlib; geopandas and shapely for GeoJSON, never pyogrio):
it must run under Pyodide.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import json
import os
from pathlib import Path

import pandas as pd

from .interface import type_en_francais

__all__ = [
    "ErreurDonnees",
    "JeuInconnu",
    "RessourceInconnue",
    "FichierManquant",
    "FichierAltere",
    "GeopandasAbsent",
    "charger",
    "catalogue",
    "decrire",
    "dossier_donnees",
    "metadonnees",
    "type_en_francais",
]

VARIABLE = "PHARE_DONNEES"


class ErreurDonnees(LookupError):
    """Erreur de Phare à propos d'un jeu de données (nom inconnu, fichier absent ou modifié)."""


class JeuInconnu(ErreurDonnees, ValueError):
    """Le nom demandé ne correspond à aucun jeu de données."""


class RessourceInconnue(ErreurDonnees, ValueError):
    """Le jeu existe, mais pas la ressource (le fichier) demandée."""


class FichierManquant(ErreurDonnees, FileNotFoundError):
    """Le fichier de données décrit dans les métadonnées est introuvable."""


class FichierAltere(ErreurDonnees):
    """Le fichier existe mais son empreinte sha256 ne correspond pas aux métadonnées."""


# --- Where are the data? ----------------------------------------------------------


def _contient_des_jeux(dossier: Path) -> bool:
    return dossier.is_dir() and any(dossier.glob("*/datapackage.json"))


def dossier_donnees() -> Path:
    """Le dossier où Phare lit les jeux de données (voir l'ordre de recherche plus haut)."""
    env = os.environ.get(VARIABLE)
    if env:
        dossier = Path(env).expanduser()
        if not dossier.is_dir():
            raise ErreurDonnees(
                f"La variable {VARIABLE} indique le dossier « {dossier} », qui n'existe pas.\n"
                f"Corrigez-la ou supprimez-la pour utiliser les données fournies avec Phare."
            )
        return dossier
    ici = Path.cwd().resolve()
    for parent in (ici, *ici.parents):
        candidat = parent / "datasets"
        if _contient_des_jeux(candidat):
            return candidat
    paquet = Path(__file__).resolve().parent
    for embarque in (paquet / "_donnees", paquet.parents[1] / "datasets"):
        if _contient_des_jeux(embarque):
            return embarque
    raise ErreurDonnees(
        "Aucun dossier de données trouvé : ni variable PHARE_DONNEES, ni dossier « datasets » "
        "au-dessus du dossier courant, ni copie installée avec le paquet phare.\n"
        "Réinstallez Phare (make install) ou indiquez le dossier avec PHARE_DONNEES."
    )


def _noms(dossier: Path) -> list[str]:
    return sorted(p.parent.name for p in dossier.glob("*/datapackage.json"))


def _conseil_restauration(chemin: Path) -> str:
    return (
        "Pour le restaurer, depuis le dossier du projet : "
        f"« git checkout -- datasets/{chemin.parent.name}/{chemin.name} », "
        "ou régénérez tous les jeux avec « make datasets »."
    )


def metadonnees(nom: str) -> dict:
    """Les métadonnées (le `datapackage.json`) du jeu `nom`, sous forme de dictionnaire."""
    dossier = dossier_donnees()
    chemin = dossier / str(nom) / "datapackage.json"
    if not chemin.is_file():
        noms = _noms(dossier)
        proches = difflib.get_close_matches(str(nom), noms, n=1, cutoff=0.3)
        conseil = f"Vouliez-vous dire « {proches[0]} » ?\n" if proches else ""
        raise JeuInconnu(
            f"Aucun jeu de données ne s'appelle « {nom} ».\n{conseil}"
            f"Jeux disponibles : {', '.join(noms)}.\n"
            "La fonction catalogue() les présente tous."
        )
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise FichierAltere(
            f"Les métadonnées {chemin} sont illisibles ({exc.__class__.__name__}).\n"
            + _conseil_restauration(chemin)
        ) from None


# --- Reading one resource ---------------------------------------------------------------

# Cache of checked files: (path, size, mtime) -> bytes. Why: checking the sha256 is cheap
# but notebooks call charger() many times.
_VERIFIES: dict[tuple[str, int, int], bytes] = {}


def _lire_verifie(chemin: Path, attendu: str | None) -> bytes:
    if not chemin.is_file():
        raise FichierManquant(
            f"Le fichier de données « {chemin} » est introuvable.\n" + _conseil_restauration(chemin)
        )
    etat = chemin.stat()
    cle = (str(chemin), etat.st_size, etat.st_mtime_ns)
    if cle in _VERIFIES:
        return _VERIFIES[cle]
    contenu = chemin.read_bytes()
    if attendu:
        algo, _, valeur = attendu.partition(":") if ":" in attendu else ("md5", "", attendu)
        obtenu = hashlib.new(algo, contenu).hexdigest()
        if obtenu != valeur:
            raise FichierAltere(
                f"Le fichier « {chemin} » a été modifié : son empreinte {algo} ne correspond "
                "plus à celle notée dans datapackage.json.\n" + _conseil_restauration(chemin)
            )
    _VERIFIES.clear()  # keep only the last file: memory stays small under Pyodide
    _VERIFIES[cle] = contenu
    return contenu


def _ressource(meta: dict, nom: str, ressource: str | None) -> dict:
    ressources = meta["resources"]
    if ressource is None:
        return ressources[0]
    for r in ressources:
        if r["name"] == ressource:
            return r
    noms = [r["name"] for r in ressources]
    proches = difflib.get_close_matches(str(ressource), noms, n=1, cutoff=0.3)
    conseil = f" Vouliez-vous dire « {proches[0]} » ?" if proches else ""
    raise RessourceInconnue(
        f"Le jeu « {nom} » n'a pas de ressource « {ressource} ».{conseil}\n"
        f"Ressources disponibles : {', '.join(noms)}."
    )


def _typer(df: pd.DataFrame, champs: list[dict]) -> pd.DataFrame:
    """Give every column the dtype its schema announces."""
    for f in champs:
        col, t = f["name"], f["type"]
        if col not in df.columns:
            continue
        s = df[col]
        if t == "integer":
            df[col] = pd.to_numeric(s, errors="raise").astype("Int64")
        elif t == "number":
            df[col] = pd.to_numeric(s, errors="raise").astype("float64")
        elif t == "boolean":
            df[col] = s.map({"true": True, "false": False}).astype("boolean")
        elif t == "date":
            df[col] = pd.to_datetime(s, format="%Y-%m-%d")
        elif t == "datetime":
            df[col] = pd.to_datetime(s, format="%Y-%m-%dT%H:%M:%S")
        else:
            df[col] = s.astype("string")
    return df


def _lire_csv(contenu: bytes, champs: list[dict]) -> pd.DataFrame:
    # Everything is read as text first, so that "29019" is never turned into 29019.
    df = pd.read_csv(
        io.BytesIO(contenu), dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8"
    )
    return _typer(df, champs)


MESSAGE_SANS_GEOPANDAS = (
    "Ce jeu de données est géographique : Phare le charge dans un tableau GeoDataFrame, qui "
    "vient du module geopandas. Ce module n'est pas installé.\n"
    "Installez-le : « pip install geopandas » sur votre ordinateur, ou « %pip install geopandas » "
    "dans une cellule de JupyterLite."
)


class GeopandasAbsent(ErreurDonnees, ImportError):
    """Un jeu géographique est demandé, mais geopandas n'est pas installé."""


def _geopandas():
    """geopandas and shapely's `shape`, or a French message (never a traceback about imports)."""
    try:
        import geopandas
        from shapely.geometry import shape
    except ImportError:
        raise GeopandasAbsent(MESSAGE_SANS_GEOPANDAS) from None
    return geopandas, shape


def _lire_geojson(contenu: bytes, champs: list[dict]):
    """A GeoDataFrame in WGS84 (EPSG:4326). Read with json and shapely only: no pyogrio, which
    Pyodide does not ship."""
    geopandas, shape = _geopandas()
    collection = json.loads(contenu.decode("utf-8"))
    lignes, formes = [], []
    for feature in collection["features"]:
        lignes.append({f["name"]: feature["properties"].get(f["name"]) for f in champs})
        formes.append(shape(feature["geometry"]))
    df = pd.DataFrame(lignes, columns=[f["name"] for f in champs])
    for f in champs:
        df[f["name"]] = df[f["name"]].map(lambda v: None if v is None else str(v))
    df = _typer(df, champs)
    return geopandas.GeoDataFrame(df, geometry=formes, crs="EPSG:4326")


def charger(nom: str, ressource: str | None = None) -> pd.DataFrame:
    """Charger un jeu de données de Phare dans un tableau pandas (DataFrame).

    Un fichier géographique (GeoJSON) donne un GeoDataFrame de geopandas, en longitude et
    latitude (EPSG:4326), avec sa colonne `geometry` ; sans geopandas, un message dit quoi faire.

    `nom` est le nom du jeu (la liste : `catalogue()`). `ressource` choisit un autre fichier
    du même jeu (par défaut, le premier). Les colonnes ont le type annoncé par le schéma :
    dates en datetime64, codes en texte, entiers en Int64 (qui accepte les valeurs manquantes).
    Le fichier est vérifié (empreinte sha256) avant d'être lu.
    """
    meta = metadonnees(nom)
    res = _ressource(meta, nom, ressource)
    dossier = dossier_donnees() / nom
    contenu = _lire_verifie(dossier / res["path"], res.get("hash"))
    champs = res.get("schema", {}).get("fields", [])
    try:
        if res.get("format") == "geojson":
            return _lire_geojson(contenu, champs)
        return _lire_csv(contenu, champs)
    except (ValueError, KeyError, TypeError) as exc:
        raise FichierAltere(
            f"Le fichier « {dossier / res['path']} » ne correspond pas à son schéma "
            f"({exc.__class__.__name__} : {exc}).\n" + _conseil_restauration(dossier / res["path"])
        ) from None


# --- Presenting the datasets ----------------------------------------------------------------


def catalogue() -> pd.DataFrame:
    """La liste des jeux de données : nom, titre, période, producteur, licence."""
    dossier = dossier_donnees()
    lignes = []
    for nom in _noms(dossier):
        meta = metadonnees(nom)
        lignes.append(
            {
                "nom": nom,
                "titre": meta.get("title", ""),
                "periode": meta.get("periode", ""),
                "producteur": meta.get("producteur", ""),
                "licence": ", ".join(
                    lic.get("title", lic.get("name", "")) for lic in meta.get("licenses", [])
                ),
            }
        )
    return pd.DataFrame(lignes, columns=["nom", "titre", "periode", "producteur", "licence"]).astype("string")


def decrire(nom: str) -> None:
    """Afficher, en français, ce qu'il faut savoir d'un jeu avant de s'en servir."""
    meta = metadonnees(nom)
    lignes = [meta.get("title", nom), "=" * len(meta.get("title", nom)), "", meta.get("description", "")]
    lignes += ["", f"Période : {meta.get('periode', '')}", f"Producteur : {meta.get('producteur', '')}"]
    lignes.append("Sources :")
    for s in meta.get("sources", []):
        lignes.append(f"  - {s.get('title', '')} : {s.get('path', '')}")
    lignes.append("Licence : " + ", ".join(lic.get("title", "") for lic in meta.get("licenses", [])))
    lignes.append(f"Attribution à recopier : {meta.get('attribution', '')}")
    for res in meta["resources"]:
        lignes += ["", f"Ressource « {res['name']} » ({res['path']}) : {res.get('title', '')}"]
        for f in res.get("schema", {}).get("fields", []):
            unite = f" [{f['unite']}]" if f.get("unite") else ""
            lignes.append(f"  - {f['name']} ({type_en_francais(f['type'])}){unite} : {f['description']}")
    if meta.get("precautions"):
        lignes += ["", "Précautions de lecture :"]
        lignes += [f"  - {p}" for p in meta["precautions"]]
    print("\n".join(lignes))
