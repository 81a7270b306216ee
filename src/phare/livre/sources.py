"""Sources: every legal, historical or institutional fact of the book cites its source, from one
registry, `book/_sources.yml` (id -> title, publisher, address, date checked).

In a page:

    Le projet est lancé le 3 juin 2021 {source}`brest-lancement-spld`.
    ...
    ## {partie}`sources`

    ```{sources}
    ```

The role shows « [1] », a link to the first item of the list that the `{sources}` directive
draws, in the order of the citations; several ids are separated by commas. After the cited
sources, the list gives the datasets of the module (`jeux_de_donnees` of its front matter), read
from their `datapackage.json`: title, attribution, and, for a copy made by a third party, how it
was obtained — so that the one home of a dataset's provenance stays its metadata.

The build stops, with a French message naming the page, when an id is unknown, when a page cites
sources but has no `{sources}` list, or when a module cites none. `tests/test_sources.py` checks
the registry itself (every source has a title, a publisher, an address and a date).
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxRole

from ..interface import libelle
from ..texte import date as date_en_lettres
from ..typographie import corriger
from .stockage import stocker_par_page

REGISTRE = Path("book") / "_sources.yml"
CHAMPS = ("titre", "editeur", "url", "verifie")  # required; « publie » and « note » are optional
CLASSE_LISTE = "phare-sources"
CLASSE_APPEL = "phare-source"


class SourceInvalide(SphinxError):
    category = "Sources"


# --- The registry (pure Python, also read by the tests and the frieze) ----------------------


def charger_registre(racine: Path) -> dict[str, dict]:
    import yaml

    chemin = Path(racine) / REGISTRE
    return yaml.safe_load(chemin.read_text(encoding="utf-8")) or {}


def problemes_du_registre(registre: dict) -> list[str]:
    """What is wrong with the registry, in French (an empty list when all is well)."""
    erreurs = []
    for ident, source in registre.items():
        if not isinstance(source, dict):
            erreurs.append(f"{ident} : une source s'écrit comme un dictionnaire "
                           "(titre, editeur, url, verifie)")
            continue
        for champ in CHAMPS:
            if not source.get(champ):
                erreurs.append(f"{ident} : le champ « {champ} » manque ou est vide")
        verifie = source.get("verifie")
        if verifie and not isinstance(verifie, datetime.date):
            erreurs.append(f"{ident} : « verifie » doit être une date AAAA-MM-JJ (trouvé : {verifie!r})")
        url = str(source.get("url", ""))
        if url and not url.startswith(("http://", "https://")):
            erreurs.append(f"{ident} : l'adresse « {url} » ne commence pas par http:// ou https://")
        inconnus = set(source) - {*CHAMPS, "publie", "note"}
        if inconnus:
            erreurs.append(f"{ident} : champ(s) inconnu(s) {sorted(inconnus)}")
    return erreurs


def hote(url: str) -> str:
    """« brest.fr » : the site of an address, without « www. » (a short name for print)."""
    from urllib.parse import urlsplit

    nom = urlsplit(url).netloc.lower().rstrip(".")
    return nom.removeprefix("www.")


def prose(texte: str) -> str:
    """French typography for generated prose: non-breaking spaces, typographic apostrophe (the
    pages get theirs from Sphinx's smart quotes, which have run before these nodes exist)."""
    return corriger(str(texte)).replace("'", "’")


def texte_de_source(source: dict) -> str:
    """« Titre », éditeur, date de publication — the words of a list item."""
    morceaux = [f"« {source['titre']} »", source["editeur"]]
    if source.get("publie"):
        morceaux.append(str(source["publie"]))
    return prose(", ".join(morceaux) + ".")


def _registre(app) -> dict:
    if not hasattr(app, "_phare_sources"):
        registre = charger_registre(Path(app.srcdir))
        erreurs = problemes_du_registre(registre)
        if erreurs:
            raise SourceInvalide(f"{REGISTRE} :\n  " + "\n  ".join(erreurs))
        app._phare_sources = registre
    return app._phare_sources


# --- Role and directive --------------------------------------------------------------------


class appel_source(nodes.Inline, nodes.TextElement):
    """A citation, numbered when the page has been read (`_numeroter`)."""


class liste_sources(nodes.General, nodes.Element):
    """Where the list of the page's sources goes."""


class SourceRole(SphinxRole):
    def run(self):
        idents = [i.strip() for i in self.text.split(",") if i.strip()]
        registre = _registre(self.env.app)
        inconnus = [i for i in idents if i not in registre]
        if not idents or inconnus:
            source, ligne = self.get_source_info()
            raise SourceInvalide(
                f"{source}:{ligne} : source inconnue {inconnus or '(vide)'} ; ajoutez-la à {REGISTRE}"
            )
        self.env.note_dependency(str(Path(self.env.app.srcdir) / REGISTRE))
        return [appel_source("", "", idents=idents)], []


class SourcesDirective(Directive):
    has_content = False

    def run(self):
        return [liste_sources("")]


# --- Numbering and the list -------------------------------------------------------------------


def _jeu(racine: Path, nom: str) -> dict | None:
    chemin = racine / "datasets" / nom / "datapackage.json"
    return json.loads(chemin.read_text(encoding="utf-8")) if chemin.is_file() else None


def _element_source(ident: str, source: dict) -> nodes.list_item:
    lien = nodes.reference("", source["url"], refuri=source["url"])
    verifie = libelle("sources.verifiee", date=date_en_lettres(source["verifie"]))
    paragraphe = nodes.paragraph(
        "", "", nodes.Text(texte_de_source(source) + " "), lien, nodes.Text(corriger(f" ({verifie})."))
    )
    element = nodes.list_item("", paragraphe, ids=[f"source-{ident}"])
    if source.get("note"):
        element += nodes.paragraph("", prose(source["note"]), classes=["phare-source-note"])
    return element


def _element_jeu(docname: str, nom: str, meta: dict) -> nodes.list_item:
    page = addnodes.pending_xref(
        "", nodes.inline("", prose(f"« {meta['title']} »")), refdomain="std", reftype="doc",
        reftarget=f"/book/catalogue/jeux/{nom}", refexplicit=True, refdoc=docname,
    )
    texte = prose(f" : {meta['attribution']}")
    debut = nodes.Text(libelle("sources.donnees") + " ")
    paragraphe = nodes.paragraph("", "", debut, page, nodes.Text(texte))
    element = nodes.list_item("", paragraphe)
    if meta.get("copie_par_un_tiers") and meta.get("copie_tierce"):
        element += nodes.paragraph("", prose(meta["copie_tierce"]), classes=["phare-source-note"])
    return element


def _numeroter(app, doctree) -> None:
    env = app.env
    docname = env.docname
    registre = _registre(app)
    ordre: list[str] = []
    for appel in list(doctree.findall(appel_source)):
        liens = []
        for ident in appel["idents"]:
            if ident not in ordre:
                ordre.append(ident)
            numero = ordre.index(ident) + 1
            liens.append(nodes.reference(
                "", str(numero), refid=f"source-{ident}",
                reftitle=corriger(f"Source {numero} : {registre[ident]['titre']}"),
            ))
        contenu = [nodes.Text("[")]
        for i, lien in enumerate(liens):
            contenu += ([nodes.Text(", ")] if i else []) + [lien]
        appel.replace_self(nodes.inline("", "", *contenu, nodes.Text("]"), classes=[CLASSE_APPEL]))
    env.phare_sources[docname] = ordre

    listes = list(doctree.findall(liste_sources))
    if ordre and not listes:
        raise SourceInvalide(
            f"{env.doc2path(docname, False)} : la page cite des sources mais n'a pas de liste "
            "(ajoutez ```{sources}``` dans la partie « Sources »)"
        )
    fiche = getattr(env, "phare_modules", {}).get(docname) or {}
    racine = Path(app.srcdir)
    for liste in listes:
        elements = [_element_source(i, registre[i]) for i in ordre]
        sources = nodes.enumerated_list("", *elements, enumtype="arabic", classes=[CLASSE_LISTE])
        remplacement = [sources] if elements else []
        jeux = [(nom, _jeu(racine, nom)) for nom in fiche.get("jeux_de_donnees", [])]
        jeux = [_element_jeu(docname, nom, meta) for nom, meta in jeux if meta]
        if jeux:
            remplacement.append(nodes.bullet_list("", *jeux, classes=[f"{CLASSE_LISTE}-donnees"]))
        liste.replace_self(remplacement or [nodes.paragraph("", "")])


def _verifier(app, env) -> None:
    messages = []
    for docname in sorted(getattr(env, "phare_modules", {})):
        if docname in env.found_docs and not env.phare_sources.get(docname):
            messages.append(
                f"{env.doc2path(docname, False)} : le module ne cite aucune source "
                f"({{source}}`identifiant`, registre {REGISTRE})"
            )
    if messages:
        raise SourceInvalide("\n  " + "\n  ".join(messages))


def _html_rien(self, node):
    raise nodes.SkipNode


def setup(app):
    app.setup_extension("phare.livre.module")  # the modules' front matter (env.phare_modules)
    stocker_par_page(app, "phare_sources")
    visiteurs = (_html_rien, None)
    app.add_node(appel_source, html=visiteurs, latex=visiteurs, text=visiteurs)
    app.add_node(liste_sources, html=visiteurs, latex=visiteurs, text=visiteurs)
    app.add_role("source", SourceRole())
    app.add_directive("sources", SourcesDirective)
    app.connect("doctree-read", _numeroter, priority=600)  # after phare.livre.module (500)
    app.connect("env-check-consistency", _verifier)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
