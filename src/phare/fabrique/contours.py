"""Outlines of Finistère's communes (IGN ADMIN EXPRESS COG 2018, simplified third-party copy),
with the passage table from the 2018 codes to the communes of the latest découpage edition.

Pure json: the build needs neither geopandas nor pyogrio.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .commun import DATE_DEPOT, LICENCE_OUVERTE, champ, ecrire_csv, ecrire_json, ressource_csv, source
from .communes import EDITIONS, _millesimes, _paquet

FICHIER = "contours-communes-finistere/communes-29-finistere.geojson"
COPIE = "https://github.com/gregoiredavid/france-geojson"
MILLESIME_CONTOURS = 2018
DECIMALES = 5  # the copier already rounded to 5 decimals (about 1 m); kept, never more


def _arrondir(coordonnees):
    """Round every coordinate (nested lists of any depth) to DECIMALES, deterministically."""
    if coordonnees and isinstance(coordonnees[0], int | float):
        return [round(float(v), DECIMALES) for v in coordonnees]
    return [_arrondir(c) for c in coordonnees]


def _nombre_points(coordonnees) -> int:
    if coordonnees and isinstance(coordonnees[0], int | float):
        return 1
    return sum(_nombre_points(c) for c in coordonnees)


def passage(codes_2018: dict[str, str], communes: list[dict]) -> list[dict]:
    """One row per 2018 code: the current commune it belongs to in a découpage edition.

    A code still current maps to itself. A code that became a « commune déléguée » maps to its
    chef-lieu, which lists it in `anciensCodes`. Anything else stays unmatched (empty).
    """
    actuelles = {c["code"]: c for c in communes if c.get("type") == "commune-actuelle"}
    ancien_vers = {a: c for c in actuelles.values() for a in c.get("anciensCodes", [])}
    deleguees = {c["code"]: c for c in communes if c.get("type") == "commune-deleguee"}
    lignes = []
    for code, nom in sorted(codes_2018.items()):
        if code in actuelles:
            statut, cible = "inchangé", actuelles[code]
        elif code in ancien_vers:
            statut, cible = "devenu commune déléguée", ancien_vers[code]
        elif code in deleguees and deleguees[code].get("chefLieu") in actuelles:
            statut, cible = "devenu commune déléguée", actuelles[deleguees[code]["chefLieu"]]
        else:
            statut, cible = "introuvable", None
        lignes.append({
            "code_insee_2018": code,
            "nom_2018": nom,
            "statut": statut,
            "code_insee_actuel": cible["code"] if cible else None,
            "nom_actuel": cible["nom"] if cible else None,
        })
    return lignes


def construire(sources: Path, sortie: Path) -> dict:
    brut = json.loads(source(sources, FICHIER).read_text(encoding="utf-8"))
    entites, types = [], {}
    points = 0
    for f in brut["features"]:
        g = f["geometry"]
        coords = _arrondir(g["coordinates"])
        points += _nombre_points(coords)
        types[g["type"]] = types.get(g["type"], 0) + 1
        entites.append({
            "type": "Feature",
            "properties": {"code_insee": f["properties"]["code"], "nom": f["properties"]["nom"]},
            "geometry": {"type": g["type"], "coordinates": coords},
        })
    entites.sort(key=lambda e: e["properties"]["code_insee"])
    ecrire_json({"type": "FeatureCollection", "features": entites},
                sortie / "contours-communes-finistere.geojson", indent=None)

    edition = EDITIONS[-1]
    paquet = _paquet(sources, edition)
    millesime = _millesimes(paquet["readme"])[edition]
    codes_2018 = {e["properties"]["code_insee"]: e["properties"]["nom"] for e in entites}
    table = pd.DataFrame(passage(codes_2018, paquet["communes"]))
    table["edition"] = edition
    table["millesime"] = millesime
    ecrire_csv(table, sortie / "passage-codes-2018.csv")

    disparus = table[table["statut"] != "inchangé"]
    # The same answer in every edition of the découpage we hold? (say since when it is true)
    stables = []
    for e in EDITIONS:
        lignes = {r["code_insee_2018"]: r["code_insee_actuel"] for r in passage(
            dict(zip(disparus["code_insee_2018"], disparus["nom_2018"], strict=True)),
            _paquet(sources, e)["communes"])}
        stables.append(lignes == dict(zip(disparus["code_insee_2018"], disparus["code_insee_actuel"],
                                          strict=True)))
    premiere = _millesimes(paquet["readme"])[EDITIONS[0]]
    depuis = (f"C'est déjà le cas dans l'édition {premiere}, la plus ancienne que nous ayons."
              if all(stables) else "Ce n'est pas le cas dans toutes les éditions que nous avons.")
    actuelles = sum(1 for c in paquet["communes"]
                    if c.get("departement") == "29" and c.get("type") == "commune-actuelle")
    phrases_disparus = "; ".join(
        f"{r.code_insee_2018} ({r.nom_2018}) est devenu une commune déléguée de "
        f"{r.nom_actuel} ({r.code_insee_actuel})" for r in disparus.itertuples())

    champs_geo = [
        champ("code_insee", "string", f"Code Insee de la commune en {MILLESIME_CONTOURS}, en texte "
              "(5 caractères)."),
        champ("nom", "string", f"Nom de la commune en {MILLESIME_CONTOURS}."),
    ]
    champs_passage = [
        champ("code_insee_2018", "string", "Code Insee de la commune dans les contours de 2018."),
        champ("nom_2018", "string", "Son nom en 2018."),
        champ("statut", "string", "Ce qu'est devenu ce code : « inchangé » (toujours une commune), "
              "« devenu commune déléguée » (la commune a rejoint une commune nouvelle) ou "
              "« introuvable ».",
              constraints={"enum": ["inchangé", "devenu commune déléguée", "introuvable"]}),
        champ("code_insee_actuel", "string", "Code Insee de la commune actuelle qui contient ce "
              "territoire, dans l'édition indiquée. Vide si introuvable."),
        champ("nom_actuel", "string", "Nom de cette commune actuelle."),
        champ("edition", "string", "Version du paquet du découpage administratif lue."),
        champ("millesime", "integer", "Année de cette édition du découpage.", "année"),
    ]
    return {
        "name": "contours-communes-finistere",
        "title": f"Contours des communes du Finistère (géographie {MILLESIME_CONTOURS}, simplifiés)",
        "description": f"Le contour de chacune des {len(entites)} communes du Finistère de "
                       f"{MILLESIME_CONTOURS}, en longitude et latitude (WGS84). Une table dit ce "
                       f"qu'est devenu chaque code dans l'édition {millesime} du découpage "
                       f"administratif, qui compte {actuelles} communes.",
        "periode": f"géographie des communes de {MILLESIME_CONTOURS} ; table de passage vers "
                   f"l'édition {millesime}",
        "producteur": "IGN (ADMIN EXPRESS COG) et Insee (codes officiels géographiques)",
        "licenses": [{**LICENCE_OUVERTE, "title": "Licence Ouverte 2.0 (Etalab), celle d'ADMIN "
                                                  "EXPRESS de l'IGN ; la copie n'indique pas de "
                                                  "licence à elle"}],
        "attribution": f"IGN, ADMIN EXPRESS COG {MILLESIME_CONTOURS}, Licence Ouverte 2.0 ; contours "
                       "simplifiés par gregoiredavid/france-geojson. Table de passage : Etalab, "
                       "découpage administratif, Licence Ouverte 2.0.",
        "sources": [
            {"title": f"Producteur : IGN, ADMIN EXPRESS COG, édition {MILLESIME_CONTOURS}",
             "path": "https://geoservices.ign.fr/adminexpress"},
            {"title": "Copie utilisée : dépôt GitHub gregoiredavid/france-geojson (version 45daa2d0), "
                      "fichier departements/29-finistere/communes-29-finistere.geojson",
             "path": COPIE},
            {"title": f"Table de passage : découpage administratif d'Etalab, version {edition}",
             "path": "https://www.npmjs.com/package/@etalab/decoupage-administratif"},
        ],
        "copie_par_un_tiers": True,
        "copie_tierce": "Les contours ne viennent pas directement de l'IGN. Un particulier les a "
                        "convertis et simplifiés, puis publiés sur GitHub (un site où l'on partage "
                        "du code). Son dépôt cite ses sources mais ne donne pas de licence à lui. "
                        "Pour mesurer des surfaces ou un trait de côte, repartez d'ADMIN EXPRESS, "
                        "publié par l'IGN.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Nous lisons le fichier GeoJSON de la copie. Nous gardons le code Insee et le nom, "
            "renommés code_insee et nom.",
            f"Coordonnées gardées à {DECIMALES} décimales (environ 1 m), comme dans la copie. Il y a "
            f"{points} points en tout.",
            "Table de passage : pour chaque code de 2018, nous cherchons la commune actuelle dans "
            f"l'édition {millesime} du découpage administratif (version {edition}) : le même code, "
            "ou la commune dont il est un ancien code.",
            "Tri par code Insee.",
        ],
        "precautions": [
            f"C'est la géographie de {MILLESIME_CONTOURS} : {len(entites)} contours, alors que "
            f"l'édition {millesime} du découpage compte {actuelles} communes dans le Finistère.",
            f"Deux codes de 2018 ne sont plus des communes : {phrases_disparus}. {depuis} "
            "La ressource « passage » le dit pour chaque code. Ne reliez jamais ces contours à une "
            "autre édition sans vérifier les codes.",
            "Les contours sont simplifiés : le copiste a gardé environ un quart des points. Ils "
            "suffisent pour une carte des communes. Ils ne suffisent pas pour mesurer une surface "
            "ou une côte avec précision.",
            "Les coordonnées sont en degrés (WGS84). Pour calculer une surface, projetez d'abord "
            "en Lambert-93 (EPSG:2154), la projection officielle de la France métropolitaine.",
            f"Les contours : {', '.join(f'{n} {t}' for t, n in sorted(types.items()))}. Un "
            "MultiPolygon est une commune en plusieurs morceaux, par exemple avec des îles.",
        ],
        "figure": {"genre": "carte_contours", "ressource": "contours",
                   "titre": f"Les communes du Finistère en {MILLESIME_CONTOURS}"},
        "resources": [
            {
                "name": "contours",
                "path": "contours-communes-finistere.geojson",
                "title": f"Contours des communes en {MILLESIME_CONTOURS} (GeoJSON, WGS84)",
                "description": "Un polygone (ou plusieurs) par commune ; propriétés décrites par le "
                               "schéma.",
                "format": "geojson", "mediatype": "application/geo+json", "encoding": "utf-8",
                "schema": {"fields": champs_geo, "missingValues": [""], "primaryKey": ["code_insee"]},
            },
            ressource_csv("passage", "passage-codes-2018.csv",
                          f"Des codes de {MILLESIME_CONTOURS} aux communes de {millesime}",
                          "Une ligne par code de 2018.", champs_passage, cle=["code_insee_2018"]),
        ],
    }
