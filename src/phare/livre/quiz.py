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

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from ..interface import libelle, libelles
from .quiz_donnees import cle_du_quiz, ordre_des_choix
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


class QuestionDirective(SphinxDirective):
    """Une question à choix unique : l'énoncé en argument, les {choix} dans le contenu."""

    has_content = True
    required_arguments = 1
    final_argument_whitespace = True

    def run(self):
        noeud = question_node(type="unique", brut=self.arguments[0].strip())
        enonce = enonce_node()
        textes, messages = self.state.inline_text(self.arguments[0], self.lineno)
        enonce += textes
        noeud += enonce
        self.state.nested_parse(self.content, self.content_offset, noeud)
        choix = [n for n in noeud.children if isinstance(n, choix_node)]
        if len(choix) < 2:
            raise _erreur(self, "une {question} doit proposer au moins deux {choix}")
        justes = [c for c in choix if c["correct"]]
        if len(justes) != 1:
            raise _erreur(
                self, f"une {{question}} doit avoir exactement un choix :correct: ({len(justes)} ici)"
            )
        if any(not isinstance(n, (enonce_node, choix_node)) for n in noeud.children):
            raise _erreur(self, "une {question} ne contient que des {choix}")
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


def visit_question_html(self, node):
    quiz = node.parent
    ident = f"{_page_id(quiz['page'])}-{node['ident']}"
    node["html_id"] = ident
    self.body.append(f'<fieldset class="phare-question" id="{ident}" data-numero="{node["numero"]}">\n')


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
    else:
        question = parent.parent
        rang = question.index(parent)  # 1 pour le premier choix (l'énoncé est l'enfant 0)
        ident = f"{question['html_id']}-c{rang}"
        parent["html_id"] = ident
        self.body.append(
            f'<li class="phare-choix"><input type="radio" id="{ident}" name="{question["html_id"]}" '
            f'value="{rang}"> <label for="{ident}">'
        )


def depart_enonce_html(self, node):
    if isinstance(node.parent, question_node):
        self.body.append('</legend>\n<ul class="phare-choix-liste">\n')
    else:
        self.body.append("</label>\n")


def visit_choix_html(self, node):
    pass


def depart_choix_html(self, node):
    self.body.append("</li>\n")


def visit_retour_html(self, node):
    """Le commentaire d'un choix, replié dans un <details> : lisible sans JavaScript."""
    juste = node.parent["correct"]
    verdict = escape(libelle("quiz.verdict_juste" if juste else "quiz.verdict_faux"))
    self.body.append(
        f'<details class="phare-retour" data-juste="{"oui" if juste else "non"}">'
        f"<summary>{escape(libelle('quiz.commentaire'))}</summary>\n"
        f'<p class="phare-verdict">{verdict}</p>\n<div class="phare-retour-texte">\n'
    )


def depart_retour_html(self, node):
    self.body.append("</div>\n</details>\n")


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
    app.connect("html-page-context", _page_context)
    servir_statique(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
