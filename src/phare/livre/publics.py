"""Pages pour les publics, générées à partir des fiches d'identité des modules (jamais écrites deux fois).

Directives (extension Sphinx) :
- `{tableau-modules}` avec `:public: enseignants` : niveau, durées, compétences CRCN/Pix, thème de
  SNT, ce qu'il faut en classe, et le paquet à télécharger ;
- `{tableau-modules}` avec `:public: mediateurs` : les ateliers avec durée, taille du groupe,
  matériel, fiche d'animation et fiches à imprimer ;
- `{cycle-ateliers}` : un cycle suggéré de trois séances construit à partir des modules.

Les fiches viennent de `phare.livre.module` (`env.phare_modules`), qui les valide : un champ
manquant arrête la construction avec un message en français. The directives leave a placeholder
that is filled once every page has been read (a post-transform), so they see every module.
"""

from __future__ import annotations

import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .kits import DOCUMENTS, fichier_paquet, fichier_pdf, modules

NOMS_PARCOURS = {"comprendre": "Comprendre", "manipuler": "Manipuler"}


class tableau_modules(nodes.General, nodes.Element):
    """Placeholder, replaced by a table when every module is known."""


class cycle_ateliers(nodes.General, nodes.Element):
    """Placeholder, replaced by the suggested cycle of three sessions."""


class TableauModules(SphinxDirective):
    option_spec = {"public": lambda v: directives.choice(v, ("enseignants", "mediateurs"))}

    def run(self):
        noeud = tableau_modules(public=self.options.get("public", "enseignants"))
        self.env.phare_pages_publics = getattr(self.env, "phare_pages_publics", set()) | {self.env.docname}
        return [noeud]


class CycleAteliers(SphinxDirective):
    def run(self):
        self.env.phare_pages_publics = getattr(self.env, "phare_pages_publics", set()) | {self.env.docname}
        return [cycle_ateliers()]


def minutes(duree: str) -> int:
    """« 1 h 30 » -> 90, « 45 min » -> 45, « 2 h » -> 120 (format validé par phare.livre.module)."""
    if m := re.fullmatch(r"(\d+) min", duree):
        return int(m[1])
    h, _, reste = duree.partition(" h")
    return int(h) * 60 + (int(reste) if reste.strip() else 0)


def en_heures(total: int) -> str:
    h, m = divmod(total, 60)
    if not h:
        return f"{m}\u00a0min"
    return f"{h}\u00a0h" + (f"\u00a0{m:02d}" if m else "")


# --- Building the nodes --------------------------------------------------------------------


def _lien_page(docname: str, cible: str, texte: str) -> addnodes.pending_xref:
    return addnodes.pending_xref(
        "",
        nodes.inline("", texte),
        refdomain="std",
        reftype="doc",
        reftarget="/" + cible,
        refexplicit=True,
        refdoc=docname,
    )


def _lien_fichier(docname: str, chemin: str, texte: str) -> nodes.reference:
    return nodes.reference("", texte, refuri="../" * docname.count("/") + chemin)


def _cellule(*contenu) -> nodes.entry:
    contenu = [nodes.Text(c) if isinstance(c, str) else c for c in contenu]
    return nodes.entry("", nodes.paragraph("", "", *contenu))


def _liste(*lignes) -> nodes.entry:
    """A cell holding one line per item (a list reads better than commas in a narrow column)."""
    elements = []
    for ligne in lignes:
        contenu = [
            nodes.Text(c) if isinstance(c, str) else c
            for c in (ligne if isinstance(ligne, tuple) else (ligne,))
        ]
        elements.append(nodes.list_item("", nodes.paragraph("", "", *contenu)))
    return nodes.entry("", nodes.bullet_list("", *elements))


def _tableau(ident: str, titre: str, entetes: list[str], lignes: list[list[nodes.entry]]) -> nodes.table:
    groupe = nodes.tgroup(cols=len(entetes))
    groupe += [nodes.colspec(colwidth=1) for _ in entetes]
    groupe += nodes.thead("", nodes.row("", *[_cellule(e) for e in entetes]))
    groupe += nodes.tbody("", *[nodes.row("", *ligne) for ligne in lignes])
    return nodes.table("", nodes.title("", titre), groupe, ids=[ident], classes=["phare-tableau-modules"])


def _crcn(fiche: dict) -> list[str]:
    return [f"{c['code']} {c['intitule']}".replace("\u2019", "'") for c in fiche["competences_crcn"]]


def _paragraphes(*lignes) -> nodes.entry:
    """A cell of short lines, each its own paragraph (a line may be text or a tuple of nodes)."""
    entree = nodes.entry()
    for ligne in lignes:
        contenu = ligne if isinstance(ligne, tuple) else (ligne,)
        entree += nodes.paragraph("", "", *[nodes.Text(c) if isinstance(c, str) else c for c in contenu])
    return entree


def tableau_enseignants(env, docname: str) -> nodes.Node:
    """Four columns, so that the table fits the page: the module, who and how long, the
    curricula (CRCN/Pix, SNT), and what a class needs."""
    lignes = []
    for page, fiche in modules(env).items():
        titre = env.titles[page].astext() if page in env.titles else page
        parcours = NOMS_PARCOURS.get(fiche["parcours"], fiche["parcours"])
        programmes = _liste(*(f"CRCN {c}" for c in _crcn(fiche)))
        if fiche.get("theme_snt"):
            programmes += nodes.paragraph("", f"SNT\u00a0: {fiche['theme_snt']}")
        lignes.append(
            [
                _paragraphes(
                    (nodes.strong("", "", _lien_page(docname, page, titre)),),
                    f"{parcours}, module {fiche['ordre']}",
                    f"niveau {fiche['niveau']}",
                ),
                _paragraphes(
                    ", ".join(fiche["publics"]).capitalize(),
                    f"{fiche['duree_autonomie']} seul·e",
                    f"{fiche['duree_atelier']} en classe",
                ),
                programmes,
                _liste(
                    *fiche["materiel"],
                    "prérequis\u00a0: " + ("\u00a0; ".join(fiche["prerequis"]) or "aucun"),
                    (_lien_fichier(docname, fichier_paquet(page), "le paquet du module (zip)"),),
                ),
            ]
        )
    if not lignes:
        return nodes.paragraph("", "Aucun module n'est encore publié.")
    return _tableau(
        "tableau-modules-enseignants",
        "Les modules de Phare pour la classe",
        ["Module", "Publics et durée", "Compétences CRCN / Pix, programme de SNT", "Ce qu'il faut en classe"],
        lignes,
    )


