"""The one way to build the phare wheel (pure Python + the bundled datasets).

Used by the downloads (`lancer`), the teachers' packs (`paquets`) and the JupyterLite app
(`phare.construction.lite`). SOURCE_DATE_EPOCH fixes the dates inside the wheel, so that the
same sources give the same bytes from one build to the next. So a wheel already built from the
very same files (a digest of everything hatchling reads) is reused from `_build/.cache/roue/`:
`pip wheel` costs several seconds at every build, and every build asks for it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .archives import empreinte, epoque_source

# What hatchling reads (pyproject.toml: the package, the force-included folders, readme, licences).
ENTREES = ("src/phare", "datasets", "exercises", "pyproject.toml", "README.md", "LICENSE", "LICENSE-contenu")


def empreinte_des_sources(racine: Path) -> str:
    """A digest of every file the wheel is made from, and of the build's date."""
    chemins = [Path(racine) / entree for entree in ENTREES]
    return empreinte(f"{epoque_source()} {sys.version_info[:2]}", *chemins)[:20]


def _copier(roue: Path, dossier: Path) -> Path:
    for ancienne in dossier.glob("phare-*.whl"):
        if ancienne != dossier / roue.name:
            ancienne.unlink()
    cible = dossier / roue.name
    if not cible.is_file() or cible.read_bytes() != roue.read_bytes():
        shutil.copy2(roue, cible)
    return cible


def construire_roue(racine: Path, dossier: Path) -> Path:
    """Build the wheel of the project at `racine` into `dossier`, replacing an older phare wheel."""
    dossier.mkdir(parents=True, exist_ok=True)
    cache = Path(racine) / "_build" / ".cache" / "roue" / empreinte_des_sources(Path(racine))
    deja = sorted(cache.glob("phare-*.whl"))
    if len(deja) == 1:
        return _copier(deja[0], dossier)
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
        # Kept for the next build (an older digest's wheel is dropped), then copied where asked.
        if cache.parent.is_dir():
            shutil.rmtree(cache.parent, ignore_errors=True)
        provisoire = cache.with_name(f"{cache.name}.{os.getpid()}")
        provisoire.mkdir(parents=True, exist_ok=True)
        shutil.copy2(roues[0], provisoire / roues[0].name)
        try:
            provisoire.rename(cache)
        except OSError:  # another build put the same wheel there meanwhile
            shutil.rmtree(provisoire, ignore_errors=True)
        return _copier(roues[0], dossier)
