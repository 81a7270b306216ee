"""The one way to build the phare wheel (pure Python + the bundled datasets).

Used by the downloads (`lancer`), the teachers' packs (`paquets`) and the JupyterLite app
(`phare.construction.lite`). SOURCE_DATE_EPOCH fixes the dates inside the wheel, so that the
same sources give the same bytes from one build to the next.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .archives import epoque_source


def construire_roue(racine: Path, dossier: Path) -> Path:
    """Build the wheel of the project at `racine` into `dossier`, replacing an older phare wheel."""
    dossier.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoque_source())}
    # Built in a temporary folder first: `dossier` may hold other files (zips) and an old wheel.
    with tempfile.TemporaryDirectory(prefix="phare-roue-") as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--disable-pip-version-check", "--wheel-dir", tmp, str(racine)],
            check=True,
            capture_output=True,
            env=env,
        )
        roues = sorted(Path(tmp).glob("phare-*.whl"))
        if len(roues) != 1:
            raise RuntimeError(f"un seul wheel de phare attendu, trouvé : {roues}")
        for ancienne in dossier.glob("phare-*.whl"):
            ancienne.unlink()
        return Path(shutil.copy2(roues[0], dossier / roues[0].name))
