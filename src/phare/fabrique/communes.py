"""Communes of Brest métropole (6 editions) and of Finistère (latest edition), from
Etalab's npm package @etalab/decoupage-administratif."""

from __future__ import annotations

import json
import re
import tarfile
from pathlib import Path

import pandas as pd

from .commun import DATE_DEPOT, LICENCE_OUVERTE, champ, ecrire_csv, ressource_csv, source

EDITIONS = ["1.1.1", "2.3.1", "3.1.1", "4.1.0", "5.3.0", "6.0.0"]
SIREN_BREST_METROPOLE = "242900314"
NPM = "https://www.npmjs.com/package/@etalab/decoupage-administratif"
# INSEE page cited by each edition's README -> year of the legal populations it publishes
# (page titles « Populations légales 2019 », « … 2020 », « Populations de référence 2022 »,
# « … 2023 »: population on 1 January of that year, in force three years later).
ANNEE_PAGE_INSEE = {"6011070": 2019, "6683035": 2020, "8290591": 2022, "8680726": 2023}
ATTRIBUTION = (
    "Etalab (DINUM), paquet @etalab/decoupage-administratif, d'après le Code officiel géographique "
    "et les populations légales de l'Insee et la liste des EPCI de la DGCL — Licence Ouverte 2.0."
)
PRODUCTEUR = "Etalab (DINUM), d'après l'Insee (Code officiel géographique, populations légales) et la DGCL"


def _paquet(sources: Path, edition: str) -> dict:
    chemin = source(sources, f"decoupage-administratif/etalab-decoupage-administratif-{edition}.tgz")
    with tarfile.open(chemin) as tgz:
        def lire(nom: str):
            return tgz.extractfile(f"package/{nom}").read().decode("utf-8")
        return {
            "communes": json.loads(lire("data/communes.json")),
            "epci": json.loads(lire("data/epci.json")),
            "readme": lire("README.md"),
        }


def noms_communes(sources: Path) -> dict[str, str]:
    """INSEE code -> name of every current commune, latest edition (used by other builders)."""
    communes = _paquet(sources, EDITIONS[-1])["communes"]
    return {c["code"]: c["nom"] for c in communes if c.get("type") == "commune-actuelle"}


def _millesimes(readme: str) -> dict[str, int]:
    """The README's table « Millésimes et versions de package »: version -> COG year."""
    return {v: int(a) for a, v in re.findall(r"^\|\s*(20\d\d)\s*\|\s*(\d+\.\d+\.\d+)\s*\|", readme, re.M)}


def _reference_insee(readme: str) -> str:
    trouve = re.search(r"\[Population légale\]\((https://www\.insee\.fr/[^)\s]+)\)", readme)
    return trouve.group(1) if trouve else ""


def _sources_npm(editions: list[str]) -> list[dict]:
    return [
        {"title": "Producteur : Etalab (DINUM), à partir du Code officiel géographique et des "
                  "populations légales de l'Insee et de la liste des EPCI à fiscalité propre de la DGCL",
         "path": "https://github.com/etalab/decoupage-administratif"},
        {"title": "Copie utilisée : archives npm du paquet @etalab/decoupage-administratif, éditions "
                  + ", ".join(editions) + " (npm pack)", "path": NPM},
    ]


