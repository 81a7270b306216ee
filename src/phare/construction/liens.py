"""Les liens d'un notebook qui quitte le livre (JupyterLite, zip d'un notebook, paquet de module).

Dans le dépôt, un notebook renvoie à une page du livre (`[« Titre »](../book/…/page.md)`) ou à un
autre notebook (`[« Titre »](autre.ipynb)`) : le livre en fait des liens entre ses pages.
Hors du livre, seuls les fichiers livrés avec le notebook existent : un lien vers autre chose
mènerait à « fichier introuvable ». Il devient alors son texte seul, sans lien.
"""

from __future__ import annotations

import json
import posixpath
import re

_LIEN = re.compile(r"\[([^\]]+)\]\(([^)\s]+)\)")


def _cible(chemin_notebook: str, adresse: str) -> str | None:
    """Le chemin, depuis la racine, d'un lien relatif ; None pour une adresse web ou une ancre."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", adresse) or adresse.startswith(("#", "/")):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(chemin_notebook), adresse.split("#")[0]))


def liens_relatifs(contenu: bytes, chemin_notebook: str) -> list[str]:
    """Les fichiers (chemins depuis la racine) vers lesquels pointent les liens du notebook."""
    notebook = json.loads(contenu.decode("utf-8"))
    cibles = []
    for cellule in notebook.get("cells", []):
        if cellule.get("cell_type") == "markdown":
            for m in _LIEN.finditer("".join(cellule.get("source", ""))):
                if (cible := _cible(chemin_notebook, m.group(2))) is not None:
                    cibles.append(cible)
    return cibles


def notebook_hors_du_livre(contenu: bytes, chemin_notebook: str, livres: set[str]) -> bytes:
    """Le notebook `chemin_notebook` (chemin depuis la racine), ses liens vers des fichiers qui ne
    sont pas dans `livres` (chemins depuis la racine) remplacés par leur texte."""
    notebook = json.loads(contenu.decode("utf-8"))

    def remplacer(m: re.Match) -> str:
        cible = _cible(chemin_notebook, m.group(2))
        return m.group(0) if cible is None or cible in livres else m.group(1)

    for cellule in notebook.get("cells", []):
        if cellule.get("cell_type") == "markdown":
            texte = _LIEN.sub(remplacer, "".join(cellule.get("source", "")))
            cellule["source"] = texte.splitlines(keepends=True)
    return (json.dumps(notebook, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
