"""La typographie française de la prose en Markdown : la seule règle du projet.

Une espace insécable avant ; : ! ? » % et après « ; le code, les liens, les rôles MyST, le
front matter et les options des directives (sauf le texte alternatif `:alt:`) ne sont pas touchés.
- Les pages générées (catalogue, étapes du tableur, LISEZMOI des paquets) passent par `corriger`.
- `tests/test_hygiene.py` vérifie les pages écrites à la main avec `fautes`.
- `python -m phare.typographie FICHIER...` corrige des fichiers (Markdown, ou les cellules
  Markdown d'un notebook).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ESPACE_INSECABLE = "\u00a0"
_ESPACE_AVANT = re.compile(r"(?<=\S) ([;:!?»%])(?=\s|$|[).,])")
_ESPACE_APRES = re.compile(r"« ")
_CODE_EN_LIGNE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]+>|https?://\S+|\{[a-z:-]+\}")
_CLOTURE = re.compile(r"(`{3,}|~{3,}|:{3,})(.*)")
_OPTION_DE_DIRECTIVE = re.compile(r"\s*:[a-z-]+:")
# Une option dont la valeur est lue par le lecteur : le texte alternatif d'une figure, lu à voix
# haute par un lecteur d'écran et imprimé sous une figure absente.
_OPTION_DE_PROSE = re.compile(r"\s*:alt:")
_DIRECTIVES_DE_CODE = ("code", "math", "raw", "literalinclude")


def lignes_de_prose(texte: str, avec_arguments: bool = False):
    """(indice, ligne) des lignes de prose : ni code, ni front matter, ni option de directive ;
    avec `avec_arguments`, aussi la ligne qui ouvre une directive, dont l'argument est de la prose,
    et l'option `:alt:`, dont la valeur l'est aussi."""
    lignes = texte.split("\n")
    debut = 0
    if lignes and lignes[0].strip() == "---":
        for i in range(1, len(lignes)):
            if lignes[i].strip() == "---":
                debut = i + 1
                break
    # Chaque clôture ouverte : (sa marque, contient-elle du code ?). Une directive (```{figure},
    # :::{note}) contient de la prose, vérifiée ; un bloc de code (```python, ```{code-cell}) non.
    pile: list[tuple[str, bool]] = []
    for i in range(debut, len(lignes)):
        ligne = lignes[i]
        nue = ligne.lstrip()
        m = _CLOTURE.match(nue)
        if m:
            marque, reste = m.group(1), m.group(2).strip()
            if pile and not reste and marque[0] == pile[-1][0][0] and len(marque) >= len(pile[-1][0]):
                pile.pop()
                continue
            if not (pile and pile[-1][1]):
                nom = re.match(r"\{([^}]*)\}", reste)  # the directive's name, not its argument's words
                directive = bool(nom) and not any(k in nom.group(1) for k in _DIRECTIVES_DE_CODE)
                pile.append((marque, marque[0] != ":" and not directive))
                # A directive's argument (a quiz question, a box's title) is prose, shown as is.
                if directive and avec_arguments:
                    yield i, ligne
                continue
        if pile and pile[-1][1]:
            continue
        if _OPTION_DE_DIRECTIVE.match(ligne) and not (avec_arguments and _OPTION_DE_PROSE.match(ligne)):
            continue
        yield i, ligne


def corriger_ligne(ligne: str) -> str:
    """Corrige une ligne de prose ; le code en ligne, les liens et les rôles restent tels quels.

    La ligne est lue en entier : l'espace qui suit un code ou un rôle (`{glue:md}`x` %`) est vue.
    """
    codes = [m.span() for m in _CODE_EN_LIGNE.finditer(ligne)]

    def hors_code(i: int) -> bool:
        return not any(debut <= i < fin for debut, fin in codes)

    def avant(m: re.Match) -> str:
        return ESPACE_INSECABLE + m.group(1) if hors_code(m.start()) else m.group(0)

    def apres(m: re.Match) -> str:
        return "«" + ESPACE_INSECABLE if hors_code(m.start()) else m.group(0)

    # Les deux passes gardent la longueur de la ligne : les codes repérés restent à leur place.
    return _ESPACE_APRES.sub(apres, _ESPACE_AVANT.sub(avant, ligne))


def corriger(texte: str) -> str:
    """Le même texte Markdown, avec les espaces insécables de la typographie française."""
    lignes = texte.split("\n")
    for i, ligne in lignes_de_prose(texte, avec_arguments=True):
        lignes[i] = corriger_ligne(ligne)
    return "\n".join(lignes)


def fautes(texte: str) -> list[tuple[int, str]]:
    """Les lignes (numéro à partir de 1, texte) où il manque une espace insécable."""
    return [(i + 1, ligne) for i, ligne in lignes_de_prose(texte, avec_arguments=True)
            if corriger_ligne(ligne) != ligne]


def corriger_fichier(chemin: Path) -> None:
    """Fix a Markdown file, or the Markdown cells of a notebook, in place."""
    texte = chemin.read_text(encoding="utf-8")
    if chemin.suffix != ".ipynb":
        chemin.write_text(corriger(texte), encoding="utf-8")
        return
    notebook = json.loads(texte)
    for cellule in notebook["cells"]:
        if cellule["cell_type"] == "markdown":
            cellule["source"] = corriger("".join(cellule["source"])).splitlines(keepends=True)
    # The notebooks are saved by Jupyter with a one-space indent and raw UTF-8.
    chemin.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for nom in sys.argv[1:]:
        corriger_fichier(Path(nom))
