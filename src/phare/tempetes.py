"""Les calculs du module « Tempêtes et montée de la mer », écrits une fois pour la page, sa fiche
d'animation et les exercices : la tempête de janvier 2014, les surcotes comptées avec leurs
lacunes, la tendance du niveau de la mer selon l'année de départ.

Pur pandas et numpy : tourne aussi dans le navigateur (JupyterLite).
"""

from __future__ import annotations

import pandas as pd

from .donnees import charger
from .graphiques import tendance_lineaire

BREST = "29075001"  # Brest-Guipavas
OUESSANT = "29155005"  # Ouessant-Stiff
SEUILS_CM = (50, 80, 100)
# Les surcotes couvrent les années 1846 à 2007 (dernier événement en 2007) ; la dernière période
# sans observation de la source (2008) tombe après : elle ne retire rien à la période étudiée.
DEBUT_SURCOTES = pd.Timestamp("1846-01-01")
FIN_SURCOTES = pd.Timestamp("2008-01-01")  # exclue
JOURS_PAR_AN = 365.25
KMH_PAR_MS = 3.6  # 1 m/s = 3 600 m par heure = 3,6 km/h


def meteo() -> pd.DataFrame:
    """Les observations horaires ; une pluie négative (−0,1 mm, impossible) compte comme vide."""
    m = charger("meteo-horaire-janvier-2014")
    return m.assign(pluie_mm=m["pluie_mm"].where(m["pluie_mm"] >= 0))


def station(m: pd.DataFrame, indicatif: str) -> pd.DataFrame:
    return m[m["station"] == indicatif].set_index("date_heure").sort_index()


def record(m: pd.DataFrame, colonne: str, plus_grand: bool = True) -> pd.Series:
    """La ligne où `colonne` est la plus grande (ou la plus petite) : station, nom, heure, valeur."""
    valeurs = m[colonne].dropna()
    return m.loc[valeurs.idxmax() if plus_grand else valeurs.idxmin()]


def nom_station(m: pd.DataFrame, indicatif: str) -> str:
    noms = m.loc[m["station"] == indicatif, "nom_station"].dropna()
    return str(noms.iloc[0]) if len(noms) else indicatif


def jour_tempete(m: pd.DataFrame) -> pd.Timestamp:
    """Le jour de la tempête choisie : celui de la plus forte rafale du mois, toutes stations."""
    return record(m, "rafale_max_ms")["date_heure"].normalize()


def lacunes_par_annee() -> pd.Series:
    """Jours sans observation de chaque année (1846 à 2007), les lacunes coupées aux années."""
    lacunes = charger("surcotes-brest", "lacunes")
    jours = pd.Series(0.0, index=range(DEBUT_SURCOTES.year, FIN_SURCOTES.year))
    for debut, fin in zip(lacunes["debut"], lacunes["fin"], strict=True):
        debut, fin = max(debut, DEBUT_SURCOTES), min(fin, FIN_SURCOTES)
        for annee in range(debut.year, fin.year + 1):
            a, b = max(debut, pd.Timestamp(annee, 1, 1)), min(fin, pd.Timestamp(annee + 1, 1, 1))
            if b > a and annee in jours.index:
                jours[annee] += (b - a).days
    return jours


def annees_observees_par_decennie() -> pd.Series:
    """Années réellement observées dans chaque décennie (jours observés ÷ 365,25)."""
    manque = lacunes_par_annee()
    longueur = pd.Series([(pd.Timestamp(a + 1, 1, 1) - pd.Timestamp(a, 1, 1)).days for a in manque.index],
                         index=manque.index)
    observe = (longueur - manque) / JOURS_PAR_AN
    return observe.groupby(observe.index // 10 * 10).sum()


def comptes_par_decennie(seuils=SEUILS_CM) -> pd.DataFrame:
    """Nombre d'événements au-dessus de chaque seuil (cm), par décennie (1840 = 1840–1849)."""
    s = charger("surcotes-brest")
    decennie = s["date"].dt.year // 10 * 10
    comptes = pd.DataFrame({f"plus de {k} cm": (s["surcote_cm"] > k).groupby(decennie).sum()
                            for k in seuils})
    return comptes.reindex(annees_observees_par_decennie().index, fill_value=0).astype(int)


def par_annee_observee(seuils=SEUILS_CM) -> pd.DataFrame:
    """Les mêmes comptes divisés par les années réellement observées de chaque décennie."""
    return comptes_par_decennie(seuils).div(annees_observees_par_decennie(), axis=0)


def annees_observees() -> float:
    """Toutes les années observées de la série des surcotes."""
    return float(annees_observees_par_decennie().sum())


def niveau_mensuel() -> pd.DataFrame:
    """La série mensuelle, avec l'année décimale du milieu du mois (comme le PSMSL)."""
    n = charger("niveau-marin-brest-mensuel")
    return n.assign(annee_decimale=n["annee"] + (n["mois"] - 0.5) / 12)


def tendance_annuelle(depuis: int) -> float:
    """Pente (mm par an) de la série annuelle, à partir de l'année `depuis`."""
    n = charger("niveau-marin-brest-annuel")
    n = n[n["annee"] >= depuis]
    return tendance_lineaire(n["annee"], n["niveau_mm"])[0]


def tendance_mensuelle(depuis: int) -> float:
    """Pente (mm par an) de la série mensuelle, à partir de janvier de l'année `depuis`."""
    n = niveau_mensuel()
    n = n[n["annee"] >= depuis]
    return tendance_lineaire(n["annee_decimale"], n["niveau_mm"])[0]


def cycle_saisonnier() -> pd.Series:
    """Écart moyen de chaque mois à la moyenne de son année (mm), sur les années complètes."""
    n = niveau_mensuel().dropna(subset=["niveau_mm"])
    completes = n.groupby("annee")["mois"].transform("size") == 12
    n = n[completes]
    ecart = n["niveau_mm"] - n.groupby("annee")["niveau_mm"].transform("mean")
    return ecart.groupby(n["mois"]).mean()
