"""Phare : charger les données de Brest et vérifier ses exercices.

Pour un·e apprenant·e, deux portes d'entrée :
- `phare.donnees` (charger, catalogue, decrire) pour les jeux de données ;
- `phare.verifier` pour vérifier une réponse d'exercice.
"""

__version__ = "0.1.0"
