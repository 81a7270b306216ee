"""Hourly weather of January 2014 at the Finistère stations of Météo-France's RADOME pack."""

from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path

import pandas as pd

from .commun import DATE_DEPOT, LICENCE_OUVERTE, champ, ecrire_csv, ressource_csv, source
from .communes import noms_communes

ZERO_CELSIUS_K = 273.15
# raw column -> (curated column, conversion, description, unit)
COLONNES = {
    "t": ("temperature_c", "K", "Température de l'air sous abri", "°C"),
    "td": ("point_rosee_c", "K", "Point de rosée (température à laquelle la vapeur d'eau de l'air se "
           "condenserait)", "°C"),
    "tx": ("temperature_max_c", "K", "Température maximale de l'heure", "°C"),
    "tn": ("temperature_min_c", "K", "Température minimale de l'heure", "°C"),
    "u": ("humidite_pct", None, "Humidité relative de l'air", "%"),
    "dd": ("direction_vent_deg", None, "Direction d'où vient le vent moyen sur 10 minutes "
           "(0 ou 360 = nord, 90 = est, 180 = sud, 270 = ouest)", "degrés"),
    "ff": ("vent_moyen_ms", None, "Vitesse du vent moyen sur 10 minutes", "m/s"),
    "fxi": ("rafale_max_ms", None, "Vitesse maximale du vent instantané (rafale) dans l'heure", "m/s"),
    "rr1": ("pluie_mm", None, "Pluie tombée pendant l'heure qui précède (1 kg/m² = 1 mm)", "mm"),
    "pres": ("pression_station_hpa", "Pa", "Pression de l'air au niveau de la station", "hPa"),
    "pmer": ("pression_mer_hpa", "Pa", "Pression ramenée au niveau de la mer", "hPa"),
}


def _dms(texte: str) -> float:
    """48°26'36N -> 48.443333 ; W and S are negative."""
    d, m, s, h = re.fullmatch(r"(\d+)°(\d+)'(\d+)([NSEW])", texte.strip()).groups()
    valeur = int(d) + int(m) / 60 + int(s) / 3600
    return round(-valeur if h in "SW" else valeur, 6)


