"""Fix the French typography of Markdown files and of notebooks' Markdown cells, in place:
`python tests/outils/typographie.py FICHIER...`

The rule itself lives in the package (phare.livre.typographie), shared with the generated pages
and with tests/test_hygiene.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from phare.livre.typographie import corriger, fautes

__all__ = ["corriger", "fautes", "corriger_fichier"]


def corriger_fichier(chemin: Path) -> None:
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
