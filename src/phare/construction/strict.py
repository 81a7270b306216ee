"""Strict build of the book, as CI runs it (`python -m phare.construction.strict`, from the root):
every page, every notebook executed, any warning fails.

On failure it prints each Sphinx warning once and, for a notebook cell that raised, the cell and
its error; the full report of that cell is kept in `_build/rapports/<notebook>.err.log`,
the whole log in `_build/construction.log`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .projet import racine_du_projet

JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
COMMANDE = [JUPYTER_BOOK, "build", "--all", "-W", "--keep-going", "."]
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Sphinx warnings look like "file: WARNING: text" or "WARNING: text"; kernel logs ("[IPKernelApp] WARNING |")
# are noise from Jupyter, not problems of the book.
_AVERTISSEMENT = re.compile(r"(^|: )(WARNING|ERROR|CRITICAL): ")
_CELLULE = re.compile(
    r"An error occurred while executing the following cell:\n(.*?)\n\nThe above exception", re.DOTALL
)
# An extension that stops the build (a French SphinxError of Phare, say) leaves no warning line: its
# message is the last line of a traceback, with its indented continuation lines.
_EXCEPTION = re.compile(
    r"^Traceback \(most recent call last\):\n(?:  .*\n)+(\S.*\n?(?:  .*\n?)*)", re.MULTILINE
)
_NOTEBOOK_EN_ECHEC = re.compile(r"^(\S+\.(?:ipynb|md)): WARNING: Executing notebook failed", re.MULTILINE)


def _rapports_de_cellules(sortie: str, racine: Path) -> list[tuple[Path, str]]:
    """Keep the report of each failing cell in _build/rapports/ and return (file, last line)."""
    notebooks = _NOTEBOOK_EN_ECHEC.findall(sortie)
    rapports = []
    for i, bloc in enumerate(_CELLULE.findall(sortie)):
        nom = Path(notebooks[i]).stem if i < len(notebooks) else f"cellule-{i + 1}"
        chemin = racine / "_build" / "rapports" / f"{nom}.err.log"
        chemin.parent.mkdir(parents=True, exist_ok=True)
        entete = f"Notebook : {notebooks[i] if i < len(notebooks) else '?'}\n"
        chemin.write_text(entete + bloc.strip() + "\n", encoding="utf-8")
        derniere = [ligne for ligne in bloc.strip().splitlines() if ligne.strip()][-1]
        rapports.append((chemin, derniere))
    return rapports


def erreur_qui_arrete(sortie: str) -> str | None:
    """The message of the exception that stopped the build, if one did."""
    exception = _EXCEPTION.search(sortie)
    return exception[1].strip() if exception else None


def main(racine: Path | None = None) -> int:
    racine = racine_du_projet(racine)
    print("Construction stricte :", " ".join(COMMANDE[1:]), flush=True)
    proc = subprocess.run(COMMANDE, cwd=racine, capture_output=True, text=True)
    sortie = _ANSI.sub("", proc.stdout + proc.stderr)
    (racine / "_build").mkdir(exist_ok=True)
    (racine / "_build" / "construction.log").write_text(sortie, encoding="utf-8")
    avertissements = [ligne for ligne in sortie.splitlines() if _AVERTISSEMENT.search(ligne)]
    if proc.returncode == 0 and not avertissements:
        print("Livre construit sans avertissement dans _build/html.")
        return 0
    print("\nLa construction stricte a échoué. Avertissements et erreurs :", file=sys.stderr)
    for ligne in dict.fromkeys(avertissements):
        print("  " + ligne, file=sys.stderr)
    if not avertissements and (erreur := erreur_qui_arrete(sortie)):
        print("  " + erreur, file=sys.stderr)
    rapports = _rapports_de_cellules(sortie, racine)
    if rapports:
        print("\nCellules en échec (rapport complet dans le fichier indiqué) :", file=sys.stderr)
        for chemin, derniere in rapports:
            print(f"  {chemin.relative_to(racine)} : {derniere}", file=sys.stderr)
    print("\nJournal complet : _build/construction.log", file=sys.stderr)
    return proc.returncode or 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
