"""Nombres et tailles écrits à la française, dans les pages, les notebooks et les messages.

Dans une cellule : `coller("nb_annees", 215)` puis, dans le texte, {glue:md}`nb_annees`.
Pur Python : sert aussi dans le navigateur (JupyterLite), par `phare.graphiques`.
"""

from __future__ import annotations

ESPACE_MILLIERS = "\u202f"  # espace fine insécable, comme le veut l'Imprimerie nationale


def nombre(valeur: float, decimales: int = 0) -> str:
    """« 1 234,5 » : séparateur de milliers insécable, virgule décimale."""
    texte = f"{valeur:,.{decimales}f}"
    return texte.replace(",", ESPACE_MILLIERS).replace(".", ",")


_LETTRES = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
            "onze", "douze", "treize", "quatorze", "quinze", "seize")


def en_lettres(n: int) -> str:
    """« trois » : un petit nombre dans une phrase s'écrit en lettres (au-delà de seize, en chiffres)."""
    return _LETTRES[n] if 0 <= n < len(_LETTRES) else nombre(n)


def taille(octets: float) -> str:
    """« 12 Ko », « 8,7 Mo » : kilo- et mégaoctets du Système international (1 Ko = 1 000 octets),
    la seule unité du site pour une taille de fichier."""
    if octets < 1_000_000:
        return f"{nombre(max(1, round(octets / 1000)))}\u00a0Ko"
    return f"{nombre(octets / 1e6, 1)}\u00a0Mo"


def coller(nom: str, valeur, decimales: int = 0) -> str:
    """Colle `valeur` (nombre ou texte) sous `nom` pour le rôle {glue:md}, et la renvoie formatée."""
    from IPython.display import Markdown  # import tardif : inutile hors d'un notebook
    from myst_nb import glue

    texte = valeur if isinstance(valeur, str) else nombre(valeur, decimales)
    glue(nom, Markdown(texte), display=False)
    return texte
