"""Les questions d'un quiz comme de simples données : lues dans la page source ou dans la page construite.

Trois lecteurs, une seule forme (`Question`, `Choix`) :

- `lire_source(texte)` lit les directives `{quiz}` d'une page Markdown, sans Sphinx (tests rapides) ;
  les rôles MyST y sont réduits à leur texte (``{term}`métadonnées <Métadonnée>` `` → « métadonnées »),
  un nombre collé (``{glue:md}`nom` ``) compte pour « 00 » ;
- `lire_html(html)` lit les quiz d'une page construite (bench, tests des exports, clé de correction) ;
- `ordre_des_choix(cle, questions)` décide, à la construction, de l'ordre affiché des choix ;
- `biais(questions)` mesure ce qui trahirait la réponse sans lecture : la part des bonnes réponses à
  chaque place, et la part des questions dont la bonne réponse est le choix le plus long.
  Seules les questions à choix unique comptent (une question à plusieurs réponses n'a pas « une » place).
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, field

UNIQUE, PLUSIEURS, NOMBRE = "unique", "plusieurs", "nombre"
TYPES = (UNIQUE, PLUSIEURS, NOMBRE)
LIMITE_BIAIS = 0.40  # aucune place, ni « le plus long », ne porte plus de 40 % des bonnes réponses


@dataclass
class Choix:
    texte: str
    juste: bool
    retour: str


@dataclass
class Question:
    enonce: str
    type: str = UNIQUE
    choix: list[Choix] = field(default_factory=list)
    reponse: float | None = None  # question NOMBRE : la valeur attendue, sa tolérance, son unité
    tolerance: float | None = None
    unite: str = ""
    page: str = ""
    brut: str = ""  # l'énoncé tel qu'écrit dans la source : il donne sa graine à la question
    indication: str = ""  # « Plusieurs réponses possibles… », la tolérance d'un nombre (page construite)


# --- Ordre des choix ---------------------------------------------------------------------------------


def _graine(texte: str) -> int:
    return int.from_bytes(hashlib.sha256(texte.encode("utf-8")).digest()[:8], "big")


def ordre_des_choix(cle: str, questions: list[tuple[str, str, list[bool]]]) -> list[list[int]]:
    """L'ordre affiché des choix de chaque question d'un quiz, reproductible d'une construction à l'autre.

    `cle` nomme le quiz (page et rang du quiz) ; chaque question est (type, énoncé brut, justes),
    `justes[i]` disant si le i-ème choix écrit est juste. Renvoie, pour chaque question, les rangs
    des choix écrits dans l'ordre affiché.

    - Chaque question a sa graine (le quiz et son énoncé) : elle mélange ses choix.
    - Question à choix unique : la place de la bonne réponse est tirée dans un sac qui contient deux
      fois chaque place (tiré lui aussi avec une graine) ; une fois vide, le sac se remplit à nouveau.
      Les bonnes réponses sont ainsi réparties à égalité entre les places, dans un ordre qu'on ne
      devine pas d'une question à la suivante.
    - Question à plusieurs réponses : le mélange seul ; question numérique : rien à mélanger.
    """
    sacs: dict[int, list[int]] = {}
    remplissages: dict[int, int] = {}
    ordres = []
    for type_, enonce, justes in questions:
        n = len(justes)
        rangs = list(range(n))
        if type_ == NOMBRE:
            ordres.append(rangs)
            continue
        # The seed reads the words, not the spaces: a question's typography fixed (a non-breaking
        # space before « ? ») keeps the order of the sheets mediators have already printed.
        mots = enonce.replace("\u00a0", " ")
        random.Random(_graine(f"{cle}|{mots}")).shuffle(rangs)
        if type_ == UNIQUE and True in justes:
            sac = sacs.setdefault(n, [])
            if not sac:
                remplissages[n] = remplissages.get(n, 0) + 1
                sac.extend(list(range(n)) * 2)
                random.Random(_graine(f"{cle}|sac-{n}-{remplissages[n]}")).shuffle(sac)
            juste = justes.index(True)
            rangs.remove(juste)
            rangs.insert(sac.pop(), juste)
        ordres.append(rangs)
    return ordres


def dans_l_ordre_affiche(questions: list[Question], cle: str) -> list[Question]:
    """Les mêmes questions, choix rangés comme la construction les affiche (même fonction)."""
    ordres = ordre_des_choix(cle, [(q.type, q.brut, [c.juste for c in q.choix]) for q in questions])
    for q, ordre in zip(questions, ordres, strict=True):
        q.choix = [q.choix[i] for i in ordre]
    return questions


def espaces(texte: str) -> str:
    return re.sub(r"\s+", " ", texte.replace("\u00a0", " ").replace("\u202f", " ")).strip()


# --- Page source (MyST) ------------------------------------------------------------------------

_ROLE = re.compile(r"\{([a-z:-]+)\}`([^`]*)`")


def _texte_du_role(m: re.Match) -> str:
    role, contenu = m.group(1), m.group(2)
    if role.startswith("glue"):
        return "00"
    if role in ("source", "partie"):
        return ""
    return re.sub(r"\s*<[^>]*>$", "", contenu)  # {term}`mot <Entrée>` -> mot


def texte_simple(myst: str) -> str:
    """Le texte d'un bout de MyST tel qu'un lecteur le lit (approché : rôles réduits, balises ôtées)."""
    texte = _ROLE.sub(_texte_du_role, myst)
    texte = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", texte)  # [texte](adresse)
    texte = texte.replace("**", "").replace("`", "")
    return espaces(texte)


_OUVERTURE = re.compile(r"^(:{3,})\{([a-z-]+)\}\s*(.*)$")
_FERMETURE = re.compile(r"^(:{3,})\s*$")
_OPTION = re.compile(r"^:([a-z_-]+):\s*(.*)$")


def _blocs(lignes: list[str]) -> list[tuple[str, str, dict, list[str]]]:
    """Les directives de premier niveau d'une suite de lignes : (nom, argument, options, contenu)."""
    blocs, i = [], 0
    while i < len(lignes):
        m = _OUVERTURE.match(lignes[i].strip())
        if not m:
            i += 1
            continue
        fence, nom, argument = m.groups()
        j, options, contenu = i + 1, {}, []
        while j < len(lignes) and _OPTION.match(lignes[j].strip()) and not contenu:
            cle, valeur = _OPTION.match(lignes[j].strip()).groups()
            options[cle] = valeur
            j += 1
        while j < len(lignes):
            f = _FERMETURE.match(lignes[j].strip())
            if f and len(f.group(1)) == len(fence):
                break
            contenu.append(lignes[j])
            j += 1
        blocs.append((nom, argument, options, contenu))
        i = j + 1
    return blocs


