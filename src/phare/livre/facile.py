"""The easy-read version of a module (« facile à lire »), inspired by the European easy-to-read
(FALC) rules: one idea per sentence, everyday words, a pictogram for each key idea, larger type.

An easy-read page is a plain Markdown page placed under its module in `_toc.yml`. Its title names
its module, whose own title is read from the module's page (written once):

    # {facile}`une-donnee-cest-quoi`

That role is the one mechanism of the links between the two pages: the module page gets a link
« version facile à lire » under its identity sheet, and the easy page a link back to the full
module at its top (labels: `[facile]` of the table of labels).

- ``{idee} nom`` (option `:alt:`, required): one key idea; the pictogram `pictos/<nom>.svg` of this
  package, drawn by the project, is written into the page (inline SVG, `role="img"`, the alt text
  as its name), its colours being the site's CSS variables (palette.toml); then the sentences.
- ``{essentiel}``: the summary box at the end of the page.
- ``{fait}`une-donnee-cest-quoi::m1_debut` ``: a number computed by the module's page (its glue,
  `phare.texte.coller`), pasted as text: one computation for both pages, never a copied number.
  A name the module does not glue stops the build (a warning, fatal in the strict build).

Each sentence of the easy page starts a new line (its source lines, one sentence a line).
`phare-facile.css` (the links; on the easy page, whose section is marked `phare-facile`: larger
type, left-aligned, not justified) is added to both pages, the print sheet to the easy page.
`make bench` (`phare.construction.bench`, `lisibilite_facile`) measures their readability
against their goals (Kandel–Moles 85 or more, 12 words a sentence or fewer).
"""

from __future__ import annotations

import html
import json
import posixpath
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import SphinxError
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..interface import libelle
from .parties import titre_du_module
from .statique import servir_statique
from .stockage import stocker_par_page

PICTOS = Path(__file__).parent / "pictos"
logger = logging.getLogger(__name__)


class FacileInvalide(SphinxError):
    category = "Version facile à lire"


def _module(docname: str, texte: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), texte.strip()))


class FacileRole(SphinxRole):
    """`# {facile}`module``: the label `facile.titre` with the module's title; notes the pair."""

    def run(self):
        module = _module(self.env.docname, self.text)
        titre = titre_du_module(Path(self.env.doc2path(module)))
        if titre is None:
            source, ligne = self.get_source_info()
            raise FacileInvalide(f"{source}:{ligne} : module introuvable « {self.text} » (sa page, sans .md)")
        self.env.phare_facile[self.env.docname] = module
        return [nodes.Text(libelle("facile.titre", module=titre))], []


def picto(nom: str, alt: str) -> str:
    """The inline SVG of pictogram `nom`, named by `alt` for screen readers."""
    chemin = PICTOS / f"{nom}.svg"
    if not chemin.is_file():
        connus = ", ".join(sorted(p.stem for p in PICTOS.glob("*.svg")))
        raise FacileInvalide(f"pictogramme inconnu « {nom} » ; pictogrammes connus : {connus}")
    svg = chemin.read_text(encoding="utf-8").strip()
    ouverture = (f'<svg class="phare-picto" role="img" aria-label="{html.escape(alt)}" '
                 'focusable="false" ')
    return svg.replace("<svg ", ouverture, 1)


class IdeeDirective(SphinxDirective):
    """One key idea: its pictogram (with alt text) and its sentences."""

    required_arguments = 1
    has_content = True
    option_spec = {"alt": directives.unchanged_required}

    def run(self):
        alt = self.options.get("alt", "").strip()
        if not alt:
            raise self.error(f"{{idee}} {self.arguments[0]} : l'option :alt: (texte alternatif) manque")
        try:
            dessin = picto(self.arguments[0], alt)
        except FacileInvalide as erreur:
            raise self.error(str(erreur)) from None
        texte = nodes.container(classes=["phare-idee-texte"])
        self.state.nested_parse(self.content, self.content_offset, texte)
        image = nodes.raw("", f'<div class="phare-idee-picto">{dessin}</div>', format="html")
        return [nodes.container("", image, texte, classes=["phare-idee"])]


class EssentielDirective(SphinxDirective):
    """The summary box at the end of an easy-read page."""

    has_content = True

    def run(self):
        titre = nodes.paragraph("", "", nodes.strong("", libelle("facile.essentiel")),
                                classes=["phare-essentiel-titre"])
        boite = nodes.container("", titre, classes=["phare-essentiel"])
        self.state.nested_parse(self.content, self.content_offset, boite)
        return [boite]


class fait_node(nodes.Inline, nodes.TextElement):
    """A number glued by another page, pasted after every page has run (`CollerLesFaits`)."""


