"""What a check returns: a small object that shows its French message in Jupyter and in a terminal.

Why an object and not print(): the notebook shows it as the cell's output (HTML or plain text),
a test reads its fields, and `bool(resultat)` says whether the answer is right.
The status is always written in words, never conveyed by colour alone.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace

from ..interface import couleur
from ..typographie import corriger

# Status -> (plain-text prefix, word shown in HTML). The prefix starts with words, not only a sign.
STATUTS = {
    "reussi": ("✔ Bravo !", "Bravo !"),
    "faux": ("✘ Pas encore.", "Pas encore."),
    "non-fait": ("… À vous de jouer.", "À vous de jouer."),
    "erreur": ("⚠ Votre calcul a provoqué une erreur.", "Votre calcul a provoqué une erreur."),
    "inconnu": ("? Exercice inconnu.", "Exercice inconnu."),
    "indisponible": ("⚠ Vérification impossible.", "Vérification impossible."),
    "releve": ("✎ Réponse relevée.", "Réponse relevée."),
}

# Sober inline styles (no stylesheet to ship): dark text on a light background, a coloured border
# that only repeats what the words already say. Contrast ratios are well above WCAG AA.
# The colours come from the site's palette (phare/interface/palette.toml).
_BORDURES = {
    "reussi": "site.juste",
    "faux": "site.a-revoir",
    "non-fait": "site.neutre",
    "erreur": "site.erreur",
    "inconnu": "site.neutre",
    "indisponible": "site.erreur",
    "releve": "site.neutre",
}


def _en_html(texte: str) -> str:
    """French typography, then escape the text and show `code` spans as <code> (the messages quote
    Python code that way)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(corriger(texte), quote=False))


class _EnTexte:
    """`print` and the notebook's plain-text display show the French text (the `texte` property)."""

    def __str__(self) -> str:
        return self.texte

    def __repr__(self) -> str:
        return self.texte


@dataclass(frozen=True, repr=False)  # repr: the French text, from _EnTexte
class Resultat(_EnTexte):
    """The outcome of one check.

    statut: "reussi", "faux", "non-fait", "erreur", "inconnu", "indisponible", or "releve" (an answer
    only recorded for the teacher's check, which judges it elsewhere).
    code: which diagnosis was made (e.g. "piege:cm", "forme:colonnes", "general"), for tests and reports.
    niveau / niveaux: which hint of the graduated list was shown (1-based), 0 when none.
    """

    identifiant: str
    statut: str
    message: str
    code: str = ""
    niveau: int = 0
    niveaux: int = 0
    details: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return self.statut == "reussi"

    @property
    def reussi(self) -> bool:
        return self.statut == "reussi"

    @property
    def texte(self) -> str:
        """The full message as plain text (what `print` and the teacher's report show)."""
        prefixe = STATUTS.get(self.statut, ("", ""))[0]
        lignes = [f"{prefixe} {corriger(self.message)}".strip()]
        if self.niveaux > 1 and self.niveau:
            lignes.append(
                f"(indice {self.niveau} sur {self.niveaux} : "
                "réexécutez la cellule pour un indice plus précis)"
                if self.niveau < self.niveaux
                else f"(indice {self.niveau} sur {self.niveaux})"
            )
        lignes.extend(corriger(d) for d in self.details)
        return "\n".join(lignes)

    def _repr_html_(self) -> str:
        mot = STATUTS.get(self.statut, ("", ""))[1]
        bordure = couleur(_BORDURES.get(self.statut, "site.neutre"))
        corps = _en_html(self.message)
        suite = "".join(f"<br>{_en_html(d)}" for d in self.details)
        niveau = ""
        if self.niveaux > 1 and self.niveau:
            niveau = f" <em>(indice {self.niveau} sur {self.niveaux})</em>"
        return (
            f'<div class="phare-verification phare-{self.statut}" '
            f'style="border-left:0.35em solid {bordure};background:{couleur("site.fond-doux")};'
            f"color:{couleur('site.texte')};"
            f'padding:0.5em 0.8em;margin:0.3em 0">'
            f'<p style="margin:0"><strong>{html.escape(mot)}</strong> {corps}{niveau}{suite}</p></div>'
        )

    def _repr_markdown_(self) -> str:
        mot = STATUTS.get(self.statut, ("", ""))[1]
        return f"**{mot}** {corriger(self.message)}"

    def avec_details(self, *lignes: str) -> Resultat:
        """The same outcome with more lines under the message (e.g. a note about the progress file)."""
        return replace(self, details=(*self.details, *lignes))

    def en_dict(self) -> dict:
        """The fields a teacher's report needs (JSON-serialisable)."""
        return {
            "identifiant": self.identifiant,
            "statut": self.statut,
            "code": self.code,
            "message": self.message,
        }


@dataclass(frozen=True, repr=False)
class Solution(_EnTexte):
    """A solution shown because the learner asked for it (`solution("identifiant")`).

    In a notebook it shows as a code block under a clear title; the HTML carries the class
    `phare-solution` and the exercise's identifier, so that the teacher's check can see, in a copy
    handed in with its outputs, that the solution was displayed.
    """

    identifiant: str
    titre: str
    code: str
    message: str = ""
    details: tuple[str, ...] = field(default_factory=tuple)

    @property
    def entete(self) -> str:
        if not self.code:
            return corriger(self.message)
        titre = f" — {self.titre}" if self.titre else ""
        return corriger(
            f"Solution de l'exercice « {self.identifiant} »{titre}. "
            "Lisez-la, puis réécrivez-la vous-même sans la regarder : c'est ainsi qu'on la retient. "
            "Elle est notée « solution consultée » dans votre progression."
        )

    @property
    def texte(self) -> str:
        lignes = [self.entete]
        if self.code:
            lignes += ["", *("    " + ligne for ligne in self.code.splitlines()), ""]
        lignes.extend(corriger(d) for d in self.details)
        return "\n".join(lignes)

    def _repr_html_(self) -> str:
        bordure = couleur("site.neutre")
        # The code wraps instead of overflowing a phone's screen (WCAG 1.4.10, reflow at 320 px).
        code = (
            '<pre style="white-space:pre-wrap;overflow-wrap:anywhere;margin:0.5em 0 0">'
            f"<code>{html.escape(self.code)}</code></pre>"
            if self.code
            else ""
        )
        suite = "".join(f"<p>{_en_html(d)}</p>" for d in self.details)
        return (
            f'<div class="phare-solution" data-exercice="{html.escape(self.identifiant)}" '
            f'style="border-left:0.35em solid {bordure};background:{couleur("site.fond-doux")};'
            f'color:{couleur("site.texte")};padding:0.5em 0.8em;margin:0.3em 0">'
            f'<p style="margin:0">{_en_html(self.entete)}</p>{code}{suite}</div>'
        )
