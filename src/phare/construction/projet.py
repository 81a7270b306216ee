"""Where the project is: the build steps run from its root (the Makefile's folder).

Why not `__file__`: phare is installed like a user gets it (not editable), so the package
lives in the virtual environment, far from the book's sources.
"""

from __future__ import annotations

import os
from pathlib import Path


class HorsDuProjet(SystemExit):
    """Run from a folder that is not the project's root: the message says what to do."""


def racine_du_projet(depart: Path | None = None) -> Path:
    """The project's root: PHARE_RACINE, or the current folder, which must hold `_config.yml`."""
    dossier = Path(os.environ.get("PHARE_RACINE") or depart or Path.cwd()).resolve()
    if not (dossier / "_config.yml").is_file() or not (dossier / "_toc.yml").is_file():
        raise HorsDuProjet(
            f"« {dossier} » n'est pas le dossier du projet Phare (il n'a pas de _config.yml ni de "
            "_toc.yml) : lancez la commande depuis le dossier du dépôt, par exemple avec make."
        )
    return dossier
