"""Fewer, smaller files for the first paint on a weak link: each page's stylesheets inlined and
purged, its scripts bundled into one deferred file, minified, after the build (issue 20, point 3).

Why: on slow 3G (400 kbit/s, 400 ms a round trip) the theme's 7 stylesheets and 7 scripts held
the first paint until about 3 s: each blocking file costs a round trip before anything shows.

What it does, once every page is written (`build-finished`, after `phare.livre.theme` has cleaned
the theme's files), on every page of the theme (`data-content_root`; not JupyterLite's `lite/`):

- it reads the page's own `<link rel="stylesheet">` and `<script src>` tags, whoever added them
  (the theme's templates, an extension, `html_css_files`): no list of files is typed here, a new
  one is taken as it comes;
- what the first screen needs is in the page: its stylesheets, in their order (a `media` kept as
  `@media`), become one `<style data-phare-paquet>`, minified with rcssmin, without the rules the
  page cannot use. A rule is kept when every class, id, tag and attribute of one of its
  selectors is a word of the page or of a script the page loads, bundled or not (a state a
  script sets: a class it adds, aria-expanded, a data-* setting…); a word a script ends with « - »
  (`"phare-fiche-" + sorte`) stands for every word it begins, since a script often builds a name
  piece by piece (see `Vocabulaire`); a custom property
  (--x) when something kept reads it; @keyframes and @font-face when a kept rule names them.
  tinycss2 reads the rules. No stylesheet is requested any more: nothing blocks the first paint;
- the rest waits: the page's scripts become one bundle `_static/phare-paquet-<clé>.js` (the key is
  the list of files: pages of the same kind share it, and a browser keeps it), minified with
  rjsmin, loaded with `defer`, and run in the order the browser would have run them: blocking
  and inline scripts first, in the page's order (an inline script after a bundled one waits,
  typed `text/x-phare-differe`, and the bundle runs it at its place), then the deferred ones;
- except a script added with the attribute `data-phare-tete` (phare-libelles.js, phare-stockage.js):
  it must run before the first paint (the reading settings go on <html>), so it is written into
  the page, minified, where its tag was, and still blocks as its author meant.

Each bundle's address carries its content's digest (`?v=`); a page written by an earlier build
(an incremental build does not rewrite it) gets its rules again when one of its sheets changed.
The original files stay in `_static/`: the bundles are made from them at each build.
"""

from __future__ import annotations

import functools
import hashlib
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from sphinx.errors import ExtensionError
from sphinx.util import logging

JOURNAL = logging.getLogger(__name__)

PREFIXE = "phare-paquet-"
REGISTRE = "phare-paquets.json"  # beside the built site: key -> files of each bundle
DIFFERE = "text/x-phare-differe"
_MOT = re.compile(r"[A-Za-z0-9_-]+")
_LIEN = re.compile(r"<link\b[^>]*>", re.I)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.I | re.S)
_ATTRIBUT = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'>]+)))?')
_STYLE_PAQUET = re.compile(r'<style data-phare-paquet="([0-9a-f]+)" data-v="([0-9a-f]*)">.*?</style>', re.S)
_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_RACINE = "\x00S\x00"  # stands for the way to _static/ in a bundle's url(), until it is written


def _attributs(texte: str) -> dict[str, str]:
    return {
        m.group(1).lower(): next((g for g in m.group(2, 3, 4) if g is not None), "")
        for m in _ATTRIBUT.finditer(texte)
    }


def _local(adresse: str, dossier_page: str) -> str | None:
    """`../_static/styles/x.css?v=1` from `book/a.html` -> `_static/styles/x.css` (relative to the
    site's root); None for another site, a data: address or a way out of the site."""
    if not adresse or re.match(r"^[a-z][a-z0-9+.-]*:|^/", adresse, re.I):
        return None
    chemin = posixpath.normpath(posixpath.join(dossier_page, adresse.split("?")[0].split("#")[0]))
    return None if chemin.startswith("..") else chemin


# --- CSS: rules, the words they need, purge and minification --------------------------------


@dataclass
class Regle:
    selecteurs: list[tuple[str, frozenset[str]]]
    declarations: list[tuple[str, str]]  # (name, « name:value »); a custom property: name « --x »


@dataclass
class Bloc:
    entete: str  # « @media print », « @supports (…) »…
    enfants: list = field(default_factory=list)
    impression: bool = False


