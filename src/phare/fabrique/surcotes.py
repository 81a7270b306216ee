"""Storm surges at Brest 1846–2007 (SHOM records, IRSN declustering; copy from CRAN Renext)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..texte import nombre
from .commun import DATE_DEPOT, champ, ecrire_csv, ressource_csv, source

LICENCE = {
    "name": "GPL-2.0-or-later",
    "title": "Données diffusées dans le paquet R Renext sous licence GPL (version 2 ou ultérieure)",
    "path": "https://cran.r-project.org/package=Renext",
}


def construire(sources: Path, sortie: Path) -> dict:
    ev = pd.read_csv(source(sources, "surcotes-brest/Brest.csv"), sep=";", dtype=str)
    df = pd.DataFrame({"date": pd.to_datetime(ev["date"], format="%Y-%m-%d").dt.strftime("%Y-%m-%d"),
                       "surcote_cm": pd.to_numeric(ev["surge"])})
    df = df.sort_values("date", kind="stable")
    ecrire_csv(df, sortie / "surcotes-brest.csv")

    # Some lines have no trailing ";" (no comment field): read them all as text.
    lignes = source(sources, "surcotes-brest/Brest_missing.csv").read_text(encoding="utf-8").splitlines()
    trous = []
    for ligne in lignes[1:]:
        morceaux = (ligne.split(";") + ["", ""])[:3]
        trous.append({"debut": morceaux[0].strip(), "fin": morceaux[1].strip(),
                      "commentaire": morceaux[2].strip() or None})
    tr = pd.DataFrame(trous)
    tr["duree_jours"] = (pd.to_datetime(tr["fin"]) - pd.to_datetime(tr["debut"])).dt.days
    tr = tr[["debut", "fin", "duree_jours", "commentaire"]].sort_values("debut", kind="stable")
    ecrire_csv(tr, sortie / "lacunes.csv")

    jours_sans = int(tr["duree_jours"].sum())
    champs = [
        champ("date", "date", "Jour de l'événement de surcote (une tempête, après dégroupage)."),
        champ("surcote_cm", "number", "Surcote : hauteur d'eau observée au-dessus de la marée prédite, "
              "en centimètres. Seuls les événements au-dessus de 30 cm sont gardés.", "cm"),
    ]
    champs_tr = [
        champ("debut", "date", "Début de la période sans observation."),
        champ("fin", "date", "Fin de la période sans observation (telle que donnée par la source)."),
        champ("duree_jours", "integer", "Nombre de jours entre début et fin.", "jours"),
        champ("commentaire", "string", "Commentaire de la source (vide le plus souvent)."),
    ]
    return {
        "name": "surcotes-brest",
        "title": "Surcotes de tempête à Brest, 1846–2007",
        "description": f"Les {nombre(len(df))} événements de surcote de plus de 30 cm observés "
                       "au marégraphe de "
                       f"Brest du {df['date'].iloc[0]} au {df['date'].iloc[-1]}, et, dans une seconde "
                       f"ressource, les {len(tr)} périodes sans observation. Une surcote est l'écart "
                       "entre la hauteur d'eau mesurée et la marée prévue par le calcul, souvent dû à "
                       "une tempête (vent, basse pression).",
        "periode": f"{df['date'].iloc[0][:4]}–{df['date'].iloc[-1][:4]}",
        "producteur": "SHOM (mesures du marégraphe de Brest), surcotes extraites par l'IRSN",
        "licenses": [LICENCE],
        "attribution": "Surcotes à Brest : mesures du SHOM, extraction et dégroupage par l'IRSN, "
                       "jeu de données du paquet R Renext (CRAN).",
        "sources": [
            {"title": "Producteurs : SHOM (marégraphe de Brest) ; extraction des surcotes par l'IRSN",
             "path": "https://cran.r-project.org/package=Renext"},
            {"title": "Copie utilisée : inst/Rendata/Brest.csv et Brest_missing.csv du miroir "
                      "GitHub cran/Renext (commit 7963d460)", "path": "https://github.com/cran/Renext"},
        ],
        "copie_par_un_tiers": True,
        "copie_tierce": "Copie tierce : les fichiers viennent du paquet R Renext, via le miroir "
                        "GitHub du CRAN, et non directement du SHOM. Un paquet R est un ensemble "
                        "de programmes et de données pour le langage R ; le CRAN est le site qui "
                        "les diffuse.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Lecture de Brest.csv (séparateur ;) ; colonnes renommées en français.",
            "Lecture de Brest_missing.csv, dont certaines lignes n'ont pas de champ commentaire ; "
            "calcul de la durée de chaque période sans observation.",
            "Tri par date.",
        ],
        "precautions": [
            "Licence : le paquet Renext est diffusé sous la licence GPL (version 2 ou suivante). "
            "La GPL est faite pour les logiciels : on peut copier, modifier et redistribuer, à "
            "condition de garder la même licence et de donner accès à la source. Pour un tableau "
            "de données, son effet est mal défini : elle ne dit pas clairement ce qu'il faut faire "
            "d'un graphique ou d'un calcul tiré des données. Par prudence, Phare redistribue ce "
            "tableau sous la même licence, cite le SHOM et l'IRSN, et ne le mélange pas à d'autres "
            "données. Les conditions de diffusion du SHOM pour ses mesures n'ont pas été vérifiées.",
            "Un événement est une tempête après dégroupage (les jours voisins d'une même tempête "
            "ne comptent qu'une fois), pas une journée.",
            f"Il y a {len(tr)} périodes sans observation, soit {nombre(jours_sans)} jours au total (dont "
            "la Seconde Guerre mondiale). Compter les tempêtes par décennie n'a de sens qu'en "
            "tenant compte de ces trous : une décennie avec des lacunes paraît plus calme.",
            "Seules les surcotes de plus de 30 cm sont présentes : impossible de calculer une "
            "surcote moyenne de toutes les marées.",
        ],
        "figure": {"genre": "barres_compte_decennie", "x": "date", "y": "surcote_cm",
                   "titre": "Nombre d'événements de surcote par décennie à Brest"},
        "resources": [
            ressource_csv("surcotes-brest", "surcotes-brest.csv", "Événements de surcote",
                          "Une ligne par événement.", champs),
            ressource_csv("lacunes", "lacunes.csv", "Périodes sans observation",
                          "Une ligne par période sans observation.", champs_tr, cle=["debut"]),
        ],
    }
