"""Daily rainfall 1976–2015 at 9 Météo-France stations (copy from the R package tsExtremes)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..texte import nombre
from .commun import DATE_DEPOT, LICENCE_OUVERTE, champ, ecrire_csv, ressource_csv, source

# raw column -> (curated column, station label, département)
# raw column -> (curated column, station label). Lanvéoc and Quimper are Finistère stations
# (RADOME codes 29120001 and 29216001); the copy gives no more than a name for the others.
STATIONS = {
    "BREST": ("brest_mm", "Brest-Guipavas (aéroport, Finistère)"),
    "LANVEOC": ("lanveoc_mm", "Lanvéoc (Finistère)"),
    "QUIMPER": ("quimper_mm", "Quimper (Finistère)"),
    "BORMES": ("bormes_mm", "BORMES"),
    "LE.LUC": ("le_luc_mm", "LE.LUC"),
    "HYERES": ("hyeres_mm", "HYERES"),
    "NANCY": ("nancy_mm", "NANCY"),
    "METZ": ("metz_mm", "METZ"),
    "ROVILLE": ("roville_mm", "ROVILLE"),
}
SAISONS = {"WINTER": "hiver", "SPRING": "printemps", "SUMMER": "été", "FALL": "automne"}


def construire(sources: Path, sortie: Path) -> dict:
    brut = pd.read_csv(source(sources, "meteo-pluie-quotidienne/rainfall.csv"), dtype={"y.date": str})
    df = pd.DataFrame({"date": pd.to_datetime(brut["y.date"], format="%Y%m%d").dt.strftime("%Y-%m-%d")})
    for col, (nom, _) in STATIONS.items():
        df[nom] = brut[col]
    df["saison"] = brut["SEASON"].map(SAISONS)
    if df["saison"].isna().any():
        raise ValueError("saison inconnue dans rainfall.csv")
    df = df.sort_values("date", kind="stable")
    ecrire_csv(df, sortie / "pluie-quotidienne.csv")
    manquants = {nom: int(df[nom].isna().sum()) for nom, _ in STATIONS.values()}
    texte_manquants = ", ".join(f"{n} : {v}" for n, v in manquants.items() if v) or "aucune"
    champs = [champ("date", "date", "Jour de la mesure (journée climatologique, voir les précautions).")]
    for nom, label in STATIONS.values():
        champs.append(champ(nom, "number", f"Hauteur de pluie du jour à la station {label}, "
                            "en millimètres. Vide si la mesure manque.", "mm"))
    champs.append(champ("saison", "string",
                        "Saison météorologique du jour : hiver (décembre à février), printemps (mars "
                        "à mai), été (juin à août), automne (septembre à novembre).",
                        constraints={"enum": list(SAISONS.values())}))
    return {
        "name": "pluie-quotidienne",
        "title": "Pluie quotidienne à neuf stations de Météo-France, 1976–2015",
        "description": f"Hauteur de pluie de chaque jour, du {df['date'].iloc[0]} au {df['date'].iloc[-1]} "
                       f"({nombre(len(df))} jours), à trois stations du Finistère (Brest-Guipavas, Lanvéoc, "
                       "Quimper) et six autres stations françaises, pour comparer des climats. "
                       "Format large : une ligne par jour, une colonne par station.",
        "periode": f"{df['date'].iloc[0][:4]}–{df['date'].iloc[-1][:4]}",
        "producteur": "Météo-France",
        "licenses": [LICENCE_OUVERTE],
        "attribution": "Météo-France, pluie quotidienne (copie du paquet R tsExtremes, G. Buriticá) — "
                       "données climatologiques de Météo-France, Licence Ouverte 2.0.",
        "sources": [
            {"title": "Producteur : Météo-France (pluie quotidienne)",
             "path": "https://meteo.data.gouv.fr"},
            {"title": "Copie utilisée : data/rainfall.rda du dépôt GitHub GBuritica/tsExtremes "
                      "(commit 87110b87), convertie en CSV avec pyreadr sans autre changement",
             "path": "https://github.com/GBuritica/tsExtremes"},
        ],
        "copie_par_un_tiers": True,
        "copie_tierce": "Copie tierce : le tableau vient d'un paquet R de recherche (licence MIT du "
                        "code), qui crédite Météo-France pour les données. Ce n'est pas un "
                        "téléchargement direct chez Météo-France, qui publie aujourd'hui ses données "
                        "climatologiques sous Licence Ouverte 2.0.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Lecture de rainfall.csv (conversion fidèle de rainfall.rda).",
            "Date AAAAMMJJ convertie au format ISO AAAA-MM-JJ.",
            "Colonnes renommées en français avec l'unité (_mm) ; saison traduite en français.",
            f"Format large gardé : {nombre(len(df))} jours × {len(STATIONS)} stations en format long "
            "dépasseraient 2 Mo, "
            "et le format large permet de comparer les stations jour par jour.",
            "Tri par date.",
        ],
        "precautions": [
            "La station « brest » est Brest-Guipavas, à l'aéroport, à une dizaine de kilomètres du "
            "centre-ville. Son total d'un jour est la pluie tombée de 6 h UTC ce jour-là à 6 h UTC "
            "le lendemain (journée climatologique), ce que confirme la série à 6 minutes "
            "(jeu pluie-guipavas-horaire).",
            f"Valeurs manquantes par station : {texte_manquants}. Vérifiez-les avant une moyenne.",
            "Hors Finistère, la copie ne donne que le nom de la colonne (BORMES, LE.LUC, HYERES, "
            "NANCY, METZ, ROVILLE) : ni coordonnées ni identifiant de station.",
        ],
        "figure": {"genre": "barres_moyenne_mois", "x": "date", "y": "brest_mm",
                   "titre": "Pluie moyenne par mois à Brest-Guipavas, 1976–2015 (mm par jour)"},
        "resources": [ressource_csv("pluie-quotidienne", "pluie-quotidienne.csv",
                                    "Pluie quotidienne", "Une ligne par jour, une colonne par station.",
                                    champs, cle=["date"])],
    }