@dataclass
class Brut:  # @font-face, @keyframes, @page…: kept as they are
    texte: str


class Vocabulaire:
    """The words a page offers its selectors: those of its HTML and of the scripts it loads.

    A script builds many names piece by piece (`"phare-fiche-" + sorte`, `"data-phare-" + nom`):
    a word that ends with « - », with at least three characters before it, stands for every word
    that begins with it. A rule that only a state set by a script can match is kept that way,
    without naming the state here: keeping a rule too many costs a few bytes, dropping one that
    a script needs breaks the page."""

    def __init__(self, mots) -> None:
        self.mots = frozenset(mots)
        self.prefixes = tuple(sorted(
            m for m in self.mots if m.endswith("-") and len(m.rstrip("-")) >= 3 and m[0].isalpha()))
        self._vus: dict[str, bool] = {}

    def __contains__(self, mot: str) -> bool:
        if mot in self.mots:
            return True
        if mot not in self._vus:
            self._vus[mot] = any(mot.startswith(p) for p in self.prefixes)
        return self._vus[mot]

    def __iter__(self):
        return iter(self.mots)

    def couvre(self, exiges) -> bool:
        return all(m in self for m in exiges)


def _vocabulaire(mots) -> Vocabulaire:
    return mots if isinstance(mots, Vocabulaire) else Vocabulaire(mots)


def _mots_du_selecteur(jetons) -> frozenset[str]:
    """The words a selector needs in a page: its classes, ids, tags and attributes (the insides of
    :not(), :is(), :has()… are not required: keeping too much is safe, dropping too much is not)."""
    mots, avant = set(), " "
    for jeton in jetons:
        genre = jeton.type
        if genre == "whitespace":
            avant = " "
        elif genre == "ident":
            if avant == ".":
                mots.add(jeton.value)
            elif avant in (" ", ">", "+", "~"):
                mots.add(jeton.lower_value)
            avant = "x"
        elif genre == "hash":
            mots.add(jeton.value)
            avant = "x"
        elif genre == "[] block":
            contenu = [j for j in jeton.content if j.type != "whitespace"]
            # A data-* attribute is often named by a script piece by piece (dataset, "data-phare-" +
            # name): only its value is required, never its name.
            if contenu and contenu[0].type == "ident":
                if not contenu[0].lower_value.startswith("data-"):
                    mots.add(contenu[0].lower_value)
                if len(contenu) >= 3 and contenu[1].type == "literal" and contenu[1].value == "=" \
                        and contenu[2].type in ("ident", "string"):
                    mots.update(_MOT.findall(contenu[2].value))
            avant = "x"
        elif genre == "literal":
            avant = jeton.value if jeton.value != ":" or avant != ":" else ":"
        else:  # a function (:not(…), :nth-child(…)) or anything else
            avant = "x"
    return frozenset(mots)


def _separer(prelude) -> list[list]:
    morceaux, courant = [], []
    for jeton in prelude:
        if jeton.type == "literal" and jeton.value == ",":
            morceaux.append(courant)
            courant = []
        else:
            courant.append(jeton)
    morceaux.append(courant)
    return morceaux


def _urls(texte: str, dossier: str) -> str:
    """url(…) relative to the stylesheet's folder -> relative to the site's root (data: and
    absolute addresses kept)."""

    def remplacer(m: re.Match) -> str:
        adresse = m.group(2).strip()
        if re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", adresse, re.I):
            return m.group(0)
        return f'url("{_RACINE}{posixpath.normpath(posixpath.join(dossier, adresse))}")'

    return _URL.sub(remplacer, texte)