def tableau_mediateurs(env, docname: str) -> nodes.Node:
    lignes = []
    for page, fiche in modules(env).items():
        titre = env.titles[page].astext() if page in env.titles else page
        taille = fiche["taille_groupe"]
        pdf = {sorte: fichier_pdf(page, sorte) for sorte, _, _ in DOCUMENTS}
        lignes.append(
            [
                _paragraphes((nodes.strong("", "", _lien_page(docname, page, titre)),)),
                _paragraphes(fiche["duree_atelier"]),
                _paragraphes(f"{taille['min']} à {taille['max']} personnes"),
                _liste(*fiche["materiel"]),
                _liste(
                    (
                        nodes.Text("Fiche d'animation\u00a0: "),
                        _lien_page(docname, fiche["fiche_animation"], "en ligne"),
                        nodes.Text(", "),
                        _lien_fichier(docname, pdf["animation"], "PDF"),
                    ),
                    (_lien_fichier(docname, pdf["participant"], "Fiche participant (PDF)"),),
                    (_lien_fichier(docname, pdf["cartes"], "Cartes à découper (PDF)"),),
                ),
            ]
        )
    if not lignes:
        return nodes.paragraph("", "Aucun atelier n'est encore publié.")
    return _tableau(
        "tableau-ateliers",
        "Les ateliers de Phare",
        ["Atelier", "Durée", "Groupe", "Matériel", "Fiches"],
        lignes,
    )


def seances(fiches: dict[str, dict]) -> list[str]:
    """Three sessions, in a sensible order: discover (first « comprendre » module), practise
    (first « manipuler » module), then decide together (last « comprendre » module).
    With fewer parcours or modules, the next modules in order fill the gaps."""
    ordre = list(fiches)
    comprendre = [p for p in ordre if fiches[p]["parcours"] == "comprendre"]
    manipuler = [p for p in ordre if fiches[p]["parcours"] == "manipuler"]
    choix = []
    for candidat in (comprendre[:1], manipuler[:1], comprendre[-1:]):
        choix += [p for p in candidat if p not in choix]
    choix += [p for p in ordre if p not in choix]
    return choix[:3]


def cycle(env, docname: str) -> nodes.Node:
    fiches = modules(env)
    choix = seances(fiches)
    if not choix:
        return nodes.paragraph("", "Le cycle sera proposé dès que des modules seront publiés.")
    liste = nodes.enumerated_list(enumtype="arabic")
    total = 0
    for numero, page in enumerate(choix, 1):
        fiche = fiches[page]
        total += minutes(fiche["duree_atelier"])
        titre = env.titles[page].astext() if page in env.titles else page
        taille = fiche["taille_groupe"]
        paragraphe = nodes.paragraph(
            "",
            "",
            nodes.strong("", f"Séance {numero}\u00a0: "),
            _lien_page(docname, page, titre),
            nodes.Text(
                f" — {fiche['duree_atelier']}, {taille['min']} à {taille['max']} personnes\u00a0; "
                f"matériel\u00a0: {', '.join(fiche['materiel'])}. "
            ),
            _lien_page(docname, fiche["fiche_animation"], "Fiche d'animation"),
            nodes.Text("."),
        )
        liste += nodes.list_item("", paragraphe)
    resume = nodes.paragraph(
        "", f"{len(choix)} séance{'s' if len(choix) > 1 else ''}, {en_heures(total)} d'atelier en tout."
    )
    return nodes.container("", liste, resume, classes=["phare-cycle"])


class RemplirPagesPublics(SphinxPostTransform):
    """Replace the placeholders once every page has been read. Priority 5: before Sphinx resolves
    the {doc} links (priority 10), so the links to modules added here are resolved like any other."""

    default_priority = 5

    def run(self, **kwargs) -> None:
        docname = self.env.docname
        for noeud in list(self.document.findall(tableau_modules)):
            fabrique = tableau_enseignants if noeud["public"] == "enseignants" else tableau_mediateurs
            noeud.replace_self(fabrique(self.env, docname))
        for noeud in list(self.document.findall(cycle_ateliers)):
            noeud.replace_self(cycle(self.env, docname))


def _toujours_a_jour(app, env, ajoutes, modifies, supprimes) -> list[str]:
    """The audience pages depend on every module: rebuild them whenever a page changed."""
    if ajoutes or modifies or supprimes:
        return sorted(getattr(env, "phare_pages_publics", set()) & env.found_docs)
    return []


def _purge(app, env, docname) -> None:
    getattr(env, "phare_pages_publics", set()).discard(docname)


def setup(app):
    app.add_node(tableau_modules)
    app.add_node(cycle_ateliers)
    app.add_directive("tableau-modules", TableauModules)
    app.add_directive("cycle-ateliers", CycleAteliers)
    app.add_post_transform(RemplirPagesPublics)
    app.connect("env-get-outdated", _toujours_a_jour)
    app.connect("env-purge-doc", _purge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
