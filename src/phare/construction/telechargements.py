"""The downloadable zip of one notebook: the notebook, the datasets it loads, the phare wheel and
a LISEZMOI.txt. Written by the « Lancer » extension into the built site (`telechargements/`)."""

from __future__ import annotations

from pathlib import Path

from phare import __version__

from ..interface import libelle
from . import jupyterlite as jl
from .archives import ecrire_zip
from .liens import notebook_hors_du_livre

ROUE = f"phare-{__version__}-py3-none-any.whl"


def lisezmoi(chemin_notebook: str, jeux: list[str]) -> str:
    nom = Path(chemin_notebook).name
    donnees = (
        "\n".join(f"  - datasets/{j}/" for j in jeux) or "  (ce notebook ne charge pas de jeu de données)"
    )
    lancer = libelle("lancer.resume")
    return f"""Phare : {nom}
{"=" * (len(nom) + 8)}

Ce dossier contient :
- {nom} : le notebook ;
- les données qu'il charge, chacune avec son fichier datapackage.json (source, licence, colonnes) :
{donnees}
- {ROUE} : le paquet Python phare (chargement des données, vérification des exercices).

Ouvrir le notebook dans Jupyter, sur un ordinateur où Python est installé
-----------------------------------------------------------------------
1. Décompressez ce dossier.
2. Dans un terminal ouvert dans ce dossier, installez phare une fois pour toutes :
       pip install {ROUE}
   (phare a besoin de pandas, que pip installe s'il manque.)
3. Lancez Jupyter (jupyter lab ou jupyter notebook) et ouvrez {nom}.
   Le notebook trouve les données du dossier datasets/ posé à côté de lui.

Ouvrir le notebook dans JupyterLite, sans rien installer
--------------------------------------------------------
Le bouton « {lancer} » de la page du site ouvre ce notebook,
avec ses données, dans le JupyterLite du site : tout y est déjà prêt.

Dans un outil en ligne de votre établissement qui lit les fichiers .ipynb
------------------------------------------------------------------------
Importez {nom}. Les cellules qui chargent les données ont besoin du paquet phare :
vérifiez que l'outil permet d'installer un fichier .whl ({ROUE})
et d'ajouter le dossier datasets/. Sinon, lisez le notebook et refaites les calculs
dans un tableur avec les fichiers CSV.

Licences : les contenus de Phare sont sous licence CC BY 4.0, le code sous licence MIT.
Chaque jeu de données garde la licence de son producteur, écrite dans son datapackage.json.
"""


def ecrire_archive(chemin_notebook: str, racine: Path, roue: Path | None, cible: Path) -> None:
    """Write the zip of one notebook, byte-identical from one build to the next."""
    jeux = jl.jeux_charges(racine / chemin_notebook, racine)
    membres: list[tuple[str, bytes]] = [
        (Path(chemin_notebook).name, notebook_hors_du_livre(
            (racine / chemin_notebook).read_bytes(), chemin_notebook, {chemin_notebook})),
        ("LISEZMOI.txt", lisezmoi(chemin_notebook, jeux).encode("utf-8")),
    ]
    for jeu in jeux:
        dossier = racine / jl.DOSSIER_DONNEES / jeu
        for fichier in sorted(p for p in dossier.rglob("*") if p.is_file()):
            membres.append(
                (f"datasets/{fichier.relative_to(dossier.parent).as_posix()}", fichier.read_bytes())
            )
    if roue is not None:
        membres.append((ROUE, roue.read_bytes()))
    ecrire_zip(cible, dict(membres))
