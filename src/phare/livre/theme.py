"""Phare's fixes to the Jupyter Book v1 theme (sphinx-book-theme 1.3 on pydata-sphinx-theme 0.17).

Why: a default Jupyter Book page weighs about 840 KB gzip (mostly the 1.5 MB `fontawesome.js`),
speaks English in places and fails several axe-core rules. This extension, listed in
`_config.yml` (`sphinx: extra_extensions`), works with the templates of `book/_gabarits/` and
the stylesheet `book/_ressources/phare.css`:

- theme options: French labels (also myst-nb's hidden-cell toggles), no theme switcher, no
  download/fullscreen buttons, accessible syntax colours, French footer;
- per page: drops the scripts the site does not use (Thebe, the search index outside the search
  page) and those the page does not need (design grids, copy buttons, toggles), names the
  sidebar's `<details>` toggles;
- DataFrame tables: an empty header cell (`<th></th>`, pandas' index corner) becomes `<td>`;
- search: the French index and the query are both stripped of accents (« donnee » finds
  « donnée »), with the same stemmer in Python and in the browser;
- after the build: charts (PNG in `_images/`) get a 256-colour palette, about 3 times lighter
  and the same to the eye; deletes what no page loads (Font Awesome, source maps, Thebe, translation
  catalogues) and strips the icon-font rules from the theme's stylesheet (icons are inline SVG
  masks in `phare.css`); Bootstrap's script is not loaded (`book/_gabarits/layout.html`): the one
  thing it did here, the « Haut de page » button, is `static/phare-haut-de-page.js`.
"""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from pathlib import Path

from docutils import nodes
from sphinx.search.fr import SearchFrench
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..interface import couleur, css_variables, libelle, libelles
from .statique import servir_statique

HAUT_DE_PAGE = "phare-haut-de-page.js"  # the « Haut de page » button, without bootstrap.js

OPTIONS_THEME = {
    "search_bar_text": libelle("theme.recherche_champ"),
    "toc_title": libelle("theme.sur_cette_page"),
    "pygments_light_style": "a11y-high-contrast-light",
    "pygments_dark_style": "a11y-high-contrast-dark",
    "use_download_button": False,
    "use_fullscreen_button": False,
    "search_as_you_type": False,
    # The top navbar only repeats the search button: the article header already has one.
    "navbar_start": [],
    "navbar_center": [],
    "navbar_end": [],
    "navbar_persistent": [],
    "primary_sidebar_end": [],
    "article_header_start": ["phare-bascule-navigation.html"],
    "article_header_end": ["phare-boutons-article.html"],
    "footer_content_items": ["phare-pied.html"],
}

# Static files no page loads once the templates and this extension have done their work.
FICHIERS_INUTILES = [
    "scripts/fontawesome.js",
    # Bootstrap's script: no tooltip, dropdown or Bootstrap dialog on the site; the « Haut de page »
    # button it drives is driven by phare-haut-de-page.js (the template no longer loads it).
    "scripts/bootstrap.js",
    "scripts/bootstrap.js.LICENSE.txt",
    "vendor/fontawesome",
    "sphinx-thebe.js",
    "sphinx-thebe.css",
    "webpack-macros.html",
    "sbt-webpack-macros.html",
    "locales",
    "images/logo_binder.svg",
    "images/logo_colab.png",
    "images/logo_deepnote.svg",
    "images/logo_jupyterhub.svg",
    "images/logo_jupyterlite.svg",
]
SCRIPTS_RETIRES = ("sphinx-thebe.js",)
# Files an extension adds to every page, needed only when the page has what they serve:
# marker in the page's body -> (stylesheets, scripts, inline-script markers).
SELON_LA_PAGE = {
    "sd-": (("sphinx-design.min.css",), ("design-tabs.js",), ()),
    "<pre": (("copybutton.css",), ("clipboard.min.js", "copybutton.js"), ()),
    "toggle": (("togglebutton.css",), ("togglebutton.js",), ("toggleHint", "toggleOpenOnPrint")),
}
STYLES_RETIRES = ("sphinx-thebe.css",)
CORPS_RETIRES = ("THEBE_JS_URL", "kernelName")


def sans_accents(mot: str) -> str:
    """« Donnée » -> « Donnee » : decompose (NFD) and drop the combining marks."""
    return "".join(c for c in unicodedata.normalize("NFD", mot) if not unicodedata.combining(c))


def _code_stemmer_js() -> str:
    """Sphinx's French stemmer, wrapped so that the browser strips accents as Python does."""
    import sphinx.search

    dossier = Path(sphinx.search.__file__).parent / "minified-js"
    base = (dossier / "base-stemmer.js").read_text(encoding="utf-8")
    francais = (dossier / "french-stemmer.js").read_text(encoding="utf-8")
    return (
        f"{base}\n{francais}\n"
        "Stemmer = function () {\n"
        "  const racine = new FrenchStemmer();\n"
        "  this.stemWord = (mot) =>\n"
        '    racine.stemWord(mot.normalize("NFD").replace(/[\\u0300-\\u036f]/g, ""));\n'
        "};\n"
    )


