"""La fiche d'identité des modules : lue dans le front matter `phare:`, validée, affichée.

Un module est une page dont le front matter contient une clé `phare:` (voir « Gabarit d'un
module » dans CONTRIBUTING.md). Cette extension :
- valide la fiche (un champ manquant ou invalide arrête la construction avec un message en
  français qui nomme la page et le champ) ;
- affiche en haut du module l'encadré « Fiche d'identité », pour ne pas l'écrire deux fois ;
- range les fiches validées dans `env.phare_modules` (nom de page -> dictionnaire), que d'autres
  extensions (pages pour les publics, PDF) peuvent lire.

`lire_fiche(chemin)` et `valider(fiche, page)` servent aussi hors de Sphinx (tests, outils).
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.errors import SphinxError

from ..interface import libelle, libelles
from .statique import servir_statique
from .stockage import stocker_par_page

# Les 16 compétences du cadre de référence des compétences numériques (CRCN), intitulés
# officiels repris par Pix (décret n° 2019-919 du 30 août 2019).
COMPETENCES_CRCN = {
    "1.1": "Mener une recherche et une veille d'information",
    "1.2": "Gérer des données",
    "1.3": "Traiter des données",
    "2.1": "Interagir",
    "2.2": "Partager et publier",
    "2.3": "Collaborer",
    "2.4": "S'insérer dans le monde numérique",
    "3.1": "Développer des documents textuels",
    "3.2": "Développer des documents multimédia",
    "3.3": "Adapter les documents à leur finalité",
    "3.4": "Programmer",
    "4.1": "Sécuriser l'environnement numérique",
    "4.2": "Protéger les données personnelles et la vie privée",
    "4.3": "Protéger la santé, le bien-être et l'environnement",
    "5.1": "Résoudre des problèmes techniques",
    "5.2": "Construire un environnement numérique",
}
# Les sept thèmes du programme de sciences numériques et technologie (SNT), seconde.
THEMES_SNT = (
    "Internet",
    "Le Web",
    "Les réseaux sociaux",
    "Les données structurées et leur traitement",
    "Localisation, cartographie et mobilité",
    "Informatique embarquée et objets connectés",
    "La photographie numérique",
)
PARCOURS = tuple(libelles()["parcours"])  # the parcours and their names: libelles.toml, [parcours]
NIVEAUX = ("découverte", "initiation", "approfondissement")
PUBLICS = ("grand public", "collège", "lycée", "enseignement supérieur", "formation d'adultes")
_DUREE = re.compile(r"^(\d+ min|\d+ h|\d+ h \d{2})$")

CHAMPS_OBLIGATOIRES = (
    "parcours",
    "ordre",
    "duree_autonomie",
    "duree_atelier",
    "niveau",
    "publics",
    "taille_groupe",
    "materiel",
    "prerequis",
    "competences_crcn",
    "jeux_de_donnees",
    "fiche_animation",
    "resume",
    "activite",
)
CHAMPS_FACULTATIFS = ("theme_snt",)


class FicheModuleInvalide(SphinxError):
    category = "Fiche d'identité de module invalide"


def lire_fiche(chemin: Path) -> dict | None:
    """La mapping `phare:` du front matter YAML de la page, ou None si la page n'en a pas."""
    texte = Path(chemin).read_text(encoding="utf-8")
    if not texte.startswith("---"):
        return None
    fin = texte.find("\n---", 3)
    if fin < 0:
        return None
    entete = yaml.safe_load(texte[3:fin]) or {}
    return entete.get("phare") if isinstance(entete, dict) else None


def _apostrophes(texte: str) -> str:
    return texte.replace("\u2019", "'")


def _liste_de_textes(fiche: dict, champ: str, vide_permis: bool = False) -> list[str]:
    valeur = fiche.get(champ)
    if not isinstance(valeur, list) or not all(isinstance(v, str) and v.strip() for v in valeur):
        return [f"« {champ} » doit être une liste de textes (par exemple [a, b])"]
    if not valeur and not vide_permis:
        return [f"« {champ} » ne doit pas être vide"]
    return []


