"""Le paquet d'un module pour la classe : un zip reproductible, téléchargeable depuis la page du module.

    phare-<module>/
      LISEZMOI.md                 comment s'en servir en classe (en français)
      LICENSE, LICENSE-contenu    code MIT, contenus CC BY 4.0
      fiches/                     les PDF du module (et la lettre à compléter en .odt s'il y en a une),
                                  dont le compte rendu et l'attestation, vierges, pour ce module
      notebooks/, exercises/      les notebooks liés au module (mêmes dossiers que le dépôt)
      datasets/<jeu>/             les CSV et leur datapackage.json
      phare-<version>-py3-none-any.whl   le paquet phare (charger, verifier), installable hors ligne

`phare.donnees.charger` trouve `datasets/` en remontant depuis le dossier du notebook : les
notebooks du paquet s'exécutent dans le paquet, avec ses propres données.
Reproducible: entries sorted, fixed dates and permissions, wheel built with SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..interface import libelle
from ..typographie import corriger
from .archives import ecrire_zip
from .impression import genre as titre_document
from .impression import jeu_de_donnees
from .liens import notebook_hors_du_livre
from .roue import construire_roue

_CHARGER = re.compile(r"""charger\(\s*["']([a-z0-9-]+)["']""")


def jeux_du_module(racine: Path, module: dict) -> list[str]:
    """Les jeux du front matter, plus ceux que ses notebooks chargent (le paquet doit se suffire)."""
    noms = set(module["fiche"]["jeux_de_donnees"])
    for nb in module["notebooks"]:
        noms |= set(_CHARGER.findall((racine / nb["source"]).read_text(encoding="utf-8")))
    return sorted(n for n in noms if (racine / "datasets" / n / "datapackage.json").is_file())


def lisezmoi(module: dict, contenu: dict[str, str], jeux: list[dict], roue: str) -> str:
    """Le LISEZMOI.md du paquet. `contenu` : chemin dans le paquet -> description."""
    titre = module["titre"]
    nom = module["nom"]
    lignes = [
        f"# Phare — « {titre} » : le paquet du module pour la classe",
        "",
        f"Ce paquet contient tout ce qu'il faut pour faire le module « {titre} » avec une classe "
        "ou un groupe, même sans connexion : les notebooks, les données, les fiches à imprimer "
        "et les licences.",
        "Un *notebook* est un document qui mêle du texte et du code Python "
        "que l'on exécute cellule par cellule.",
        "",
        "## Contenu du paquet",
        "",
    ]
    lignes += [f"- `{chemin}` : {description}" for chemin, description in contenu.items()]
    notebooks = [c for c in contenu if c.endswith(".ipynb")]
    # Start with the module's notebook, then its exercises.
    notebooks.sort(key=lambda c: (not c.startswith("notebooks/"), c))
    exemple = notebooks[0] if notebooks else "notebooks/MON-NOTEBOOK.ipynb"
    lignes += [
        "",
        "## Imprimer les fiches",
        "",
        "Les fiches du dossier `fiches/` sont au format A4, prêtes à photocopier.",
        "La fiche participant, le cahier du module et les cartes ne contiennent aucune réponse : "
        "les réponses du quiz, leurs commentaires, le résultat des exercices et ce qu'on attend "
        "de l'activité sont dans le corrigé, pour l'animateur·rice.",
        "",
        "## Après l'atelier : compte rendu et attestation",
        "",
        libelle("documents.apres_atelier"),
        "",
        "## Ouvrir les notebooks",
        "",
        "### Sans rien installer, dans le navigateur (JupyterLite)",
        "",
        f"Sur le site Phare, chaque notebook a un bouton « {libelle('lancer.resume')} » : il s'ouvre dans "
        "JupyterLite, un Jupyter qui fonctionne entièrement dans le navigateur.",
        "Vous pouvez aussi y déposer les notebooks de ce paquet "
        "(glisser-déposer dans la liste des fichiers).",
        "Python est alors chargé une fois depuis internet ; "
        "les réponses des élèves restent dans leur navigateur.",
        "",
        "### Avec Jupyter installé sur les ordinateurs de la salle",
        "",
        f"1. Décompressez le paquet, puis ouvrez un terminal dans le dossier `phare-{nom}`.",
        "2. Installez le paquet Python de Phare, fourni ici (pas besoin d'internet si Jupyter et pandas "
        "sont déjà installés) :",
        "",
        "   ```bash",
        f"   pip install {roue}",
        "   ```",
        "",
        f"3. Lancez Jupyter depuis ce dossier (`jupyter lab` ou `jupyter notebook`) et ouvrez `{exemple}`.",
        "",
        "Les notebooks trouvent leurs données tout seuls : la fonction `charger` de Phare cherche le dossier "
        "`datasets` en remontant depuis le dossier du notebook.",
        "Gardez donc la structure des dossiers telle quelle.",
        "",
        "## Vérifier les notebooks d'une classe",
        "",
        "La commande `phare verifier` (installée avec le paquet Python) exécute chaque notebook d'exercices "
        "rendu par les élèves et écrit un bilan en français, exercice par exercice :",
        "",
        "```bash",
        "phare verifier COPIE.ipynb                      # un seul notebook",
        "phare verifier DOSSIER-DE-LA-CLASSE/ --csv bilan.csv   # toute une classe, une ligne par élève",
        "```",
        "",
        "## Licences : ce qu'il faut citer",
        "",
        "- Les textes, les fiches et les notebooks sont sous licence Creative Commons Attribution 4.0 "
        "International (CC BY 4.0, fichier `LICENSE-contenu`) : vous pouvez les copier, les distribuer "
        f"et les adapter, à condition de citer « Phare — {titre} — CC BY 4.0 » et d'indiquer "
        "si vous les avez modifiés.",
        "- Le code du paquet Python `phare` est sous licence MIT (fichier `LICENSE`).",
        "- Les données gardent la licence de leur producteur ; citez-les ainsi :",
    ]
    for jeu in jeux:
        lignes.append(f"  - `{jeu['nom']}` ({jeu['licence']}) : {jeu['attribution']}")
    return corriger("\n".join(lignes) + "\n")


def fichiers_du_paquet(site: Path, module: dict, roue: Path) -> tuple[dict[str, Path], dict[str, str]]:
    """(chemin dans le paquet -> fichier source, chemin dans le paquet -> description)."""
    racine = Path(module["_racine"])
    fichiers: dict[str, Path] = {}
    description: dict[str, str] = {"LISEZMOI.md": "ce fichier (comment utiliser le paquet en classe)"}
    fichiers["LICENSE"] = racine / "LICENSE"
    description["LICENSE"] = "licence MIT du code (paquet Python phare)"
    fichiers["LICENSE-contenu"] = racine / "LICENSE-contenu"
    description["LICENSE-contenu"] = "licence CC BY 4.0 des textes, fiches et notebooks"
    for sorte, chemin in module["pdf"].items():
        nom = "fiches/" + Path(chemin).name
        fichiers[nom] = site / chemin
        description[nom] = libelle("documents.format_pdf", document=titre_document(sorte).lower())
    lettre = module.get("lettre")
    if lettre and (site / lettre).is_file():  # only when the facilitator sheet has a letter
        nom = "fiches/" + Path(lettre).name
        fichiers[nom] = site / lettre
        description[nom] = libelle("documents.lettre_paquet")
    for sorte, formulaire in module.get("formulaires", {}).items():
        if (site / formulaire["pdf"]).is_file():
            nom = "fiches/" + Path(formulaire["pdf"]).name
            fichiers[nom] = site / formulaire["pdf"]
            description[nom] = libelle(f"documents.{sorte}_paquet")
    facile = module.get("facile")
    if facile and (site / facile["pdf"]).is_file():
        nom = "fiches/" + Path(facile["pdf"]).name
        fichiers[nom] = site / facile["pdf"]
        description[nom] = libelle("documents.facile_paquet")
    for format_, chemin in module.get("quiz", {}).items():
        if (site / chemin).is_file():
            nom = "quiz/" + Path(chemin).name
            fichiers[nom] = site / chemin
            description[nom] = libelle(f"documents.quiz_{format_}_paquet")
    for nb in module["notebooks"]:
        fichiers[nb["source"]] = racine / nb["source"]
        genre = "notebook d'exercices" if nb["source"].startswith("exercises/") else "notebook"
        description[nb["source"]] = genre
    for nom in jeux_du_module(racine, module):
        for f in sorted((racine / "datasets" / nom).iterdir()):
            if f.is_file():
                chemin = f"datasets/{nom}/{f.name}"
                fichiers[chemin] = f
                description[chemin] = (
                    "métadonnées du jeu (source, licence, colonnes)"
                    if f.name == "datapackage.json"
                    else "données"
                )
    fichiers[roue.name] = roue
    description[roue.name] = "paquet Python phare (chargement des données, vérification des exercices)"
    return fichiers, description


def fabriquer_tout(site: Path, manifeste: dict) -> list[Path]:
    """Un zip par module dans `site/kits/`. Renvoie leurs chemins."""
    racine = Path(manifeste["racine"])
    if not manifeste["modules"]:
        return []
    roue = construire_roue(racine, site.parent / "kits" / "roue")
    faits = []
    for module in manifeste["modules"]:
        module = {**module, "_racine": str(racine)}
        fichiers, description = fichiers_du_paquet(site, module, roue)
        jeux = [jeu_de_donnees(racine, n) for n in jeux_du_module(racine, module)]
        contenus = {nom: source.read_bytes() for nom, source in fichiers.items()}
        for nom in contenus:
            if nom.endswith(".ipynb"):
                contenus[nom] = notebook_hors_du_livre(contenus[nom], nom, set(contenus))
        ordre = {"LISEZMOI.md": description.pop("LISEZMOI.md")}
        ordre.update(sorted(description.items()))
        contenus["LISEZMOI.md"] = lisezmoi(module, ordre, jeux, roue.name).encode("utf-8")
        chemin = site / module["paquet"]
        ecrire_zip(chemin, contenus, dossier=f"phare-{module['nom']}")
        faits.append(chemin)
    print(f"{len(faits)} paquets de module fabriqués dans {site / 'kits'}")
    return faits