class RechercheFrancaise(SearchFrench):
    """French search without accents: the index terms and the query go through `sans_accents`."""

    js_stemmer_rawcode = ""  # the stemmer code is inlined in language_data.js instead

    def stem(self, word: str) -> str:
        return self.stemmer.stemWord(sans_accents(word.lower()))

    @property
    def js_stemmer_code(self) -> str:  # type: ignore[override]
        return _code_stemmer_js()


_TH_VIDE = re.compile(r"<th((?:\s[^>]*)?)>(?:\s|&nbsp;)*</th>")


class SortiesHtml(SphinxPostTransform):
    """HTML outputs of notebooks: an empty `<th>` (a DataFrame's corner) is a data cell, not an
    unnamed header. (Widgets are not this extension's business: see CONTRIBUTING, « Widgets ».)
    """

    default_priority = 400
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for brut in list(self.document.findall(nodes.raw)):
            if "html" not in brut.get("format", "").split():
                continue
            texte = brut.astext()
            if "<th" in texte:
                brut.children = [nodes.Text(_TH_VIDE.sub(r"<td\1></td>", texte))]


FEUILLE_COULEURS = "phare-couleurs.css"
# The site's icon (a lighthouse), drawn in the palette's colours. Without an icon, browsers ask
# for /favicon.ico (a 404 on every page).
ICONE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><title>Phare</title>'
    '<path fill="{primaire}" d="M13 9h6l2 20H11z"/><path fill="{lumiere}" d="M12 4h8v5h-8z"/>'
    '<path fill="{primaire}" d="M11 3h10v2H11zM9 29h14v2H9z"/>'
    '<path fill="{blanc}" d="M12.6 15h6.8l.3 3h-7.4zM12 21h8l.3 3h-8.6z"/></svg>'
)


def _dossier_genere(app) -> Path:
    """Files made from the palette, served as static files (beside the build, never in src/)."""
    dossier = Path(app.outdir).parent / "phare-genere"
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


def _ecrire_si_change(chemin: Path, texte: str) -> None:
    if not chemin.is_file() or chemin.read_text(encoding="utf-8") != texte:
        chemin.write_text(texte, encoding="utf-8")


# The legal notice's settings (`myst_substitutions` of _config.yml): an empty one stays visible.
MENTIONS_A_REMPLIR = ("editeur", "directeur_publication", "hebergeur")


def configurer(app, config) -> None:
    config.html_theme_options.update(OPTIONS_THEME)
    substitutions = dict(config.myst_substitutions or {})
    for cle in MENTIONS_A_REMPLIR:
        if not str(substitutions.get(cle) or "").strip():
            substitutions[cle] = f"**[{libelle('theme.a_completer')}]**"
    config.myst_substitutions = substitutions
    icone = _dossier_genere(app) / "phare-icone.svg"
    teintes = {nom: couleur(f"site.{nom}") for nom in ("primaire", "lumiere", "blanc")}
    _ecrire_si_change(icone, ICONE.format(**teintes))
    config.html_favicon = str(icone)
    # myst-nb's toggle of a hidden cell (tags hide-input, hide-output) says « Show code cell … ».
    if config.nb_code_prompt_show.startswith("Show code"):
        config.nb_code_prompt_show = libelle("theme.cellule_afficher")
        config.nb_code_prompt_hide = libelle("theme.cellule_masquer")
    # Light mode only: the contrast of every colour is checked in this mode (no theme switcher).
    # The templates read every label from the one table (`{{ libelles.theme.… }}`).
    config.html_context = {**config.html_context, "default_mode": "light", "libelles": libelles()}
    # The pages' prose names a button or a part by its label: {{ libelles.quiz.effacer }}.
    config.myst_substitutions = {**config.myst_substitutions, "libelles": libelles()}
    # Figures are not numbered: Jupyter Book counts them across the whole book (« Fig. 6 » on a
    # page's first figure), no page refers to one by its number, and numbering makes Sphinx load
    # every page's doctree at each build. `numfig: false` in _config.yml is overridden by Jupyter Book.
    config.numfig = False


def ecrire_couleurs(app) -> None:
    """The palette as the site's one `:root` block, served on every page before Phare's sheets."""
    dossier = _dossier_genere(app)
    texte = "/* Généré par phare.livre.theme depuis src/phare/interface/palette.toml. */\n" + css_variables()
    _ecrire_si_change(dossier / FEUILLE_COULEURS, texte)
    if str(dossier) not in app.config.html_static_path:
        app.config.html_static_path.append(str(dossier))
    app.add_css_file(FEUILLE_COULEURS, priority=200)


