"""The pure functions of the theme extension (the browser suite checks the built site itself)."""

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from phare.livre import theme


def test_sans_accents_rapproche_les_graphies():
    assert theme.sans_accents("Donnée") == "Donnee"
    assert theme.sans_accents("à l'échelle, façon") == "a l'echelle, facon"


def test_la_recherche_francaise_ignore_les_accents():
    langue = theme.RechercheFrancaise({})
    assert langue.stem("donnée") == langue.stem("donnee") == langue.stem("DONNÉE")
    assert "Stemmer = function" in langue.js_stemmer_code
    assert 'normalize("NFD")' in langue.js_stemmer_code


def _document_avec(html: str):
    document = new_document("essai", get_default_settings(Parser))
    document += nodes.raw("", html, format="html")
    return document


def _appliquer(document) -> str:
    transformation = theme.SortiesHtml(document)
    transformation.run()
    return "".join(n.astext() for n in document.findall(nodes.raw))


def test_le_coin_vide_d_un_dataframe_devient_une_cellule():
    html = '<table class="dataframe"><thead><tr><th></th><th>nom</th></tr>'
    html += '<tr><th class="blank level0" >&nbsp;</th><th>x</th></tr></thead></table>'
    sortie = _appliquer(_document_avec(html))
    assert "<th></th>" not in sortie and "&nbsp;</th>" not in sortie
    assert "<td></td>" in sortie and '<td class="blank level0" ></td>' in sortie
    assert "<th>nom</th>" in sortie


def test_la_feuille_du_theme_perd_font_awesome_mais_garde_le_reste():
    css = (
        "@font-face{font-family:Font Awesome;src:url(a.woff2)}"
        ".fade{transition:opacity .15s linear}"
        ".fa,.fa-solid,.fas{display:inline-block}"
        ".fa-bars:before{content:\"\\f0c9\"}"
        ".btn{color:red}"
        "@media (min-width:1px){.fa-lg{font-size:2em}.nav{margin:0}}"
    )
    sortie = theme._sans_font_awesome(css)
    assert "@font-face" not in sortie and "fa-bars" not in sortie and ".fa-lg" not in sortie
    assert ".fade{" in sortie and ".btn{color:red}" in sortie and ".nav{margin:0}" in sortie


def test_un_graphique_png_passe_en_palette(tmp_path):
    """A chart with antialiased curves (many colours in RGBA) becomes a palette PNG, much lighter."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PIL import Image

    fig, ax = plt.subplots(figsize=(6, 3), dpi=100)
    for i in range(4):
        ax.plot(range(200), [((x * (i + 3)) % 37) + 10 * i for x in range(200)], linewidth=1.5)
    fichier = tmp_path / "courbe.png"
    fig.savefig(fichier)
    plt.close(fig)
    avant = fichier.stat().st_size
    theme.alleger_png(fichier)
    with Image.open(fichier) as resultat:
        assert resultat.size == (600, 300)
        assert resultat.mode == "P", "le graphique n'est pas passé en palette"
    assert fichier.stat().st_size < 0.8 * avant, (avant, fichier.stat().st_size)
    theme.alleger_png(fichier)  # a second build leaves it alone
    assert fichier.stat().st_size < 0.8 * avant


def test_les_tests_attendent_le_theme_aussi_longtemps_qu_il_attend():
    """outils.pages.redimensionner waits as long as the theme's debounced resize handler, which
    gives tabindex="0" to the boxes that scroll: a new theme with another delay must be seen here."""
    from pathlib import Path

    import pydata_sphinx_theme
    from outils.pages import DELAI_DU_THEME_MS

    script = Path(pydata_sphinx_theme.__file__).parent / "assets" / "scripts" / "pydata-sphinx-theme.js"
    assert f"debounce(updateTabStops, {DELAI_DU_THEME_MS})" in script.read_text(encoding="utf-8")