def valider(fiche, page: str) -> list[str]:
    """Les problèmes de la fiche, en français (liste vide si elle est valide)."""
    if not isinstance(fiche, dict):
        return ["la clé « phare: » doit contenir une table de champs (nom: valeur)"]
    problemes = [f"le champ « {c} » manque" for c in CHAMPS_OBLIGATOIRES if c not in fiche]
    inconnus = sorted(set(fiche) - set(CHAMPS_OBLIGATOIRES) - set(CHAMPS_FACULTATIFS))
    problemes += [f"le champ « {c} » est inconnu (faute de frappe ?)" for c in inconnus]
    if "parcours" in fiche and fiche["parcours"] not in PARCOURS:
        problemes.append(f"« parcours » vaut {fiche['parcours']!r} ; valeurs permises : {PARCOURS}")
    if "ordre" in fiche and not (isinstance(fiche["ordre"], int) and fiche["ordre"] >= 1):
        problemes.append("« ordre » doit être un entier à partir de 1 (rang dans le parcours)")
    for champ in ("duree_autonomie", "duree_atelier"):
        if champ in fiche and not _DUREE.match(str(fiche[champ])):
            problemes.append(f"« {champ} » vaut {fiche[champ]!r} ; écrivez « 45 min », « 2 h » ou « 1 h 30 »")
    if "niveau" in fiche and fiche["niveau"] not in NIVEAUX:
        problemes.append(f"« niveau » vaut {fiche['niveau']!r} ; valeurs permises : {NIVEAUX}")
    if "publics" in fiche:
        problemes += _liste_de_textes(fiche, "publics")
        autres = [p for p in fiche["publics"] or [] if p not in PUBLICS]
        if isinstance(fiche["publics"], list) and autres:
            problemes.append(f"« publics » contient {autres} ; valeurs permises : {PUBLICS}")
    if "taille_groupe" in fiche:
        taille = fiche["taille_groupe"]
        if not (
            isinstance(taille, dict)
            and isinstance(taille.get("min"), int)
            and isinstance(taille.get("max"), int)
            and 1 <= taille["min"] <= taille["max"]
        ):
            problemes.append("« taille_groupe » doit s'écrire {min: 6, max: 12}")
    if "materiel" in fiche:
        problemes += _liste_de_textes(fiche, "materiel")
    if "prerequis" in fiche:
        problemes += _liste_de_textes(fiche, "prerequis", vide_permis=True)
    if "jeux_de_donnees" in fiche:
        problemes += _liste_de_textes(fiche, "jeux_de_donnees")
    if "competences_crcn" in fiche:
        problemes += _valider_crcn(fiche["competences_crcn"])
    if fiche.get("theme_snt") is not None and fiche["theme_snt"] not in THEMES_SNT:
        problemes.append(f"« theme_snt » vaut {fiche['theme_snt']!r} ; valeurs permises : {THEMES_SNT}")
    for champ in ("resume", "activite"):
        if champ in fiche and not (isinstance(fiche[champ], str) and fiche[champ].strip()):
            problemes.append(f"« {champ} » doit être une phrase courte (le texte des listes du parcours)")
    if "fiche_animation" in fiche and not (
        isinstance(fiche["fiche_animation"], str) and fiche["fiche_animation"].strip()
    ):
        problemes.append("« fiche_animation » doit être le nom de la page de la fiche d'animation")
    return [f"{page} : {p}" for p in problemes]


def _valider_crcn(competences) -> list[str]:
    if not isinstance(competences, list) or not competences:
        return ["« competences_crcn » doit être une liste non vide de {code, intitule}"]
    problemes = []
    for comp in competences:
        if not isinstance(comp, dict) or set(comp) != {"code", "intitule"}:
            problemes.append(f'« competences_crcn » : {comp!r} doit s\'écrire {{code: "1.2", intitule: ...}}')
            continue
        code = str(comp["code"])
        officiel = COMPETENCES_CRCN.get(code)
        if officiel is None:
            problemes.append(f"« competences_crcn » : le code {code!r} n'existe pas dans le CRCN")
        elif _apostrophes(str(comp["intitule"])) != officiel:
            problemes.append(
                f"« competences_crcn » : l'intitulé officiel de {code} est « {officiel} », "
                f"pas « {comp['intitule']} »"
            )
    return problemes


# --- Sphinx ----------------------------------------------------------------------------


def _lire_et_valider(app, docname: str) -> dict | None:
    chemin = Path(app.env.doc2path(docname))
    fiche = lire_fiche(chemin)
    if fiche is None:
        return None
    page = chemin.relative_to(app.srcdir).as_posix() if chemin.is_relative_to(app.srcdir) else str(chemin)
    problemes = valider(fiche, page)
    if problemes:
        raise FicheModuleInvalide(
            "\n  " + "\n  ".join(problemes) + "\n  (le gabarit est décrit dans CONTRIBUTING.md, "
            "section « Gabarit d'un module »)"
        )
    fiche = dict(fiche)
    fiche["fiche_animation"] = posixpath.normpath(
        posixpath.join(posixpath.dirname(docname), fiche["fiche_animation"])
    )
    return fiche


def _element(terme: str, *contenu: nodes.Node) -> nodes.definition_list_item:
    definition = nodes.definition("", nodes.paragraph("", "", *contenu))
    return nodes.definition_list_item("", nodes.term("", terme), definition)


