"""PSMSL station 1 (Brest): annual and monthly mean sea level, RLR series."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..texte import nombre
from .commun import DATE_DEPOT, champ, ecrire_csv, ressource_csv, source

SENTINELLE = -99999  # PSMSL's code for "no value"

PSMSL_PAGE = "https://psmsl.org/data/obtaining/stations/1.php"
def attribution(annee: int, extrait: str) -> str:
    """The citation PSMSL asks for, with the extraction date of the copy used."""
    return (
        f"Permanent Service for Mean Sea Level (PSMSL), {annee}, « Tide Gauge Data », "
        f"Retrieved {extrait} from http://www.psmsl.org/data/obtaining/ ; Holgate et al. (2013), "
        "Journal of Coastal Research 29(3), 493–504. Marégraphe de Brest exploité par le SHOM."
    )
LICENCE_PSMSL = {
    "name": "PSMSL",
    "title": "Usage libre avec citation du PSMSL (conditions du PSMSL)",
    "path": "https://psmsl.org/data/obtaining/",
}
PRECAUTIONS_COMMUNES = [
    "De 1807 à 1835, on notait les pleines et les basses mers. Les valeurs sont donc un niveau moyen "
    "de la marée, pas de la mer. À Brest, le niveau moyen de la mer est environ 23 mm plus haut "
    "(29 mm selon d'autres études). Le PSMSL a donc ajouté 23 mm à ces années. C'est écrit dans la "
    "documentation de la station (note du 26 janvier 2016, d'après Wöppelmann et ses collègues, 2006).",
    "Ces années portent le drapeau 010. Un drapeau est un code d'alerte : le producteur l'écrit dans "
    "une colonne pour dire qu'une valeur se lit avec prudence. Le code 000 veut dire : rien à signaler.",
    "Les valeurs sont des hauteurs au-dessus du zéro RLR de la station. RLR veut dire « Revised Local "
    "Reference », en français « référence locale révisée ». C'est un zéro fixe, 12,5 m sous un repère "
    "scellé dans le port (le repère NO-47). Ce ne sont ni des profondeurs ni des altitudes : seules "
    "les variations dans le temps ont un sens.",
    "Il manque des années : de 1836 à 1845 et pendant la Seconde Guerre mondiale, notamment. "
    "Une tendance calculée dépend beaucoup de l'année de départ.",
]


def fin_de_serie(fin: str, extrait: str) -> str:
    """The caveat of a series that stops: when, and why (the date of the copy)."""
    return (f"La série s'arrête en {fin}. La copie a été extraite de la base du PSMSL le {extrait} : "
            "les années suivantes ne sont pas dans ce fichier. Le PSMSL a peut-être publié des "
            "années plus récentes depuis.")


def _sources(fichier: str, commit: str, depot: str, extrait: str) -> list[dict]:
    return [
        {"title": "Producteur : Permanent Service for Mean Sea Level (PSMSL), station 1 BREST, "
                  "série RLR ; marégraphe exploité par le SHOM", "path": PSMSL_PAGE},
        {"title": f"Copie utilisée : fichier {fichier} du dépôt GitHub {depot} (commit {commit}), "
                  f"extrait de la base du PSMSL le {extrait}",
         "path": f"https://github.com/{depot}"},
    ]


def _lire(chemin: Path, noms: list[str]) -> pd.DataFrame:
    df = pd.read_csv(chemin, sep=";", header=None, names=noms, dtype=str)
    return df.apply(lambda s: s.str.strip())


def annuel(sources: Path, sortie: Path) -> dict:
    brut = _lire(source(sources, "psmsl-brest/annual_1.rlrdata"),
                 ["annee", "niveau_mm", "drapeau_mois_manquants", "drapeau_attention"])
    df = pd.DataFrame({
        "annee": brut["annee"].astype(int),
        "niveau_mm": pd.to_numeric(brut["niveau_mm"]).astype("Int64"),
        "drapeau_mois_manquants": brut["drapeau_mois_manquants"],
        "drapeau_attention": brut["drapeau_attention"],
    })
    df.loc[df["niveau_mm"] == SENTINELLE, "niveau_mm"] = pd.NA
    df = df.sort_values("annee", kind="stable")
    ecrire_csv(df, sortie / "niveau-marin-brest-annuel.csv")
    manquantes = int(df["niveau_mm"].isna().sum())
    champs = [
        champ("annee", "integer", "Année civile de la moyenne.", "année"),
        champ("niveau_mm", "integer",
              "Niveau moyen annuel de la mer, en millimètres au-dessus du zéro RLR de la station. "
              "Vide quand l'année n'a pas de moyenne.", "mm"),
        champ("drapeau_mois_manquants", "string",
              "Drapeau du PSMSL (Y ou N). Dans ce fichier, Y marque les années dont un mois manque "
              "dans la série mensuelle (vérifié pour les 4 années concernées).",
              constraints={"enum": ["Y", "N"]}),
        champ("drapeau_attention", "string",
              "Drapeau d'attention du PSMSL (un code d'alerte), en texte : 000 = rien à signaler ; "
              "010 = niveau moyen de la marée converti en niveau moyen de la mer (1807–1835)."),
    ]
    return {
        "name": "niveau-marin-brest-annuel",
        "title": "Niveau moyen de la mer à Brest, moyennes annuelles (depuis 1807)",
        "description": "Moyennes annuelles du niveau de la mer mesuré par le marégraphe de Brest, "
                       "l'une des plus longues séries au monde. Une ligne par année, de "
                       f"{df['annee'].min()} à {df['annee'].max()}, y compris les {manquantes} années "
                       "sans valeur (niveau vide).",
        "periode": f"{df['annee'].min()}–{df['annee'].max()}",
        "producteur": "PSMSL (Permanent Service for Mean Sea Level), d'après le marégraphe du SHOM",
        "licenses": [LICENCE_PSMSL],
        "attribution": attribution(2024, "21 Oct 2024"),
        "sources": _sources("rlr_annual/annual_1.rlrdata", "4c249e25",
                            "ishanvepa/Inclusive-Climate-Communication", "21 octobre 2024"),
        "copie_par_un_tiers": True,
        "copie_tierce": "Le fichier ne vient pas directement du site du PSMSL : c'est une copie "
                        "conservée dans un dépôt GitHub tiers (projet de recherche), identique au "
                        "format publié par le PSMSL, extraite de sa base le 21 octobre 2024.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Lecture du fichier annual_1.rlrdata (séparateur ;) et suppression des espaces.",
            f"Le code -99999 du PSMSL devient une valeur vide ({manquantes} années).",
            "Les drapeaux sont gardés tels quels, en texte.",
            "Tri par année.",
        ],
        "precautions": PRECAUTIONS_COMMUNES + [fin_de_serie(str(df["annee"].max()), "21 octobre 2024")],
        "figure": {"genre": "ligne", "x": "annee", "y": "niveau_mm",
                   "titre": "Niveau moyen annuel de la mer à Brest (mm, zéro RLR)"},
        "resources": [ressource_csv(
            "niveau-marin-brest-annuel", "niveau-marin-brest-annuel.csv",
            "Moyennes annuelles", "Une ligne par année.", champs, cle=["annee"])],
    }


def mensuel(sources: Path, sortie: Path) -> dict:
    brut = _lire(source(sources, "psmsl-brest/monthly_1.rlrdata"),
                 ["annee_decimale", "niveau_mm", "jours_manquants", "drapeau_attention"])
    # year + (month - 0.5) / 12 (PSMSL format) -> year and month
    dec = brut["annee_decimale"].astype(float)
    annee = dec.astype(int)
    mois = ((dec - annee) * 12 + 0.5).round().astype(int)
    niveau = pd.to_numeric(brut["niveau_mm"]).astype("Int64")
    manque = niveau == SENTINELLE
    jours = pd.to_numeric(brut["jours_manquants"]).astype("Int64")
    df = pd.DataFrame({
        "date": [f"{a:04d}-{m:02d}-01" for a, m in zip(annee, mois, strict=True)],
        "annee": annee,
        "mois": mois,
        "niveau_mm": niveau.mask(manque),
        "jours_manquants": jours.mask(manque),
        "drapeau_attention": brut["drapeau_attention"],
    }).sort_values("date", kind="stable")
    ecrire_csv(df, sortie / "niveau-marin-brest-mensuel.csv")
    champs = [
        champ("date", "date", "Premier jour du mois de la moyenne (le PSMSL la centre au milieu du mois)."),
        champ("annee", "integer", "Année.", "année"),
        champ("mois", "integer", "Mois, de 1 (janvier) à 12 (décembre).", "mois"),
        champ("niveau_mm", "integer",
              "Niveau moyen mensuel de la mer, en millimètres au-dessus du zéro RLR. "
              "Vide quand le mois n'a pas de moyenne.", "mm"),
        champ("jours_manquants", "integer",
              "Nombre de jours sans mesure dans le mois (vide quand le mois n'a pas de moyenne).", "jours"),
        champ("drapeau_attention", "string",
              "Drapeau d'attention du PSMSL (un code d'alerte), en texte : 000 = rien à signaler ; "
              "010 = niveau moyen de la marée converti en niveau moyen de la mer (1807–1835)."),
    ]
    return {
        "name": "niveau-marin-brest-mensuel",
        "title": "Niveau moyen de la mer à Brest, moyennes mensuelles (depuis 1807)",
        "description": "Moyennes mensuelles du niveau de la mer au marégraphe de Brest, "
                       f"de {df['date'].iloc[0][:7]} à {df['date'].iloc[-1][:7]}, "
                       f"{nombre(len(df))} mois dont {int(df['niveau_mm'].isna().sum())} sans valeur.",
        "periode": f"{df['annee'].min()}–{df['annee'].max()}",
        "producteur": "PSMSL (Permanent Service for Mean Sea Level), d'après le marégraphe du SHOM",
        "licenses": [LICENCE_PSMSL],
        "attribution": attribution(2022, "03 Jan 2022"),
        "sources": _sources("monthly_1.rlrdata", "b1598110",
                            "maeveupton/tide_gauge_data_PSMSL", "3 janvier 2022"),
        "copie_par_un_tiers": True,
        "copie_tierce": "Le fichier est une copie conservée dans un dépôt GitHub tiers, au format "
                        "publié par le PSMSL, extraite de sa base le 3 janvier 2022 : elle s'arrête "
                        "donc fin 2020, un an avant la série annuelle.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Lecture du fichier monthly_1.rlrdata (séparateur ;).",
            "L'année décimale du PSMSL (année + (mois − 0,5) / 12) est convertie en année et mois.",
            "Le code -99999 devient une valeur vide ; le nombre de jours manquants de ces mois aussi.",
            "Tri par date.",
        ],
        "precautions": PRECAUTIONS_COMMUNES + [
            fin_de_serie(df["date"].iloc[-1][:4], "3 janvier 2022"),
            "La moyenne d'un mois avec des jours manquants est moins sûre : regardez jours_manquants.",
        ],
        "figure": {"genre": "ligne", "x": "date", "y": "niveau_mm",
                   "titre": "Niveau moyen mensuel de la mer à Brest (mm, zéro RLR)"},
        "resources": [ressource_csv(
            "niveau-marin-brest-mensuel", "niveau-marin-brest-mensuel.csv",
            "Moyennes mensuelles", "Une ligne par mois.", champs, cle=["date"])],
    }
