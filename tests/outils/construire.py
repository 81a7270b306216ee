"""Strict build of the book, as CI runs it: every page, every notebook executed, any warning fails.

On failure it prints each warning once, then where myst-nb keeps the report of a failing cell
(`_build/html/reports/*.err.log`), so that a developer goes straight to the cause.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
COMMANDE = [str(Path(sys.executable).parent / "jupyter-book"), "build", "--all", "-W", "--keep-going", "."]


def main() -> int:
    print("Construction stricte :", " ".join(COMMANDE[1:]), flush=True)
    proc = subprocess.run(COMMANDE, cwd=RACINE, capture_output=True, text=True)
    sortie = proc.stdout + proc.stderr
    (RACINE / "_build").mkdir(exist_ok=True)
    (RACINE / "_build" / "construction.log").write_text(sortie, encoding="utf-8")
    avertissements = [ligne for ligne in sortie.splitlines() if "WARNING" in ligne or "ERROR" in ligne]
    if proc.returncode == 0 and not avertissements:
        print("Livre construit sans avertissement dans _build/html.")
        return 0
    print("\nLa construction stricte a échoué. Avertissements et erreurs :", file=sys.stderr)
    for ligne in dict.fromkeys(avertissements):
        print("  " + ligne, file=sys.stderr)
    rapports = sorted((RACINE / "_build" / "html" / "reports").glob("**/*.err.log"))
    if rapports:
        print("\nRapports des cellules en échec (la trace complète de l'erreur) :", file=sys.stderr)
        for rapport in rapports:
            print(f"  {rapport.relative_to(RACINE)}", file=sys.stderr)
    print("\nJournal complet : _build/construction.log", file=sys.stderr)
    if proc.returncode == 0:
        return 1
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
