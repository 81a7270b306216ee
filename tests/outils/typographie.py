"""Fix the French typography of Markdown files in place: `python tests/outils/typographie.py FICHIER...`

The rule itself lives in the package (phare.livre.typographie), shared with the generated pages
and with tests/test_hygiene.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

from phare.livre.typographie import corriger, fautes

__all__ = ["corriger", "fautes"]

if __name__ == "__main__":
    for nom in sys.argv[1:]:
        chemin = Path(nom)
        chemin.write_text(corriger(chemin.read_text(encoding="utf-8")), encoding="utf-8")
