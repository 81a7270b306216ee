"""« À examiner » : what, in a pupil's code, touches the checker's internals or the machine.

A static reading of the code cells (Python's `ast`, nothing is run): importing or replacing parts of
`phare.verifier`, reaching for its expected answers, ctypes, the garbage collector's hooks, signals
to other processes, programs, the network, the results channel, dynamic code. Each finding names
its code cell and line, in French, for the teacher to look at.

It is not a verdict: the sandbox already contains all of this, a curious pupil may try things
without cheating, and code written to hide can escape a static reading. The teacher decides.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Soupcon:
    cellule: int  # code cell number, from 1
    ligne: int
    motif: str

    def __str__(self) -> str:
        return f"cellule de code n° {self.cellule}, ligne {self.ligne} : {self.motif}"


# Public names a notebook is meant to use: `from phare.verifier import verifier, bilan, solution`.
_PUBLICS = {"verifier", "bilan", "solution", "Resultat"}
_INTERNES = {
    "_attendu", "_attendus", "attendu", "_juger", "juger", "_verifier", "_valeurs_pieges", "pieges",
    "_reconnait", "ecart_de_forme", "oublier_indices", "tous", "carnets", "_seance", "Seance", "demandes",
}  # fmt: skip
_MODULES = {
    "ctypes": "utilise ctypes (accès direct à la mémoire de Python)",
    "cffi": "utilise cffi (accès direct à la mémoire)",
    "gc": "fouille les objets de Python avec le module gc",
    "subprocess": "lance des programmes (subprocess)",
    "multiprocessing": "lance d'autres processus (multiprocessing)",
    "pty": "lance des programmes (pty)",
    "socket": "ouvre des connexions réseau (socket)",
    "urllib": "se connecte au réseau (urllib)",
    "requests": "se connecte au réseau (requests)",
    "http": "se connecte au réseau (http)",
    "signal": "manipule les signaux (signal)",
    "sqlite3": "ouvre une base sqlite (sqlite3)",
    "importlib": "importe des modules par leur nom (importlib)",
    "inspect": "inspecte la pile d'exécution (inspect)",
    "builtins": "modifie les fonctions de base de Python (builtins)",
    "resource": "modifie les limites du processus (resource)",
}
_APPELS = {
    ("os", "kill"): "envoie un signal à un processus (os.kill)",
    ("os", "killpg"): "envoie un signal à un groupe de processus (os.killpg)",
    ("os", "getppid"): "cherche le processus parent (os.getppid)",
    ("os", "system"): "lance une commande système (os.system)",
    ("os", "popen"): "lance une commande système (os.popen)",
    ("os", "fork"): "duplique le processus (os.fork)",
    ("os", "setsid"): "détache un processus (os.setsid)",
    ("os", "link"): "crée un lien physique (os.link)",
    ("os", "symlink"): "crée un lien symbolique (os.symlink)",
    ("os", "write"): "écrit directement dans un descripteur de fichier (os.write)",
    ("os", "dup2"): "redirige un descripteur de fichier (os.dup2)",
    ("os", "fdopen"): "ouvre un descripteur de fichier (os.fdopen)",
    ("os", "environ"): "lit les variables d'environnement (os.environ)",
    ("os", "getenv"): "lit les variables d'environnement (os.getenv)",
    ("os", "_exit"): "quitte Python brutalement (os._exit)",
    ("sys", "addaudithook"): "ajoute un crochet d'audit (sys.addaudithook)",
    ("sys", "settrace"): "détourne l'exécution (sys.settrace)",
    ("sys", "setprofile"): "détourne l'exécution (sys.setprofile)",
    ("sys", "_getframe"): "inspecte la pile d'exécution (sys._getframe)",
    ("sys", "modules"): "manipule les modules chargés (sys.modules)",
    ("sys", "exit"): "quitte Python (sys.exit)",
}
_DYNAMIQUES = {
    "exec": "exécute du code fabriqué à la volée (exec)",
    "eval": "évalue du code fabriqué à la volée (eval)",
    "compile": "compile du code fabriqué à la volée (compile)",
    "__import__": "importe un module par son nom (__import__)",
    "globals": "modifie les variables globales par leur nom (globals)",
}
_CHAINES = (
    (re.compile(r"phare\.verifier\.(?!(verifier|bilan|solution)\b)\w+"), "nomme un rouage du vérificateur"),
    (re.compile(r"PHARE_[A-Z_]+"), "nomme une variable de Phare"),
    (re.compile(r"\bATTACH\b", re.IGNORECASE), "attache une base sqlite (ATTACH)"),
    (re.compile(r"^/(proc|sys|dev)/"), "lit les entrailles du système (/proc, /sys, /dev)"),
)


def _nettoyer(source: str) -> str:
    """IPython's `%magic` and `!commande` lines become `pass`, keeping the line numbers."""
    lignes = []
    for ligne in source.splitlines():
        debut = ligne.lstrip()
        if debut.startswith(("%", "!")) or re.match(r"^\w+\s*=\s*!", debut):
            lignes.append(ligne[: len(ligne) - len(debut)] + "pass")
        else:
            lignes.append(ligne)
    return "\n".join(lignes)


