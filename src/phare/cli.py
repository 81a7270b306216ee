"""The `phare` command. Today one sub-command: `phare verifier`, which checks students' notebooks.

    phare verifier COPIE.ipynb
    phare verifier DOSSIER/ --csv bilan.csv

Exit codes: 0 every notebook was run; 1 at least one notebook could not be run normally
(unreadable, another exercise set, time limit, error in a cell, refused action) — the report and
the CSV are complete all the same; 2 wrong usage (path not found, no notebook, CSV not writable).
"""

from __future__ import annotations

import argparse
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import __version__

CODES_DE_SORTIE = """\
codes de sortie :
  0  toutes les copies ont été exécutées normalement
  1  au moins une copie a posé problème (illisible, autre carnet, temps dépassé,
     erreur dans une cellule, action interdite) ; le rapport et le CSV sont complets
  2  mauvaise utilisation (chemin introuvable, aucun notebook, CSV impossible à écrire)
"""

_TRADUCTIONS = [
    (r"the following arguments are required: (.*)", r"argument(s) obligatoire(s) manquant(s) : \1"),
    (r"unrecognized arguments: (.*)", r"argument(s) inconnu(s) : \1"),
    (r"argument (\S+): invalid choice: (.*)", r"argument \1 : choix invalide : \2"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argument \1 : valeur invalide : \3"),
    (r"argument (\S+): expected one argument", r"argument \1 : une valeur est attendue"),
]


class _Formateur(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # prefix is "" when argparse builds a sub-command's name: leave that one alone.
        super().add_usage(usage, actions, groups, prefix="utilisation : " if prefix is None else prefix)


class _Analyseur(argparse.ArgumentParser):
    """argparse, with its own words in French (titles, usage line, error messages)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formateur)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", help="affiche cette aide et quitte")

    def error(self, message):
        for motif, traduction in _TRADUCTIONS:
            message = re.sub(motif, traduction, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def analyseur() -> argparse.ArgumentParser:
    principal = _Analyseur(prog="phare", description="Phare : les outils en ligne de commande.")
    principal.add_argument(
        "--version", action="version", version=f"phare {__version__}", help="affiche la version et quitte"
    )
    commandes = principal.add_subparsers(
        dest="commande", title="commandes", metavar="COMMANDE", parser_class=_Analyseur
    )
    verif = commandes.add_parser(
        "verifier",
        help="vérifie des copies d'exercices (un notebook ou un dossier)",
        description="Exécute chaque notebook d'exercices rendu, dans un processus séparé et un dossier "
        "temporaire, avec un temps limite, puis affiche un rapport exercice par exercice.",
        epilog=CODES_DE_SORTIE,
    )
    verif.add_argument(
        "chemin", metavar="CHEMIN", type=Path, help="une copie (fichier .ipynb) ou un dossier de copies"
    )
    verif.add_argument(
        "--csv",
        metavar="FICHIER",
        type=Path,
        help="écrit aussi le bilan dans ce fichier CSV (une ligne par copie, séparateur « ; »)",
    )
    verif.add_argument(
        "--delai",
        metavar="SECONDES",
        type=float,
        default=None,
        help="temps limite pour exécuter les cellules d'une copie, sans compter le démarrage de Python "
        "(60 s par défaut)",
    )
    verif.add_argument(
        "--carnet",
        metavar="NOM",
        help="le carnet d'exercices attendu, par exemple resumer-sans-trahir "
        "(par défaut : celui de la majorité des copies du dossier)",
    )
    verif.add_argument(
        "--parallele",
        metavar="N",
        type=int,
        default=2,
        help="nombre de copies exécutées en même temps (2 par défaut)",
    )
    nouveau = commandes.add_parser(
        "nouveau-module",
        help="crée un module à partir des gabarits (page, fiche, notebooks, exercices, tableur)",
        description="Crée les fichiers d'un nouveau module à partir des gabarits de Phare et l'ajoute "
        "à _toc.yml. Le module se construit tout de suite ; tout ce qui est marqué « À écrire » "
        "reste à écrire. À lancer depuis le dossier du dépôt.",
    )
    nouveau.add_argument("parcours", metavar="PARCOURS", help="le parcours, par exemple manipuler")
    nouveau.add_argument("nom", metavar="NOM", help="le nom des fichiers, par exemple lire-une-carte")
    nouveau.add_argument("--titre", help="le titre du module (par défaut : tiré du nom)")
    nouveau.add_argument(
        "--jeu",
        default="niveau-marin-brest-annuel",
        help="le jeu de données de départ (un dossier de datasets/)",
    )
    return principal


def main(argv: list[str] | None = None) -> int:
    arguments = analyseur().parse_args(argv)
    if arguments.commande == "verifier":
        return _verifier(arguments)
    if arguments.commande == "nouveau-module":
        return _nouveau_module(arguments)
    analyseur().print_help()
    return 2


def _nouveau_module(arguments) -> int:
    from .nouveau import NouveauModuleImpossible, creer

    try:
        fichiers = creer(arguments.parcours, arguments.nom, arguments.titre, arguments.jeu)
    except NouveauModuleImpossible as erreur:
        print(f"phare nouveau-module : {erreur}", file=sys.stderr)
        return 2
    print(f"Module « {arguments.nom} » créé :")
    for chemin in fichiers:
        print(f"  {chemin.relative_to(Path.cwd()) if chemin.is_relative_to(Path.cwd()) else chemin}")
    print("Écrivez ce qui est marqué « À écrire », puis construisez le livre (make build).")
    return 0


def _verifier(arguments) -> int:
    from .verifier.correction import DELAI_PAR_DEFAUT, carnet_majoritaire, corriger_sans_echec, trouver_copies
    from .verifier.exercices import carnets
    from .verifier.rapport import ecrire_csv, texte_copie, texte_resume

    chemin: Path = arguments.chemin
    if not chemin.exists():
        print(f"phare verifier : « {chemin} » n'existe pas.", file=sys.stderr)
        return 2
    copies = trouver_copies(chemin)
    if not copies:
        print(f"phare verifier : aucun notebook (.ipynb) dans « {chemin} ».", file=sys.stderr)
        return 2
    if arguments.carnet and arguments.carnet not in carnets():
        connus = ", ".join(sorted(carnets()))
        print(
            f"phare verifier : carnet inconnu « {arguments.carnet} ». Carnets connus : {connus}.",
            file=sys.stderr,
        )
        return 2
    carnet = arguments.carnet or (carnet_majoritaire(copies) if chemin.is_dir() else None)
    if chemin.is_dir() and carnet:
        print(f"Carnet d'exercices attendu : « {carnet} ». {len(copies)} copie(s) à vérifier.\n", flush=True)
    delai = arguments.delai if arguments.delai and arguments.delai > 0 else DELAI_PAR_DEFAUT

    with ThreadPoolExecutor(max_workers=max(1, arguments.parallele)) as executeur:
        resultats = list(executeur.map(lambda f: corriger_sans_echec(f, carnet, delai), copies))
    for copie in resultats:
        print(texte_copie(copie) + "\n", flush=True)
    print(texte_resume(resultats, carnet))

    if arguments.csv:
        ordre = carnet or next((c.carnet for c in resultats if c.examinee and c.carnet), None)
        identifiants = [e.identifiant for e in carnets().get(ordre, [])]
        try:
            ecrire_csv(resultats, identifiants, arguments.csv)
        except OSError as erreur:
            print(
                f"phare verifier : impossible d'écrire « {arguments.csv} » ({erreur.strerror}).",
                file=sys.stderr,
            )
            return 2
        print(f"Bilan écrit dans {arguments.csv}.")
    return 0 if all(copie.etat == "ok" for copie in resultats) else 1


if __name__ == "__main__":
    sys.exit(main())