def nombre(texte: str) -> float:
    """« 4,5 », « 4.5 », « 1 234,5 » -> 4.5, 1234.5 (virgule française acceptée) ; ValueError sinon."""
    propre = re.sub(r"[\s\u00a0\u202f]", "", str(texte)).replace(",", ".")
    if not re.fullmatch(r"[-+−]?\d+(\.\d+)?", propre):
        raise ValueError(f"« {texte} » n'est pas un nombre")
    return float(propre.replace("−", "-"))


def lire_source(texte: str, page: str = "", affiche: bool = False) -> list[Question]:
    """Les questions des `{quiz}` d'une page MyST, dans l'ordre où l'autrice les a écrites,
    ou, avec `affiche=True` (`page` est alors le nom Sphinx de la page), dans l'ordre affiché."""
    questions = []
    rang_quiz = 0
    for nom, _arg, _opt, contenu in _blocs(texte.splitlines()):
        if nom != "quiz":
            continue
        rang_quiz += 1
        du_quiz = []
        for qnom, enonce, options, qcontenu in _blocs(contenu):
            if qnom != "question":
                continue
            q = Question(texte_simple(enonce), options.get("type", UNIQUE), page=page, brut=enonce.strip())
            for cnom, argument, copt, ccontenu in _blocs(qcontenu):
                if cnom == "choix":
                    q.choix.append(Choix(texte_simple(argument), "correct" in copt,
                                         texte_simple("\n".join(ccontenu))))
                elif cnom == "retour":
                    q.choix.append(Choix(argument.strip(), argument.strip() == "juste",
                                         texte_simple("\n".join(ccontenu))))
            if q.type == NOMBRE:  # a number glued by the page is known only once it has run
                q.reponse = None if "{glue" in options["reponse"] else nombre(options["reponse"])
                q.tolerance = None if "{glue" in options["tolerance"] else nombre(options["tolerance"])
                q.unite = options.get("unite", "").strip()
            du_quiz.append(q)
        questions += dans_l_ordre_affiche(du_quiz, cle_du_quiz(page, rang_quiz)) if affiche else du_quiz
    return questions


