"""Les kits des modules, côté livre (extension Sphinx) :
- un encadré « Télécharger » en haut de chaque module et de sa fiche d'animation, qui renvoie
  vers `kits/<module>/…pdf` et `kits/phare-<module>.zip` ;
- la feuille `phare-impression.css` (media print) sur ces pages : pas de menus à l'impression,
  pas de code ni de tableau coupé ;
- le manifeste `_build/kits/modules.json` : pour chaque module, ce qu'il faut pour l'imprimer et
  l'empaqueter (pages, titres, fiche d'identité, notebooks liés, jeux de données).

Les fichiers eux-mêmes sont fabriqués après la construction, à partir des pages construites :
`python -m phare.construction.kits [_build/html]` (cible `make pdf`).
Les notebooks d'un module sont ceux (`notebooks/…`, `exercises/…`) vers lesquels la page du
module ou sa fiche d'animation fait un lien.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import SphinxError

from ..construction.kits import (
    CLASSE_GRILLE,
    CLASSE_LETTRE,
    QUIZ,
    SUFFIXES,
    adresse_formulaire,
    chemin_manifeste,
    fichier_facile,
    fichier_formulaire,
    fichier_lettre,
    fichier_paquet,
    fichier_pdf,
    fichier_quiz,
    nom_court,
    titre_document,
)
from ..interface import libelle
from .statique import servir_statique
from .stockage import stocker_par_page

DOSSIERS_NOTEBOOKS = ("notebooks/", "exercises/")



class KitInvalide(SphinxError):
    category = "Kits des modules"


# --- Links from a module to its notebooks ----------------------------------------------------


def _cible(docname: str, cible: str) -> str:
    cible = cible.split("#")[0]
    for extension in (".ipynb", ".md"):
        if cible.endswith(extension):
            cible = cible[: -len(extension)]
    if cible.startswith("/"):
        return posixpath.normpath(cible.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(docname), cible))


def _noter_liens(app, doctree) -> None:
    """Garde, pour chaque page, les pages de notebooks vers lesquelles elle fait un lien."""
    env = app.env
    liens = set()
    for ref in doctree.findall(addnodes.pending_xref):
        if ref.get("reftype") in ("doc", "myst") and ref.get("reftarget"):
            liens.add(_cible(env.docname, ref["reftarget"]))
            if ref.get("reftype") == "myst":
                # A Markdown link to a file (`[…](../../notebooks/x.ipynb)`) reaches us already made
                # relative to the project's root: keep that reading too (the unknown one is dropped).
                liens.add(_cible("", ref["reftarget"]))
    env.phare_liens[env.docname] = sorted(liens)
    if any(CLASSE_GRILLE in n.get("classes", []) for n in doctree.findall(nodes.container)):
        env.phare_grilles[env.docname] = True


def facultatifs(env, fiche: dict) -> tuple[str, ...]:
    """The optional documents of a module (phare.construction.kits.FACULTATIFS) that its facilitator
    sheet holds: « grille » when it has an evaluation grid."""
    return ("grille",) if fiche["fiche_animation"] in getattr(env, "phare_grilles", {}) else ()


def modules(env) -> dict[str, dict]:
    """Les fiches validées par `phare.livre.module`, triées par parcours puis ordre."""
    fiches = getattr(env, "phare_modules", {})
    return dict(sorted(fiches.items(), key=lambda kv: (kv[1]["parcours"], kv[1]["ordre"], kv[0])))


def notebooks_du_module(env, docname: str, fiche: dict) -> list[str]:
    liens = set(env.phare_liens.get(docname, [])) | set(env.phare_liens.get(fiche["fiche_animation"], []))
    return sorted(d for d in liens if d.startswith(DOSSIERS_NOTEBOOKS) and d in env.found_docs)


def pages_des_formulaires(env) -> dict[str, str]:
    """Kind of form (`compte_rendu`, `attestation`) -> the page that holds it (phare.livre.formulaires)."""
    return {sorte: page for page, sorte in sorted(getattr(env, "phare_formulaires", {}).items()) if sorte}


# --- The « Télécharger » box -------------------------------------------------------------------


def a_une_lettre(doctree) -> bool:
    """La page porte une lettre à compléter (conteneur de classe `phare-lettre`) : elle a aussi son .odt."""
    return any(CLASSE_LETTRE in n.get("classes", []) for n in doctree.findall(nodes.container))


def _encadre(
    docname_page: str, docname_module: str, sortes: tuple[str, ...], lettre: bool = False
) -> nodes.container:
    remonter = "../" * docname_page.count("/")
    elements = []
    for sorte in sortes:
        texte = libelle("documents.format_pdf", document=titre_document(sorte))
        lien = nodes.reference("", texte, refuri=remonter + fichier_pdf(docname_module, sorte))
        elements.append(nodes.list_item("", nodes.paragraph("", "", lien)))
    if lettre:
        lien = nodes.reference(
            "", libelle("documents.lettre_odt"), refuri=remonter + fichier_lettre(docname_module)
        )
        elements.append(nodes.list_item("", nodes.paragraph("", "", lien)))
    adresse = remonter + fichier_paquet(docname_module)
    paquet = nodes.reference("", libelle("documents.paquet"), refuri=adresse)
    elements.append(nodes.list_item("", nodes.paragraph("", "", paquet)))
    titre = nodes.paragraph(
        "", "", nodes.strong("", libelle("telecharger.titre")), classes=["phare-telecharger-titre"]
    )
    return nodes.container("", titre, nodes.bullet_list("", *elements), classes=["phare-telecharger"])


def _inserer(doctree, encadre: nodes.Node) -> None:
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return
    identite = [n for n in section.children if "phare-fiche-identite" in n.get("classes", [])]
    position = section.index(identite[0]) + 1 if identite else 1
    section.insert(position, encadre)


def _doctree_resolved(app, doctree, docname) -> None:
    fiches = modules(app.env)
    if docname in fiches:
        sortes = ("participant", "cahier", "animation", "cartes", *facultatifs(app.env, fiches[docname]))
        _inserer(doctree, _encadre(docname, docname, sortes))
        return
    for module, fiche in fiches.items():
        if fiche["fiche_animation"] == docname:
            lettre = a_une_lettre(doctree)
            sortes = ("animation", "cartes", "corrige", *facultatifs(app.env, fiche))
            _inserer(doctree, _encadre(docname, module, sortes, lettre))


def _page_context(app, pagename, templatename, context, doctree) -> None:
    fiches = modules(app.env)
    if pagename in fiches or pagename in {f["fiche_animation"] for f in fiches.values()}:
        app.add_css_file("phare-kits.css")
        app.add_css_file("phare-impression.css", media="print")


# --- The manifest read by the printer and the packer -------------------------------------------


def manifeste(app) -> dict:
    env = app.env
    liste = []
    noms = {}
    formulaires = pages_des_formulaires(env)
    faciles = {module: page for page, module in getattr(env, "phare_facile", {}).items()}
    for docname, fiche in modules(env).items():
        court = nom_court(docname)
        if court in noms:
            raise KitInvalide(
                f"Deux modules ont le même nom de fichier « {court} » ({noms[court]} et {docname}) : "
                "leurs kits se mélangeraient. Renommez l'un des deux."
            )
        noms[court] = docname
        animation = fiche["fiche_animation"]
        liste.append(
            {
                "page": docname,
                "nom": court,
                "titre": env.titles[docname].astext() if docname in env.titles else court,
                "html": app.builder.get_target_uri(docname),
                "fiche": fiche,
                "animation": {
                    "page": animation,
                    "titre": env.titles[animation].astext() if animation in env.titles else animation,
                    "html": app.builder.get_target_uri(animation),
                },
                "notebooks": [
                    {
                        "page": nb,
                        "source": Path(env.doc2path(nb)).relative_to(app.srcdir).as_posix(),
                        "html": app.builder.get_target_uri(nb),
                    }
                    for nb in notebooks_du_module(env, docname, fiche)
                ],
                "pdf": {s: fichier_pdf(docname, s) for s in (*SUFFIXES, *facultatifs(env, fiche))},
                "paquet": fichier_paquet(docname),
                "quiz": {f: fichier_quiz(docname, f) for f in QUIZ},  # written by phare.livre.quiz
                # Written only when the facilitator sheet carries a letter (phare.construction.lettres).
                "lettre": fichier_lettre(docname),
                # The session summary and the attestation, printed blank for this module (its pack).
                "formulaires": {
                    sorte: {
                        "html": adresse_formulaire(app.builder.get_target_uri(page), docname),
                        "pdf": fichier_formulaire(docname, sorte),
                    }
                    for sorte, page in formulaires.items()
                },
                # The easy-read version (phare.livre.facile), when the module has one: printed as
                # the page prints itself, for a mediator who prints the kit the day before.
                **(
                    {
                        "facile": {
                            "html": app.builder.get_target_uri(faciles[docname]),
                            "pdf": fichier_facile(docname),
                        }
                    }
                    if docname in faciles
                    else {}
                ),
            }
        )
    return {"racine": str(Path(app.srcdir).resolve()), "modules": liste}


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    chemin = chemin_manifeste(Path(app.outdir))
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(manifeste(app), ensure_ascii=False, indent=1), encoding="utf-8")


def setup(app):
    app.setup_extension("phare.livre.module")  # the validated module sheets (env.phare_modules)
    stocker_par_page(app, "phare_liens")
    stocker_par_page(app, "phare_grilles")
    app.connect("doctree-read", _noter_liens)
    app.connect("doctree-resolved", _doctree_resolved)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    servir_statique(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
