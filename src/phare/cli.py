"""The `phare` command: `phare verifier` checks pupils' notebooks, `phare nouveau-module` scaffolds.

    phare verifier COPIE.ipynb
    phare verifier DOSSIER/ --csv bilan.csv

Exit codes of `phare verifier`: 0 every notebook was run normally; 1 at least one notebook could
not be run normally (unreadable, another exercise set, time or memory limit, error in a cell,
refused action…) — the report and the CSV are complete all the same; 2 wrong usage (path not found,
no notebook, CSV not writable, no sandbox available); 130 interrupted (Ctrl-C): the partial report
and CSV are written, the copies not checked are marked « non vérifiée ».
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import threading
from pathlib import Path

from . import __version__
from .typographie import corriger

CODES_DE_SORTIE = """\
chaque copie est exécutée dans un bac à sable (bubblewrap : sudo apt install bubblewrap) :
sans accès à vos fichiers ni au réseau, avec une mémoire et un temps limités ; les réponses
sont jugées hors du bac à sable, et le code inhabituel est signalé « à examiner ».

codes de sortie :
  0    toutes les copies ont été exécutées normalement
  1    au moins une copie a posé problème (illisible, autre carnet, temps ou mémoire
       dépassés, erreur dans une cellule, action interdite) ; le rapport et le CSV sont complets
  2    mauvaise utilisation (chemin introuvable, aucun notebook, CSV impossible à écrire,
       bac à sable indisponible)
  130  vérification interrompue (Ctrl-C) ; rapport et CSV partiels, copies « non vérifiée »
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
        description="Exécute chaque notebook d'exercices rendu dans son bac à sable, juge ses réponses "
        "en dehors, puis affiche un rapport exercice par exercice.",
        epilog=corriger(CODES_DE_SORTIE),
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
    from .verifier.bac_a_sable import Limites, taille_lisible  # standard library only: quick

    defaut = Limites()
    verif.add_argument(
        "--delai",
        metavar="SECONDES",
        type=float,
        default=None,
        help="temps limite pour exécuter les cellules d'une copie, sans compter le démarrage de Python "
        f"({defaut.delai:g} s par défaut)",
    )
    verif.add_argument(
        "--memoire",
        metavar="TAILLE",
        default=None,
        help="mémoire permise à chaque copie, par exemple 512M ou 2G "
        f"({taille_lisible(defaut.memoire)} par défaut)",
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
    verif.add_argument(
        "--sans-isolation",
        action="store_true",
        help="exécute les copies sans bac à sable, avec une protection bien plus faible "
        "(si bubblewrap ne peut pas fonctionner sur cette machine) ; chaque ligne est marquée « non isolée »",
    )
    for action in verif._actions:  # French typography: no line break inside « » or before « : »
        action.help = corriger(action.help) if action.help else action.help
    verif.description = corriger(verif.description)
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
    try:
        arguments = analyseur().parse_args(argv)
        if arguments.commande == "verifier":
            return _verifier(arguments)
    except KeyboardInterrupt:  # before the command's own handling of Ctrl-C is in place
        print("\nphare : interrompu.", file=sys.stderr)
        return 130
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


class _Arret:
    """Ctrl-C (SIGINT), `timeout` or `kill` (SIGTERM), a closed terminal (SIGHUP): ask the checks to
    stop, once, with a French message. The work stops cleanly; a second Ctrl-C changes nothing."""

    def __init__(self) -> None:
        self.evenement = threading.Event()
        for nom in ("SIGINT", "SIGTERM", "SIGHUP"):
            if hasattr(signal, nom):
                signal.signal(getattr(signal, nom), self._recu)

    @staticmethod
    def ignorer_la_suite() -> None:
        """Once the report is written, a late Ctrl-C has nothing left to stop: ignore it, so that it
        cannot kill Python while it exits (Python restores the default handlers at exit)."""
        for nom in ("SIGINT", "SIGTERM", "SIGHUP"):
            if hasattr(signal, nom):
                signal.signal(getattr(signal, nom), signal.SIG_IGN)

    def _recu(self, numero, _cadre) -> None:
        if not self.evenement.is_set():
            self.evenement.set()
            print(
                "\nInterruption demandée : j'arrête les copies en cours et j'écris le rapport partiel…",
                file=sys.stderr,
                flush=True,
            )
        else:
            print("Arrêt déjà en cours, patientez quelques secondes.", file=sys.stderr, flush=True)


def _verifier(arguments) -> int:
    arret = _Arret()
    from .verifier.bac_a_sable import Classe, Limites, diagnostic, lire_taille, taille_lisible
    from .verifier.correction import (
        carnet_majoritaire,
        propre,
        trouver_copies,
        verifier_classe,
    )
    from .verifier.exercices import carnets
    from .verifier.rapport import ecrire_csv, secondes, texte_copie, texte_resume

    chemin: Path = arguments.chemin
    if not chemin.exists():
        print(f"phare verifier : « {propre(chemin)} » n'existe pas.", file=sys.stderr)
        return 2
    copies = trouver_copies(chemin)
    if not copies:
        print(f"phare verifier : aucun notebook (.ipynb) dans « {propre(chemin)} ».", file=sys.stderr)
        return 2
    if arguments.carnet and arguments.carnet not in carnets():
        connus = ", ".join(sorted(carnets()))
        print(
            f"phare verifier : carnet inconnu « {propre(arguments.carnet)} ». Carnets connus : {connus}.",
            file=sys.stderr,
        )
        return 2
    memoire = Limites().memoire if arguments.memoire is None else lire_taille(arguments.memoire)
    if memoire is None:
        print(
            f"phare verifier : taille de mémoire illisible « {propre(arguments.memoire)} » "
            "(par exemple 512M, 1G ou 2G ; au moins 64M).",
            file=sys.stderr,
        )
        return 2
    if arguments.csv and arguments.csv.is_dir():
        print(
            f"phare verifier : « {propre(arguments.csv)} » est un dossier, pas un fichier CSV.",
            file=sys.stderr,
        )
        return 2
    isolee = not arguments.sans_isolation
    if isolee and (probleme := diagnostic()):
        print(probleme, file=sys.stderr)
        return 2
    delai = arguments.delai if arguments.delai and arguments.delai > 0 else Limites().delai
    limites = Limites(memoire=memoire, delai=delai)

    carnet = arguments.carnet or (carnet_majoritaire(copies) if chemin.is_dir() else None)
    if chemin.is_dir() and carnet:
        print(f"Carnet d'exercices attendu : « {carnet} ». {len(copies)} copie(s) à vérifier.", flush=True)
    if isolee:
        print(
            f"Chaque copie est exécutée dans un bac à sable : {taille_lisible(limites.memoire)} de mémoire, "
            f"{delai:g} s pour ses cellules, ni réseau ni accès à vos fichiers.\n",
            flush=True,
        )
    else:
        print(
            "Attention : copies exécutées SANS bac à sable (--sans-isolation). Le code des élèves tourne "
            "avec vos droits ; chaque ligne du rapport est marquée « non isolée ».\n",
            flush=True,
        )

    def au_fil(copie, fait: int, total: int) -> None:
        quoi = f"{copie.reussis}/{len(copie.exercices)} réussi(s)" if copie.etat == "ok" else copie.libelle
        print(
            f"[{fait}/{total}] {propre(copie.fichier.name)} : {quoi} ({secondes(copie.duree)} s)",
            file=sys.stderr,
            flush=True,
        )

    try:
        classe = Classe(limites, isolee=isolee)
    except OSError as erreur:
        print(f"phare verifier : impossible de préparer la vérification ({propre(erreur)}).", file=sys.stderr)
        return 2
    try:
        resultats = verifier_classe(
            copies, classe, carnet, max(1, arguments.parallele), arret.evenement, au_fil
        )
    finally:
        classe.fermer()

    print(flush=True)
    for copie in resultats:
        print(texte_copie(copie) + "\n", flush=True)
    print(texte_resume(resultats, carnet))

    code = 0 if all(copie.etat == "ok" for copie in resultats) else 1
    if arguments.csv:
        ordre = carnet or next((c.carnet for c in resultats if c.examinee and c.carnet), None)
        identifiants = [e.identifiant for e in carnets().get(ordre, [])]
        try:
            ecrire_csv(resultats, identifiants, arguments.csv)
        except OSError as erreur:
            print(
                f"phare verifier : impossible d'écrire « {propre(arguments.csv)} » "
                f"({propre(erreur.strerror or erreur)}).",
                file=sys.stderr,
            )
            code = 2
        else:
            print(f"Bilan écrit dans {propre(arguments.csv)}.")
    if arret.evenement.is_set():
        arret.ignorer_la_suite()
        restent = sum(c.etat == "non-verifiee" for c in resultats)
        print(
            f"Vérification interrompue : {restent} copie(s) non vérifiée(s), marquées « non vérifiée ». "
            "Aucune copie ne tourne encore et les dossiers temporaires sont effacés. "
            "Relancez la commande pour tout vérifier.",
            file=sys.stderr,
            flush=True,
        )
        return 130
    arret.ignorer_la_suite()
    return code


if __name__ == "__main__":
    sys.exit(main())
