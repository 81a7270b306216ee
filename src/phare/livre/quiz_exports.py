"""Les quiz d'un module pour la classe : Moodle XML et GIFT, écrits à la construction.

`phare.livre.quiz` les écrit dans `kits/<module>/phare-<module>-quiz-moodle.xml` et
`…-quiz-gift.txt` (noms : `phare.construction.kits.fichier_quiz`), à partir des mêmes nœuds que la
page : même ordre des choix, mêmes textes, mêmes commentaires. Une catégorie par module
(« Phare/<titre du module> »), un commentaire par choix, UTF-8.

- Moodle XML : `multichoice` (choix unique ou plusieurs réponses), `numerical` (un nombre et sa
  tolérance, puis « * » pour toute autre réponse et son commentaire).
- GIFT : `~ = # { } :` et la barre oblique inverse sont échappés ; une question sur une ligne.
  Un nombre s'écrit `{#=%100%4.5:0.5#… =%0%0:1000000000#…}` : la seconde réponse, à 0 %, attrape
  toute autre valeur pour lui donner son commentaire.

Les sources citées dans un énoncé ou un commentaire (« [2] » sur la page) sont ajoutées à la fin du
texte, en toutes lettres : hors de la page, le numéro seul ne mène nulle part.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..interface import libelle
from .quiz_donnees import NOMBRE, PLUSIEURS, Question

# Grades Moodle accepts for an answer (percent), used for questions with several right answers.
_NOTES_MOODLE = {1: "100", 2: "50", 3: "33.33333", 4: "25", 5: "20", 6: "16.66667", 7: "14.28571",
                 8: "12.5", 9: "11.11111", 10: "10"}
_SPECIAUX_GIFT = re.compile(r"([\\~=#{}:])")
_MOT_SOURCES = libelle("quiz.export_sources", liste="§").split("§")[0].split(":")[0].strip()
_SOURCES = re.compile(r"\s*" + re.escape(_MOT_SOURCES) + r"\s*:\s*\[\d.*$", re.S)


def sans_sources(texte: str) -> str:
    """Le texte tel que sur la page : sans la liste des sources ajoutée par l'export."""
    return _SOURCES.sub("", texte)


def _nombre_machine(x: float) -> str:
    return f"{x:.10g}"


def _notes(q: Question) -> list[str]:
    """La note de chaque choix, en pourcentage Moodle."""
    if q.type != PLUSIEURS:
        return ["100" if c.juste else "0" for c in q.choix]
    justes = sum(c.juste for c in q.choix)
    faux = len(q.choix) - justes
    return [_NOTES_MOODLE[justes] if c.juste else "-" + _NOTES_MOODLE[faux] for c in q.choix]


def texte_de_question(q: Question) -> str:
    return f"{q.enonce} {q.indication}".strip() if q.indication else q.enonce


def _nom(titre: str, numero: int) -> str:
    return libelle("quiz.export_nom", module=titre, numero=numero)


def categorie(titre: str) -> str:
    return f"Phare/{titre}"


def moodle_xml(titre: str, questions: list[Question]) -> str:
    """Un fichier Moodle XML : la catégorie du module, puis ses questions."""
    quiz = ET.Element("quiz")
    cat = ET.SubElement(ET.SubElement(quiz, "question", type="category"), "category")
    ET.SubElement(cat, "text").text = "$course$/top/" + categorie(titre)

    def texte(parent, balise, valeur, **attributs):
        element = ET.SubElement(parent, balise, **attributs)
        ET.SubElement(element, "text").text = valeur
        return element

    for numero, q in enumerate(questions, 1):
        element = ET.SubElement(quiz, "question", type="numerical" if q.type == NOMBRE else "multichoice")
        texte(element, "name", _nom(titre, numero))
        texte(element, "questiontext", texte_de_question(q), format="html")
        texte(element, "generalfeedback", "", format="html")
        ET.SubElement(element, "defaultgrade").text = "1"
        ET.SubElement(element, "penalty").text = "0.3333333"
        ET.SubElement(element, "hidden").text = "0"
        if q.type == NOMBRE:
            juste = next(c for c in q.choix if c.juste)
            faux = next(c for c in q.choix if not c.juste)
            for fraction, valeur, tolerance, choix in (
                ("100", _nombre_machine(q.reponse), _nombre_machine(q.tolerance), juste),
                ("0", "*", "0", faux),
            ):
                reponse = texte(element, "answer", valeur, fraction=fraction, format="moodle_auto_format")
                ET.SubElement(reponse, "tolerance").text = tolerance
                texte(reponse, "feedback", choix.retour, format="html")
            continue
        ET.SubElement(element, "single").text = "false" if q.type == PLUSIEURS else "true"
        ET.SubElement(element, "shuffleanswers").text = "false"  # the order is the page's
        ET.SubElement(element, "answernumbering").text = "abc"
        for choix, note in zip(q.choix, _notes(q), strict=True):
            reponse = texte(element, "answer", choix.texte, fraction=note, format="html")
            texte(reponse, "feedback", choix.retour, format="html")
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


def echapper_gift(texte: str) -> str:
    """`a = {b}` -> `a \\= \\{b\\}` : les caractères spéciaux de GIFT, et une seule ligne."""
    return _SPECIAUX_GIFT.sub(r"\\\1", re.sub(r"[ \t\r\n]+", " ", texte).strip())  # keeps U+00A0


def gift(titre: str, questions: list[Question]) -> str:
    """Un fichier GIFT : la catégorie du module, puis une question par paragraphe."""
    lignes = [f"// {libelle('quiz.export_entete', module=titre)}",
              f"$CATEGORY: $course$/top/{categorie(titre)}", ""]
    for numero, q in enumerate(questions, 1):
        tete = f"::{echapper_gift(_nom(titre, numero))}::{echapper_gift(texte_de_question(q))} "
        if q.type == NOMBRE:
            juste = next(c for c in q.choix if c.juste)
            faux = next(c for c in q.choix if not c.juste)
            reponses = (f"#=%100%{_nombre_machine(q.reponse)}:{_nombre_machine(q.tolerance)}"
                        f"#{echapper_gift(juste.retour)} =%0%0:1000000000#{echapper_gift(faux.retour)}")
        else:
            morceaux = []
            for choix, note in zip(q.choix, _notes(q), strict=True):
                signe = "=" if q.type != PLUSIEURS and choix.juste else "~"
                poids = f"%{note}%" if q.type == PLUSIEURS else ""
                morceaux.append(f"{signe}{poids}{echapper_gift(choix.texte)}#{echapper_gift(choix.retour)}")
            reponses = " ".join(morceaux)
        lignes += [tete + "{" + reponses + "}", ""]
    return "\n".join(lignes)
