"""`bilan()`: which exercises are done, read from the local progress file (nothing leaves the machine)."""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..typographie import corriger
from . import progression
from .exercices import carnets


@dataclass(frozen=True)
class Ligne:
    identifiant: str
    titre: str
    carnet: str
    etat: str  # "fait", "commencé" or "à faire"
    essais: int
    solution: bool = False  # the learner asked to see the solution (« solution consultée »)

    @property
    def mention(self) -> str:
        return _SIGNES[self.etat] + (" (solution consultée)" if self.solution else "")


_SIGNES = {"fait": "✔ fait", "commencé": "… commencé", "à faire": "○ à faire"}


@dataclass(frozen=True)
class Bilan:
    lignes: tuple[Ligne, ...]
    carnet: str | None
    avertissements: tuple[str, ...] = ()

    @property
    def faits(self) -> int:
        return sum(ligne.etat == "fait" for ligne in self.lignes)

    def _titre(self) -> str:
        portee = f"du carnet « {self.carnet} »" if self.carnet else "de tous les carnets"
        return corriger(f"Bilan {portee} : {self.faits} exercice(s) réussi(s) sur {len(self.lignes)}.")

    def __repr__(self) -> str:
        lignes = [*(corriger(a) for a in self.avertissements), self._titre()]
        for ligne in self.lignes:
            essais = f" ({ligne.essais} essai(s))" if ligne.essais else ""
            vue = " — solution consultée" if ligne.solution else ""
            lignes.append(f"  {_SIGNES[ligne.etat]:<12} {ligne.identifiant} — {ligne.titre}{essais}{vue}")
        return "\n".join(lignes)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        corps = "".join(
            f"<tr><td>{html.escape(ligne.identifiant)}</td><td>{html.escape(ligne.titre)}</td>"
            f"<td>{html.escape(ligne.mention)}</td><td>{ligne.essais}</td></tr>"
            for ligne in self.lignes
        )
        avertissements = "".join(f"<p>{html.escape(corriger(a))}</p>" for a in self.avertissements)
        return (
            f'{avertissements}<table class="phare-bilan"><caption>{html.escape(self._titre())}</caption>'
            '<thead><tr><th scope="col">Exercice</th><th scope="col">Titre</th>'
            '<th scope="col">État</th><th scope="col">Essais</th></tr></thead>'
            f"<tbody>{corps}</tbody></table>"
        )


def bilan(carnet: str | None = None) -> Bilan:
    """Affiche les exercices réussis, commencés et à faire, d'un carnet (par exemple
    `bilan("resumer-sans-trahir")`) ou de tous. La progression reste sur votre machine."""
    try:
        etats = progression.lire()
        avertissements = tuple(progression.avertissements())
    except Exception:
        etats, avertissements = {}, ()
    groupes = carnets()
    choisis = [carnet] if isinstance(carnet, str) and carnet in groupes else list(groupes)
    lignes = []
    for nom in choisis:
        for exercice in groupes[nom]:
            etat = etats.get(exercice.identifiant, {"essais": 0, "reussi": False, "solution": False})
            mot = "fait" if etat["reussi"] else ("commencé" if etat["essais"] else "à faire")
            lignes.append(
                Ligne(
                    exercice.identifiant,
                    exercice.titre,
                    nom,
                    mot,
                    etat["essais"],
                    etat.get("solution", False),
                )
            )
    choisi = carnet if isinstance(carnet, str) and carnet in groupes else None
    return Bilan(tuple(lignes), choisi, avertissements)
