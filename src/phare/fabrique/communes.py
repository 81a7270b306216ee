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
    "Etalab, découpage administratif (paquet @etalab/decoupage-administratif), d'après l'Insee et la "
    "DGCL — Licence Ouverte 2.0."
)
PRODUCTEUR = "Etalab, d'après l'Insee et la DGCL"


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
        {"title": "Producteur : Etalab. Il part des codes et des populations de l'Insee, et de la "
                  "liste des groupes de communes de la DGCL (ministère de l'Intérieur)",
         "path": "https://github.com/etalab/decoupage-administratif"},
        {"title": "Copie utilisée : les archives du paquet sur le registre npm, versions "
                  + ", ".join(editions), "path": NPM},
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
        "Elle vient de la liste des groupes de communes (epci.json). "
        "Elle compte les personnes qui vivent d'habitude dans la commune."
    )
    champs = [
        champ("edition", "string", "Version du paquet dont vient la ligne."),
        champ("millesime", "integer",
              "Année de l'édition, celle du découpage des communes. Elle est lue dans le mode "
              "d'emploi du paquet. Ce n'est pas l'année que décrivent les populations : voir "
              "annee_population.", "année"),
        champ("code_insee", "string",
              "Code officiel géographique (Insee) de la commune, en texte (5 caractères)."),
        champ("nom", "string", "Nom de la commune."),
        champ("siren", "string", "Numéro SIREN de la commune (9 chiffres, en texte)."),
        champ("population_municipale", "integer", "Population municipale. " + champs_pop, "habitants"),
        champ("population_totale", "integer",
              "Population totale : la population municipale, plus des personnes comptées à part. Ce "
              "sont par exemple des étudiants qui logent ailleurs. Elle vient aussi de la liste des "
              "groupes de communes.", "habitants"),
        champ("annee_population", "integer",
              "Année que décrivent population_municipale et population_totale : la population au "
              "1er janvier de cette année. Nous l'avons trouvée parce que les 8 chiffres sont ceux "
              "d'une fiche de commune dont on connaît l'année. Vide quand aucune fiche ne "
              f"correspond (versions {inconnues}).", "année"),
        champ("population_municipale_fiche_commune", "integer",
              "Population municipale de la fiche de la commune (communes.json), dans la même "
              "édition. Elle ne décrit pas toujours la même année que population_municipale.", "habitants"),
        champ("annee_population_fiche_commune", "integer",
              "Année que décrit population_municipale_fiche_commune. C'est celle de la page de "
              "l'Insee citée par le mode d'emploi de l'édition.", "année"),
    ]
    champs_ed = [
        champ("edition", "string", "Version du paquet."),
        champ("millesime", "integer", "Année de l'édition, celle du découpage des communes.", "année"),
        champ("siren", "string", "Numéro SIREN de Brest métropole."),
        champ("nom", "string", "Nom du groupe de communes dans le paquet."),
        champ("nombre_communes", "integer", "Nombre de communes membres.", "communes"),
        champ("population_municipale", "integer", "Population municipale de la métropole (epci.json).",
              "habitants"),
        champ("population_totale", "integer", "Population totale de la métropole (epci.json).",
              "habitants"),
        champ("somme_population_municipale_fiches_communes", "integer",
              "Somme des populations des fiches des 8 communes (communes.json).", "habitants"),
        champ("reference_insee_citee", "string",
              "Page de l'Insee sur les populations citée par le mode d'emploi de cette édition."),
        champ("annee_population_fiche_commune", "integer",
              "Année que décrivent les populations de cette page : la population au 1er janvier.", "année"),
        champ("annee_population_liste_epci", "integer",
              "Année que décrivent les populations de la liste des groupes de communes. Nous l'avons "
              "trouvée en les comparant aux fiches ; vide quand c'est impossible.", "année"),
    ]
    return {
        "name": "communes-brest-metropole",
        "title": "Les 8 communes de Brest métropole et leur population, six éditions (2021 à 2026)",
        "description": "Les 8 communes de Brest métropole et leurs populations, dans six éditions du "
                       f"découpage administratif. Il y a {len(df)} lignes : une par commune et par "
                       "édition.",
        "periode": f"éditions {ed['millesime'].min()} à {ed['millesime'].max()} du découpage ; "
                   f"populations de {ed['annee_population_fiche_commune'].min()} à "
                   f"{ed['annee_population_fiche_commune'].max()}",
        "producteur": PRODUCTEUR,
        "licenses": [LICENCE_OUVERTE],
        "attribution": ATTRIBUTION,
        "sources": _sources_npm(EDITIONS),
        "copie_par_un_tiers": False,
        "copie_tierce": "Les fichiers viennent tout droit des archives publiées par Etalab sur le "
                        "registre npm. Ce n'est pas une copie faite par un tiers.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            "Pour chaque édition, nous lisons deux fichiers de l'archive : data/epci.json et "
            "data/communes.json.",
            "Nous gardons Brest métropole (SIREN 242900314) et ses communes.",
            "L'année de chaque édition vient du mode d'emploi de la dernière version.",
            "La ressource « editions » donne les totaux de la métropole et la somme des fiches.",
            "Tri par édition, puis par code Insee.",
        ],
        "precautions": [
            "Population municipale et population totale sont deux chiffres différents. Ne les "
            "mélangez pas.",
            "Selon l'Insee, les populations « millésimées » d'une année décrivent la population au "
            "1er janvier de cette année. Elles ne servent que trois ans plus tard. Le paquet n'écrit "
            "pas cette année à côté des chiffres : il cite seulement une page de l'Insee (colonne "
            "reference_insee_citee). Les colonnes annee_population et annee_population_fiche_commune "
            "donnent l'année que nous en avons tirée. Elle reste inconnue pour la liste des groupes "
            f"de communes des versions {inconnues}.",
            "Dans chaque édition, la somme des 8 communes de la liste est égale au total de la "
            "métropole. Les tests le vérifient.",
            "La fiche d'une commune (communes.json) décrit souvent une autre année que la liste. "
            f"Alors la somme des fiches n'est pas le total de la métropole : c'est le cas dans {len(ecarts)} "
            f"éditions sur {len(ed)} ({', '.join(ecarts['edition'])}). Le chiffre d'une fiche "
            "revient souvent dans la liste de l'édition suivante.",
            "D'une édition à l'autre, une population peut ne pas changer : le paquet n'a pas "
            f"toujours été mis à jour (liste identique : {inchangees or 'aucune'}).",
        ],
        "figure": {"genre": "barres", "x": "millesime", "y": "population_municipale",
                   "ressource": "editions",
                   "titre": "Habitants de Brest métropole dans chaque édition"},
        "resources": [
            ressource_csv("communes", "communes-brest-metropole.csv",
                          "Communes membres, par édition", "Une ligne par commune et par édition.",
                          champs, cle=["edition", "code_insee"]),
            ressource_csv("editions", "editions.csv", "Brest métropole, par édition",
                          "Une ligne par édition : les totaux de la métropole.", champs_ed, cle=["edition"]),
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
        champ("code_insee", "string", "Code Insee de la commune, en texte."),
        champ("nom", "string", "Nom de la commune."),
        champ("siren", "string", "Numéro SIREN de la commune, en texte."),
        champ("codes_postaux", "string", "Codes postaux de la commune, séparés par une espace."),
        champ("arrondissement", "string", "Code de l'arrondissement (291 Brest, 292 Châteaulin, "
              "293 Morlaix, 294 Quimper)."),
        champ("population_municipale", "integer",
              "Population municipale de la fiche de la commune (communes.json). C'est la population "
              f"au 1er janvier {annee_pop}, d'après la page de l'Insee citée par le paquet.", "habitants"),
        champ("siren_epci", "string", "Numéro SIREN du groupe de communes dont elle fait partie."),
        champ("nom_epci", "string", "Nom de ce groupe de communes."),
    ]
    return {
        "name": "communes-finistere",
        "title": f"Les communes du Finistère et leur intercommunalité (édition {millesime})",
        "description": f"Les {len(df)} communes du Finistère, avec leur population et le groupe de "
                       "communes dont elles font partie (leur intercommunalité). C'est l'édition "
                       f"{millesime} du découpage administratif (version {edition} du paquet).",
        "periode": f"édition {millesime} du découpage administratif ; populations de {annee_pop}",
        "producteur": PRODUCTEUR,
        "licenses": [LICENCE_OUVERTE],
        "attribution": ATTRIBUTION,
        "sources": _sources_npm([edition]),
        "copie_par_un_tiers": False,
        "copie_tierce": "Les fichiers viennent tout droit de l'archive publiée par Etalab sur le "
                        "registre npm. Ce n'est pas une copie faite par un tiers.",
        "date_recuperation": DATE_DEPOT,
        "traitements": [
            f"Nous lisons deux fichiers de l'archive de la version {edition} : data/communes.json et "
            "data/epci.json.",
            "Nous gardons les communes actuelles du département 29. Les anciennes communes, qui ont "
            "fusionné avec une autre, sont écartées.",
            "Chaque commune reçoit le groupe de communes dont elle est membre.",
            "Tri par code Insee.",
        ],
        "precautions": [
            "La population vient de la fiche de chaque commune. Elle ne décrit pas toujours la même "
            "année que les totaux des groupes de communes du même paquet : voir le jeu "
            "communes-brest-metropole.",
            "Ce jeu n'a ni surface ni coordonnées.",
            f"{len(sans_epci)} communes ne font partie d'aucun groupe de communes : "
            f"{', '.join(sans_epci)}. Leurs colonnes siren_epci et nom_epci sont vides.",
            "Un groupe de communes peut déborder du département : "
            + (", ".join(debordent) or "aucun ici")
            + ". Ses communes hors du Finistère ne sont pas dans ce fichier. La somme de ce fichier "
            "n'est donc pas sa population.",
        ],
        "figure": {"genre": "barres_somme", "x": "nom_epci", "y": "population_municipale",
                   "titre": "Habitants de chaque groupe de communes du Finistère"},
        "resources": [ressource_csv("communes-finistere", "communes-finistere.csv",
                                    "Communes du Finistère", "Une ligne par commune.",
                                    champs, cle=["code_insee"])],
    }
