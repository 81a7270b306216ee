"""Les kits des modules : fiches à imprimer (PDF A4) et paquet pour la classe (zip).

Extension Sphinx (elle ne sert qu'à la construction du site) :
- un encadré « Télécharger » en haut de chaque module et de sa fiche d'animation, qui renvoie
  vers `kits/<module>/…pdf` et `kits/phare-<module>.zip` ;
- la feuille `phare-impression.css` (media print) sur ces pages : pas de menus à l'impression,
  pas de code ni de tableau coupé ;
- le manifeste `_build/kits/modules.json` : pour chaque module, ce qu'il faut pour l'imprimer et
  l'empaqueter (pages, titres, fiche d'identité, notebooks liés, jeux de données).

Les fichiers eux-mêmes sont fabriqués APRÈS la construction, à partir des pages HTML construites
(une seule source) : `python -m phare.livre.kits [_build/html]` (cible `make pdf`). Why after:
the handouts are printed from the very pages a visitor sees.

Les notebooks d'un module sont ceux (`notebooks/…`, `exercises/…`) vers lesquels la page du
module ou sa fiche d'animation fait un lien.
"""

from __future__ import annotations

import json
import posixpath
import sys
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import SphinxError

from .stockage import stocker_par_page

STATIQUE = Path(__file__).parent / "static"
DOSSIER_KITS = "kits"
DOSSIERS_NOTEBOOKS = ("notebooks/", "exercises/")
# The three printable documents: (kind, file suffix, link text).
DOCUMENTS = (
    ("participant", "fiche-participant", "Fiche participant"),
    ("animation", "fiche-animation", "Fiche d'animation"),
    ("cartes", "cartes", "Cartes à découper"),
)


class KitInvalide(SphinxError):
    category = "Kits des modules"


def nom_court(docname: str) -> str:
    """`book/comprendre/une-donnee` -> `une-donnee` : le nom des fichiers du kit."""
    return posixpath.basename(docname)


def fichier_pdf(docname: str, sorte: str) -> str:
    """Chemin d'un PDF, relatif à la racine du site."""
    suffixe = next(s for k, s, _ in DOCUMENTS if k == sorte)
    court = nom_court(docname)
    return f"{DOSSIER_KITS}/{court}/phare-{court}-{suffixe}.pdf"


def fichier_paquet(docname: str) -> str:
    """Chemin du paquet (zip), relatif à la racine du site."""
    return f"{DOSSIER_KITS}/phare-{nom_court(docname)}.zip"


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
    env.phare_liens[env.docname] = sorted(liens)


def modules(env) -> dict[str, dict]:
    """Les fiches validées par `phare.livre.module`, triées par parcours puis ordre."""
    fiches = getattr(env, "phare_modules", {})
    return dict(sorted(fiches.items(), key=lambda kv: (kv[1]["parcours"], kv[1]["ordre"], kv[0])))


def notebooks_du_module(env, docname: str, fiche: dict) -> list[str]:
    liens = set(env.phare_liens.get(docname, [])) | set(env.phare_liens.get(fiche["fiche_animation"], []))
    return sorted(d for d in liens if d.startswith(DOSSIERS_NOTEBOOKS) and d in env.found_docs)


# --- The « Télécharger » box -------------------------------------------------------------------


def _encadre(docname_page: str, docname_module: str, sortes: tuple[str, ...]) -> nodes.container:
    remonter = "../" * docname_page.count("/")
    elements = []
    for sorte, _, texte in DOCUMENTS:
        if sorte in sortes:
            lien = nodes.reference(
                "", f"{texte} (PDF, A4)", refuri=remonter + fichier_pdf(docname_module, sorte)
            )
            elements.append(nodes.list_item("", nodes.paragraph("", "", lien)))
    paquet = nodes.reference(
        "",
        "Paquet du module pour la classe (zip : notebooks, données, fiches, licences)",
        refuri=remonter + fichier_paquet(docname_module),
    )
    elements.append(nodes.list_item("", nodes.paragraph("", "", paquet)))
    titre = nodes.paragraph("", "", nodes.strong("", "Télécharger"), classes=["phare-telecharger-titre"])
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
        _inserer(doctree, _encadre(docname, docname, ("participant", "animation", "cartes")))
        return
    for module, fiche in fiches.items():
        if fiche["fiche_animation"] == docname:
            _inserer(doctree, _encadre(docname, module, ("animation", "cartes")))


def _page_context(app, pagename, templatename, context, doctree) -> None:
    fiches = modules(app.env)
    if pagename in fiches or pagename in {f["fiche_animation"] for f in fiches.values()}:
        app.add_css_file("phare-kits.css")
        app.add_css_file("phare-impression.css", media="print")


def _chemin_statique(app) -> None:
    """Serve the package's `static/` folder (shared with the other phare.livre extensions, added once)."""
    chemin = str(STATIQUE)
    if chemin not in app.config.html_static_path:
        app.config.html_static_path.append(chemin)


# --- The manifest read by the printer and the packer -------------------------------------------


def manifeste(app) -> dict:
    env = app.env
    liste = []
    noms = {}
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
                "pdf": {sorte: fichier_pdf(docname, sorte) for sorte, _, _ in DOCUMENTS},
                "paquet": fichier_paquet(docname),
            }
        )
    return {"racine": str(Path(app.srcdir).resolve()), "modules": liste}


def chemin_manifeste(dossier_html: Path) -> Path:
    """`_build/html` -> `_build/kits/modules.json` (hors du site publié)."""
    return Path(dossier_html).resolve().parent / DOSSIER_KITS / "modules.json"


def _build_finished(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    chemin = chemin_manifeste(Path(app.outdir))
    chemin.parent.mkdir(parents=True, exist_ok=True)
    chemin.write_text(json.dumps(manifeste(app), ensure_ascii=False, indent=1), encoding="utf-8")


def setup(app):
    stocker_par_page(app, "phare_liens")
    app.connect("doctree-read", _noter_liens)
    app.connect("doctree-resolved", _doctree_resolved)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _build_finished)
    app.connect("builder-inited", _chemin_statique)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}


def main(argv: list[str] | None = None) -> int:
    """Imprime les fiches et fabrique les paquets à partir du site construit."""
    from .impression import imprimer_tout
    from .paquets import fabriquer_tout

    argv = sys.argv[1:] if argv is None else argv
    site = Path(argv[0] if argv else "_build/html").resolve()
    chemin = chemin_manifeste(site)
    if not (site / "index.html").is_file() or not chemin.is_file():
        print(
            f"Site construit introuvable dans {site} (ou sans {chemin.name}) : construisez d'abord le livre "
            "(make build).",
            file=sys.stderr,
        )
        return 1
    donnees = json.loads(chemin.read_text(encoding="utf-8"))
    imprimer_tout(site, donnees)
    fabriquer_tout(site, donnees)
    return 0


if __name__ == "__main__":
    sys.exit(main())
