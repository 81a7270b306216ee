"""Brest-Guipavas rainfall: hourly sums of the 6-minute series, plus a 6-minute sample."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..texte import nombre
from .commun import DATE_DEPOT, LICENCE_OUVERTE, champ, ecrire_csv, ressource_csv, source

PAS_PAR_HEURE = 10  # ten 6-minute steps make one hour
JOURS_ECHANTILLON = 7


def _lire(sources: Path) -> pd.Series:
    brut = pd.read_csv(source(sources, "meteo-pluie-6min-guipavas/guip.csv.gz"))
    debut = pd.to_datetime(brut["date"], format="%Y-%m-%d %H:%M:%S")
    return pd.Series(brut["R"].to_numpy(), index=debut, name="pluie_mm")


def semaine_la_plus_pluvieuse(serie: pd.Series) -> pd.Timestamp:
    """First day (00:00 UTC) of the 7-day window with the largest total: chosen by the data."""
    jours = serie.resample("D").sum()
    totaux = jours.rolling(JOURS_ECHANTILLON).sum()
    fin = totaux.idxmax()  # first maximum: stable from one run to the next
    return fin - pd.Timedelta(days=JOURS_ECHANTILLON - 1)


def construire(sources: Path, sortie: Path) -> dict:
    six = _lire(sources)
    horaire = six.resample("h").agg(["sum", "count"])
    pluie = horaire["sum"].round(1).where(horaire["count"] == PAS_PAR_HEURE)
    df = pd.DataFrame({
        "date": horaire.index.strftime("%Y-%m-%d"),
        "heure": horaire.index.hour,
        "pluie_mm": pluie.to_numpy(),
    })
    ecrire_csv(df, sortie / "pluie-guipavas-horaire.csv")

    debut = semaine_la_plus_pluvieuse(six)
    fin = debut + pd.Timedelta(days=JOURS_ECHANTILLON)
    ech = six[(six.index >= debut) & (six.index < fin)]
    df6 = pd.DataFrame({"debut": ech.index.strftime("%Y-%m-%dT%H:%M:%S"), "pluie_mm": ech.to_numpy()})
    ecrire_csv(df6, sortie / "pluie-guipavas-6min-echantillon.csv")

    incompletes = int(pluie.isna().sum())
    periode_ech = f"du {debut:%Y-%m-%d} au {fin - pd.Timedelta(days=1):%Y-%m-%d}"
    champs = [
        champ("date", "date", "Jour (en temps universel, UTC)."),
        champ("heure", "integer", "Heure de début, de 0 à 23, en UTC : la ligne couvre de heure:00 à "
              "heure:59.", "heure UTC"),
        champ("pluie_mm", "number", "Pluie tombée pendant l'heure, en millimètres (somme des dix pas de "
              "6 minutes). Vide si au moins un pas de 6 minutes manque.", "mm"),
    ]
    champs6 = [
        champ("debut", "datetime", "Début du pas de 6 minutes, en UTC."),
        champ("pluie_mm", "number", "Pluie tombée pendant ces 6 minutes, en millimètres. Vide si "
              "la mesure manque.", "mm"),
    ]
    return {
        "name": "pluie-guipavas-horaire",
        "title": "Pluie heure par heure à Brest-Guipavas, 2006–2018",
        "description": "Pluie de chaque heure à la station Météo-France de Brest-Guipavas (aéroport), "
                       f"du {df['date'].iloc[0]} au {df['date'].iloc[-1]}, calculée à partir des mesures "
                       "toutes les 6 minutes. Une seconde ressource garde les mesures à 6 minutes de la "
                       f"semaine la plus pluvieuse de la série ({periode_ech}), pour voir ce que "
                       "devient une donnée quand on change de granularité.",
        "periode": f"{df['date'].iloc[0][:4]}–{df['date'].iloc[-1][:4]}",
        "producteur": "Météo-France (station de Brest-Guipavas)",
        "licenses": [LICENCE_OUVERTE],
        "attribution": "Météo-France, pluie à 6 minutes de Brest-Guipavas (copie du paquet R tcG) — "
                       "données publiques de Météo-France, Licence Ouverte 2.0.",
        "sources": [
            {"title": "Producteur : Météo-France, station Brest-Guipavas, service des données publiques",
             "path": "https://meteo.data.gouv.fr"},
            {"title": "Copie utilisée : data/guip.rda du dépôt GitHub mbtgy/tcG (commit f33b4148), "
                      "convertie en CSV avec pyreadr", "path": "https://github.com/mbtgy/tcG"},
        ],
        "copie_par_un_tiers": True,
        "copie_tierce": "Copie tierce : la série vient d'un paquet R de recherche (licence GPL-3 du "
                        "code) qui l'a obtenue auprès du service des données publiques de Météo-France.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Lecture de guip.csv.gz (conversion de guip.rda) : une ligne par pas de 6 minutes.",
            "Somme des dix pas de chaque heure, arrondie au dixième de millimètre ; l'heure reste "
            f"vide si un pas manque ({nombre(incompletes)} heures).",
            "Date et heure séparées (au lieu d'un horodatage complet) pour que le fichier reste "
            "sous 2 Mo.",
            "Échantillon à 6 minutes : la fenêtre de 7 jours (de minuit à minuit UTC) au plus fort "
            "cumul de pluie de toute la série, choisie par le calcul.",
        ],
        "precautions": [
            "Les heures sont en temps universel (UTC) : ajoutez 1 h en hiver et 2 h en été pour "
            "l'heure légale française.",
            "La documentation du paquet d'origine parle de données d'automne seulement, mais la "
            "série couvre tous les mois.",
            "La série s'arrête fin mars 2018 : l'année 2018 est incomplète.",
            "Sommée de 6 h UTC à 6 h UTC le lendemain, cette série redonne les totaux du jeu "
            "pluie-quotidienne pour la station de Brest (journée climatologique).",
        ],
        "figure": {"genre": "ligne", "x": "debut", "y": "pluie_mm", "ressource": "echantillon-6min",
                   "titre": f"Pluie toutes les 6 minutes à Brest-Guipavas, {periode_ech} (mm)"},
        "resources": [
            ressource_csv("pluie-guipavas-horaire", "pluie-guipavas-horaire.csv", "Pluie horaire",
                          "Une ligne par heure.", champs, cle=["date", "heure"]),
            ressource_csv("echantillon-6min", "pluie-guipavas-6min-echantillon.csv",
                          "Échantillon à 6 minutes, semaine la plus pluvieuse",
                          f"Une ligne par pas de 6 minutes, {periode_ech}.", champs6, cle=["debut"]),
        ],
    }