def brest_metropole(sources: Path, sortie: Path) -> dict:
    paquets = {e: _paquet(sources, e) for e in EDITIONS}
    millesimes = _millesimes(paquets[EDITIONS[-1]]["readme"])
    lignes, editions = [], []
    for e in EDITIONS:
        p = paquets[e]
        communes = {c["code"]: c for c in p["communes"] if c.get("type") == "commune-actuelle"}
        (epci,) = [x for x in p["epci"] if x["code"] == SIREN_BREST_METROPOLE]
        for m in epci["membres"]:
            lignes.append({
                "edition": e,
                "millesime": millesimes[e],
                "code_insee": m["code"],
                "nom": m["nom"],
                "siren": m["siren"],
                "population_municipale": m["populationMunicipale"],
                "population_totale": m["populationTotale"],
                "population_municipale_fiche_commune": communes[m["code"]]["population"],
            })
        somme_fiche = sum(communes[m["code"]]["population"] for m in epci["membres"])
        page = re.search(r"/statistiques/(\d+)", _reference_insee(p["readme"]))
        editions.append({
            "edition": e,
            "millesime": millesimes[e],
            "siren": epci["code"],
            "nom": epci["nom"],
            "nombre_communes": len(epci["membres"]),
            "population_municipale": epci["populationMunicipale"],
            "population_totale": epci["populationTotale"],
            "somme_population_municipale_fiches_communes": somme_fiche,
            "reference_insee_citee": _reference_insee(p["readme"]),
            "annee_population_fiche_commune": ANNEE_PAGE_INSEE.get(page.group(1)) if page else None,
        })
    df = pd.DataFrame(lignes).sort_values(["edition", "code_insee"], kind="stable")
    ed = pd.DataFrame(editions)
    # Which year do the EPCI-list figures describe? When all 8 figures of an edition are the
    # fiche figures of some edition, they share that edition's year; otherwise it stays unknown.
    annee_fiche = dict(zip(ed["edition"], ed["annee_population_fiche_commune"], strict=True))
    fiches = {e: tuple(g["population_municipale_fiche_commune"]) for e, g in df.groupby("edition")}
    annee_liste = {}
    for e, g in df.groupby("edition"):
        memes = [j for j, f in fiches.items() if f == tuple(g["population_municipale"])]
        annees = {annee_fiche[j] for j in memes}
        annee_liste[e] = annees.pop() if len(annees) == 1 else None
    ed["annee_population_liste_epci"] = ed["edition"].map(annee_liste).astype("Int64")
    ed["annee_population_fiche_commune"] = ed["annee_population_fiche_commune"].astype("Int64")
    df["annee_population"] = df["edition"].map(annee_liste).astype("Int64")
    df["annee_population_fiche_commune"] = df["edition"].map(annee_fiche).astype("Int64")
    df = df[["edition", "millesime", "code_insee", "nom", "siren", "population_municipale",
             "population_totale", "annee_population", "population_municipale_fiche_commune",
             "annee_population_fiche_commune"]]
    listes = {e: tuple(g["population_municipale"]) for e, g in df.groupby("edition")}
    inchangees = ", ".join(f"{a} et {b}" for a, b in zip(EDITIONS, EDITIONS[1:], strict=False)
                           if listes[a] == listes[b])
    inconnues = ", ".join(ed.loc[ed["annee_population_liste_epci"].isna(), "edition"])
    ecrire_csv(df, sortie / "communes-brest-metropole.csv")
    ecrire_csv(ed, sortie / "editions.csv")
    ecarts = ed[ed["population_municipale"] != ed["somme_population_municipale_fiches_communes"]]
    champs_pop = (
        "Figure dans la liste des EPCI du paquet (epci.json, d'après la DGCL). "
        "La population municipale compte les personnes qui ont leur résidence habituelle dans la commune."
    )
    champs = [
        champ("edition", "string", "Édition (version) du paquet npm dont vient la ligne."),
        champ("millesime", "integer",
              "Année de l'édition : le millésime du découpage administratif, d'après le tableau "
              "« Millésimes et versions de package » du README du paquet. Ce n'est pas l'année "
              "que décrivent les populations (voir annee_population).", "année"),
        champ("code_insee", "string",
              "Code officiel géographique (Insee) de la commune, en texte (5 caractères)."),
        champ("nom", "string", "Nom de la commune."),
        champ("siren", "string", "Numéro SIREN de la commune (9 chiffres, en texte)."),
        champ("population_municipale", "integer", "Population municipale. " + champs_pop, "habitants"),
        champ("population_totale", "integer",
              "Population totale = population municipale + population comptée à part (par exemple des "
              "étudiants ou des personnes en internat qui résident ailleurs). Liste des EPCI du paquet.",
              "habitants"),
        champ("annee_population", "integer",
              "Année décrite par population_municipale et population_totale (population au 1er "
              "janvier de cette année, recensement) : déduite parce que les 8 chiffres sont "
              "identiques à ceux d'une fiche commune dont l'année est connue. Vide si aucune "
              f"fiche ne correspond (éditions {inconnues}).", "année"),
        champ("population_municipale_fiche_commune", "integer",
              "Population municipale donnée dans la fiche de la commune (communes.json) de la même "
              "édition. Elle ne décrit pas toujours la même année que population_municipale.", "habitants"),
        champ("annee_population_fiche_commune", "integer",
              "Année décrite par population_municipale_fiche_commune : celle des populations "
              "légales publiées sur la page de l'Insee citée par le README de l'édition.", "année"),
    ]
    champs_ed = [
        champ("edition", "string", "Édition (version) du paquet npm."),
        champ("millesime", "integer", "Année de l'édition (millésime du découpage administratif).", "année"),
        champ("siren", "string", "SIREN de Brest métropole."),
        champ("nom", "string", "Nom de l'EPCI dans le paquet."),
        champ("nombre_communes", "integer", "Nombre de communes membres.", "communes"),
        champ("population_municipale", "integer", "Population municipale de l'EPCI (epci.json).",
              "habitants"),
        champ("population_totale", "integer", "Population totale de l'EPCI (epci.json).", "habitants"),
        champ("somme_population_municipale_fiches_communes", "integer",
              "Somme des populations des fiches communes (communes.json) des 8 communes.", "habitants"),
        champ("reference_insee_citee", "string",
              "Page de l'Insee sur les populations légales citée par le README de cette édition."),
        champ("annee_population_fiche_commune", "integer",
              "Année des populations légales de cette page (population au 1er janvier).", "année"),
        champ("annee_population_liste_epci", "integer",
              "Année décrite par les populations de la liste des EPCI, déduite en les comparant aux "
              "fiches communes (vide si elle ne peut pas être établie).", "année"),
    ]
    return {
        "name": "communes-brest-metropole",
        "title": "Les 8 communes de Brest métropole et leur population, six éditions (2021 à 2026)",
        "description": "Les communes membres de Brest métropole (SIREN 242900314) dans six éditions "
                       "du paquet officiel du découpage administratif, avec leurs populations légales. "
                       f"{len(df)} lignes : une par commune et par édition.",
        "periode": f"éditions {ed['millesime'].min()} à {ed['millesime'].max()} du découpage ; "
                   f"populations de {ed['annee_population_fiche_commune'].min()} à "
                   f"{ed['annee_population_fiche_commune'].max()}",
        "producteur": PRODUCTEUR,
        "licenses": [LICENCE_OUVERTE],
        "attribution": ATTRIBUTION,
        "sources": _sources_npm(EDITIONS),
        "copie_par_un_tiers": False,
        "copie_tierce": "Les fichiers viennent directement des archives publiées par Etalab sur le "
                        "registre npm (pas de copie tierce).",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Pour chaque édition : lecture de data/epci.json et data/communes.json dans l'archive npm.",
            "Sélection de l'EPCI de SIREN 242900314 et de ses communes membres.",
            "Le millésime de chaque édition vient du tableau du README de l'édition 6.0.0.",
            "Ressource « editions » : les totaux de l'EPCI et la somme des fiches communes.",
            "Tri par édition puis par code Insee.",
        ],
        "precautions": [
            "Population municipale et population totale sont deux chiffres différents : "
            "ne les mélangez pas.",
            "Les populations légales d'un millésime N décrivent la population au 1er janvier N "
            "(recensement) et n'entrent en vigueur que trois ans plus tard, le 1er janvier N+3 (Insee). "
            "Le paquet n'écrit pas ce millésime à côté des chiffres : il cite seulement une page de "
            "l'Insee (colonne reference_insee_citee de la ressource « editions »). Les colonnes "
            "annee_population et annee_population_fiche_commune donnent l'année que nous en avons "
            f"déduite ; elle reste inconnue pour la liste des EPCI des éditions {inconnues}.",
            "Dans chaque édition, la somme des populations des 8 communes de la liste des EPCI est "
            "égale à la population de l'EPCI (vérifié par les tests).",
            "La population de la fiche commune (communes.json) décrit souvent une autre année que "
            "celle de la liste des EPCI : la somme des fiches diffère du total de l'EPCI dans "
            f"{len(ecarts)} éditions sur {len(ed)} ({', '.join(ecarts['edition'])}). "
            "Le chiffre de la fiche d'une édition réapparaît souvent dans la liste des EPCI de "
            "l'édition suivante.",
            "Entre deux éditions, une population peut rester identique : le paquet n'a pas toujours "
            f"été mis à jour (liste des EPCI identique : {inchangees or 'aucune'}).",
        ],
        "figure": {"genre": "barres", "x": "millesime", "y": "population_municipale",
                   "ressource": "editions",
                   "titre": "Population municipale de Brest métropole selon l'édition du paquet"},
        "resources": [
            ressource_csv("communes", "communes-brest-metropole.csv",
                          "Communes membres, par édition", "Une ligne par commune et par édition.",
                          champs, cle=["edition", "code_insee"]),
            ressource_csv("editions", "editions.csv", "Brest métropole, par édition",
                          "Une ligne par édition : totaux de l'EPCI.", champs_ed, cle=["edition"]),
        ],
    }


