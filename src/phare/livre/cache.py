"""The execution cache follows what the notebooks read, not only their code.

myst-nb's cache (jupyter-cache) keys a notebook on its code cells alone: a changed dataset,
colour or spreadsheet step would leave stale figures and numbers in the book (a measured trap of
the stack). At every build, before any page is read, this extension computes a fingerprint of
what the executed pages read — the datasets, the phare package as the kernel imports it (not its
build-only parts), the spreadsheet steps — and empties the cache when it changed.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.util import logging

import phare

JOURNAL = logging.getLogger(__name__)
# Parts of phare that never run in an executed page.
HORS_NOYAU = ("livre", "construction", "fabrique", "gabarits", "__pycache__")
FICHIER = "phare-empreinte.txt"


def _entrees(racine: Path) -> list[Path]:
    paquet = Path(phare.__file__).resolve().parent
    fichiers = [
        f for f in paquet.rglob("*")
        if f.is_file() and f.relative_to(paquet).parts[0] not in HORS_NOYAU and "__pycache__" not in f.parts
    ]
    fichiers += [f for f in (racine / "datasets").rglob("*") if f.is_file()]
    fichiers += list(racine.glob("book/*/tableur/*.yml"))
    return sorted(set(fichiers))


def empreinte(racine: Path) -> str:
    somme = hashlib.sha256()
    paquet = Path(phare.__file__).resolve().parent
    for fichier in _entrees(racine):
        nom = fichier.relative_to(paquet) if fichier.is_relative_to(paquet) else fichier.relative_to(racine)
        somme.update(nom.as_posix().encode() + b"\0" + hashlib.sha256(fichier.read_bytes()).digest())
    return somme.hexdigest()


def _verifier(app, config) -> None:
    if config.nb_execution_mode in ("off", False):
        return
    racine = Path(app.srcdir)
    cache = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    actuelle = empreinte(racine)
    marque = cache / FICHIER
    if cache.is_dir() and (not marque.is_file() or marque.read_text(encoding="utf-8") != actuelle):
        JOURNAL.info("Données, paquet phare ou étapes de tableur modifiés : le cache d'exécution est vidé.")
        shutil.rmtree(cache)
    cache.mkdir(parents=True, exist_ok=True)
    marque.write_text(actuelle, encoding="utf-8")


def setup(app):
    app.connect("config-inited", _verifier, priority=50)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
