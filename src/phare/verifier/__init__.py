"""Vérifier ses exercices : `verifier("identifiant", reponse)` et `bilan()`.

    from phare.verifier import verifier, bilan
    reponse = ...            # votre calcul
    verifier("pluie-cumul", reponse)

La réponse attendue n'est jamais affichée ; un indice plus précis vient si vous redemandez.
Votre progression reste sur votre machine (fichier ~/.phare/progression.json).
"""

from .bilan import bilan
from .moteur import verifier
from .resultat import Resultat

__all__ = ["verifier", "bilan", "Resultat"]
