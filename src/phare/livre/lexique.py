"""The glossary where it is needed: each `{term}` of a page shows its definition where it is used.

After the references are resolved, every link to a glossary term (std domain, `{term}` role) gets:
- a call number, shown only in print (`<sup class="phare-terme-appel">`);
- its definition, taken from the glossary's own doctree (book/lexique.md: one source), in a
  note list after the paragraph of its first use on the page (`hidden` on screen, printed there).
phare-lexique.js then adds, after each term, a button (aria-expanded) that opens the definition
in a small panel; Escape closes it. Without JavaScript the term stays a plain link to the glossary.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..interface import libelle
from .statique import servir_statique


def _definitions(env, docname: str) -> dict[str, tuple[str, str]]:
    """The glossary terms of `docname`: their anchor -> (term, definition as plain text)."""
    cache = env.__dict__.setdefault("_phare_lexique", {})
    if docname not in cache:
        trouvees: dict[str, tuple[str, str]] = {}
        for glossaire in env.get_doctree(docname).findall(addnodes.glossary):
            for item in glossaire.findall(nodes.definition_list_item):
                definition = next(iter(item.findall(nodes.definition)), None)
                if definition is None:
                    continue
                texte = " ".join(p.astext().replace("\n", " ") for p in definition.findall(nodes.paragraph))
                for terme in item.findall(nodes.term):
                    for ident in terme["ids"]:
                        trouvees[ident] = (terme.astext(), texte)
        cache[docname] = trouvees
    return cache[docname]


def _document_du_terme(env, ancre: str) -> str | None:
    """The page that defines the glossary term of anchor `ancre` (None: not a glossary term)."""
    termes = env.__dict__.get("_phare_termes")
    if termes is None:
        objets = env.get_domain("std").objects.items()
        termes = {ident: docname for (type_, _nom), (docname, ident) in objets if type_ == "term"}
        env.__dict__["_phare_termes"] = termes
    return termes.get(ancre)


class DefinitionsDuLexique(SphinxPostTransform):
    """Give each glossary term of a page its definition (HTML builders only)."""

    default_priority = 20  # after ReferencesResolver (10): `{term}` is a link by then
    formats = ("html",)

    def run(self, **kwargs) -> None:
        env = self.env
        numeros: dict[str, int] = {}
        notes_par_paragraphe: dict[int, tuple[nodes.paragraph, list[str]]] = {}
        for inline in list(self.document.findall(nodes.inline)):
            if "std-term" not in inline.get("classes", []):
                continue
            reference = inline.parent
            if not isinstance(reference, nodes.reference):
                continue
            ancre = reference.get("refuri", "").partition("#")[2]
            docname = _document_du_terme(env, ancre)
            if docname is None or docname == env.docname:
                continue  # not a glossary term, or the glossary itself
            trouve = _definitions(env, docname).get(ancre)
            paragraphe = reference.parent
            while paragraphe is not None and not isinstance(paragraphe, nodes.paragraph):
                if isinstance(paragraphe, (nodes.title, nodes.Structural)):
                    paragraphe = None
                    break
                paragraphe = paragraphe.parent
            if trouve is None or paragraphe is None:
                continue
            terme, definition = trouve
            ident = f"phare-def-{ancre}"
            if ancre not in numeros:
                numeros[ancre] = len(numeros) + 1
                entree = (
                    f'<li id="{html.escape(ident)}" value="{numeros[ancre]}">'
                    f"<strong>{html.escape(terme)}</strong>\u00a0: {html.escape(definition)}</li>"
                )
                notes_par_paragraphe.setdefault(id(paragraphe), (paragraphe, []))[1].append(entree)
            reference["classes"].append("phare-terme")
            appel = (
                f'<sup class="phare-terme-appel" data-phare-definition="{html.escape(ident)}"'
                f' data-phare-bouton="{html.escape(libelle("lexique.bouton", terme=terme))}"'
                f">{numeros[ancre]}</sup>"
            )
            reference.parent.insert(
                reference.parent.index(reference) + 1, nodes.raw("", appel, format="html")
            )
        for paragraphe, entrees in notes_par_paragraphe.values():
            bloc = (
                f'<div class="phare-terme-notes" hidden><p class="phare-terme-notes-titre">'
                f"{html.escape(libelle('lexique.notes'))}</p><ol>{''.join(entrees)}</ol></div>"
            )
            parent = paragraphe.parent
            parent.insert(parent.index(paragraphe) + 1, nodes.raw("", bloc, format="html"))
        if numeros:
            self.document["phare_lexique"] = True


def _oublier(app, env) -> None:
    """Forget the glossary read by a previous build: the write phase reads it again."""
    env.__dict__.pop("_phare_lexique", None)
    env.__dict__.pop("_phare_termes", None)


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if doctree is not None and doctree.get("phare_lexique"):
        app.add_css_file("phare-lexique.css")
        app.add_js_file("phare-lexique.js", defer="defer")


def setup(app):
    app.add_post_transform(DefinitionsDuLexique)
    app.connect("env-updated", _oublier)
    app.connect("html-page-context", _page_context)
    servir_statique(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