def construire(sources: Path, sortie: Path) -> dict:
    liste = pd.read_csv(source(sources, "meteo-radome-janvier-2014/weather_stations.csv"), dtype=str)
    liste.columns = [c.strip() for c in liste.columns]
    connues = {
        r["Numéro"].strip(): {"nom_station": r["Nom"].strip(), "latitude": _dms(r["Latitude"]),
                              "longitude": _dms(r["Longitude"]), "altitude_m": int(r["Altitude"].strip())}
        for _, r in liste.iterrows()
    }
    readme = source(sources, "meteo-radome-janvier-2014/readme_radomeh.txt").read_text(encoding="utf-8")
    annoncees = int(re.search(r"Données horaires de (\d+) stations", readme).group(1))
    communes = noms_communes(sources)
    tables = []
    with tarfile.open(source(sources, "meteo-radome-janvier-2014/RADOMEH.tar.gz")) as tgz:
        dans_archive = len([m for m in tgz.getmembers() if m.name.endswith(".txt")])
        membres = sorted(m.name for m in tgz.getmembers() if re.search(r"_29\d{6}\.txt$", m.name))
        for nom in membres:
            texte = tgz.extractfile(nom).read().decode("utf-8")
            t = pd.read_csv(io.StringIO(texte), dtype=str, na_values=["mq"], keep_default_na=False)
            tables.append(t[t["numer_sta"] != "EOF"])  # each file ends with a line "EOF"
    brut = pd.concat(tables, ignore_index=True)
    df = pd.DataFrame({
        "station": brut["numer_sta"],
        "date_heure": pd.to_datetime(brut["date"], format="%Y%m%d%H%M%S").dt.strftime("%Y-%m-%dT%H:%M:%S"),
    })
    for col, (nom, conv, _, _) in COLONNES.items():
        v = pd.to_numeric(brut[col])
        if conv == "K":
            v = (v - ZERO_CELSIUS_K).round(2)
        elif conv == "Pa":
            v = (v / 100).round(2)
        df[nom] = v
    for nom in ("humidite_pct", "direction_vent_deg"):
        df[nom] = df[nom].astype("Int64")
    df = df.sort_values(["station", "date_heure"], kind="stable")

    stations = []
    for code in sorted(df["station"].unique()):
        info = connues.get(code, {})
        stations.append({
            "station": code,
            "nom_station": info.get("nom_station"),
            "commune": communes.get(code[:5]),
            "latitude": info.get("latitude"),
            "longitude": info.get("longitude"),
            "altitude_m": info.get("altitude_m"),
            "nombre_heures": int((df["station"] == code).sum()),
        })
    st = pd.DataFrame(stations)
    st["altitude_m"] = st["altitude_m"].astype("Int64")
    df = df.merge(st[["station", "nom_station", "latitude", "longitude"]], on="station", how="left")
    df = df[["station", "nom_station", "latitude", "longitude", "date_heure"]
            + [c[0] for c in COLONNES.values()]]
    ecrire_csv(df, sortie / "meteo-horaire-janvier-2014.csv")
    ecrire_csv(st, sortie / "stations.csv")

    sans_nom = st.loc[st["nom_station"].isna(), "station"].tolist()
    champs = [
        champ("station", "string", "Indicatif de la station (8 chiffres, en texte) : les 5 premiers "
              "sont le code Insee de la commune."),
        champ("nom_station", "string", "Nom de la station dans la liste fournie avec le paquet "
              "(vide si la station n'y figure pas)."),
        champ("latitude", "number", "Latitude de la station en degrés décimaux (WGS84), convertie des "
              "degrés-minutes-secondes de la liste.", "degrés"),
        champ("longitude", "number", "Longitude en degrés décimaux, négative à l'ouest de Greenwich.",
              "degrés"),
        champ("date_heure", "datetime", "Heure de l'observation, en temps universel (UTC)."),
    ]
    for _col, (nom, _, desc, unite) in COLONNES.items():
        type_ = "integer" if nom in ("humidite_pct", "direction_vent_deg") else "number"
        champs.append(champ(nom, type_, f"{desc}, en {unite}. Vide si la station ne la mesure pas "
                            "ou si la mesure manque.", unite))
    champs_st = [
        champ("station", "string", "Indicatif de la station (8 chiffres)."),
        champ("nom_station", "string", "Nom dans la liste des stations du paquet (vide si absente)."),
        champ("commune", "string", "Commune dont le code Insee forme les 5 premiers chiffres de "
              "l'indicatif (découpage administratif 2026)."),
        champ("latitude", "number", "Latitude en degrés décimaux.", "degrés"),
        champ("longitude", "number", "Longitude en degrés décimaux.", "degrés"),
        champ("altitude_m", "integer", "Altitude de la station.", "m"),
        champ("nombre_heures", "integer", "Nombre d'heures présentes dans le fichier.", "heures"),
    ]
    return {
        "name": "meteo-horaire-janvier-2014",
        "title": "Météo heure par heure dans le Finistère, janvier 2014",
        "description": f"Observations horaires de janvier 2014 aux {len(st)} stations du Finistère "
                       "du pack RADOME de Météo-France : température, humidité, vent, pluie, pression. "
                       "Janvier et février 2014 ont vu passer une série de fortes tempêtes "
                       "atlantiques.",
        "periode": "janvier 2014",
        "producteur": "Météo-France (pack RADOME étendu horaire)",
        "licenses": [LICENCE_OUVERTE],
        "attribution": "Météo-France, pack RADOME étendu horaire, janvier 2014 — Licence Ouverte.",
        "sources": [
            {"title": "Producteur : Météo-France, « pack RADOME étendu horaire » diffusé pour un "
                      "hackathon en 2014, sous Licence Ouverte", "path": "https://meteo.data.gouv.fr"},
            {"title": "Copie utilisée : dossier Original_Data/ du dépôt GitHub "
                      "bgirault-usc/Molene-Dataset (commit a32fd445)",
             "path": "https://github.com/bgirault-usc/Molene-Dataset"},
        ],
        "copie_par_un_tiers": True,
        "copie_tierce": "Copie tierce : les fichiers viennent d'un dépôt de recherche qui a conservé "
                        "le pack diffusé par Météo-France : ce n'est pas un téléchargement direct "
                        "chez le producteur.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Lecture des fichiers RADOMEH_HACKATON_29*.txt de l'archive (stations dont l'indicatif "
            "commence par 29, le Finistère) ; la ligne finale « EOF » est écartée.",
            "Le code mq (manquant) devient une valeur vide.",
            "Températures converties des kelvins en degrés Celsius (− 273,15) ; pressions des "
            "pascals en hectopascals (÷ 100).",
            "Noms, coordonnées (converties en degrés décimaux) et altitude tirés de "
            "weather_stations.csv ; commune tirée du code Insee.",
            "Seules les colonnes les plus utiles sont gardées (pas les températures du sol, la "
            "visibilité, la neige, l'insolation ni le rayonnement).",
            "Tri par station puis par heure.",
        ],
        "precautions": [
            "Toutes les stations ne mesurent pas tout : beaucoup de colonnes sont vides pour "
            "certaines stations (par exemple la pression n'est mesurée qu'à quelques stations).",
            f"{len(sans_nom)} stations n'apparaissent pas dans la liste des stations du paquet "
            f"({', '.join(sans_nom)}) : elles n'ont ni nom ni coordonnées, seulement leur commune.",
            f"Le readme du pack annonce {annoncees} stations, la liste en décrit {len(liste)} et "
            f"l'archive en contient {dans_archive} : le paquet n'est pas cohérent avec lui-même. "
            "Les colonnes X et Y Lambert de la liste sont inversées (elles ne sont pas reprises ici).",
            "Le readme ne dit pas le fuseau horaire. Comparée à la série à 6 minutes de "
            "Brest-Guipavas (en UTC), la pluie de l'heure H correspond à la pluie tombée entre "
            "H − 1 et H (corrélation 0,999) : les heures sont donc en UTC et la pluie porte sur "
            "l'heure qui précède.",
        ],
        "figure": {"genre": "ligne", "x": "date_heure", "y": "pression_mer_hpa",
                   "filtre": {"station": "29075001"},
                   "titre": "Pression au niveau de la mer à Brest-Guipavas, janvier 2014 (hPa)"},
        "resources": [
            ressource_csv("meteo-horaire-janvier-2014", "meteo-horaire-janvier-2014.csv",
                          "Observations horaires", "Une ligne par station et par heure.", champs,
                          cle=["station", "date_heure"]),
            ressource_csv("stations", "stations.csv", "Stations",
                          "Une ligne par station du Finistère présente dans l'archive.", champs_st,
                          cle=["station"]),
        ],
    }
