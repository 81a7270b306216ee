"""Quiz accessibles qui marchent dans une page statique : directives `{quiz}`, `{question}`, `{choix}`.

Syntaxe (MyST, deux-points imbriqués : un de plus à chaque niveau) :

    :::::{quiz}
    ::::{question} Qu'est-ce qu'une métadonnée ?
    :::{choix} Une donnée très volumineuse
    Non : la taille n'a rien à voir. …
    :::
    :::{choix} Une donnée qui décrit une autre donnée
    :correct:
    Oui. …
    :::
    ::::
    :::::

Trois types de question (option `:type:` de `{question}`) :

- `unique` (par défaut) : un seul choix `:correct:`, des boutons radio ;
- `plusieurs` : au moins deux choix `:correct:` et un faux, des cases à cocher ; la réponse est juste
  quand les cases cochées sont exactement les bonnes, et chaque choix a son commentaire ;
- `nombre` : une valeur lue sur une figure, avec `:reponse:` (un nombre, ou ``{glue}`nom` `` pour un
  nombre calculé par la page), `:tolerance:` (obligatoire, dite au lecteur) et `:unite:` ; pas de
  `{choix}`, mais deux `{retour}` : ``{retour} juste`` et ``{retour} faux``, le commentaire de chaque cas.

Le HTML produit se lit sans JavaScript : chaque question est un `<fieldset>` avec sa `<legend>`,
chaque choix un bouton radio avec son `<label>`, et le commentaire de chaque choix est replié
dans un `<details>`. Le script `phare-quiz.js` (servi par le site, sans CDN) ajoute la
validation, les retours annoncés dans une zone `aria-live` et la progression gardée dans le
stockage local du navigateur (rien n'est envoyé). À l'impression, les réponses sont masquées.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from ..interface import libelle, libelles
from .quiz_donnees import (
    NOMBRE,
    PLUSIEURS,
    TYPES,
    UNIQUE,
    Choix,
    Question,
    cle_du_quiz,
    espaces,
    nombre,
    ordre_des_choix,
)
from .statique import servir_statique


class QuizInvalide(SphinxError):
    category = "Quiz invalide"


class quiz_node(nodes.General, nodes.Element):
    pass


class question_node(nodes.General, nodes.Element):
    pass


class choix_node(nodes.General, nodes.Element):
    pass


class enonce_node(nodes.General, nodes.TextElement):
    """Le texte (en ligne) d'une question ou d'un choix.

    TextElement : Sphinx y applique les apostrophes et guillemets typographiques.
    """


class retour_node(nodes.General, nodes.Element):
    """Le commentaire d'un choix."""


def _erreur(directive: SphinxDirective, message: str) -> QuizInvalide:
    source, ligne = directive.get_source_info()
    return QuizInvalide(f"{source}:{ligne} : {message}")


class QuizDirective(SphinxDirective):
    """Un quiz : une suite de questions, avec la progression et « effacer ma progression »."""

    has_content = True
    option_spec = {"class": directives.class_option}

    def run(self):
        noeud = quiz_node()
        noeud["classes"] += self.options.get("class", [])
        self.state.nested_parse(self.content, self.content_offset, noeud)
        questions = [n for n in noeud.children if isinstance(n, question_node)]
        if not questions:
            raise _erreur(self, "un {quiz} doit contenir au moins une {question}")
        autres = [n for n in noeud.children if not isinstance(n, question_node)]
        for n in autres:  # un texte d'introduction, éventuel, reste avant les questions
            noeud.remove(n)
        env = self.env
        compteur = env.temp_data.get("phare_quiz", 0) + 1
        env.temp_data["phare_quiz"] = compteur
        noeud["ident"] = f"quiz-{compteur}"
        noeud["page"] = env.docname
        # The displayed order of the choices, decided here once (seeded: reproducible builds).
        # HTML, exports and printed sheets all show this order; without JavaScript too.
        entrees = [(q["type"], q["brut"], [c["correct"] for c in q.children if isinstance(c, choix_node)])
                   for q in questions]
        for question, ordre in zip(questions, ordre_des_choix(cle_du_quiz(env.docname, compteur), entrees),
                                   strict=True):
            choix = [c for c in question.children if isinstance(c, choix_node)]
            for c in choix:
                question.remove(c)
            question.extend([choix[i] for i in ordre])
        for i, question in enumerate(questions, 1):
            question["numero"] = i
            question["total"] = len(questions)
            question["ident"] = f"{noeud['ident']}-q{i}"
        return [*autres, noeud]


