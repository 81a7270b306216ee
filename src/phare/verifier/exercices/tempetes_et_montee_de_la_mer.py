"""Exercises of exercises/tempetes-et-montee-de-la-mer.ipynb: a storm hour by hour (January 2014),
storm surges counted with their gaps, the trend of the sea level from a given start.

Their titles are in the notebook (phare.verifier.carnets). Every expected answer is computed from
the curated data (phare.donnees, phare.tempetes), never typed in.
"""

from __future__ import annotations

import pandas as pd

from phare import tempetes as t
from phare.donnees import charger

from ..exercice import Exercice, Piege
from ..formes import Nombre, Texte

FORMAT = "%Y-%m-%d %H:%M"
DECENNIE = 1940
SEUIL = 50  # cm
DEPART = 1990


def _brest() -> pd.DataFrame:
    m = charger("meteo-horaire-janvier-2014")
    return m[m["station"] == t.BREST]


def _heure(ligne_index, tableau: pd.DataFrame, decalage: int = 0) -> str:
    return (tableau.loc[ligne_index, "date_heure"] + pd.Timedelta(hours=decalage)).strftime(FORMAT)


def _pression_basse(decalage: int = 0) -> str:
    b = _brest()
    return _heure(b["pression_mer_hpa"].idxmin(), b, decalage)


def _station_rafale(plus_grand: bool = True) -> str:
    m = charger("meteo-horaire-janvier-2014")
    r = m["rafale_max_ms"]
    return str(m.loc[r.idxmax() if plus_grand else r.idxmin(), "nom_station"])


def _surcotes_decennie(seuil: float | None = SEUIL) -> int:
    s = charger("surcotes-brest")
    garde = s["date"].dt.year // 10 * 10 == DECENNIE
    if seuil is not None:
        garde &= s["surcote_cm"] > seuil
    return int(garde.sum())


def _annees_observees() -> float:
    return float(t.annees_observees_par_decennie()[DECENNIE])


def _debut_texte(r) -> bool:
    return isinstance(r, pd.Timestamp) or (isinstance(r, str) and len(r) > len("AAAA-MM-JJ HH:MM"))