def lire_css(texte: str, dossier: str = "") -> list:
    """A stylesheet as Regle / Bloc / Brut items (tinycss2), its url() made relative to _static/."""
    import tinycss2

    def lire(noeuds) -> list:
        elements = []
        for noeud in noeuds:
            if noeud.type == "qualified-rule":
                selecteurs = [
                    (tinycss2.serialize(s).strip(), _mots_du_selecteur(s)) for s in _separer(noeud.prelude)
                ]
                declarations = []
                for d in tinycss2.parse_blocks_contents(noeud.content, skip_comments=True,
                                                       skip_whitespace=True):
                    if d.type == "declaration":
                        valeur = _urls(tinycss2.serialize(d.value).strip(), dossier)
                        important = "!important" if d.important else ""
                        declarations.append((d.name if d.name.startswith("--") else d.lower_name,
                                             f"{d.name}:{valeur}{important}"))
                    elif d.type != "error":
                        declarations.append(("", _urls(tinycss2.serialize([d]).strip(), dossier)))
                elements.append(Regle([s for s in selecteurs if s[0]], declarations))
            elif noeud.type == "at-rule":
                nom = noeud.lower_at_keyword
                prelude = tinycss2.serialize(noeud.prelude).strip()
                if nom in ("media", "supports", "layer", "container") and noeud.content is not None:
                    enfants = lire(tinycss2.parse_blocks_contents(noeud.content, skip_comments=True,
                                                                  skip_whitespace=True))
                    requete = prelude.lower()
                    impression = nom == "media" and "print" in requete and "screen" not in requete \
                        and not requete.startswith("not")
                    elements.append(Bloc(f"@{nom} {prelude}", enfants, impression))
                elif nom == "charset":
                    continue
                else:
                    elements.append(Brut(_urls(tinycss2.serialize([noeud]).strip(), dossier)))
        return elements

    return lire(tinycss2.parse_stylesheet(texte, skip_comments=True, skip_whitespace=True))


_NOM_AT = re.compile(
    r"@(?:-webkit-)?keyframes\s+([\w-]+)|@font-face\s*\{[^}]*font-family\s*:\s*['\"]?([^;'\"}]+)")


_VAR = re.compile(r"var\(\s*(--[\w-]+)")


def _variables_utiles(elements: list, mots, ecran: bool) -> set[str]:
    """The custom properties (--x) that something kept reads: a declaration, another property
    read, the page or a script (a word « --x »)."""
    definies: dict[str, list[str]] = {}
    lues = {m for m in mots if m.startswith("--")}

    def parcourir(elements):
        for element in elements:
            if isinstance(element, Regle):
                if any(mots.couvre(exiges) for _, exiges in element.selecteurs):
                    for nom, texte in element.declarations:
                        if nom.startswith("--"):
                            definies.setdefault(nom, []).append(texte)
                        else:
                            lues.update(_VAR.findall(texte))
            elif isinstance(element, Bloc) and not (ecran and element.impression):
                parcourir(element.enfants)
            elif isinstance(element, Brut):
                lues.update(_VAR.findall(element.texte))

    parcourir(elements)
    a_voir = list(lues)
    while a_voir:
        for texte in definies.get(a_voir.pop(), []):
            for nom in _VAR.findall(texte):
                if nom not in lues:
                    lues.add(nom)
                    a_voir.append(nom)
    return lues


def ecrire_css(elements: list, mots, ecran: bool = False) -> str:
    """The rules whose selectors' words are all in `mots` (a set, or a `Vocabulaire`; `ecran`:
    without the print rules), and of their declarations the custom properties something reads;
    an animation (@keyframes) or a font (@font-face) only if a rule kept names it."""
    mots = _vocabulaire(mots)
    texte, bruts = _ecrire_css(elements, mots, ecran, [], _variables_utiles(elements, mots, ecran))
    gardes = []
    for brut in bruts:
        nom = _NOM_AT.match(brut)
        if nom is None or (nom.group(1) or nom.group(2) or "").strip() in texte:
            gardes.append(brut)
    return "".join(gardes) + texte


def _ecrire_css(elements: list, mots, ecran: bool, bruts: list, variables: set[str]) -> tuple[str, list]:
    sortie = []
    for element in elements:
        if isinstance(element, Regle):
            gardes = [texte for texte, exiges in element.selecteurs if mots.couvre(exiges)]
            corps = ";".join(
                t for nom, t in element.declarations if not nom.startswith("--") or nom in variables)
            if gardes and corps:
                sortie.append(",".join(gardes) + "{" + corps + "}")
        elif isinstance(element, Bloc):
            if ecran and element.impression:
                continue
            dedans, _ = _ecrire_css(element.enfants, mots, ecran, bruts, variables)
            if dedans:
                sortie.append(element.entete + "{" + dedans + "}")
        else:
            bruts.append(element.texte)
    return "".join(sortie), bruts


def minifier_css(texte: str) -> str:
    import rcssmin

    return rcssmin.cssmin(texte)


def minifier_js(texte: str) -> str:
    import rjsmin

    return rjsmin.jsmin(texte)


# --- Reading a page --------------------------------------------------------------------------


