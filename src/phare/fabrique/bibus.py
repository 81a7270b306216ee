"""Bibus stops (Brest), from a third-party partial copy of the official GTFS feed."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..texte import nombre
from .commun import DATE_DEPOT, champ, ecrire_csv, ressource_csv, source

# GTFS meaning of wheelchair_boarding for a stop without parent station
ACCES = {"0": "pas d'information", "1": "accessible (au moins en partie)", "2": "non accessible"}
LICENCE = {
    "name": "non-precisee",
    "title": "Licence non indiquée par la copie utilisée ; le flux officiel est publié sur "
             "transport.data.gouv.fr (licence à vérifier là-bas)",
    "path": "https://transport.data.gouv.fr",
}


def construire(sources: Path, sortie: Path) -> dict:
    arrets = pd.read_csv(source(sources, "bibus-gtfs-partiel/stops.txt"), dtype=str,
                         keep_default_na=False)
    df = pd.DataFrame({
        "identifiant": arrets["stop_id"],
        "nom": arrets["stop_name"],
        "latitude": pd.to_numeric(arrets["stop_lat"]),
        "longitude": pd.to_numeric(arrets["stop_lon"]),
        "acces_fauteuil": arrets["wheelchair_boarding"].replace("", "0").astype(int),
    })
    df["acces_fauteuil_libelle"] = df["acces_fauteuil"].astype(str).map(ACCES)
    df = df.sort_values("identifiant", kind="stable")
    ecrire_csv(df, sortie / "arrets-bibus.csv")

    courses = pd.read_csv(source(sources, "bibus-gtfs-partiel/trips.txt"), dtype=str,
                          keep_default_na=False)
    courses["accessible"] = courses["wheelchair_accessible"] == "1"
    lignes = (courses.groupby("route_id", sort=True)
              .agg(nombre_courses=("trip_id", "size"), courses_accessibles=("accessible", "sum"))
              .reset_index().rename(columns={"route_id": "ligne"}))
    ecrire_csv(lignes, sortie / "lignes.csv")

    compte = df["acces_fauteuil_libelle"].value_counts()
    noms_multiples = int((df.groupby("nom")["identifiant"].size() > 1).sum())
    repartition = " ; ".join(f"{v} : {nombre(compte.get(v, 0))}" for v in ACCES.values())
    champs = [
        champ("identifiant", "string", "Identifiant de l'arrêt dans le flux GTFS (stop_id)."),
        champ("nom", "string", "Nom de l'arrêt."),
        champ("latitude", "number", "Latitude en degrés décimaux (WGS84).", "degrés"),
        champ("longitude", "number", "Longitude en degrés décimaux, négative à l'ouest.", "degrés"),
        champ("acces_fauteuil", "integer", "Code GTFS wheelchair_boarding : 0 = pas d'information, "
              "1 = accessible au moins en partie en fauteuil roulant, 2 = non accessible.",
              constraints={"enum": [0, 1, 2]}),
        champ("acces_fauteuil_libelle", "string", "Le même code, en clair."),
    ]
    champs_l = [
        champ("ligne", "string", "Identifiant de la ligne (route_id)."),
        champ("nombre_courses", "integer", "Nombre de courses (trips) de la ligne dans la copie.", "courses"),
        champ("courses_accessibles", "integer", "Courses avec wheelchair_accessible = 1 (véhicule "
              "accessible en fauteuil roulant).", "courses"),
    ]
    return {
        "name": "arrets-bibus",
        "title": "Arrêts du réseau Bibus (Brest), copie partielle d'un flux GTFS",
        "description": f"Les {nombre(len(df))} arrêts du réseau de transport en commun Bibus "
                       "de Brest métropole, "
                       "avec leurs coordonnées et l'information d'accessibilité en fauteuil roulant, "
                       f"et un résumé des {nombre(len(courses))} courses de {len(lignes)} lignes. "
                       "C'est une copie partielle, faite par un tiers, du flux officiel.",
        "periode": "horaires de septembre 2021 (service SEPT21)",
        "producteur": "Brest métropole / réseau Bibus (flux GTFS officiel)",
        "licenses": [LICENCE],
        "attribution": "Réseau Bibus, Brest métropole — copie partielle du flux GTFS trouvée dans le "
                       "dépôt GitHub 2D-Quest/AfficheurBus_GTFS-RT_Brest (licence non indiquée).",
        "sources": [
            {"title": "Producteur : Brest métropole / réseau Bibus, flux GTFS publié sur le point "
                      "d'accès national aux données de transport", "path": "https://transport.data.gouv.fr"},
            {"title": "Copie utilisée : stops.txt et trips.txt du dépôt GitHub "
                      "2D-Quest/AfficheurBus_GTFS-RT_Brest (commit 767b192c), sans licence indiquée",
             "path": "https://github.com/2D-Quest/AfficheurBus_GTFS-RT_Brest"},
        ],
        "copie_par_un_tiers": True,
        "copie_tierce": "Attention : ce jeu ne vient pas du producteur. C'est une copie partielle "
                        "(seulement les arrêts et les courses, sans horaires ni calendrier) d'un "
                        "ancien flux GTFS de Bibus, trouvée dans le dépôt GitHub d'un particulier, "
                        "qui n'indique aucune licence. Pour un usage réel, téléchargez le flux "
                        "officiel et à jour sur transport.data.gouv.fr et vérifiez sa licence.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Lecture de stops.txt ; colonnes utiles gardées et renommées en français.",
            "Code wheelchair_boarding vide compté comme 0 (pas d'information), selon la "
            "spécification GTFS ; libellé en clair ajouté.",
            "Ressource « lignes » : nombre de courses par ligne et nombre de courses "
            "accessibles, calculés à partir de trips.txt.",
            "Tri par identifiant d'arrêt, et par ligne.",
        ],
        "precautions": [
            "Copie tierce et partielle : pas d'horaires (stop_times), pas de calendrier. C'est "
            "l'offre de septembre 2021. Le réseau a changé depuis : deux lignes nouvelles, le "
            "tramway B et le bus D, ont ouvert en février 2026 (voir le module « Le service public "
            "local de la donnée »). Cette copie ne peut pas les décrire.",
            f"Accessibilité des arrêts : {repartition}. Le code 0 veut dire « pas "
            "d'information », pas « inaccessible ».",
            f"Un même nom d'arrêt revient sous plusieurs identifiants ({nombre(noms_multiples)} noms sur "
            f"{nombre(df['nom'].nunique())}) : compter les identifiants n'est pas compter les arrêts.",
            "Qui publie ces données, et peut-on les réutiliser ? C'est la question à se poser "
            "avant tout usage.",
        ],
        "figure": {"genre": "carte_points", "x": "longitude", "y": "latitude",
                   "couleur": "acces_fauteuil_libelle",
                   "titre": "Arrêts Bibus selon l'information d'accessibilité"},
        "resources": [
            ressource_csv("arrets-bibus", "arrets-bibus.csv", "Arrêts",
                          "Une ligne par arrêt.", champs, cle=["identifiant"]),
            ressource_csv("lignes", "lignes.csv", "Courses par ligne",
                          "Une ligne par ligne du réseau (identifiant route_id).", champs_l,
                          cle=["ligne"]),
        ],
    }