def _type_de_question(valeur: str) -> str:
    return directives.choice(valeur, TYPES)


_GLUE = re.compile(r"^\{glue(?::[a-z]+)?\}`([^`]+)`$")


def _valeur(directive: SphinxDirective, option: str) -> float:
    """Un nombre écrit (« 4,5 ») ou collé par la page (``{glue}`nom` ``), lu à la française."""
    brut = directive.options[option].strip()
    trouve = _GLUE.match(brut)
    if trouve:
        from myst_nb.ext.glue.utils import RetrievalError, retrieve_glue_data

        try:
            donnees = retrieve_glue_data(directive.state.document, trouve.group(1)).data
        except RetrievalError as e:
            raise _erreur(directive, f":{option}: nomme un nombre collé inconnu ({e})") from e
        brut = donnees.get("text/markdown") or donnees.get("text/plain", "")
        brut = brut.strip("'\"")
    try:
        return nombre(brut)
    except ValueError as e:
        raise _erreur(directive, f":{option}: doit être un nombre ({e})") from e


class QuestionDirective(SphinxDirective):
    """Une question : l'énoncé en argument, les {choix} (ou, pour un nombre, les {retour}) dans le contenu."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {
        "type": _type_de_question,
        "reponse": directives.unchanged_required,
        "tolerance": directives.unchanged_required,
        "unite": directives.unchanged,
    }

    def run(self):
        type_ = self.options.get("type", UNIQUE)
        noeud = question_node(type=type_, brut=self.arguments[0].strip())
        enonce = enonce_node()
        textes, messages = self.state.inline_text(self.arguments[0], self.lineno)
        enonce += textes
        noeud += enonce
        self.state.nested_parse(self.content, self.content_offset, noeud)
        choix = [n for n in noeud.children if isinstance(n, choix_node)]
        if any(not isinstance(n, (enonce_node, choix_node)) for n in noeud.children):
            raise _erreur(self, "une {question} ne contient que des {choix} (ou des {retour})")
        retours = [c for c in choix if c.get("cas")]
        if type_ == NOMBRE:
            if "reponse" not in self.options or "tolerance" not in self.options:
                raise _erreur(self, "une {question} de type nombre a besoin de :reponse: et de :tolerance:")
            cas = sorted(c["cas"] for c in choix)
            if cas != ["faux", "juste"] or len(retours) != len(choix):
                raise _erreur(self, "une {question} de type nombre a deux {retour} : « juste » et « faux »")
            noeud["reponse"] = _valeur(self, "reponse")
            noeud["tolerance"] = _valeur(self, "tolerance")
            noeud["unite"] = self.options.get("unite", "").strip()
            return [noeud, *messages]
        if retours:
            raise _erreur(self, "{retour} ne sert qu'aux questions de type nombre ; ici, écrivez des {choix}")
        if len(choix) < 2:
            raise _erreur(self, "une {question} doit proposer au moins deux {choix}")
        justes = [c for c in choix if c["correct"]]
        if type_ == UNIQUE and len(justes) != 1:
            raise _erreur(
                self, f"une {{question}} doit avoir exactement un choix :correct: ({len(justes)} ici)"
            )
        if type_ == PLUSIEURS and (len(justes) < 2 or len(justes) == len(choix)):
            raise _erreur(
                self, "une {question} à plusieurs réponses a au moins deux choix :correct: et un choix faux"
            )
        return [noeud, *messages]


class ChoixDirective(SphinxDirective):
    """Un choix : son texte en argument, son commentaire (obligatoire) dans le contenu."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {"correct": directives.flag}

    def run(self):
        if not self.content:
            raise _erreur(self, "chaque {choix} doit avoir son commentaire (le retour affiché)")
        noeud = choix_node(correct="correct" in self.options)
        enonce = enonce_node()
        textes, messages = self.state.inline_text(self.arguments[0], self.lineno)
        enonce += textes
        noeud += enonce
        retour = retour_node()
        self.state.nested_parse(self.content, self.content_offset, retour)
        noeud += retour
        return [noeud, *messages]


