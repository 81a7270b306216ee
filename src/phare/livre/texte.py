"""Nombres écrits à la française dans la prose des pages (via myst-nb `glue`).

Dans une cellule : `coller("nb_annees", 215)` puis, dans le texte, {glue:md}`nb_annees`.
"""

from __future__ import annotations

ESPACE_MILLIERS = "\u202f"  # espace fine insécable, comme le veut l'Imprimerie nationale


def nombre(valeur: float, decimales: int = 0) -> str:
    """« 1 234,5 » : séparateur de milliers insécable, virgule décimale."""
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE_MILLIERS).replace(".", ",")


def coller(nom: str, valeur, decimales: int = 0) -> str:
    """Colle `valeur` (nombre ou texte) sous `nom` pour le rôle {glue:md}, et la renvoie formatée."""
    from IPython.display import Markdown  # import tardif : inutile hors d'un notebook
    from myst_nb import glue

    texte = valeur if isinstance(valeur, str) else nombre(valeur, decimales)
    glue(nom, Markdown(texte), display=False)
    return texte
