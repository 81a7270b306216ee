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

from ..construction.kits import (
    PAGES_MAX,
    QUIZ,
    SUFFIXES,
    adresse_formulaire,
    fichier_facile,
    fichier_formulaire,
    fichier_paquet,
    fichier_pdf,
    fichier_quiz,
    titre_document,
)
from ..interface import libelle, libelles
from ..texte import en_lettres
from .kits import facultatifs, modules, pages_des_formulaires
from .stockage import stocker_par_page


class tableau_modules(nodes.General, nodes.Element):
    """Placeholder, replaced by a table when every module is known."""


class cycle_ateliers(nodes.General, nodes.Element):
    """Placeholder, replaced by the suggested cycle of three sessions."""


class liste_parcours(nodes.General, nodes.Element):
    """Placeholder, replaced by the modules (or the facilitator sheets) of one parcours."""


class TableauModules(SphinxDirective):
    option_spec = {"public": lambda v: directives.choice(v, ("enseignants", "mediateurs"))}

    def run(self):
        noeud = tableau_modules(public=self.options.get("public", "enseignants"))
        self.env.phare_pages_publics[self.env.docname] = True
        return [noeud]


class CycleAteliers(SphinxDirective):
    def run(self):
        self.env.phare_pages_publics[self.env.docname] = True
        return [cycle_ateliers()]


class ListeParcours(SphinxDirective):
    """`{modules-du-parcours} comprendre` or `{fiches-du-parcours} comprendre`: the list, its count
    and each module's durations, from the modules' front matter (nothing typed by hand)."""

    required_arguments = 1

    def run(self):
        parcours = self.arguments[0]
        connus = libelles()["parcours"]
        if parcours not in connus:
            source, ligne = self.get_source_info()
            raise ValueError(f"{source}:{ligne} : parcours inconnu « {parcours} » ({', '.join(connus)})")
        self.env.phare_pages_publics[self.env.docname] = True
        return [liste_parcours(parcours=parcours, fiches=self.name == "fiches-du-parcours")]


def liste_du_parcours(env, docname: str, parcours: str, fiches_animation: bool) -> nodes.Node:
    pages = [page for page, fiche in modules(env).items() if fiche["parcours"] == parcours]
    if not pages:
        return nodes.paragraph("", libelle("publics.parcours_vide"))
    liste = nodes.enumerated_list(enumtype="arabic") if not fiches_animation else nodes.bullet_list()
    for page in pages:
        fiche = modules(env)[page]
        if fiches_animation:
            cible, texte = fiche["fiche_animation"], fiche["activite"]
        else:
            cible = page
            durees = libelle(
                "publics.parcours_durees", autonomie=fiche["duree_autonomie"], atelier=fiche["duree_atelier"]
            )
            texte = fiche["resume"]
        titre = env.titles[cible].astext() if cible in env.titles else cible
        contenu = [_lien_page(docname, cible, titre)]
        if not fiches_animation:
            contenu.append(nodes.Text(durees))
        fin = "" if texte.rstrip().endswith((".", "!", "?", "»")) else "."
        contenu.append(nodes.Text(f"\u00a0: {texte}{fin}"))
        liste += nodes.list_item("", nodes.paragraph("", "", *contenu))
    if fiches_animation:
        return liste
    compte = (
        libelle("publics.parcours_compte_un")
        if len(pages) == 1
        else libelle("publics.parcours_compte", nombre=en_lettres(len(pages)))
    )
    return nodes.container("", nodes.paragraph("", compte), liste, classes=["phare-parcours"])


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


def _formulaires(env, docname: str, page: str) -> list[tuple]:
    """One line per form (session summary, attestation): the form opened on this module, and its
    blank PDF for the module (printed for its pack)."""
    builder = env.app.builder
    remonter = "../" * docname.count("/")
    lignes = []
    for sorte, formulaire in pages_des_formulaires(env).items():
        adresse = adresse_formulaire(builder.get_target_uri(formulaire), page)
        lignes.append(
            (
                nodes.Text(libelle(f"publics.{sorte}").capitalize() + "\u00a0: "),
                nodes.reference("", libelle("publics.formulaire_ecran"), refuri=remonter + adresse),
                nodes.Text(", "),
                _lien_fichier(docname, fichier_formulaire(page, sorte), libelle("publics.formulaire_pdf")),
            )
        )
    return lignes