EXERCICES = [
    Exercice(
        identifiant="tempete-pression-heure",
        solution=('ligne = brest["pression_mer_hpa"].idxmin()\n'
                  'reponse = brest.loc[ligne, "date_heure"].strftime("%Y-%m-%d %H:%M")'),
        attendu=_pression_basse,
        forme=Texte(),
        bravo="`idxmin()` donne la ligne du minimum ; on y lit l'heure, en temps universel comme le fichier.",
        indices=(
            "Cherchez la ligne où la colonne `pression_mer_hpa` de Brest-Guipavas est la plus petite, "
            "puis lisez sa colonne `date_heure`.",
            "`.idxmin()` donne l'étiquette de la ligne du minimum ; `.loc[ligne, colonne]` lit une case.",
            "Écrivez l'heure au format demandé avec `.strftime(\"%Y-%m-%d %H:%M\")`.",
        ),
        pieges=(
            Piege(
                "heure-locale",
                valeur=lambda a: _pression_basse(decalage=1),
                indices=(
                    "Vous avez ajouté une heure : le fichier est en temps universel (UTC), et on demande "
                    "l'heure telle qu'elle est dans le fichier.",
                ),
            ),
            Piege(
                "toutes-stations",
                valeur=lambda a: _heure(charger("meteo-horaire-janvier-2014")["pression_mer_hpa"].idxmin(),
                                        charger("meteo-horaire-janvier-2014")),
                indices=(
                    "C'est l'heure de la pression la plus basse de tout le Finistère, pas celle de "
                    "Brest-Guipavas.",
                    "Travaillez sur le tableau `brest`, qui ne garde que la station 29075001.",
                ),
            ),
            Piege(
                "maximum",
                valeur=lambda a: _heure(_brest()["pression_mer_hpa"].idxmax(), _brest()),
                indices=(
                    "C'est l'heure de la pression la plus **haute** : on cherche la plus basse.",
                    "Remplacez `.idxmax()` par `.idxmin()`.",
                ),
            ),
            Piege(
                "format",
                test=lambda r, a: _debut_texte(r) and str(r).startswith(a),
                exemple=lambda a: a + ":00",
                indices=(
                    "C'est la bonne heure, mais pas le format demandé : sans les secondes.",
                    "Ajoutez `.strftime(\"%Y-%m-%d %H:%M\")` après la date.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="tempete-rafale-station",
        solution='reponse = meteo.loc[meteo["rafale_max_ms"].idxmax(), "nom_station"]',
        attendu=_station_rafale,
        forme=Texte(),
        bravo="Le record se cherche dans toutes les stations : c'est un cap exposé, pas l'aéroport de Brest.",
        indices=(
            "Cherchez dans tout le tableau `meteo` la ligne où `rafale_max_ms` est la plus grande.",
            "`.idxmax()` donne l'étiquette de cette ligne ; lisez-y la colonne `nom_station`.",
            "Donnez le nom tel qu'il est écrit dans le fichier, en texte.",
        ),
        pieges=(
            Piege(
                "brest-seulement",
                test=lambda r, a: isinstance(r, str) and r.strip().upper() == "BREST-GUIPAVAS" != a,
                exemple=lambda a: "BREST-GUIPAVAS",
                indices=(
                    "Vous avez cherché seulement à Brest-Guipavas : la question porte sur toutes les "
                    "stations du tableau `meteo`.",
                ),
            ),
            Piege(
                "plus-faible",
                valeur=lambda a: _station_rafale(plus_grand=False),
                indices=(
                    "C'est la station de la rafale la plus **faible** : on cherche la plus forte.",
                    "Utilisez `.idxmax()`, ou triez avec `ascending=False`.",
                ),
            ),
            Piege(
                "indicatif",
                test=lambda r, a: isinstance(r, str) and r.strip().isdigit() and len(r.strip()) == 8,
                exemple=lambda a: "29022001",
                indices=(
                    "Vous avez donné l'indicatif de la station (8 chiffres) : on demande son nom, "
                    "colonne `nom_station`.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="tempete-rafale-kmh",
        solution='reponse = brest["rafale_max_ms"].max() * 3.6',
        attendu=lambda: float(_brest()["rafale_max_ms"].max() * t.KMH_PAR_MS),
        forme=Nombre(decimales=0, unite="km/h"),
        bravo="1 m/s fait 3 600 m en une heure, soit 3,6 km : on multiplie par 3,6.",
        indices=(
            "Trouvez d'abord la plus forte rafale de Brest-Guipavas en m/s, puis convertissez-la.",
            "Une heure compte 3 600 secondes, et un kilomètre 1 000 mètres.",
            "Multipliez le maximum de la colonne `rafale_max_ms` de `brest` par 3 600 / 1 000.",
        ),
        pieges=(
            Piege(
                "non-converti",
                valeur=lambda a: a / t.KMH_PAR_MS,
                indices=(
                    "Votre résultat est encore en mètres par seconde : convertissez-le en km/h.",
                    "Pour passer des m/s aux km/h, on multiplie par 3,6.",
                ),
            ),
            Piege(
                "divise",
                valeur=lambda a: a / t.KMH_PAR_MS / t.KMH_PAR_MS,
                indices=(
                    "Vous avez divisé par 3,6 : en km/h, le nombre doit être plus **grand** qu'en m/s.",
                    "Multipliez par 3,6 au lieu de diviser.",
                ),
            ),
            Piege(
                "toutes-stations",
                valeur=lambda a: float(charger("meteo-horaire-janvier-2014")["rafale_max_ms"].max()
                                       * t.KMH_PAR_MS),
                indices=(
                    "C'est la rafale la plus forte de tout le Finistère : on demande celle de "
                    "Brest-Guipavas, dans le tableau `brest`.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="surcotes-par-annee-observee",
        solution=('reponse = ((surcotes["surcote_cm"] > 50) & (surcotes["date"].dt.year // 10 == 194)).sum() '
                  "/ annees_observees_1940"),
        attendu=lambda: _surcotes_decennie() / _annees_observees(),
        forme=Nombre(decimales=2, unite="surcotes par année observée"),
        bravo="Divisé par le temps vraiment observé, le compte d'une décennie à trous devient comparable.",
        indices=(
            "Deux étapes : compter les surcotes de plus de 50 cm des années 1940 à 1949, puis diviser "
            "par le nombre d'années observées de cette décennie.",
            "`surcotes[\"date\"].dt.year // 10 == 194` garde la décennie ; combinez-la avec la condition "
            "sur `surcote_cm` par `&`.",
            "`.sum()` compte les True ; divisez ce compte par la variable `annees_observees_1940`.",
        ),
        pieges=(
            Piege(
                "dix-ans",
                valeur=lambda a: _surcotes_decennie() / 10,
                indices=(
                    "Vous avez divisé par 10 ans : pendant une partie de la décennie, le marégraphe n'a "
                    "rien mesuré.",
                    "Divisez par `annees_observees_1940`, les années vraiment observées.",
                ),
            ),
            Piege(
                "compte-brut",
                valeur=lambda a: _surcotes_decennie(),
                indices=(
                    "C'est le compte de la décennie : on demande un nombre par année observée.",
                    "Divisez ce compte par `annees_observees_1940`.",
                ),
            ),
            Piege(
                "sans-seuil",
                valeur=lambda a: _surcotes_decennie(seuil=None) / _annees_observees(),
                indices=(
                    "Vous avez compté toutes les surcotes de la décennie : gardez seulement celles de "
                    "plus de 50 cm.",
                ),
            ),
        ),
    ),
    Exercice(
        identifiant="niveau-tendance-1990",
        solution=('recent = mensuel[mensuel["annee"] >= 1990]\n'
                  'reponse = np.polyfit(recent["annee_decimale"], recent["niveau_mm"].astype(float), 1)[0]'),
        attendu=lambda: t.tendance_mensuelle(DEPART),
        forme=Nombre(decimales=1, unite="mm par an"),
        bravo="La pente dépend du départ : depuis 1990, elle est bien plus forte que sur toute la série.",
        indices=(
            "Gardez les mois à partir de janvier 1990, puis calculez la pente de la droite de tendance.",
            "`np.polyfit(x, y, 1)` renvoie la pente puis l'ordonnée à l'origine ; prenez `x` en "
            "années (la colonne `annee_decimale`) et `y` en nombres décimaux (`.astype(float)`).",
            "Le premier nombre renvoyé, `[0]`, est la pente en millimètres par an.",
        ),
        pieges=(
            Piege(
                "toute-la-serie",
                valeur=lambda a: t.tendance_mensuelle(1807),
                indices=(
                    "C'est la tendance de toute la série, depuis 1807 : gardez seulement les mois à "
                    "partir de 1990.",
                ),
            ),
            Piege(
                "par-mois",
                valeur=lambda a: a / 12,
                indices=(
                    "Votre pente est en millimètres **par mois** : vous avez pris le numéro de ligne "
                    "ou de mois comme axe des x.",
                    "Prenez la colonne `annee_decimale` comme x : la pente sera en mm par an.",
                ),
            ),
            Piege(
                "serie-annuelle",
                valeur=lambda a: t.tendance_annuelle(DEPART),
                indices=(
                    "C'est la tendance de la série **annuelle** : on demande celle de la série mensuelle, "
                    "le tableau `mensuel`.",
                ),
            ),
        ),
    ),
]
