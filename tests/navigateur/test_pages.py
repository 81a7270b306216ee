"""Every page of the built site, visited as a first visit in Chromium (see conftest.py).

Per page, one visit at 1280 px: nothing leaves the site, no failed request, no console error, zero
axe violations, every image has a text alternative, every interactive element is reached with Tab
and shows a visible focus. Then the same page at 360 px and at 320 px, the width of WCAG 1.4.10
« Reflow »: no horizontal scrolling of the page (wide tables and code scroll inside their own
box), and zero axe violations at 320 px.
"""

from __future__ import annotations

import pytest
from outils.pages import JS_DEBORDEMENTS, redimensionner

pytestmark = pytest.mark.navigateur

# CSS px: a common phone, then the width of WCAG 1.4.10 « Reflow » (a 1280 px screen zoomed to 400 %).
LARGEURS_ETROITES = (360, 320)
LARGEUR_ETROITE = LARGEURS_ETROITES[-1]  # where axe-core runs a second time

# Interactive elements that Tab must reach, when visible (the browser's own rules decide
# what is focusable; tabindex="-1" is excluded on purpose). A group of radio buttons is one
# Tab stop (arrows move inside it), so its buttons share one key. Each focus is then recorded,
# with whether it is visible (an outline or a box-shadow), by a `focusin` listener.
JS_PREPARER_CLAVIER = """
() => {
  const selecteur = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"]), [contenteditable="true"]';
  const visibles = [...document.querySelectorAll(selecteur)].filter((el) => {
    if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0
      && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  });
  visibles.forEach((el, i) => {
    const cle = el.type === 'radio' && el.name ? 'radio:' + el.name : String(i);
    el.setAttribute('data-phare-cle', cle);
  });
  window.__phareFocus = [];
  document.addEventListener('focusin', (ev) => {
    const el = ev.target;
    const s = getComputedStyle(el);
    const contour = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    const ombre = !!s.boxShadow && s.boxShadow !== 'none';
    const affiche = el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
    window.__phareFocus.push({
      cle: el.getAttribute('data-phare-cle'),
      visible: (contour || ombre) && affiche,
      decrit: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' « '
        + (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40) + ' »',
    });
  }, true);
  return new Set(visibles.map((el) => el.getAttribute('data-phare-cle'))).size;
}
"""

JS_IMAGES_SANS_ALTERNATIVE = """
() => {
  const manquantes = [];
  for (const img of document.querySelectorAll('img')) {
    const alt = (img.getAttribute('alt') || '').trim();
    const nom = (img.getAttribute('aria-label') || img.getAttribute('title') || '').trim();
    if (!alt && !nom) manquantes.push(img.getAttribute('src'));
  }
  for (const svg of document.querySelectorAll('svg[role="img"]')) {
    if (!svg.getAttribute('aria-label') && !svg.querySelector('title')) manquantes.push('<svg role=img>');
  }
  return manquantes;
}
"""


def _verifier_clavier(page) -> list[str]:
    """Tab through the page: every visible interactive element is reached, each with a visible focus."""
    total = page.evaluate(JS_PREPARER_CLAVIER)
    # Hidden-until-focused elements (skip link, copy buttons…) take Tab presses too: keep going,
    # by batches of 20, until every element was reached (at most about three rounds of the page).
    focus: list[dict] = []
    for _ in range(1 + (3 * total + 60) // 20):
        for _ in range(20):
            page.keyboard.press("Tab")
        focus = page.evaluate("() => window.__phareFocus")
        if len({f["cle"] for f in focus if f["cle"] is not None}) >= total:
            break
    problemes = [f"focus invisible sur {f['decrit']}" for f in focus if not f["visible"]]
    atteints = sorted({f["cle"] for f in focus if f["cle"] is not None})
    manquants = page.evaluate(
        """(atteints) => [...document.querySelectorAll('[data-phare-cle]')]
            .filter((el) => !atteints.includes(el.getAttribute('data-phare-cle')))
            .map((el) => el.outerHTML.slice(0, 120))""",
        atteints,
    )
    problemes += [f"jamais atteint avec Tab : {m}" for m in manquants]
    return list(dict.fromkeys(problemes))


def test_page(visiter, axe, chemin_page):
    """One first visit per page (at 1280 px, then the same page narrowed to 360 then 320 px)."""
    visite = visiter(chemin_page, largeur=1280)
    page = visite.page
    erreurs = visite.problemes()  # before axe, whose own fetches are not the page's
    violations = axe(page)
    images = page.evaluate(JS_IMAGES_SANS_ALTERNATIVE)
    clavier = _verifier_clavier(page)
    debordements = {}
    for largeur in LARGEURS_ETROITES:
        redimensionner(page, largeur)  # the theme's tabindex on boxes that scroll, which axe checks
        debordements[largeur] = page.evaluate(JS_DEBORDEMENTS)
    violations_etroit = axe(page)

    messages = []
    if erreurs:
        messages += ["Chargement :", *erreurs]
    if violations:
        messages += ["axe-core à 1280 px :", axe.resume(violations)]
    if violations_etroit:
        messages += [f"axe-core à {LARGEUR_ETROITE} px :", axe.resume(violations_etroit)]
    if images:
        messages += ["Images sans alternative textuelle :", *images]
    if clavier:
        messages += ["Clavier :", *clavier]
    for largeur, debordement in debordements.items():
        if debordement["defile"]:
            messages += [f"La page défile en largeur à {largeur} px ; éléments qui dépassent :"]
            messages += debordement["fautifs"] or ["(non identifiés)"]
    if messages:
        pytest.fail("\n".join(messages), pytrace=False)
