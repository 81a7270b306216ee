"""Re-reading the quiz exports (Moodle XML with xml.etree, GIFT with a small parser of its own), and
comparing them with the quiz of the built page (`phare.livre.quiz_donnees.lire_html`)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from phare.livre.quiz_donnees import espaces
from phare.livre.quiz_exports import sans_sources as _sans_sources

SPECIAUX = "\\~=#{}:"


@dataclass
class Lue:
    enonce: str
    type: str
    choix: list[tuple[str, bool, str]] = field(default_factory=list)  # (texte, juste, commentaire)
    reponse: float | None = None
    tolerance: float | None = None


def lire_moodle(texte: str) -> tuple[list[str], list[Lue]]:
    """(catégories, questions) d'un fichier Moodle XML."""
    racine = ET.fromstring(texte.encode("utf-8"))
    assert racine.tag == "quiz"
    categories, questions = [], []
    for q in racine.findall("question"):
        genre = q.get("type")
        if genre == "category":
            categories.append(q.findtext("category/text"))
            continue
        lue = Lue(q.findtext("questiontext/text"), genre)
        for r in q.findall("answer"):
            lue.choix.append((r.findtext("text"), float(r.get("fraction")) > 0, r.findtext("feedback/text")))
        if genre == "numerical":
            juste = next(r for r in q.findall("answer") if float(r.get("fraction")) == 100)
            lue.reponse, lue.tolerance = float(juste.findtext("text")), float(juste.findtext("tolerance"))
        else:
            lue.type = "multichoice-" + q.findtext("single")
        questions.append(lue)
    return categories, questions


def _decouper(texte: str, separateurs: str) -> list[tuple[str, str]]:
    """Split on the unescaped characters of `separateurs`: [(separator before, piece)]."""
    morceaux, courant, avant, i = [], "", "", 0
    while i < len(texte):
        c = texte[i]
        if c == "\\" and i + 1 < len(texte):
            courant += texte[i:i + 2]
            i += 2
            continue
        if c in separateurs:
            morceaux.append((avant, courant))
            avant, courant = c, ""
        else:
            courant += c
        i += 1
    morceaux.append((avant, courant))
    return morceaux


def _deschapper(texte: str) -> str:
    return re.sub(r"\\([\\~=#{}:])", r"\1", texte).strip()


def _sans_echappement(texte: str, caractere: str) -> int:
    """Position of the first unescaped `caractere`, or -1."""
    i = 0
    while i < len(texte):
        if texte[i] == "\\":
            i += 2
            continue
        if texte[i] == caractere:
            return i
        i += 1
    return -1


def lire_gift(texte: str) -> tuple[list[str], list[Lue]]:
    """(catégories, questions) d'un fichier GIFT (le sous-ensemble qu'écrit Phare, réponses comprises)."""
    categories, questions = [], []
    for bloc in re.split(r"\n\s*\n", texte):
        lignes = [ligne for ligne in bloc.splitlines() if ligne.strip() and not ligne.startswith("//")]
        for ligne in [x for x in lignes if x.startswith("$CATEGORY:")]:
            categories.append(ligne.removeprefix("$CATEGORY:").strip())
        corps = " ".join(x for x in lignes if not x.startswith("$CATEGORY:"))
        if not corps:
            continue
        assert corps.startswith("::"), corps
        fin_nom = _sans_echappement(corps[2:], ":") + 2
        assert corps[fin_nom:fin_nom + 2] == "::", corps
        reste = corps[fin_nom + 2:]
        ouverture = _sans_echappement(reste, "{")
        reste = reste.rstrip()
        assert ouverture >= 0 and reste.endswith("}") and not reste.endswith("\\}"), corps
        fermeture = len(reste) - 1
        enonce, reponses = _deschapper(reste[:ouverture]), reste[ouverture + 1:fermeture]
        if reponses.startswith("#"):
            lue = Lue(enonce, "numerical")
            for signe, morceau in _decouper(reponses[1:], "="):
                if not signe:
                    continue
                note, valeur_fb = re.match(r"%(-?[\d.]+)%(.*)$", morceau, re.S).groups()
                valeur, commentaire = [p for _s, p in _decouper(valeur_fb, "#")]
                if float(note) == 100:
                    lue.reponse, lue.tolerance = (float(x) for x in valeur.split(":"))
                lue.choix.append((valeur.strip(), float(note) == 100, _deschapper(commentaire)))
        else:
            lue = Lue(enonce, "choix")
            for signe, morceau in _decouper(reponses, "=~"):
                if not signe:
                    assert not morceau.strip(), reponses
                    continue
                note = re.match(r"%(-?[\d.]+)%", morceau)
                if note:
                    morceau = morceau[note.end():]
                    lue.type = "plusieurs"
                texte_, commentaire = [p for _s, p in _decouper(morceau, "#")]
                juste = signe == "=" or (note is not None and float(note.group(1)) > 0)
                lue.choix.append((_deschapper(texte_), juste, _deschapper(commentaire)))
        questions.append(lue)
    return categories, questions


def sans_sources(texte: str) -> str:
    """The export's text as the page reads it (spaces normalised like `lire_html`, sources removed)."""
    return espaces(_sans_sources(texte))


def differences(page, lues: list[Lue], format_: str) -> list[str]:
    """What differs between the page's questions and an export's (empty list: the same quiz)."""
    from phare.livre.quiz_exports import texte_de_question

    fautes = []
    if len(page) != len(lues):
        return [f"{format_} : {len(lues)} questions, la page en a {len(page)}"]
    for numero, (q, lue) in enumerate(zip(page, lues, strict=True), 1):
        ou = f"{format_}, question {numero}"
        if sans_sources(lue.enonce) != texte_de_question(q):
            fautes.append(f"{ou} : énoncé « {lue.enonce} » ≠ « {texte_de_question(q)} »")
        if q.type == "nombre":
            if (lue.reponse, lue.tolerance) != (q.reponse, q.tolerance):
                fautes.append(f"{ou} : réponse {lue.reponse} ± {lue.tolerance} ≠ {q.reponse} ± {q.tolerance}")
            attendus = [(c.juste, c.retour) for c in q.choix]
            lus = [(juste, sans_sources(retour)) for _t, juste, retour in lue.choix]
        else:
            attendus = [(c.texte, c.juste, c.retour) for c in q.choix]
            lus = [(espaces(texte), juste, sans_sources(retour)) for texte, juste, retour in lue.choix]
        if attendus != lus:
            fautes.append(f"{ou} : choix {lus} ≠ {attendus}")
    return fautes