@dataclass
class Page:
    chemin: Path
    html: str
    vers_racine: str  # « ../../ », the way from the page to the site's root
    styles: list[tuple[str, str]]  # (file from the site's root, media)
    scripts: list[tuple[str, str]]  # ("f", file) and ("i", "") in the page's order, mode in the key
    cle_css: str = ""
    cle_js: str = ""


_TYPES_JS = ("", "text/javascript", "application/javascript")


def _vers_racine(html: str) -> str | None:
    m = re.search(r'data-content_root="([^"]*)"', html)
    return None if m is None else (m.group(1) or "./").removeprefix("./")


# The printer (phare.construction.impression) runs this script on the pages it prints as PDF: a
# script the page is given at print time, whose words count as those of the page's own scripts.
IMPRIMEUR = Path(__file__).resolve().parents[1] / "construction" / "impression.js"


def mots_de_l_imprimeur() -> set[str]:
    """The words of impression.js (the class of each kind of sheet, `"phare-fiche-" + sorte`, is
    kept by its prefix: see `Vocabulaire`)."""
    return _mots(IMPRIMEUR.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=256)
def _mots_du_fichier(fichier: Path, _date: float) -> frozenset[str]:
    return frozenset(_mots(fichier.read_text(encoding="utf-8", errors="replace")))


def mots_des_scripts(html: str, dossier: str, outdir: Path) -> set[str]:
    """The words of every local script the page still loads by its own tag (one left out of the
    bundle: async, read by its tag, or a page that keeps its scripts, like the search page)."""
    mots: set[str] = set()
    for m in _SCRIPT.finditer(html):
        fichier = _local(_attributs(m.group(1)).get("src", ""), dossier)
        if fichier is not None and fichier.endswith(".js") and (outdir / fichier).is_file():
            chemin = outdir / fichier
            mots |= _mots_du_fichier(chemin, chemin.stat().st_mtime)
    return mots


# The attribute of a script that runs before the first paint: written into each page, not bundled.
TETE = "data-phare-tete"


@functools.lru_cache(maxsize=16)
def _dans_la_page(fichier: Path) -> str:
    return minifier_js(fichier.read_text(encoding="utf-8")).strip()


def lire_page(chemin: Path, outdir: Path) -> tuple[Page | None, list]:
    """A page of the theme, its local stylesheets and scripts removed from the HTML (placeholders
    `\\x00C\\x00` and `\\x00J\\x00` where the bundles go); None for a page to leave as it is."""
    html = chemin.read_text(encoding="utf-8")
    vers = _vers_racine(html)
    if vers is None or PREFIXE in html:
        return None, []
    dossier = posixpath.dirname(chemin.relative_to(outdir).as_posix())
    styles: list[tuple[str, str]] = []

    def lien(m: re.Match) -> str:
        attributs = _attributs(m.group(0)[5:-1])
        rel = attributs.get("rel", "").lower().split()
        fichier = _local(attributs.get("href", ""), dossier)
        if fichier is None or posixpath.basename(fichier).startswith(PREFIXE):
            return m.group(0)
        if "stylesheet" in rel and not attributs.get("disabled") and fichier.endswith(".css"):
            premier = not styles
            styles.append((fichier, attributs.get("media", "all") or "all"))
            return "\x00C\x00" if premier else ""
        if "preload" in rel and attributs.get("as") in ("script", "style"):
            return ""
        return m.group(0)

    html = _LIEN.sub(lien, html)
    scripts: list[tuple[str, str]] = []
    inline: list[str] = []

    def script(m: re.Match) -> str:
        attributs = _attributs(m.group(1))
        genre = attributs.get("type", "").lower()
        if genre not in _TYPES_JS:
            return m.group(0)
        source = attributs.get("src")
        if source is None:
            if not scripts:  # before any bundled script: it runs where it is
                return m.group(0)
            scripts.append(("i", ""))
            inline.append(m.group(2))
            return f'<script type="{DIFFERE}">{m.group(2)}</script>'
        fichier = _local(source, dossier)
        if TETE in attributs and fichier is not None and fichier.endswith(".js"):
            return f"<script>{_dans_la_page(outdir / fichier)}</script>"
        autres = set(attributs) - {"src", "defer", "type", "charset"}
        if fichier is None or autres or not fichier.endswith(".js"):
            return m.group(0)  # async, or read by its own tag (document.currentScript): left as it is
        mode = "defer" if "defer" in attributs else "sync"
        premier = not scripts
        scripts.append((mode, fichier))
        return "\x00J\x00" if premier else ""

    avec_scripts = _SCRIPT.sub(script, html)
    if any(f and not f.startswith("_static/") for _, f in scripts):
        # A script of the page's own (the search page's searchindex.js): its scripts stay as they are.
        scripts, inline = [], []
    else:
        html = avec_scripts
    return Page(chemin, html, vers, styles, scripts), inline