class RetourDirective(SphinxDirective):
    """Le commentaire d'un cas d'une question de type nombre : ``{retour} juste`` ou ``{retour} faux``."""

    has_content = True
    required_arguments = 1

    def run(self):
        cas = self.arguments[0].strip()
        if cas not in ("juste", "faux"):
            raise _erreur(self, f"{{retour}} prend « juste » ou « faux », pas « {cas} »")
        if not self.content:
            raise _erreur(self, "chaque {retour} doit avoir son commentaire")
        noeud = choix_node(correct=cas == "juste", cas=cas)
        noeud += enonce_node()
        retour = retour_node()
        self.state.nested_parse(self.content, self.content_offset, retour)
        noeud += retour
        return [noeud]


# --- HTML ------------------------------------------------------------------------------


def _page_id(page: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", page.lower()).strip("-")


def visit_quiz_html(self, node):
    ident = f"{_page_id(node['page'])}-{node['ident']}"
    node["html_id"] = ident
    # The script's own words come from the one table of labels, through this attribute.
    mots = escape(json.dumps(libelles()["quiz"], ensure_ascii=False))
    self.body.append(
        f'<section class="phare-quiz" id="{ident}" data-phare-quiz="{escape(node["page"])}#{node["ident"]}" '
        f'aria-label="{escape(libelle("quiz.region"))}" data-libelles="{mots}">\n'
        f'<p class="phare-quiz-consigne">{escape(libelle("quiz.consigne"))}</p>\n'
    )


def depart_quiz_html(self, node):
    self.body.append(
        '<div class="phare-progression" hidden>\n'
        '<p class="phare-progression-texte" aria-live="polite"></p>\n'
        f'<button type="button" class="phare-effacer">{escape(libelle("quiz.effacer"))}</button>\n'
        "</div>\n</section>\n"
    )


def en_francais(valeur: float) -> str:
    """4.5 -> « 4,5 », 1807.0 -> « 1 807 » : un nombre affiché comme la page l'écrit."""
    court = f"{valeur:.6g}" if abs(valeur) < 1e6 else f"{valeur:.0f}"
    decimales = len(court.split(".")[1]) if "." in court else 0
    from ..texte import nombre as _nombre

    return _nombre(valeur, decimales)


def attendu(question) -> str:
    """« 1 807 mm, à 5 mm près » : la réponse attendue d'une question nombre, en mots."""
    unite = f"\u00a0{question['unite']}" if question["unite"] else ""
    valeur = en_francais(question["reponse"]) + unite
    if not question["tolerance"]:
        return libelle("quiz.attendu_exact", valeur=valeur)
    return libelle("quiz.attendu", valeur=valeur, tolerance=en_francais(question["tolerance"]) + unite)


def indication_de(question) -> str:
    """What the legend says after the statement: several answers, or the tolerance of a number."""
    if question["type"] == PLUSIEURS:
        return libelle("quiz.indication_plusieurs")
    if question["type"] == NOMBRE:  # the tolerance is said before answering
        unite = f"\u00a0{question['unite']}" if question["unite"] else ""
        return libelle("quiz.indication_nombre", tolerance=en_francais(question["tolerance"]) + unite)
    return ""


def visit_question_html(self, node):
    quiz = node.parent
    ident = f"{_page_id(quiz['page'])}-{node['ident']}"
    node["html_id"] = ident
    type_ = node["type"]
    donnees = f' data-type="{type_}"'
    if type_ == NOMBRE:
        donnees += (f' data-reponse="{node["reponse"]!r}" data-tolerance="{node["tolerance"]!r}"'
                    f' data-unite="{escape(node["unite"])}"')
    self.body.append(
        f'<fieldset class="phare-question phare-question--{type_}" id="{ident}" '
        f'data-numero="{node["numero"]}"{donnees}>\n'
    )


def depart_question_html(self, node):
    self.body.append(
        "</ul>\n"
        f'<button type="button" class="phare-valider" hidden>{escape(libelle("quiz.valider"))}</button>\n'
        '<div class="phare-annonce" aria-live="polite"></div>\n'
        "</fieldset>\n"
    )


def visit_enonce_html(self, node):
    parent = node.parent
    if isinstance(parent, question_node):
        self.body.append(
            f'<legend><span class="phare-numero">'
            f'{escape(libelle("quiz.numero", numero=parent["numero"], total=parent["total"]))}</span> '
        )
        return
    question = parent.parent
    rang = question.index(parent)  # 1 pour le premier choix (l'énoncé est l'enfant 0)
    ident = f"{question['html_id']}-c{rang}"
    parent["html_id"] = ident
    if question["type"] == NOMBRE:  # no input per case: the one text field is above the list
        self.body.append(f'<li class="phare-choix phare-choix--cas" data-cas="{parent["cas"]}">')
        raise nodes.SkipNode
    genre = "checkbox" if question["type"] == PLUSIEURS else "radio"
    self.body.append(
        f'<li class="phare-choix"><input type="{genre}" id="{ident}" name="{question["html_id"]}" '
        f'value="{rang}"> <label for="{ident}">'
    )


def depart_enonce_html(self, node):
    question = node.parent
    if not isinstance(question, question_node):
        self.body.append("</label>\n")
        return
    indication = indication_de(question)
    if indication:
        self.body.append(f' <span class="phare-indication">{escape(indication)}</span>')
    self.body.append("</legend>\n")
    if question["type"] == NOMBRE:
        ident = f"{question['html_id']}-saisie"
        etiquette = (libelle("quiz.saisie_unite", unite=question["unite"]) if question["unite"]
                     else libelle("quiz.saisie"))
        self.body.append(
            f'<p class="phare-saisie"><label for="{ident}">{escape(etiquette)}</label> '
            f'<input type="text" inputmode="decimal" autocomplete="off" size="10" id="{ident}" '
            f'name="{question["html_id"]}"></p>\n'
        )
    self.body.append('<ul class="phare-choix-liste">\n')


def visit_choix_html(self, node):
    pass


def depart_choix_html(self, node):
    self.body.append("</li>\n")


def visit_retour_html(self, node):
    """Le commentaire d'un choix, replié dans un <details> : lisible sans JavaScript."""
    choix = node.parent
    juste = choix["correct"]
    question = choix.parent
    if question["type"] == NOMBRE:
        resume = libelle("quiz.commentaire_nombre_juste" if juste else "quiz.commentaire_nombre_faux")
        verdict = attendu(question) if juste else libelle("quiz.verdict_nombre_faux")
    else:
        resume = libelle("quiz.commentaire")
        verdict = libelle("quiz.verdict_juste" if juste else "quiz.verdict_faux")
    self.body.append(
        f'<details class="phare-retour" data-juste="{"oui" if juste else "non"}">'
        f"<summary>{escape(resume)}</summary>\n"
        f'<p class="phare-verdict">{escape(verdict)}</p>\n<div class="phare-retour-texte">\n'
    )


def depart_retour_html(self, node):
    self.body.append("</div>\n</details>\n")


# --- Exports for a class (Moodle XML, GIFT), from the resolved doctree: the page's very words ---


def _texte_et_sources(noeud, registre: dict, cites: dict) -> str:
    """The text of a node as read on the page; the sources it cites are noted in `cites`."""
    for ref in noeud.findall(nodes.reference):
        if ref.get("refid", "").startswith("source-"):
            cites[ref.astext()] = ref["refid"].removeprefix("source-")
    return espaces(noeud.astext())


def _avec_sources(texte: str, cites: dict, registre: dict) -> str:
    if not cites:
        return texte
    liste = "\u00a0; ".join(
        f"[{n}] {registre[i]['titre']}, {registre[i]['url']}" if i in registre else f"[{n}]"
        for n, i in sorted(cites.items(), key=lambda x: int(x[0]) if x[0].isdigit() else 0)
    )
    return f"{texte} {libelle('quiz.export_sources', liste=liste)}"


def questions_du_doctree(doctree, registre: dict) -> list[Question]:
    """The questions of a resolved page, in the displayed order, with the page's texts."""
    questions = []
    for question in doctree.findall(question_node):
        cites: dict[str, str] = {}
        q = Question(_texte_et_sources(question[0], registre, cites), question["type"])
        q.indication = indication_de(question)
        if q.indication:  # the sources go last, after what the page says
            q.indication = _avec_sources(q.indication, cites, registre)
        else:
            q.enonce = _avec_sources(q.enonce, cites, registre)
        if q.type == NOMBRE:
            q.reponse, q.tolerance, q.unite = question["reponse"], question["tolerance"], question["unite"]
        for choix in question.children:
            if not isinstance(choix, choix_node):
                continue
            retour = next(n for n in choix.children if isinstance(n, retour_node))
            cites_choix: dict[str, str] = {}
            texte = choix.get("cas") or _texte_et_sources(choix[0], registre, cites_choix)
            commentaire = _texte_et_sources(retour, registre, cites_choix)
            q.choix.append(Choix(texte, choix["correct"], _avec_sources(commentaire, cites_choix, registre)))
        questions.append(q)
    return questions


def _ecrire_exports(app, doctree, docname) -> None:
    if app.builder.format != "html" or next(iter(doctree.findall(question_node)), None) is None:
        return
    from ..construction.kits import QUIZ, fichier_quiz
    from .quiz_exports import gift, moodle_xml

    titre = app.env.titles[docname].astext() if docname in app.env.titles else docname
    questions = questions_du_doctree(doctree, getattr(app, "_phare_sources", {}))
    for format_, ecrire in (("moodle", moodle_xml), ("gift", gift)):
        assert format_ in QUIZ
        chemin = Path(app.outdir) / fichier_quiz(docname, format_)
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_text(ecrire(titre, questions), encoding="utf-8")


def _passe(self, node):
    pass


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if doctree is None:
        return
    if next(iter(doctree.findall(quiz_node)), None) is not None:
        app.add_css_file("phare-quiz.css")
        app.add_js_file("phare-quiz.js", defer="defer")


def setup(app):
    visiteurs = {
        quiz_node: (visit_quiz_html, depart_quiz_html),
        question_node: (visit_question_html, depart_question_html),
        choix_node: (visit_choix_html, depart_choix_html),
        enonce_node: (visit_enonce_html, depart_enonce_html),
        retour_node: (visit_retour_html, depart_retour_html),
    }
    for noeud, html in visiteurs.items():  # quizzes exist only in HTML: other builders skip them
        app.add_node(noeud, html=html, latex=(_passe, _passe), text=(_passe, _passe))
    app.add_directive("quiz", QuizDirective)
    app.add_directive("question", QuestionDirective)
    app.add_directive("choix", ChoixDirective)
    app.add_directive("retour", RetourDirective)
    app.connect("html-page-context", _page_context)
    app.connect("doctree-resolved", _ecrire_exports)
    servir_statique(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