def cle_du_quiz(page: str, rang: int) -> str:
    return f"{page}#quiz-{rang}"


# --- Page construite (HTML) ----------------------------------------------------------------------


def lire_html(html: str, page: str = "") -> list[Question]:
    """Les questions d'une page construite, dans l'ordre affiché (celui que voit le lecteur)."""
    from bs4 import BeautifulSoup

    soupe = BeautifulSoup(html, "html.parser")
    questions = []
    for fs in soupe.select("fieldset.phare-question"):
        legende = fs.find("legend")
        for numero in legende.select(".phare-numero"):
            numero.extract()
        indication = legende.select_one(".phare-indication")
        if indication is not None:
            indication.extract()
        q = Question(espaces(legende.get_text("")), fs.get("data-type", UNIQUE), page=page)
        q.indication = espaces(indication.get_text("")) if indication is not None else ""
        if q.type == NOMBRE:
            q.reponse = float(fs["data-reponse"])
            q.tolerance = float(fs["data-tolerance"])
            q.unite = fs.get("data-unite", "")
        for retour in fs.select("details.phare-retour"):
            li = retour.find_parent("li", class_="phare-choix")
            label = li.find("label") if li is not None else None
            texte = espaces(label.get_text("")) if label is not None else li.get("data-cas", "")
            corps = retour.select_one(".phare-retour-texte")
            q.choix.append(Choix(texte, retour.get("data-juste") == "oui", espaces(corps.get_text(""))))
        questions.append(q)
    return questions


# --- Mesure des biais ------------------------------------------------------------------------------


def biais(questions: list[Question]) -> dict:
    """Part des bonnes réponses à chaque place (1re, 2e…) et part des bonnes réponses les plus longues.

    Questions à choix unique seulement. « Le plus long » : strictement plus long que tous les autres
    choix, en caractères du texte lu.
    """
    uniques = [q for q in questions if q.type == UNIQUE]
    places: dict[int, int] = {}
    longues = 0
    for q in uniques:
        rang = next(i for i, c in enumerate(q.choix, 1) if c.juste)
        places[rang] = places.get(rang, 0) + 1
        longueurs = [len(c.texte) for c in q.choix]
        juste = longueurs[rang - 1]
        if all(juste > n for i, n in enumerate(longueurs, 1) if i != rang):
            longues += 1
    total = len(uniques) or 1
    return {
        "questions": len(uniques),
        "par_place": {rang: places[rang] / total for rang in sorted(places)},
        "plus_longue": longues / total,
    }


def resume_biais(mesure: dict) -> str:
    """Les deux chiffres en une ligne de français (places, puis « la plus longue »)."""
    def pc(x: float) -> str:
        return f"{round(100 * x)}\u00a0%"

    places = ", ".join(f"{rang}{'re' if rang == 1 else 'e'}\u00a0: {pc(p)}"
                       for rang, p in mesure["par_place"].items())
    return (f"{mesure['questions']} questions à choix unique ; place de la bonne réponse : {places} ; "
            f"bonne réponse la plus longue : {pc(mesure['plus_longue'])} (limite : {pc(LIMITE_BIAIS)})")
