"""Bundled stylesheets and scripts (phare.livre.regroupement), on a tiny built site."""

from __future__ import annotations

import re

import pytest
from sphinx.errors import ExtensionError

from phare.construction import hors_ligne
from phare.livre import regroupement

PAGE = """<!DOCTYPE html>
<html lang="fr" data-content_root="../">
<head>
  <script>document.documentElement.dataset.mode = "light";</script>
  <link href="../_static/theme.css?digest=1" rel="stylesheet" />
  <link rel="stylesheet" type="text/css" href="../_static/extension-nouvelle.css?v=2" />
  <link media="print" rel="stylesheet" href="../_static/imprimer.css" />
  <link rel="stylesheet" href="https://ailleurs.example/x.css" />
  <script src="../_static/options.js"></script>
  <script defer="defer" src="../_static/plus-tard.js"></script>
  <script>OPTIONS.page = "a";</script>
  <script type="text/x-config">{"rien": 1}</script>
</head>
<body><p class="utile">Bonjour</p>
<script defer src="../_static/fin.js"></script>
</body></html>
"""


def _site(racine):
    site = racine / "_build" / "html"
    (site / "_static").mkdir(parents=True)
    (site / "book").mkdir()
    fichiers = {
        "theme.css": ":root{--utile:red;--inutile:blue;--lue:var(--aussi)}"
                     ".utile{color:var(--utile);border-color:var(--lue)}.jamais-sur-la-page{color:green}"
                     "@keyframes tourner{to{transform:rotate(1turn)}}@keyframes jamais{to{opacity:0}}"
                     ".utile:hover{animation:tourner 1s}.etat-js{color:blue}",
        "extension-nouvelle.css": "p{margin:0}marquee{margin:1px}",
        "imprimer.css": ".utile{color:black}",
        "options.js": "const OPTIONS = {SHOW_SEARCH_SUMMARY: true, page: ''};\n",
        "plus-tard.js": "window.ordre = (window.ordre || []).concat(['plus-tard:' + OPTIONS.page]);\n",
        "fin.js": "document.body.classList.add('etat-js');\n",
    }
    for nom, texte in fichiers.items():
        (site / "_static" / nom).write_text(texte, encoding="utf-8")
    (site / "book" / "a.html").write_text(PAGE, encoding="utf-8")
    return site


def _style(html):
    return re.search(r"<style data-phare-paquet[^>]*>(.*?)</style>", html, re.S).group(1)


def test_chaque_fichier_de_la_page_est_pris_sans_liste(tmp_path):
    site = _site(tmp_path)
    bilan = regroupement.regrouper(site)
    html = (site / "book" / "a.html").read_text(encoding="utf-8")
    assert bilan["pages"] == 1 and bilan["css"] == 1 and bilan["js"] == 1
    # No local stylesheet left: the rules are in the page, another site's link is left alone.
    liens = re.findall(r'<link[^>]*rel="stylesheet"[^>]*>', html)
    assert liens == ['<link rel="stylesheet" href="https://ailleurs.example/x.css" />']
    css = _style(html)
    assert "p{margin:0}" in css  # the file an extension added, though named nowhere here
    assert "@media print{.utile{color:black}}" in css
    # One deferred script for the page; the inline script that waited is typed to wait.
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts.count(f'<script type="{regroupement.DIFFERE}">') == 1
    assert len([s for s in scripts if "src=" in s]) == 1 and "defer" in [s for s in scripts if "src=" in s][0]
    assert '<script>document.documentElement.dataset.mode = "light";</script>' in html  # runs at once
    assert '<script type="text/x-config">' in html


def test_les_regles_inutiles_sont_retirees(tmp_path):
    site = _site(tmp_path)
    regroupement.regrouper(site)
    css = _style((site / "book" / "a.html").read_text(encoding="utf-8"))
    assert ".utile{" in css and ".jamais-sur-la-page" not in css and "marquee{" not in css
    assert "--utile:red" in css and "--lue:var(--aussi)" in css and "--inutile" not in css
    assert "@keyframes tourner" in css and "jamais" not in css
    assert ".etat-js" in css  # a class a script of the page adds


def test_les_scripts_gardent_l_ordre_du_navigateur(tmp_path):
    site = _site(tmp_path)
    regroupement.regrouper(site)
    html = (site / "book" / "a.html").read_text(encoding="utf-8")
    adresse = re.search(r'src="\.\./(_static/phare-paquet-[0-9a-f]+\.js)\?v=[0-9a-f]+"', html).group(1)
    code = (site / adresse).read_text(encoding="utf-8")
    # Blocking, then the inline script at its place, then the deferred ones in the page's order.
    positions = [code.index(m) for m in ("const OPTIONS", "PhareDiffere();", "plus-tard:", "etat-js")]
    assert positions == sorted(positions)
    assert code.startswith("window.PhareDiffere=")  # no file's "use strict" in the prologue