_SOMMAIRE = re.compile(r'<summary>(\s*<span class="toctree-toggle" role="presentation">)')


def _nom(fichier) -> str:
    return str(getattr(fichier, "filename", fichier) or "")


# The footer's links: the legal pages by their own titles (the accessibility one says its status).
PIED = (("book/mentions-legales", None), ("book/accessibilite", "theme.accessibilite"),
        ("book/ecoconception", None), ("book/donnees-personnelles", None))


def adapter_page(app, pagename, templatename, context, doctree) -> None:
    titres = app.env.titles
    context["phare_pied"] = [
        (page, libelle(cle) if cle else titres[page].astext()) for page, cle in PIED if page in titres
    ]
    corps = context.get("body") or ""
    scripts_retires, styles_retires, corps_retires = SCRIPTS_RETIRES, STYLES_RETIRES, CORPS_RETIRES
    for marque, (styles_, scripts_, corps_) in SELON_LA_PAGE.items():
        if marque not in corps and not (marque == "toggle" and "dropdown" in corps):
            styles_retires += styles_
            scripts_retires += scripts_
            corps_retires += corps_
    scripts = context.get("script_files", [])
    scripts[:] = [
        s
        for s in scripts
        if not _nom(s).endswith(scripts_retires)
        and not any(m in (getattr(s, "attributes", {}).get("body") or "") for m in corps_retires)
    ]
    styles = context.get("css_files", [])
    styles[:] = [c for c in styles if not _nom(c).endswith(styles_retires)]

    # pydata's sidebar toggles are `<summary>` with an icon only: give them a name.
    toctree = context.get("generate_toctree_html")
    if toctree is not None:

        def toctree_nomme(*args, **kwargs):
            html = str(toctree(*args, **kwargs))
            return _SOMMAIRE.sub(
                rf'<summary aria-label="{libelle("theme.basculer_sous_parties")}">\1', html
            )

        context["generate_toctree_html"] = toctree_nomme


_POLICES = re.compile(r"@font-face\{[^}]*\}")
_REGLE = re.compile(r"([^{}]+)\{([^{}]*)\}")
# `.fa`, `.fas`, `.fa-solid:before`… but not `.fade` (Bootstrap).
_SELECTEUR_FA = re.compile(r"\.fa(-[a-z0-9-]+|[bsr])?($|[:\s.>\[])")


def _sans_font_awesome(css: str) -> str:
    """Drop the icon font (@font-face) and the `.fa…` rules from the theme's stylesheet."""
    css = _POLICES.sub("", css)

    def garder(regle: re.Match) -> str:
        selecteurs = [s.strip() for s in regle.group(1).split(",")]
        if all(_SELECTEUR_FA.match(s) for s in selecteurs):
            return ""
        return regle.group(0)

    return _REGLE.sub(garder, css)


def alleger_png(fichier: Path) -> None:
    """A 256-colour palette (no dithering): charts have few colours, the file is about 3x smaller."""
    from PIL import Image

    with Image.open(fichier) as image:
        if image.mode == "P":
            return  # already a palette: done by a previous build
        palette = image.convert("RGBA").quantize(
            colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
        )
    tampon = io.BytesIO()
    palette.save(tampon, "PNG", optimize=True)
    if tampon.tell() < 0.9 * fichier.stat().st_size:
        fichier.write_bytes(tampon.getvalue())


def nettoyer_sortie(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for image in (Path(app.outdir) / "_images").glob("*.png"):
        alleger_png(image)
    statique = Path(app.outdir) / "_static"
    for relatif in FICHIERS_INUTILES:
        chemin = statique / relatif
        if chemin.is_dir():
            shutil.rmtree(chemin)
        elif chemin.exists():
            chemin.unlink()
    for dossier in sorted(statique.rglob("*"), reverse=True):  # folders left empty
        if dossier.is_dir() and not any(dossier.iterdir()):
            dossier.rmdir()
    for carte in statique.rglob("*.map"):
        carte.unlink()
    for fichier in [*statique.rglob("*.js"), *statique.rglob("*.css")]:
        texte = fichier.read_text(encoding="utf-8", errors="surrogateescape")
        nouveau = re.sub(r"\n?/[/*][#@] sourceMappingURL=[^\n]*", "", texte)
        if fichier.name == "pydata-sphinx-theme.css":
            nouveau = _sans_font_awesome(nouveau)
        if nouveau != texte:
            fichier.write_text(nouveau, encoding="utf-8", errors="surrogateescape")


def setup(app):
    servir_statique(app)
    app.add_js_file(HAUT_DE_PAGE, defer="defer")
    app.connect("config-inited", configurer, priority=900)
    app.connect("builder-inited", ecrire_couleurs)
    app.connect("html-page-context", adapter_page, priority=900)
    app.connect("build-finished", nettoyer_sortie)
    app.add_search_language(RechercheFrancaise)
    app.add_post_transform(SortiesHtml)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
