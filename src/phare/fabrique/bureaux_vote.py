"""Brest polling stations: polygons (GeoJSON) and first-round 2024 turnout.

Turnout only, never candidates' scores: a public-service site stays neutral.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..texte import nombre
from .commun import DATE_DEPOT, LICENCE_OUVERTE, champ, ecrire_csv, ecrire_json, source
from .communes import noms_communes

DECIMALES = 5  # about 1 m: enough for a city map, and the file shrinks a lot
PARTICIPATION = {  # raw column -> curated column
    "Inscrits": "inscrits",
    "Votants": "votants",
    "Abstentions": "abstentions",
    "Exprimés": "exprimes",
    "Blancs": "blancs",
    "Nuls": "nuls",
}


def _simplifier(anneau: list) -> list:
    """Round to DECIMALES and drop consecutive duplicate points (pure Python, deterministic)."""
    sortie = []
    for x, y in anneau:
        p = [round(x, DECIMALES), round(y, DECIMALES)]
        if not sortie or p != sortie[-1]:
            sortie.append(p)
    if sortie[0] != sortie[-1]:
        sortie.append(sortie[0])
    return sortie


def construire(sources: Path, sortie: Path) -> dict:
    tableau = source(sources, "elections-legislatives-2024-brest/legislatives2024_tour1_bureaux.csv")
    brut = pd.read_csv(tableau, sep=";", dtype=str)
    df = pd.DataFrame({
        "code_commune": brut["Code commune"],
        "nom_commune": brut["Libellé commune"],
        "numero_bureau": brut["Code BV"].astype(int),
    })
    for avant, apres in PARTICIPATION.items():
        df[apres] = brut[avant].astype(int)
    df = df.sort_values(["code_commune", "numero_bureau"], kind="stable")
    ecrire_csv(df, sortie / "participation-2024-tour1.csv")

    chemin = source(sources, "elections-legislatives-2024-brest/bureaux_vote_brest.geojson")
    geo = json.loads(chemin.read_text(encoding="utf-8"))
    points_avant = points_apres = 0
    entites = []
    for f in geo["features"]:
        p = f["properties"]
        anneaux = f["geometry"]["coordinates"]
        points_avant += sum(len(a) for a in anneaux)
        anneaux = [_simplifier(a) for a in anneaux]
        points_apres += sum(len(a) for a in anneaux)
        entites.append({
            "type": "Feature",
            "properties": {"code_commune": p["DEPCO"], "numero_bureau": int(p["BVOTE"]),
                           "libelle": p["TITRE"], "lieu_de_vote": p["LLIEU"]},
            "geometry": {"type": f["geometry"]["type"], "coordinates": anneaux},
        })
    entites.sort(key=lambda e: (e["properties"]["code_commune"], e["properties"]["numero_bureau"]))
    ecrire_json({"type": "FeatureCollection", "features": entites},
                sortie / "bureaux-vote-brest.geojson", indent=None)

    communes_carte = pd.Series([e["properties"]["code_commune"] for e in entites]).value_counts().sort_index()
    noms = noms_communes(sources)
    cles_carte = {(e["properties"]["code_commune"], e["properties"]["numero_bureau"]) for e in entites}
    cles_csv = set(zip(df["code_commune"], df["numero_bureau"], strict=True))
    carte_sans_resultat = sorted({c for c, _ in cles_carte - cles_csv})
    repartition = ", ".join(f"{noms.get(c, c)} ({c}) : {n}" for c, n in communes_carte.items())
    brest = df[df["code_commune"] == "29019"]

    champs = [
        champ("code_commune", "string", "Code Insee de la commune, en texte."),
        champ("nom_commune", "string", "Nom de la commune."),
        champ("numero_bureau", "integer", "Numéro du bureau de vote dans la commune."),
        champ("inscrits", "integer", "Électeurs inscrits sur la liste du bureau.", "électeurs"),
        champ("votants", "integer", "Inscrits qui ont voté (bulletins blancs et nuls compris).", "électeurs"),
        champ("abstentions", "integer", "Inscrits qui n'ont pas voté (inscrits − votants).", "électeurs"),
        champ("exprimes", "integer", "Suffrages exprimés : votants moins les bulletins blancs et nuls.",
              "électeurs"),
        champ("blancs", "integer", "Bulletins blancs.", "bulletins"),
        champ("nuls", "integer", "Bulletins nuls.", "bulletins"),
    ]
    champs_geo = [
        champ("code_commune", "string", "Code Insee de la commune (DEPCO dans la couche d'origine)."),
        champ("numero_bureau", "integer", "Numéro du bureau de vote (BVOTE)."),
        champ("libelle", "string", "Intitulé du bureau (TITRE)."),
        champ("lieu_de_vote", "string", "Lieu de vote (LLIEU)."),
    ]
    return {
        "name": "bureaux-vote-brest",
        "title": "Bureaux de vote de Brest : contours et participation au 1er tour des législatives 2024",
        "description": "Le contour de chaque bureau de vote de Brest (et de deux communes voisines) et, "
                       f"pour {len(df)} bureaux de Brest et des environs, la participation au premier "
                       "tour des élections législatives de 2024 : inscrits, votants, abstentions, "
                       "bulletins blancs et nuls. Seulement la participation : aucun résultat de "
                       "candidat.",
        "periode": "législatives 2024, premier tour",
        "producteur": "Ministère de l'Intérieur pour les résultats ; Brest métropole pour les contours",
        "licenses": [
            {**LICENCE_OUVERTE, "title": "Résultats : Licence Ouverte 2.0 (Etalab), celle des "
                                         "résultats publiés par le ministère de l'Intérieur"},
            {"name": "inconnue", "title": "Contours des bureaux de vote : licence inconnue (la copie "
                                          "n'en indique aucune, et nous n'avons pas trouvé la couche "
                                          "d'origine publiée par Brest métropole)"},
        ],
        "attribution": "Résultats : ministère de l'Intérieur, data.gouv.fr, Licence Ouverte 2.0. "
                       "Contours : sans doute Brest métropole, licence inconnue. Copie prise dans le "
                       "dépôt GitHub d'un parti politique (LaFranceInsoumiseBrest/AnalyseResultats).",
        "sources": [
            {"title": "Les résultats : le ministère de l'Intérieur les publie sur data.gouv.fr",
             "path": "https://www.data.gouv.fr"},
            {"title": "Les contours : sans doute Brest métropole (couche LIM_ADM_BureauxVote_s)",
             "path": "https://www.brest.fr"},
            {"title": "La copie : le dépôt d'un parti politique sur GitHub, sans licence (version "
                      "0d763b49)",
             "path": "https://github.com/LaFranceInsoumiseBrest/AnalyseResultats"},
        ],
        "copie_par_un_tiers": True,
        "copie_tierce": "Attention : les deux fichiers viennent du dépôt GitHub d'un parti "
                        "politique. Un dépôt, c'est un dossier de fichiers partagé sur GitHub, un "
                        "site où l'on publie du code. Ce dépôt n'indique pas de licence. Les "
                        "résultats officiels sont publiés par le ministère de l'Intérieur sur "
                        "data.gouv.fr, sous Licence Ouverte : pour tout usage réel, repartez de "
                        "cette publication. Les contours viennent, d'après le nom de la couche, "
                        "de Brest métropole. Nous ne gardons que la participation, jamais les "
                        "voix des candidats.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Tableau : le fichier d'origine a 190 colonnes. Nous gardons la commune, le numéro du "
            "bureau et les six nombres de la participation. Les pourcentages, qui se recalculent, "
            "et tout ce qui touche aux candidats sont écartés.",
            f"Contours : les coordonnées sont arrondies à {DECIMALES} décimales, soit environ 1 m. "
            "Deux points qui se suivent et se ressemblent n'en font plus qu'un "
            f"({nombre(points_avant)} points avant, {nombre(points_apres)} après). Nous gardons le "
            "code de la commune, le numéro, le nom et le lieu de vote.",
            "Tri par commune, puis par numéro de bureau.",
        ],
        "precautions": [
            f"La carte compte {len(entites)} bureaux : {repartition}. Le tableau de participation "
            f"couvre {len(df)} bureaux de {df['code_commune'].nunique()} communes, dont "
            f"{len(brest)} à Brest.",
            "Pour relier un contour à sa participation, prenez les deux colonnes code_commune et "
            "numero_bureau. Les numéros recommencent à 1 dans chaque commune.",
            "Certains contours n'ont pas de participation dans le tableau : les bureaux de "
            + (", ".join(f"{noms.get(c, c)} ({c})" for c in carte_sans_resultat) or "aucune commune")
            + ". Ils votent dans une autre circonscription, absente de la copie.",
            "Un site de service public reste neutre : seule la participation est reprise.",
            "Licence des contours : à notre connaissance, au 2 décembre 2026, elle n'est écrite "
            "nulle part. La copie n'en donne pas. Nous n'avons pas trouvé la couche publiée par "
            "Brest métropole. Ne republiez pas ces contours sans demander à la métropole.",
        ],
        "figure": {"genre": "carte_polygones", "ressource": "contours", "valeur": "participation",
                   "titre": "Part des inscrits qui ont voté, par bureau de Brest (1er tour 2024)"},
        "resources": [
            {
                "name": "participation",
                "path": "participation-2024-tour1.csv",
                "title": "Participation par bureau, 1er tour des législatives 2024",
                "description": "Une ligne par bureau de vote.",
                "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {"fields": champs, "missingValues": [""],
                           "primaryKey": ["code_commune", "numero_bureau"]},
            },
            {
                "name": "contours",
                "path": "bureaux-vote-brest.geojson",
                "title": "Contours des bureaux de vote (GeoJSON, WGS84)",
                "description": "Un polygone par bureau de vote ; propriétés décrites par le schéma.",
                "format": "geojson", "mediatype": "application/geo+json", "encoding": "utf-8",
                "schema": {"fields": champs_geo, "missingValues": [""]},
            },
        ],
    }