class FaitRole(SphinxRole):
    def run(self):
        page, separateur, cle = self.text.partition("::")
        if not separateur or not cle.strip():
            source, ligne = self.get_source_info()
            raise FacileInvalide(f"{source}:{ligne} : écrivez {{fait}}`module::nom` (reçu « {self.text} »)")
        module = _module(self.env.docname, page)
        self.env.note_dependency(self.env.doc2path(module))  # re-read when the module's numbers change
        noeud = fait_node("", "", refdoc=module, cle=cle.strip())
        noeud.source, noeud.line = self.get_source_info()
        return [noeud], []


def valeur_collee(dossier: Path, docname: str, cle: str) -> str | None:
    """The text glued under `cle` by page `docname` (its `.glue.json`, written by myst-nb)."""
    chemin = dossier.joinpath(*docname.split("/")[:-1], docname.split("/")[-1] + ".glue.json")
    if not chemin.is_file():
        return None
    donnees = json.loads(chemin.read_text(encoding="utf-8")).get(cle, {}).get("data", {})
    return donnees.get("text/markdown")


class CollerLesFaits(SphinxPostTransform):
    default_priority = 5

    def run(self, **kwargs) -> None:
        dossier = Path(self.env.mystnb_config.output_folder)
        for noeud in list(self.document.findall(fait_node)):
            texte = valeur_collee(dossier, noeud["refdoc"], noeud["cle"])
            if texte is None:
                logger.warning(f"{{fait}} : la page « {noeud['refdoc']} » ne colle pas « {noeud['cle']} »",
                               location=noeud, type="phare", subtype="facile")
                texte = "?"
            noeud.replace_self(nodes.Text(texte))


def _lien(app, depuis: str, vers: str, cle: str) -> nodes.container:
    uri = app.builder.get_relative_uri(depuis, vers)
    lien = nodes.reference("", libelle(cle), refuri=uri)
    return nodes.container("", nodes.paragraph("", "", lien), classes=["phare-facile-lien"])


def _une_phrase_par_ligne(section: nodes.section) -> None:
    """Each sentence on its own line (FALC): the source's line breaks inside a paragraph, which
    HTML would join into one block, become `<br>`."""
    for paragraphe in list(section.findall(nodes.paragraph)):
        for texte in list(paragraphe.findall(nodes.Text)):
            if "\n" not in texte:
                continue
            morceaux = str(texte).split("\n")
            nouveaux: list[nodes.Node] = [nodes.Text(morceaux[0])]
            for morceau in morceaux[1:]:
                nouveaux += [nodes.raw("", "<br />", format="html"), nodes.Text(morceau)]
            parent = texte.parent
            position = parent.index(texte)
            parent.remove(texte)
            for decalage, noeud in enumerate(nouveaux):
                parent.insert(position + decalage, noeud)


def _doctree_resolved(app, doctree, docname) -> None:
    if app.builder.format != "html":
        return
    paires = getattr(app.env, "phare_facile", {})
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    if docname in paires:
        section["classes"].append("phare-facile")  # larger type, left-aligned (phare-facile.css)
        _une_phrase_par_ligne(section)
        section.insert(1, _lien(app, docname, paires[docname], "facile.vers_module"))
        return
    for facile, module in sorted(paires.items()):
        if module == docname:
            identite = [n for n in section.children if "phare-fiche-identite" in n.get("classes", [])]
            position = section.index(identite[0]) + 1 if identite else 1
            section.insert(position, _lien(app, docname, facile, "facile.vers_facile"))


def _verifier(app, env) -> None:
    messages = []
    vus: dict[str, str] = {}
    for facile, module in sorted(getattr(env, "phare_facile", {}).items()):
        if module not in getattr(env, "phare_modules", {}):
            messages.append(f"{env.doc2path(facile, False)} : « {module} » n'est pas un module")
        if module in vus:
            messages.append(
                f"{env.doc2path(facile, False)} : « {module} » a déjà sa version facile ({vus[module]})"
            )
        vus[module] = facile
    if messages:
        raise FacileInvalide("\n  " + "\n  ".join(messages))


def _page_context(app, pagename, templatename, context, doctree) -> None:
    paires = getattr(app.env, "phare_facile", {})
    if pagename in paires or pagename in paires.values():
        app.add_css_file("phare-facile.css")
    if pagename in paires:
        app.add_css_file("phare-impression.css", media="print")


def _html_visite(self, node):
    self.body.append(self.encode(node.astext()))
    raise nodes.SkipNode


def setup(app):
    app.setup_extension("phare.livre.module")  # the module pages (env.phare_modules)
    stocker_par_page(app, "phare_facile")
    visiteurs = (_html_visite, None)
    app.add_node(fait_node, html=visiteurs, latex=visiteurs, text=visiteurs)
    app.add_role("facile", FacileRole())
    app.add_role("fait", FaitRole())
    app.add_directive("idee", IdeeDirective)
    app.add_directive("essentiel", EssentielDirective)
    app.add_post_transform(CollerLesFaits)
    app.connect("doctree-resolved", _doctree_resolved)
    app.connect("env-check-consistency", _verifier)
    app.connect("html-page-context", _page_context)
    servir_statique(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