def tableau_enseignants(env, docname: str) -> nodes.Node:
    """Four columns, so that the table fits the page: the module, who and how long, the
    curricula (CRCN/Pix, SNT), and what a class needs."""
    lignes = []
    for page, fiche in modules(env).items():
        titre = env.titles[page].astext() if page in env.titles else page
        parcours = libelles()["parcours"].get(fiche["parcours"], fiche["parcours"])
        programmes = _liste(*(f"CRCN {c}" for c in _crcn(fiche)))
        if fiche.get("theme_snt"):
            programmes += nodes.paragraph("", f"SNT\u00a0: {fiche['theme_snt']}")
        lignes.append(
            [
                _paragraphes(
                    (nodes.strong("", "", _lien_page(docname, page, titre)),),
                    libelle("publics.module_de", parcours=parcours, ordre=fiche["ordre"]),
                    libelle("documents.niveau", niveau=fiche["niveau"]),
                ),
                _paragraphes(
                    ", ".join(fiche["publics"]).capitalize(),
                    libelle("publics.seul", duree=fiche["duree_autonomie"]),
                    libelle("publics.en_classe", duree=fiche["duree_atelier"]),
                ),
                programmes,
                _liste(
                    *fiche["materiel"],
                    libelle(
                        "publics.prerequis",
                        liste="\u00a0; ".join(fiche["prerequis"]) or libelle("fiche_identite.aucun"),
                    ),
                    (_lien_fichier(docname, fichier_paquet(page), libelle("documents.paquet_court")),),
                    (_lien_fichier(docname, fichier_pdf(page, "cahier"), libelle("documents.cahier_court")),),
                    *((_lien_fichier(docname, fichier_pdf(page, s), libelle(f"{s}.lien")),)
                      for s in facultatifs(env, fiche)),
                    *((_lien_fichier(docname, fichier_quiz(page, f), libelle(f"documents.quiz_{f}")),)
                      for f in QUIZ),
                    *_formulaires(env, docname, page),
                ),
            ]
        )
    if not lignes:
        return nodes.paragraph("", libelle("publics.aucun_module"))
    return _tableau(
        "tableau-modules-enseignants",
        libelle("publics.titre_enseignants"),
        libelles()["publics"]["colonnes_enseignants"],
        lignes,
    )


def _pdf(sorte: str) -> str:
    """The format and page limit of a printed document (each PDF is checked against the limit)."""
    return libelle("documents.pdf_pages", pages=PAGES_MAX[sorte])


def tableau_mediateurs(env, docname: str) -> nodes.Node:
    lignes = []
    # The easy-read version of a module, when it has one (phare.livre.facile).
    faciles = {module: page for page, module in getattr(env, "phare_facile", {}).items()}
    for page, fiche in modules(env).items():
        titre = env.titles[page].astext() if page in env.titles else page
        taille = fiche["taille_groupe"]
        pdf = {sorte: fichier_pdf(page, sorte) for sorte in (*SUFFIXES, *facultatifs(env, fiche))}
        lignes.append(
            [
                _paragraphes((nodes.strong("", "", _lien_page(docname, page, titre)),)),
                _paragraphes(fiche["duree_atelier"]),
                _paragraphes(libelle("documents.personnes", min=taille["min"], max=taille["max"])),
                _liste(*fiche["materiel"]),
                _liste(
                    (
                        nodes.Text(libelle("documents.animation") + "\u00a0: "),
                        _lien_page(docname, fiche["fiche_animation"], libelle("publics.fiche_en_ligne")),
                        nodes.Text(", "),
                        _lien_fichier(docname, pdf["animation"], _pdf("animation")),
                    ),
                    *[
                        (_lien_fichier(docname, pdf[s], f"{titre_document(s)} ({_pdf(s)})"),)
                        for s in ("participant", "cartes", "corrige", *facultatifs(env, fiche))
                    ],
                    *(
                        [(
                            _lien_page(docname, faciles[page], libelle("publics.facile")),
                            nodes.Text(", "),
                            _lien_fichier(docname, fichier_facile(page), _pdf("facile")),
                        )]
                        if page in faciles else []
                    ),
                    *_formulaires(env, docname, page),
                ),
            ]
        )
    if not lignes:
        return nodes.paragraph("", libelle("publics.aucun_atelier"))
    return _tableau(
        "tableau-ateliers",
        libelle("publics.titre_ateliers"),
        libelles()["publics"]["colonnes_ateliers"],
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
        return nodes.paragraph("", libelle("publics.cycle_vide"))
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
            nodes.strong("", libelle("publics.seance", numero=numero)),
            _lien_page(docname, page, titre),
            nodes.Text(
                f" — {fiche['duree_atelier']}, {taille['min']} à {taille['max']} personnes\u00a0; "
                f"matériel\u00a0: {', '.join(fiche['materiel'])}. "
            ),
            _lien_page(docname, fiche["fiche_animation"], libelle("documents.animation")),
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
        for noeud in list(self.document.findall(liste_parcours)):
            noeud.replace_self(liste_du_parcours(self.env, docname, noeud["parcours"], noeud["fiches"]))


def _toujours_a_jour(app, env, ajoutes, modifies, supprimes) -> list[str]:
    """The audience pages depend on every module: rebuild them whenever a page changed."""
    if ajoutes or modifies or supprimes:
        return sorted(set(getattr(env, "phare_pages_publics", {})) & env.found_docs)
    return []


def setup(app):
    # The tables need the validated module sheets (phare.livre.module) and the kits' file names.
    app.setup_extension("phare.livre.kits")
    stocker_par_page(app, "phare_pages_publics")
    app.add_node(tableau_modules)
    app.add_node(cycle_ateliers)
    app.add_node(liste_parcours)
    app.add_directive("modules-du-parcours", ListeParcours)
    app.add_directive("fiches-du-parcours", ListeParcours)
    app.add_directive("tableau-modules", TableauModules)
    app.add_directive("cycle-ateliers", CycleAteliers)
    app.add_post_transform(RemplirPagesPublics)
    app.connect("env-get-outdated", _toujours_a_jour)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
