"""Scripts the browser tests run in a page (tests/navigateur/)."""

# Does the page scroll horizontally at its current width? And which elements stick out of the
# window outside any box of their own that scrolls (or clips) horizontally (WCAG 1.4.10 « Reflow »).
JS_DEBORDEMENTS = """
() => {
  const largeur = document.documentElement.clientWidth;
  const fautifs = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.right <= largeur + 1 || r.width === 0) continue;
    // Inside a box that scrolls (or clips) horizontally: that is allowed.
    let p = el.parentElement, contenu = false;
    while (p && p !== document.body) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') { contenu = true; break; }
      p = p.parentElement;
    }
    const classes = el.className ? '.' + String(el.className).split(' ').join('.') : '';
    if (!contenu) fautifs.push(el.tagName.toLowerCase() + classes + ' (' + Math.round(r.right) + ' px)');
    if (fautifs.length >= 8) break;
  }
  return {defile: document.documentElement.scrollWidth > largeur, fautifs};
}
"""

# The reading settings a page shows (phare.livre.confort): the data-phare-… attributes that
# phare-stockage.js puts on <html>, as {setting: value}.
CONFORT_DE_LA_PAGE = """() => Object.fromEntries([...document.documentElement.attributes]
  .filter(a => a.name.startsWith('data-phare-')).map(a => [a.name.slice(11), a.value]))"""


def atteindre_au_clavier(page, selecteur: str, nom: str, essais: int = 300) -> None:
    """Press Tab until the element matching `selecteur` has the focus; fail, naming it, if never."""
    for _ in range(essais):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selecteur):
            return
    raise AssertionError(f"Tab n'atteint pas « {nom} »")


# pydata-sphinx-theme runs its resize handlers 300 ms after the last `resize` event (debounced):
# one gives tabindex="0" to the boxes that scroll, which axe-core checks. A timer of ours with the
# same delay, set once the event has reached the page, fires after the theme's: timers of equal
# delay run in the order they were set (HTML, « timer initialisation steps »). No fixed pause,
# so it holds however loaded the machine is.
DELAI_DU_THEME_MS = 300
_APRES_LE_REDIMENSIONNEMENT = """(delai) => {
  window.__phareRedimensionne = new Promise((fini) => addEventListener('resize',
    () => setTimeout(() => fini(true), delai), {once: true}));
}"""


def redimensionner(page, largeur: int, hauteur: int = 740) -> None:
    """Give the window this size, and return once the theme has adapted the page to it."""
    taille = page.viewport_size
    if taille == {"width": largeur, "height": hauteur}:
        return  # no resize event would come
    page.evaluate(_APRES_LE_REDIMENSIONNEMENT, DELAI_DU_THEME_MS)
    page.set_viewport_size({"width": largeur, "height": hauteur})
    page.evaluate("() => window.__phareRedimensionne")