def cle(elements: list) -> str:
    return hashlib.sha256(json.dumps(elements).encode()).hexdigest()[:10]


# --- The bundles -----------------------------------------------------------------------------

# Runs the next inline script that waited (type text/x-phare-differe) as the browser would have:
# a classic script in the global scope. Also the bundle's first statement: no file's "use strict"
# stands in the bundle's prologue.
LANCEUR = (
    "window.PhareDiffere=function(){var l=document.querySelectorAll('script[type=\"" + DIFFERE + "\"]'),"
    "i=PhareDiffere.n=(PhareDiffere.n||0)+1,s=l[i-1];if(!s)return;var e=document.createElement('script');"
    "e.text=s.textContent;document.head.appendChild(e)};\n"
)
_DECLARATION = re.compile(r"^(?:const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)


def paquet_js(racine: Path, scripts: list[tuple[str, str]]) -> str:
    """Blocking and inline scripts in the page's order, then the deferred ones, as one script."""
    ordre = [s for s in scripts if s[0] != "defer"] + [s for s in scripts if s[0] == "defer"]
    morceaux, declares = [LANCEUR], {}
    for mode, fichier in ordre:
        if mode == "i":
            morceaux.append("PhareDiffere();\n")
            continue
        code = (racine / fichier).read_text(encoding="utf-8")
        code = re.sub(r"\n?//[#@] sourceMappingURL=[^\n]*", "", code)
        for nom in _DECLARATION.findall(code):
            if nom in declares:
                raise ExtensionError(
                    f"Regroupement des scripts : « {nom} » est déclaré dans {declares[nom]} "
                    f"et dans {fichier}. "
                    "Réunis dans un seul fichier, ces deux scripts ne peuvent pas déclarer le même nom : "
                    "renommez-le, ou enfermez l'un des deux dans une fonction."
                )
            declares[nom] = fichier
        morceaux.append(minifier_js(code).strip() + "\n;\n")
    return "".join(morceaux)


def elements_css(racine: Path, styles: list[tuple[str, str]], cache: dict) -> list:
    elements = []
    for fichier, media in styles:
        if fichier not in cache:
            texte = (racine / fichier).read_text(encoding="utf-8", errors="surrogateescape")
            cache[fichier] = lire_css(texte, posixpath.dirname(fichier))
        lus = cache[fichier]
        if media.strip().lower() in ("", "all"):
            elements.extend(lus)
        else:
            requete = media.strip().lower()
            elements.append(Bloc(f"@media {media.strip()}", lus,
                                 "print" in requete and "screen" not in requete))
    return elements


def _empreinte(texte: str) -> str:
    return hashlib.sha256(texte.encode("utf-8")).hexdigest()[:10]


def _mots(texte: str) -> set[str]:
    return set(_MOT.findall(texte))


def regrouper(outdir: Path) -> dict:
    """Bundle every page of the built site in `outdir`; returns a summary (pages, bundles)."""
    statique = outdir / "_static"
    registre_chemin = outdir.parent / REGISTRE
    try:
        registre = json.loads(registre_chemin.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        registre = {"css": {}, "js": {}}
    pages_html = [
        p for p in sorted(outdir.rglob("*.html"))
        if p.relative_to(outdir).parts[0] not in ("lite", "_static", "_images", "_downloads")
    ]
    nouvelles: list[Page] = []
    anciennes: dict[Path, str] = {}
    for chemin in pages_html:
        page, _ = lire_page(chemin, outdir)
        if page is None:
            texte = chemin.read_text(encoding="utf-8")
            if PREFIXE in texte:
                anciennes[chemin] = texte
            continue
        page.cle_css = cle(page.styles) if page.styles else ""
        page.cle_js = cle(page.scripts) if page.scripts else ""
        if page.cle_css:
            registre["css"][page.cle_css] = page.styles
        if page.cle_js:
            registre["js"][page.cle_js] = page.scripts
        nouvelles.append(page)

    # From the current files (a file gone since an earlier build: its bundle is dropped).
    def present(fichiers) -> bool:
        return all(f == "" or (outdir / f).is_file() for f in fichiers)

    registre["css"] = {k: v for k, v in registre["css"].items() if present([f for f, _ in v])}
    registre["js"] = {k: v for k, v in registre["js"].items() if present([f for _, f in v])}
    codes_js = {k: paquet_js(outdir, v) for k, v in registre["js"].items()}
    versions = {k: _empreinte(code) for k, code in codes_js.items()}
    for k, code in codes_js.items():
        _ecrire(statique / f"{PREFIXE}{k}.js", code)
    cache: dict = {}

    # Parsed the first time a page needs it: a rebuild without change needs none, and parsing the
    # sheets was a third of its time.
    @functools.cache
    def feuille(k: str):
        return elements_css(outdir, registre["css"][k], cache)

    for k, styles in registre["css"].items():
        versions[k] = _empreinte("".join((outdir / f).read_text(encoding="utf-8", errors="replace")
                                         for f, _ in styles))
    imprimeur = mots_de_l_imprimeur()
    mots_js = {k: _mots(code) | imprimeur for k, code in codes_js.items()}

    def style(k: str, html: str, cle_js: str, vers: str, dossier: str) -> str:
        # The page, its bundle, the scripts it loads by their own tag, the printer's script.
        mots = _mots(html) | mots_js.get(cle_js, imprimeur) | mots_des_scripts(html, dossier, outdir)
        css = minifier_css(ecrire_css(feuille(k), Vocabulaire(mots))).replace(_RACINE, vers)
        return f'<style data-phare-paquet="{k}" data-v="{versions[k]}">{css}</style>'

    ecrites = 0
    for page in nouvelles:
        html = page.html
        if page.cle_css:
            dossier = posixpath.dirname(page.chemin.relative_to(outdir).as_posix())
            html = html.replace("\x00C\x00", style(page.cle_css, html, page.cle_js, page.vers_racine,
                                                    dossier), 1)
        if page.cle_js:
            adresse = f"{page.vers_racine}_static/{PREFIXE}{page.cle_js}.js?v={versions[page.cle_js]}"
            html = html.replace("\x00J\x00", f'<script defer src="{adresse}"></script>', 1)
        ecrites += _ecrire(page.chemin, html)

    # Pages bundled by an earlier build: new digests, and their rules again when a sheet changed.
    for chemin, html in anciennes.items():
        nouveau = _STYLE_PAQUET.sub(functools.partial(
            _a_jour, html=html, feuilles=registre["css"], versions=versions, style=style,
            dossier=posixpath.dirname(chemin.relative_to(outdir).as_posix())), html)
        nouveau = re.sub(rf"({PREFIXE}([0-9a-f]+)\.js)\?v=[0-9a-f]*",
                         lambda m: f"{m.group(1)}?v={versions.get(m.group(2), '')}", nouveau)
        ecrites += _ecrire(chemin, nouveau)
    registre_chemin.write_text(json.dumps(registre, indent=1), encoding="utf-8")
    return {"pages": len(nouvelles), "reecrites": ecrites, "css": len(registre["css"]), "js": len(codes_js)}


def _a_jour(m: re.Match, html: str, feuilles: dict, versions: dict, style, dossier: str) -> str:
    k = m.group(1)
    if k not in feuilles or versions[k] == m.group(2):
        return m.group(0)
    script = re.search(rf"{PREFIXE}([0-9a-f]+)\.js", html)
    sans = _STYLE_PAQUET.sub("", html)
    return style(k, sans, script.group(1) if script else "", _vers_racine(html) or "", dossier)


def _ecrire(chemin: Path, texte: str) -> int:
    if chemin.is_file() and chemin.read_text(encoding="utf-8") == texte:
        return 0
    chemin.write_text(texte, encoding="utf-8")
    return 1


def apres_construction(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    bilan = regrouper(Path(app.outdir))
    JOURNAL.info(
        f"Regroupement : {bilan['pages']} pages, {bilan['css']} feuilles et {bilan['js']} scripts regroupés."
    )


def setup(app):
    # After phare.livre.theme's cleaning (priority 500): the bundles read the cleaned files.
    app.connect("build-finished", apres_construction, priority=800)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
