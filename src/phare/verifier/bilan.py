"""`bilan()`: which exercises are done, read from the local progress file (nothing leaves the machine)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from . import progression
from .exercices import carnets


@dataclass(frozen=True)
class Ligne:
    identifiant: str
    titre: str
    carnet: str
    etat: str  # "fait", "commencé" or "à faire"
    essais: int


_SIGNES = {"fait": "✔ fait", "commencé": "… commencé", "à faire": "○ à faire"}


@dataclass(frozen=True)
class Bilan:
    lignes: tuple[Ligne, ...]
    carnet: str | None

    @property
    def faits(self) -> int:
        return sum(ligne.etat == "fait" for ligne in self.lignes)

    def _titre(self) -> str:
        portee = f"du carnet « {self.carnet} »" if self.carnet else "de tous les carnets"
        return f"Bilan {portee} : {self.faits} exercice(s) réussi(s) sur {len(self.lignes)}."

    def __repr__(self) -> str:
        lignes = [self._titre()]
        for ligne in self.lignes:
            essais = f" ({ligne.essais} essai(s))" if ligne.essais else ""
            lignes.append(f"  {_SIGNES[ligne.etat]:<12} {ligne.identifiant} — {ligne.titre}{essais}")
        return "\n".join(lignes)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        corps = "".join(
            f"<tr><td>{html.escape(ligne.identifiant)}</td><td>{html.escape(ligne.titre)}</td>"
            f"<td>{html.escape(_SIGNES[ligne.etat])}</td><td>{ligne.essais}</td></tr>"
            for ligne in self.lignes
        )
        return (
            f'<table class="phare-bilan"><caption>{html.escape(self._titre())}</caption>'
            '<thead><tr><th scope="col">Exercice</th><th scope="col">Titre</th>'
            '<th scope="col">État</th><th scope="col">Essais</th></tr></thead>'
            f"<tbody>{corps}</tbody></table>"
        )


def bilan(carnet: str | None = None) -> Bilan:
    """Affiche les exercices réussis, commencés et à faire, d'un carnet (par exemple
    `bilan("resumer-sans-trahir")`) ou de tous. La progression reste sur votre machine."""
    try:
        etats = progression.lire()
    except Exception:
        etats = {}
    groupes = carnets()
    choisis = [carnet] if isinstance(carnet, str) and carnet in groupes else list(groupes)
    lignes = []
    for nom in choisis:
        for exercice in groupes[nom]:
            etat = etats.get(exercice.identifiant, {"essais": 0, "reussi": False})
            mot = "fait" if etat["reussi"] else ("commencé" if etat["essais"] else "à faire")
            lignes.append(Ligne(exercice.identifiant, exercice.titre, nom, mot, etat["essais"]))
    return Bilan(tuple(lignes), carnet if isinstance(carnet, str) and carnet in groupes else None)