def test_une_feuille_changee_met_a_jour_les_pages_deja_regroupees(tmp_path):
    site = _site(tmp_path)
    regroupement.regrouper(site)
    (site / "_static" / "theme.css").write_text(".utile{color:purple}", encoding="utf-8")
    regroupement.regrouper(site)
    css = _style((site / "book" / "a.html").read_text(encoding="utf-8"))
    assert "purple" in css and "red" not in css


def test_deux_scripts_qui_declarent_le_meme_nom(tmp_path):
    site = _site(tmp_path)
    (site / "_static" / "plus-tard.js").write_text("const OPTIONS = 2;\n", encoding="utf-8")
    with pytest.raises(ExtensionError, match="OPTIONS"):
        regroupement.regrouper(site)


def test_la_copie_hors_ligne_adapte_aussi_les_scripts_regroupes(tmp_path):
    site = _site(tmp_path)
    regroupement.regrouper(site)
    fichiers = hors_ligne.fichiers_de_la_copie(site)
    paquet = next(v for k, v in fichiers.items() if k.startswith("_static/phare-paquet-"))
    assert b'SHOW_SEARCH_SUMMARY:location.protocol!=="file:",' in paquet


def test_un_script_d_en_tete_est_ecrit_dans_la_page_a_sa_place(tmp_path):
    """phare-libelles.js and phare-stockage.js must run before the first paint (the reading settings
    go on <html> before <body>): written into the page, blocking, never in the deferred bundle."""
    site = _site(tmp_path)
    (site / "_static" / "tete.js").write_text("window.tete = document.body === null;\n", encoding="utf-8")
    page = site / "book" / "a.html"
    page.write_text(PAGE.replace(
        '<script src="../_static/options.js"></script>',
        '<script data-phare-tete="oui" src="../_static/tete.js"></script>\n'
        '  <script src="../_static/options.js"></script>',
    ), encoding="utf-8")
    regroupement.regrouper(site)
    html = page.read_text(encoding="utf-8")
    tete = html.index("window.tete=document.body===null")
    assert tete < html.index("</head>") and "tete.js" not in html
    assert tete < html.index("<script defer src=")
    paquets = [f.read_text(encoding="utf-8") for f in (site / "_static").glob("phare-paquet-*.js")]
    assert paquets and not any("window.tete" in p for p in paquets)


def test_les_classes_de_l_imprimeur_gardent_leurs_regles():
    """impression.js builds the PDF sheets on the built pages: its classes are words of every page
    (without them, the print rules of `.phare-fiche…` were purged and the sheets lost their layout)."""
    mots = regroupement.Vocabulaire(regroupement.mots_de_l_imprimeur())
    assert all(c in mots for c in (
        "phare-fiche", "phare-fiche-corrige", "phare-fiche-grille", "phare-fiche-entete"))


def test_un_attribut_data_n_exige_que_sa_valeur():
    """A script names data-* attributes piece by piece ("data-phare-" + name): only the value counts."""
    css = 'html[data-phare-police="dyslexie"] body{font-family:x}'
    elements = regroupement.lire_css(css, "_static")
    assert "font-family" in regroupement.ecrire_css(elements, {"html", "body", "dyslexie"})


def test_un_nom_que_le_script_construit_garde_ses_regles():
    """The general rule: a selector is kept when its words are in the page or in a script the page
    loads; a script's word ending with « - » ("phare-quiz-" + etat) stands for every word it begins."""
    css = (".phare-quiz-juste{color:green}.phare-quiz-faux{color:red}.phare-autre{color:blue}"
           ".ab-x{color:pink}")
    elements = regroupement.lire_css(css, "_static")
    mots = regroupement.Vocabulaire(regroupement._mots('el.classList.add("phare-quiz-" + etat); i--; "ab-"'))
    garde = regroupement.ecrire_css(elements, mots)
    assert ".phare-quiz-juste{" in garde and ".phare-quiz-faux{" in garde
    assert ".phare-autre" not in garde
    assert ".ab-x" not in garde  # too short to stand for a family of names


def test_un_script_hors_du_paquet_compte_aussi(tmp_path):
    """A script the page loads by its own tag (async, or the search page's) is not bundled: its
    words count all the same for the rules of the page."""
    site = _site(tmp_path)
    (site / "_static" / "a-part.js").write_text("document.body.classList.add('jamais-sur-la-page');\n",
                                                encoding="utf-8")
    page = site / "book" / "a.html"
    page.write_text(PAGE.replace("</body>", '<script async src="../_static/a-part.js"></script></body>'),
                    encoding="utf-8")
    regroupement.regrouper(site)
    html = page.read_text(encoding="utf-8")
    assert '<script async src="../_static/a-part.js">' in html
    assert ".jamais-sur-la-page{" in _style(html)