def finistere(sources: Path, sortie: Path) -> dict:
    edition = EDITIONS[-1]
    p = _paquet(sources, edition)
    millesime = _millesimes(p["readme"])[edition]
    page = re.search(r"/statistiques/(\d+)", _reference_insee(p["readme"]))
    annee_pop = ANNEE_PAGE_INSEE[page.group(1)]  # the year the fiche figures describe
    epci_de = {}
    for x in p["epci"]:
        for m in x["membres"]:
            epci_de[m["code"]] = x
    lignes = []
    for c in p["communes"]:
        if c.get("departement") != "29" or c.get("type") != "commune-actuelle":
            continue
        e = epci_de.get(c["code"])
        lignes.append({
            "code_insee": c["code"],
            "nom": c["nom"],
            "siren": c.get("siren"),
            "codes_postaux": " ".join(c.get("codesPostaux", [])),
            "arrondissement": c.get("arrondissement"),
            "population_municipale": c.get("population"),
            "siren_epci": e["code"] if e else None,
            "nom_epci": e["nom"] if e else None,
        })
    df = pd.DataFrame(lignes).sort_values("code_insee", kind="stable")
    df["population_municipale"] = df["population_municipale"].astype("Int64")
    sans_epci = df.loc[df["siren_epci"].isna(), "nom"].tolist()
    debordent = sorted({
        x["nom"] for x in p["epci"]
        if any(m["code"].startswith("29") for m in x["membres"])
        and not all(m["code"].startswith("29") for m in x["membres"])
    })
    ecrire_csv(df, sortie / "communes-finistere.csv")
    champs = [
        champ("code_insee", "string", "Code officiel géographique (Insee) de la commune, en texte."),
        champ("nom", "string", "Nom de la commune."),
        champ("siren", "string", "Numéro SIREN de la commune, en texte."),
        champ("codes_postaux", "string", "Codes postaux de la commune, séparés par une espace."),
        champ("arrondissement", "string", "Code de l'arrondissement (291 Brest, 292 Châteaulin, "
              "293 Morlaix, 294 Quimper)."),
        champ("population_municipale", "integer",
              "Population municipale donnée dans la fiche de la commune (communes.json) : population "
              f"au 1er janvier {annee_pop}, d'après la page de l'Insee citée par le paquet.", "habitants"),
        champ("siren_epci", "string", "SIREN de l'intercommunalité (EPCI à fiscalité propre) de la commune."),
        champ("nom_epci", "string", "Nom de cette intercommunalité."),
    ]
    return {
        "name": "communes-finistere",
        "title": f"Les communes du Finistère et leur intercommunalité (édition {millesime})",
        "description": f"Les {len(df)} communes actuelles du Finistère (département 29) dans l'édition "
                       f"{edition} du paquet du découpage administratif, avec leur population "
                       "municipale et l'intercommunalité (EPCI) dont elles sont membres.",
        "periode": f"édition {millesime} du découpage administratif ; populations de {annee_pop}",
        "producteur": PRODUCTEUR,
        "licenses": [LICENCE_OUVERTE],
        "attribution": ATTRIBUTION,
        "sources": _sources_npm([edition]),
        "copie_par_un_tiers": False,
        "copie_tierce": "Les fichiers viennent directement de l'archive publiée par Etalab sur le "
                        "registre npm (pas de copie tierce).",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            f"Lecture de data/communes.json et data/epci.json dans l'archive de l'édition {edition}.",
            "Sélection des communes actuelles (type commune-actuelle) du département 29 : les "
            "communes déléguées et associées sont écartées.",
            "Rattachement de chaque commune à l'EPCI dont elle est membre dans epci.json.",
            "Tri par code Insee.",
        ],
        "precautions": [
            "La population est celle de la fiche commune : elle ne décrit pas forcément la même année "
            "que les totaux des EPCI du même paquet (voir le jeu communes-brest-metropole).",
            "Pas de superficie ni de coordonnées dans ce jeu.",
            f"{len(sans_epci)} communes ne sont membres d'aucune intercommunalité "
            f"({', '.join(sans_epci)}) : leurs colonnes siren_epci et nom_epci sont vides.",
            "Une intercommunalité peut déborder du département ("
            + (", ".join(debordent) or "aucune ici")
            + ") : ses communes hors Finistère ne sont pas dans ce fichier, donc la somme des "
            "populations de ce fichier n'est pas la population de cette intercommunalité.",
        ],
        "figure": {"genre": "barres_somme", "x": "nom_epci", "y": "population_municipale",
                   "titre": "Population municipale par intercommunalité du Finistère"},
        "resources": [ressource_csv("communes-finistere", "communes-finistere.csv",
                                    "Communes du Finistère", "Une ligne par commune.",
                                    champs, cle=["code_insee"])],
    }