class _Lecteur(ast.NodeVisitor):
    def __init__(self, cellule: int, trouves: list[Soupcon]):
        self.cellule, self.trouves = cellule, trouves
        self.noms_phare: set[str] = set()  # names bound to phare modules or functions

    def _signaler(self, noeud: ast.AST, motif: str) -> None:
        self.trouves.append(Soupcon(self.cellule, getattr(noeud, "lineno", 0), motif))

    def _module(self, noeud: ast.AST, nom: str) -> None:
        racine = nom.split(".")[0]
        if nom.startswith("phare.verifier.") or nom == "phare.verifier.exercices":
            self._signaler(noeud, f"importe un rouage du vérificateur ({nom})")
        elif racine in _MODULES:
            self._signaler(noeud, _MODULES[racine])

    def visit_Import(self, noeud: ast.Import) -> None:
        for alias in noeud.names:
            self._module(noeud, alias.name)
            if alias.name.startswith("phare"):
                self.noms_phare.add((alias.asname or alias.name).split(".")[0])
        self.generic_visit(noeud)

    def visit_ImportFrom(self, noeud: ast.ImportFrom) -> None:
        module = noeud.module or ""
        self._module(noeud, module)
        if module.startswith("phare"):
            for alias in noeud.names:
                self.noms_phare.add(alias.asname or alias.name)
                if module == "phare.verifier" and alias.name not in _PUBLICS:
                    self._signaler(noeud, f"importe un rouage du vérificateur (phare.verifier.{alias.name})")
                if module == "phare" and alias.name == "verifier":
                    self._signaler(noeud, "importe le module phare.verifier lui-même")
        self.generic_visit(noeud)

    def _cible(self, cible: ast.AST) -> None:
        if isinstance(cible, ast.Name) and cible.id in {"verifier", "bilan", "solution"}:
            self._signaler(cible, f"remplace la fonction {cible.id} du vérificateur")
        elif isinstance(cible, ast.Attribute):
            base = cible
            while isinstance(base, ast.Attribute):
                base = base.value
            if isinstance(base, ast.Name) and base.id in self.noms_phare:
                self._signaler(cible, f"modifie le vérificateur ({ast.unparse(cible)[:60]} = …)")
            elif cible.attr in _INTERNES or cible.attr in {"verifier", "juger"}:
                self._signaler(cible, f"remplace un rouage ({cible.attr})")
        elif isinstance(cible, ast.Tuple | ast.List):
            for element in cible.elts:
                self._cible(element)
        elif isinstance(cible, ast.Subscript):
            texte = ast.unparse(cible)
            if "sys.modules" in texte or "__builtins__" in texte or "globals()" in texte:
                self._signaler(cible, f"modifie l'interpréteur ({texte[:60]} = …)")

    def visit_Assign(self, noeud: ast.Assign) -> None:
        for cible in noeud.targets:
            self._cible(cible)
        self.generic_visit(noeud)

    def visit_AugAssign(self, noeud: ast.AugAssign) -> None:
        self._cible(noeud.target)
        self.generic_visit(noeud)

    def visit_FunctionDef(self, noeud: ast.FunctionDef) -> None:
        if noeud.name in {"verifier", "bilan", "solution"}:
            self._signaler(noeud, f"redéfinit la fonction {noeud.name} du vérificateur")
        self.generic_visit(noeud)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Attribute(self, noeud: ast.Attribute) -> None:
        if isinstance(noeud.value, ast.Name) and (noeud.value.id, noeud.attr) in _APPELS:
            self._signaler(noeud, _APPELS[(noeud.value.id, noeud.attr)])
        elif noeud.attr in {"attendu", "_attendu", "_attendus", "pieges", "solution", "_valeurs_pieges"}:
            self._signaler(noeud, f"lit la réponse attendue ou la solution d'un exercice (.{noeud.attr})")
        elif noeud.attr in _INTERNES:
            self._signaler(noeud, f"appelle un rouage interne du vérificateur ({noeud.attr})")
        elif noeud.attr in {"__code__", "__closure__", "__globals__", "__dict__", "__subclasses__"}:
            self._signaler(noeud, f"fouille l'intérieur des fonctions ({noeud.attr})")
        self.generic_visit(noeud)

    def visit_Call(self, noeud: ast.Call) -> None:
        fonction = noeud.func
        if isinstance(fonction, ast.Name):
            if fonction.id in _DYNAMIQUES:
                self._signaler(noeud, _DYNAMIQUES[fonction.id])
            elif fonction.id in {"setattr", "delattr"} and noeud.args:
                cible = noeud.args[0]
                if isinstance(cible, ast.Name) and cible.id in self.noms_phare:
                    self._signaler(noeud, f"modifie le vérificateur ({fonction.id} sur {cible.id})")
            elif fonction.id == "open" and noeud.args and isinstance(noeud.args[0], ast.Constant):
                if isinstance(noeud.args[0].value, int):
                    self._signaler(noeud, "ouvre un descripteur de fichier par son numéro")
        if isinstance(fonction, ast.Attribute) and fonction.attr == "open":
            for mot in noeud.keywords:
                if mot.arg == "dir_fd":
                    self._signaler(noeud, "ouvre un fichier par un descripteur de dossier (dir_fd)")
        self.generic_visit(noeud)

    def visit_Constant(self, noeud: ast.Constant) -> None:
        if isinstance(noeud.value, str):
            for motif, texte in _CHAINES:
                if motif.search(noeud.value):
                    self._signaler(noeud, texte)
        self.generic_visit(noeud)


def examiner(sources: list[str], limite: int = 12) -> list[Soupcon]:
    """What is worth a look in these code cells, at most `limite` findings (one per cell and reason)."""
    trouves: list[Soupcon] = []
    for numero, source in enumerate(sources, start=1):
        texte = _nettoyer(source)
        commandes = [
            i for i, ligne in enumerate(source.splitlines(), start=1) if ligne.lstrip().startswith("!")
        ]
        for ligne in commandes[:1]:
            trouves.append(Soupcon(numero, ligne, "lance une commande système (!)"))
        try:
            arbre = ast.parse(texte)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        try:
            _Lecteur(numero, trouves).visit(arbre)
        except RecursionError:
            continue
    vus, uniques = set(), []
    for soupcon in trouves:
        cle = (soupcon.cellule, soupcon.motif)
        if cle not in vus:
            vus.add(cle)
            uniques.append(soupcon)
    return uniques[:limite]
