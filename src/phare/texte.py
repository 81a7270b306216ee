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


def compte(n: int, singulier: str, pluriel: str | None = None) -> str:
    """« 1 année », « 0 année », « 3 années » : en français, 0 et 1 gardent le singulier."""
    mot = singulier if abs(n) < 2 else (pluriel or singulier + "s")
    return f"{nombre(n)} {mot}"


_LETTRES = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
            "onze", "douze", "treize", "quatorze", "quinze", "seize")


def en_lettres(n: int) -> str:
    """« trois » : un petit nombre dans une phrase s'écrit en lettres (au-delà de seize, en chiffres)."""
    return _LETTRES[n] if 0 <= n < len(_LETTRES) else nombre(n)


MOIS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre")


def date(quand) -> str:
    """« 2 décembre 2026 », « septembre 2021 », « 2019 » : une date (ISO, éventuellement sans jour
    ni mois, ou un `datetime.date`) écrite en toutes lettres ; « 1er » pour le premier du mois.

    Une période s'écrit « début..fin » : « du 20 juin au 10 juillet 2022 », « d'octobre à
    décembre 2021 », « de 2023 à 2026 » ; deux jours du même mois « jour1,jour2 » : « 16 et
    23 octobre 2021 ».
    """
    texte = quand.isoformat() if hasattr(quand, "isoformat") else str(quand).strip()
    if "," in texte:
        premier, second = (date(morceau) for morceau in texte.split(",", 1))
        return f"{premier.split(' ')[0]} et {second}"
    if ".." in texte:
        debut, fin = (morceau.split("-") for morceau in texte.split("..", 1))
        if len(debut) == len(fin) == 3 and debut[:1] == fin[:1]:  # same year
            avant = date("-".join(debut))
            if debut[1] == fin[1]:
                avant = avant.split(" ")[0]  # « du 16 au 23 octobre 2021 »
            else:
                avant = avant.rsplit(" ", 1)[0]  # « du 20 juin au 10 juillet 2022 »
            return f"du {avant} au {date('-'.join(fin))}"
        if len(debut) == len(fin) == 2 and debut[0] == fin[0]:
            mois = MOIS[int(debut[1]) - 1]
            de = "d'" if mois[0] in "aeiou" else "de "
            return f"{de}{mois} à {date('-'.join(fin))}"
        return f"de {date('-'.join(debut))} à {date('-'.join(fin))}"
    morceaux = texte.split("-")
    if len(morceaux) == 1:
        return morceaux[0]
    mois = MOIS[int(morceaux[1]) - 1]
    if len(morceaux) == 2:
        return f"{mois} {morceaux[0]}"
    jour = int(morceaux[2])
    return f"{'1er' if jour == 1 else jour} {mois} {morceaux[0]}"


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
