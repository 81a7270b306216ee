"""What a reader sees, in one place each: the interface labels and the colours.

- `libelles.toml`: every label (documents, boxes, quiz buttons, theme texts, consent text);
  `libelle("quiz.valider")`, with `{nom}` placeholders filled by keyword arguments; a label
  written as a list of forms by count (« aucun… », « un… », « {n}… ») is read with `libelle_compte`.
- `palette.toml`: every colour; `couleur("site.primaire")`, and `css_variables()` for the site's
  one `:root` block of CSS variables.
Pure Python (tomllib): it also runs in the browser (JupyterLite), for the charts.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

DOSSIER = Path(__file__).parent

__all__ = [
    "couleur", "couleurs", "css_variables", "libelle", "libelle_compte", "libelles", "type_en_francais",
]


@cache
def libelles() -> dict:
    """The whole table of labels, by section (a nested dict)."""
    with open(DOSSIER / "libelles.toml", "rb") as fichier:
        return tomllib.load(fichier)


def libelle(cle: str, **valeurs) -> str | list[str]:
    """The label `section.cle`, its `{nom}` placeholders filled from `valeurs` (a list label, such
    as a table's headers, comes back as the list)."""
    section, _, nom = cle.partition(".")
    try:
        texte = libelles()[section][nom]
    except KeyError:
        raise KeyError(f"libellé inconnu « {cle} » (voir src/phare/interface/libelles.toml)") from None
    return texte.format(**valeurs) if valeurs else texte


def libelle_compte(cle: str, n: int) -> str:
    """The form of a counted label for `n` things: the same rule as the pages' scripts
    (phare-stockage.js): form n, or the last one from there, with `{n}` filled."""
    formes = libelle(cle)
    if not isinstance(formes, list) or not formes:
        raise KeyError(f"le libellé « {cle} » n'est pas une liste de formes selon le nombre")
    return formes[min(n, len(formes) - 1)].replace("{n}", str(n))


def type_en_francais(type_: str) -> str:
    """A schema type in French ([types]): the same words in `phare.donnees.decrire`, the catalogue
    and the page « Explorer un fichier », so that a type has one name everywhere."""
    return libelles()["types"].get(type_, type_)


@cache
def couleurs() -> dict[str, str]:
    """Every colour, flat: `site.primaire` -> its hexadecimal value."""
    with open(DOSSIER / "palette.toml", "rb") as fichier:
        table = tomllib.load(fichier)
    return {f"{section}.{nom}": valeur for section, groupe in table.items() for nom, valeur in groupe.items()}


def couleur(cle: str) -> str:
    try:
        return couleurs()[cle]
    except KeyError:
        raise KeyError(f"couleur inconnue « {cle} » (voir src/phare/interface/palette.toml)") from None


def css_variables() -> str:
    """The one `:root` block of the site, and the theme's own colours mapped onto Phare's."""
    lignes = [":root {"]
    for cle, valeur in couleurs().items():
        section, _, nom = cle.partition(".")
        prefixe = "" if section == "site" else f"{section}-"
        lignes.append(f"  --phare-{prefixe}{nom}: {valeur};")
    lignes.append("}")
    # pydata-sphinx-theme sets its colours on html[data-theme=light]: the same selector, loaded
    # after the theme, makes Phare's primary colour the theme's primary colour.
    lignes += [
        'html[data-theme="light"] {',
        "  --pst-color-primary: var(--phare-primaire);",
        "  --pst-color-primary-highlight: var(--phare-primaire-fonce);",
        "  --pst-color-link: var(--phare-primaire);",
        "  --pst-color-link-hover: var(--phare-primaire-fonce);",
        "}",
    ]
    return "\n".join(lignes) + "\n"
