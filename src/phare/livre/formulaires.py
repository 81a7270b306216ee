"""Two pages a mediator prints after a session, filled in the browser, that store nothing:

- `{compte-rendu-seance}`: the session summary (module, date, place, duration, number of
  participants, CRCN competences worked, observations): what a French digital mediator's activity
  report (CRA) asks for;
- `{attestation-participation}`: an attestation of participation, the participant's name typed on
  the page, the CRCN competences read from the module's front matter.

The page IS the form: plain labelled fields, printed with their values on one A4 page
(`phare-formulaires.css`). No `<form>` is submitted, nothing goes to the storage of the browser:
closing the page forgets everything. `phare-formulaires.js` only shows the competences (and the
duration) of the chosen module; without it, every module's competences are listed.
A link may choose the module, `?module=<name>` (`phare.construction.kits.adresse_formulaire`): the
mediators' and teachers' pages do, and each module's pack holds both forms printed blank for that
module (`phare.construction.impression`).
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..interface import libelle
from .kits import modules
from .statique import servir_statique
from .stockage import stocker_par_page


class formulaire(nodes.General, nodes.Element):
    """Placeholder, replaced when every module is known."""


def _champ(ident: str, cle: str, controle: str) -> str:
    return (
        f'<p class="phare-champ"><label for="{ident}">{escape(libelle(f"formulaires.{cle}"))}</label> '
        f"{controle}</p>"
    )


def _choix_module(ident: str, fiches: dict, titres: dict) -> str:
    options = "".join(
        f'<option value="{escape(page)}" data-duree="{escape(fiche["duree_atelier"])}">'
        f"{escape(titres[page])}</option>"
        for page, fiche in fiches.items()
    )
    return _champ(ident, "module", f'<select id="{ident}" data-phare-module>{options}</select>')


def _competences(prefixe: str, fiches: dict, titres: dict, cases: bool) -> str:
    blocs = []
    for rang, (page, fiche) in enumerate(fiches.items()):
        items = []
        for n, c in enumerate(fiche["competences_crcn"]):
            texte = escape(f"{c['code']} {c['intitule']}")
            if cases:
                ident = f"{prefixe}-c{rang}-{n}"
                items.append(
                    f'<li><input type="checkbox" id="{ident}" checked> '
                    f'<label for="{ident}">{texte}</label></li>'
                )
            else:
                items.append(f"<li>{texte}</li>")
        cache = " hidden" if rang else ""
        blocs.append(
            f'<div class="phare-competences" data-phare-competences="{escape(page)}"{cache}>'
            f'<p class="phare-competences-module">{escape(titres[page])}</p><ul>{"".join(items)}</ul></div>'
        )
    return "".join(blocs)


def compte_rendu(fiches: dict, titres: dict) -> str:
    premiere = next(iter(fiches.values()))
    champs = [
        _choix_module("cr-module", fiches, titres),
        _champ("cr-date", "date", '<input type="date" id="cr-date">'),
        _champ("cr-lieu", "lieu", '<input type="text" id="cr-lieu" autocomplete="off">'),
        _champ(
            "cr-duree",
            "duree",
            f'<input type="text" id="cr-duree" autocomplete="off" data-phare-duree '
            f'value="{escape(premiere["duree_atelier"])}">',
        ),
        _champ("cr-nombre", "participants", '<input type="number" id="cr-nombre" min="0">'),
        _champ("cr-animateur", "animateur", '<input type="text" id="cr-animateur" autocomplete="off">'),
    ]
    competences = (
        f'<fieldset class="phare-champs-crcn"><legend>{escape(libelle("formulaires.competences"))}</legend>'
        f'{_competences("cr", fiches, titres, cases=True)}</fieldset>'
    )
    notes = _champ("cr-notes", "observations", '<textarea id="cr-notes" rows="5"></textarea>')
    return "".join(champs) + competences + notes


def attestation(fiches: dict, titres: dict) -> str:
    return "".join(
        [
            _champ("at-nom", "nom", '<input type="text" id="at-nom" autocomplete="off">'),
            _choix_module("at-module", fiches, titres),
            _champ("at-date", "date", '<input type="date" id="at-date">'),
            _champ("at-lieu", "lieu", '<input type="text" id="at-lieu" autocomplete="off">'),
            f'<p class="phare-atteste">{escape(libelle("formulaires.atteste"))}</p>',
            _competences("at", fiches, titres, cases=False),
            _champ("at-animateur", "animateur", '<input type="text" id="at-animateur" autocomplete="off">'),
            f'<p class="phare-signature">{escape(libelle("formulaires.signature"))}</p>',
        ]
    )


def _html(sorte: str, fiches: dict, titres: dict) -> str:
    titre = libelle(f"formulaires.titre_{sorte}")
    corps = compte_rendu(fiches, titres) if sorte == "compte_rendu" else attestation(fiches, titres)
    return (
        f'<div class="phare-formulaire phare-formulaire-{sorte.replace("_", "-")}" data-phare-formulaire>'
        f'<p class="phare-formulaire-note">{escape(libelle("formulaires.rien_garde"))}</p>'
        f'<p><button type="button" class="phare-imprimer" data-phare-imprimer hidden>'
        f'{escape(libelle("formulaires.imprimer"))}</button></p>'
        f'<div class="phare-formulaire-feuille">'
        f'<p class="phare-formulaire-titre">{escape(titre)}</p>{corps}</div>'
        "</div>"
    )


class _Directive(SphinxDirective):
    sorte = ""

    def run(self):
        self.env.phare_formulaires[self.env.docname] = self.sorte  # the page of each form
        return [formulaire(sorte=self.sorte)]


class CompteRendu(_Directive):
    sorte = "compte_rendu"


class Attestation(_Directive):
    sorte = "attestation"


class RemplirFormulaires(SphinxPostTransform):
    default_priority = 200

    def run(self, **kwargs) -> None:
        env = self.env
        fiches = modules(env)
        titres = {p: env.titles[p].astext() if p in env.titles else p for p in fiches}
        for noeud in list(self.document.findall(formulaire)):
            if not fiches:
                noeud.replace_self(nodes.paragraph("", libelle("publics.cycle_vide")))
                continue
            noeud.replace_self(nodes.raw("", _html(noeud["sorte"], fiches, titres), format="html"))


def _page_context(app, pagename, templatename, context, doctree) -> None:
    if app.env.phare_formulaires.get(pagename):
        app.add_css_file("phare-formulaires.css")
        app.add_js_file("phare-formulaires.js", defer="defer")


def setup(app):
    app.setup_extension("phare.livre.module")
    stocker_par_page(app, "phare_formulaires")
    app.add_node(formulaire)
    app.add_directive("compte-rendu-seance", CompteRendu)
    app.add_directive("attestation-participation", Attestation)
    app.add_post_transform(RemplirFormulaires)
    app.connect("html-page-context", _page_context)
    servir_statique(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
