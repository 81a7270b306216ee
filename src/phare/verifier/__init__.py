"""Vérifier ses exercices : `verifier("identifiant", reponse)`, `bilan()` et, sur demande, `solution()`.

    from phare.verifier import verifier, bilan
    reponse = ...            # votre calcul
    verifier("pluie-cumul", reponse)

La réponse attendue n'est jamais affichée ; un indice plus précis vient si vous redemandez.
Votre progression reste sur votre machine (fichier ~/.phare/progression.json).

Pendant la vérification d'une classe par l'enseignant·e (`phare verifier`), la variable
PHARE_RELEVE est posée : ces trois fonctions ne font alors que relever les réponses (releve.py),
et le catalogue des exercices n'est même pas présent dans le bac à sable de la copie.
"""

import os as _os

if _os.environ.get("PHARE_RELEVE"):
    from .releve import Resultat, bilan, solution, verifier
else:
    from .bilan import bilan
    from .moteur import solution, verifier
    from .resultat import Resultat

__all__ = ["verifier", "bilan", "solution", "Resultat"]
