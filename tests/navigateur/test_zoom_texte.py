"""Text-only zoom at 200 % (WCAG 1.4.4 « Redimensionnement du texte »), in Chromium.

The browser's default font size is doubled (16 px -> 32 px, CDP `Page.setFontSizes`, what a
reader's « taille de police » setting does), not the page zoom: only the text grows, the window
stays 1280 px wide. On one page of each kind (home, module, facilitator sheet, catalogue, glossary):
the text really is twice as large, the page does not scroll sideways, and no text container
(paragraph, list item, title, button, label…) is cut: its content fits its box
(`scrollWidth <= clientWidth`) and stays inside the window. Code and wide tables scroll in their
own box (WCAG allows it) and are left out.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.navigateur

LARGEUR = 1280
PAGES = [
    "book/index.html",  # accueil
    "book/comprendre/mes-donnees-mes-droits.html",  # module
    "book/comprendre/mes-donnees-mes-droits-fiche-animation.html",  # fiche d'animation
    "book/catalogue/index.html",  # catalogue des données
    "book/lexique.html",  # lexique
]

JS_TAILLE = "() => parseFloat(getComputedStyle(document.querySelector('.bd-article p')).fontSize)"

JS_COUPES = """
(largeur) => {
  const selecteur = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, label, legend, summary, button, '
    + 'figcaption, caption, blockquote, .admonition-title, .navbar-brand, .bd-links a, .toc-entry a';
  const horsBoite = 'pre, .highlight, .pst-scrollable-table-container, .cell_output, .output, '
    + 'table, .visually-hidden, .sr-only, [hidden], mjx-container';
  const coupes = [];
  for (const el of document.querySelectorAll(selecteur)) {
    if (el.closest(horsBoite)) continue;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
    const classes = el.className ? '.' + String(el.className).split(' ').join('.') : '';
    const nom = el.tagName.toLowerCase() + classes + ' « ' + el.textContent.trim().slice(0, 50) + ' »';
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      coupes.push(`${nom} : contenu ${el.scrollWidth} px dans une boîte de ${el.clientWidth} px`);
    } else if (r.right > largeur + 1 && !el.closest('.bd-sidebar-primary:not(.show)')) {
      coupes.push(`${nom} : sort de la fenêtre (bord droit à ${Math.round(r.right)} px)`);
    }
    const coupe = ['hidden', 'clip'];
    if (el.clientHeight > 0 && (coupe.includes(style.overflowY) || coupe.includes(style.overflowX))
        && el.scrollHeight > el.clientHeight + 1) {
      coupes.push(`${nom} : coupé en hauteur (${el.scrollHeight} px dans ${el.clientHeight} px)`);
    }
  }
  // A title must not break in the middle of a word (overflow-wrap does it when a word is too wide).
  for (const titre of document.querySelectorAll('.bd-article h1, .bd-article h2, .bd-article h3')) {
    const marcheur = document.createTreeWalker(titre, NodeFilter.SHOW_TEXT);
    for (let noeud = marcheur.nextNode(); noeud; noeud = marcheur.nextNode()) {
      for (const mot of noeud.textContent.matchAll(/[^\\s\\u00a0\\u2010-]+/g)) {
        const intervalle = document.createRange();
        intervalle.setStart(noeud, mot.index);
        intervalle.setEnd(noeud, mot.index + mot[0].length);
        const lignes = new Set([...intervalle.getClientRects()].map((r) => Math.round(r.top)));
        const balise = titre.tagName.toLowerCase();
        if (lignes.size > 1) coupes.push(`${balise} : mot « ${mot[0]} » coupé en deux lignes`);
      }
    }
  }
  return coupes;
}
"""


def agrandir_le_texte(page, facteur: float = 2.0) -> None:
    """Double the browser's default font sizes: the reader's text-only zoom, not the page zoom."""
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Page.setFontSizes", {"fontSizes": {"standard": round(16 * facteur), "fixed": round(13 * facteur)}}
    )
    page.wait_for_timeout(200)


@pytest.mark.parametrize("chemin", PAGES)
def test_texte_agrandi_a_200_pour_cent(visiter, artefacts, chemin):
    page = visiter(chemin, largeur=LARGEUR).page
    avant = page.evaluate(JS_TAILLE)
    agrandir_le_texte(page)
    apres = page.evaluate(JS_TAILLE)
    assert apres >= 1.9 * avant, f"le texte n'a pas doublé ({avant} px -> {apres} px)"
    largeur_page = page.evaluate("document.documentElement.scrollWidth")
    coupes = page.evaluate(JS_COUPES, LARGEUR)
    nom = chemin.replace("/", "_").removesuffix(".html")
    page.screenshot(path=str(artefacts / f"zoom-texte-200-{nom}.png"), full_page=False)
    assert largeur_page <= LARGEUR, f"la page défile en largeur : {largeur_page} px"
    assert not coupes, "texte coupé à 200 % :\n" + "\n".join(coupes[:20])
