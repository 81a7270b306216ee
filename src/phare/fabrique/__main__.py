"""`python -m phare.fabrique --sources DIR --sortie datasets [--seulement NOM ...]`"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import CONSTRUCTEURS, ErreurSource, construire


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m phare.fabrique",
        description="Régénère les jeux de données de Phare à partir des sources brutes.",
    )
    parser.add_argument("--sources", default=os.environ.get("PHARE_SOURCES", "../shared/datasets/raw"),
                        help="dossier des sources brutes (défaut : PHARE_SOURCES ou ../shared/datasets/raw)")
    parser.add_argument("--sortie", default="datasets", help="dossier des jeux produits (défaut : datasets)")
    parser.add_argument("--seulement", nargs="*", choices=sorted(CONSTRUCTEURS), metavar="NOM",
                        help="ne régénérer que ces jeux")
    args = parser.parse_args(argv)
    try:
        for nom in construire(Path(args.sources), Path(args.sortie), args.seulement):
            print(f"  {nom}")
    except ErreurSource as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    print(f"Jeux de données écrits dans {args.sortie}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
