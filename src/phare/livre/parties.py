"""The required parts of a module page and of a facilitator sheet, as markup the tools key on.

A part is a heading whose words come from the one table of labels (`[parties]` of
`phare/interface/libelles.toml`), written with the role `{partie}`:

    ## {partie}`objectifs`
    ## {partie}`sans_ordinateur` : le tableau vivant

The heading shows the label of the part, followed by the rest of the heading; its section gets
the classes `phare-partie phare-partie-<clé>`, which the printer (`phare.construction.impression`)
and the launch box key on, never the heading's words. A facilitator sheet's title is written
`# {fiche}`<module>``: the label and the module's own title.

At the end of reading, every module page and every facilitator sheet is checked: each required
part is there, once, in the order of `PARTIES_REQUISES`. A missing, repeated or misplaced part
stops the build with a French message that names the file.

The exercises of an exercise notebook are marked the same way, from their code: the section that
holds a cell calling `verifier("identifiant", reponse)` gets `phare-exercice` (and the identifier),
and the identifier must exist in the exercise catalogue (`phare.verifier`).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from docutils import nodes
from sphinx.errors import SphinxError
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxRole

from ..interface import libelle, libelles
from .stockage import stocker_par_page

# Page kind -> its required parts, in order. Other sections may come between them.
PARTIES_REQUISES = {
    "module": ("objectifs", "retenir", "quiz", "sources"),
    "animation": (
        "public",
        "duree",
        "objectifs_atelier",
        "preparation",
        "materiel",
        "deroule",
        "variante_courte",
        "sans_ordinateur",
        "reponses",
        "en_ligne",
        "sans_reseau",
        "bilan",
        "adaptations",
        "difficultes",
        "vigilance",
    ),
}
CLASSE = "phare-partie"
CLASSE_EXERCICE = "phare-exercice"
_VERIFIER = re.compile(r"""verifier\(\s*["']([a-z0-9-]+)["']""")


class PartieInvalide(SphinxError):
    category = "Parties d'une page de module"


class partie_node(nodes.Inline, nodes.TextElement):
    """The words of a part's heading; its section is marked by `MarquerLesParties`."""


class PartieRole(SphinxRole):
    def run(self):
        cle = self.text.strip()
        table = libelles()["parties"]
        if cle not in table:
            source, ligne = self.get_source_info()
            raise PartieInvalide(
                f"{source}:{ligne} : partie inconnue « {cle} » ; parties connues : "
                f"{', '.join(sorted(table))} (src/phare/interface/libelles.toml, [parties])"
            )
        return [partie_node(table[cle], table[cle], cle=cle)], []


def titre_du_module(source: Path) -> str | None:
    """The title (first `# ` heading, after the front matter) of a module page."""
    texte = source.read_text(encoding="utf-8") if source.is_file() else ""
    if texte.startswith("---"):
        texte = texte[texte.find("\n---", 3) + 4:]
    for ligne in texte.splitlines():
        if ligne.startswith("# "):
            return ligne[2:].strip()
    return None


class FicheRole(SphinxRole):
    """`# {fiche}`lire-un-tableau``: the label `documents.titre_fiche` with the module's title read
    from its page (a module's name is written once, in its own page)."""

    def run(self):
        module = posixpath.normpath(posixpath.join(posixpath.dirname(self.env.docname), self.text.strip()))
        titre = titre_du_module(Path(self.env.doc2path(module)))
        if titre is None:
            source, ligne = self.get_source_info()
            raise PartieInvalide(f"{source}:{ligne} : module introuvable « {self.text} » (sa page, sans .md)")
        texte = libelle("documents.titre_fiche", module=titre)
        return [nodes.Text(texte)], []


class MarquerLesParties(SphinxTransform):
    """Give each part's section its classes, note the parts of the page, mark the exercises."""

    default_priority = 200

    def apply(self, **kwargs) -> None:
        env = self.env
        trouvees = []
        for noeud in list(self.document.findall(partie_node)):
            section = noeud.parent.parent if isinstance(noeud.parent, nodes.title) else None
            if not isinstance(section, nodes.section):
                source, ligne = noeud.source or env.docname, noeud.line or 0
                raise PartieInvalide(
                    f"{source}:{ligne} : {{partie}} s'écrit seul dans un titre (## {{partie}}`…`)"
                )
            section["classes"] += [CLASSE, f"{CLASSE}-{noeud['cle']}"]
            trouvees.append(noeud["cle"])
            noeud.replace_self(nodes.Text(noeud.astext()))
        env.phare_parties[env.docname] = trouvees
        env.phare_exercices_marques[env.docname] = self._marquer_exercices()

    def _marquer_exercices(self) -> list[str]:
        identifiants = []
        for bloc in self.document.findall(nodes.literal_block):
            # Only the code cells of a notebook (myst-nb: a container of class cell_input), not an
            # example written in a Markdown cell.
            if "cell_input" not in getattr(bloc.parent, "get", lambda *_: [])("classes", []):
                continue
            trouve = _VERIFIER.search(bloc.astext())
            section = next((a for a in _ancetres(bloc) if isinstance(a, nodes.section)), None)
            if trouve is None or section is None or "reponse" not in bloc.astext():
                continue
            if CLASSE_EXERCICE not in section["classes"]:
                section["classes"].append(CLASSE_EXERCICE)
            identifiants.append(trouve.group(1))
        return identifiants


def _ancetres(noeud):
    while noeud.parent is not None:
        noeud = noeud.parent
        yield noeud


def problemes(sorte: str, trouvees: list[str]) -> list[str]:
    """What is wrong with the parts of a page of this kind (an empty list when all is well)."""
    requises = PARTIES_REQUISES[sorte]
    titres = libelles()["parties"]
    erreurs = []
    for cle in requises:
        n = trouvees.count(cle)
        if n == 0:
            erreurs.append(f"la partie « {titres[cle]} » manque (écrivez ## {{partie}}`{cle}`)")
        elif n > 1:
            erreurs.append(f"la partie « {titres[cle]} » apparaît {n} fois")
    presentes = [c for c in trouvees if c in requises]
    if not erreurs and presentes != [c for c in requises if c in presentes]:
        ordre = " ; ".join(titres[c] for c in requises)
        erreurs.append(f"les parties ne sont pas dans l'ordre du gabarit ({ordre})")
    return erreurs


def _verifier(app, env) -> None:
    from phare.verifier.exercices import tous

    modules = getattr(env, "phare_modules", {})
    sortes = {page: "module" for page in modules}
    sortes.update({fiche["fiche_animation"]: "animation" for fiche in modules.values()})
    messages = []
    for page, sorte in sorted(sortes.items()):
        if page not in env.found_docs:
            continue
        for probleme in problemes(sorte, env.phare_parties.get(page, [])):
            messages.append(f"{env.doc2path(page, False)} : {probleme}")
    connus = tous()
    for page, identifiants in sorted(env.phare_exercices_marques.items()):
        for ident in identifiants:
            if ident not in connus:
                messages.append(
                    f"{env.doc2path(page, False)} : l'exercice « {ident} » n'existe pas dans le catalogue "
                    "(src/phare/verifier/exercices/)"
                )
    if messages:
        raise PartieInvalide(
            "\n  " + "\n  ".join(messages) + "\n  (le gabarit est décrit dans CONTRIBUTING.md)"
        )


def _html_visite(self, node):
    self.body.append(self.encode(node.astext()))
    raise nodes.SkipNode


def setup(app):
    app.setup_extension("phare.livre.module")  # which pages are modules and facilitator sheets
    stocker_par_page(app, "phare_parties")
    stocker_par_page(app, "phare_exercices_marques")
    visiteurs = (_html_visite, None)
    app.add_node(partie_node, html=visiteurs, latex=visiteurs, text=visiteurs)
    app.add_role("partie", PartieRole())
    app.add_role("fiche", FicheRole())
    app.add_transform(MarquerLesParties)
    app.connect("env-check-consistency", _verifier)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