def _texte(valeur: str) -> nodes.Text:
    return nodes.Text(valeur)


# Page du catalogue des données (générée par phare.livre.catalogue) d'un jeu, quand elle existe.
PAGE_CATALOGUE = "book/catalogue/jeux/{nom}"


def _lien_doc(cible: str, texte: nodes.Node, docname: str) -> addnodes.pending_xref:
    return addnodes.pending_xref(
        "", texte, refdomain="std", reftype="doc", reftarget="/" + cible, refexplicit=True, refdoc=docname
    )


def encadre(fiche: dict, docname: str, pages: frozenset = frozenset()) -> nodes.container:
    """L'encadré de la fiche d'identité, construit à partir de la fiche validée.

    `pages` : les pages du livre, pour relier chaque jeu de données à sa page du catalogue.
    """
    taille = fiche["taille_groupe"]
    crcn = "\u00a0; ".join(
        f"{c['code']}\u00a0«\u00a0{_apostrophes(c['intitule'])}\u00a0»" for c in fiche["competences_crcn"]
    )
    texte_lien = nodes.inline("", libelle("fiche_identite.lien_fiche"))
    lien = _lien_doc(fiche["fiche_animation"], texte_lien, docname)
    donnees = []
    for i, nom in enumerate(fiche["jeux_de_donnees"]):
        if i:
            donnees.append(_texte(", "))
        page = PAGE_CATALOGUE.format(nom=nom)
        code = nodes.literal("", nom)
        donnees.append(_lien_doc(page, code, docname) if page in pages else code)
    L = "fiche_identite."
    duree = libelle(L + "duree_valeur", autonomie=fiche["duree_autonomie"], atelier=fiche["duree_atelier"])
    prerequis = "\u00a0; ".join(fiche["prerequis"]) or libelle(L + "aucun")
    elements = [
        _element(libelle(L + "duree"), _texte(duree)),
        _element(libelle(L + "niveau"), _texte(fiche["niveau"])),
        _element(libelle(L + "publics"), _texte(", ".join(fiche["publics"]))),
        _element(libelle(L + "prerequis"), _texte(prerequis)),
        _element(libelle(L + "crcn"), _texte(crcn)),
    ]
    if fiche.get("theme_snt"):
        snt = libelle(L + "snt_valeur", theme=fiche["theme_snt"])
        elements.append(_element(libelle(L + "snt"), _texte(snt)))
    elements += [
        _element(libelle(L + "donnees"), *donnees),
        _element(
            libelle(L + "atelier"),
            _texte(libelle(L + "atelier_valeur", min=taille["min"], max=taille["max"])),
            lien,
        ),
    ]
    titre = nodes.paragraph("", "", nodes.strong("", libelle(L + "titre")))
    titre["classes"].append("phare-fiche-identite-titre")
    return nodes.container("", titre, nodes.definition_list("", *elements), classes=["phare-fiche-identite"])


def _doctree_read(app, doctree) -> None:
    docname = app.env.docname
    fiche = _lire_et_valider(app, docname)
    if fiche is None:
        return
    app.env.phare_modules[docname] = fiche
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        raise FicheModuleInvalide(f"{docname} : un module doit commencer par un titre « # … »")
    section.insert(1, encadre(fiche, docname, frozenset(app.env.found_docs)))


def _jeux_connus() -> set[str]:
    from phare.donnees import catalogue  # import tardif : pandas n'est utile qu'ici

    return set(catalogue()["nom"])


def _verifier(app, env) -> None:
    connus = _jeux_connus() if env.phare_modules else set()
    for docname, fiche in sorted(env.phare_modules.items()):
        inconnus = sorted(set(fiche["jeux_de_donnees"]) - connus)
        if inconnus:
            raise FicheModuleInvalide(
                f"{env.doc2path(docname, False)} : « jeux_de_donnees » cite {inconnus}, "
                f"absents du catalogue (phare.donnees.catalogue()) : {sorted(connus)}"
            )
        if fiche["fiche_animation"] not in env.found_docs:
            raise FicheModuleInvalide(
                f"{env.doc2path(docname, False)} : « fiche_animation » pointe vers "
                f"« {fiche['fiche_animation']} », page introuvable (ajoutez-la à _toc.yml)"
            )


def _css_module(app, pagename, templatename, context, doctree) -> None:
    modules = getattr(app.env, "phare_modules", {})
    fiches = {fiche["fiche_animation"] for fiche in modules.values()}
    if pagename in modules or pagename in fiches:
        app.add_css_file("phare-module.css")


def setup(app):
    stocker_par_page(app, "phare_modules")
    app.connect("doctree-read", _doctree_read)
    app.connect("env-check-consistency", _verifier)
    app.connect("html-page-context", _css_module)
    servir_statique(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
