"""The end-of-session control (label `session.ouvrir`) and the « poste partagé » mode
(phare.livre.session, phare-stockage.js).

- After a quiz answered, a JupyterLite notebook opened, edited and saved (the real app, served by
  the site; its kernel is not needed to save), and the control used with the keyboard, nothing is
  left in IndexedDB, localStorage, sessionStorage, Cache Storage or service workers.
- The dialog: opened with the keyboard, focus inside, Escape closes it and gives the focus back,
  axe-clean while open, no horizontal scroll at 360 px, then it says what was erased.
- The reading-comfort settings (phare.livre.confort) are erased with the rest, in both modes.
- « Poste partagé », with a real browser profile closed and reopened: quiz answers live in
  sessionStorage only, and the new browser session starts by erasing JupyterLite's storage
  (populated here the way JupyterLite names it: the database « JupyterLite Storage - /lite/ »,
  the cache « precache », as seen in the real app by the first test).
Screenshots at 1280 and 360 px go to the artefacts folder.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from outils.pages import CONFORT_DE_LA_PAGE, atteindre_au_clavier

from phare.interface import libelle, libelle_compte

pytestmark = pytest.mark.navigateur

PAGE_QUIZ = "book/comprendre/une-donnee-cest-quoi.html"
PAGE_NOTEBOOK = "book/manipuler/lire-un-tableau.html"

ETAT = """async () => ({
  bases: typeof indexedDB.databases === 'function' ? (await indexedDB.databases()).map(d => d.name) : [],
  local: Object.keys(localStorage),
  session: Object.keys(sessionStorage),
  caches: 'caches' in window ? await caches.keys() : [],
  workers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
})"""

# What JupyterLite leaves, written the way it names it (used when the app itself is not opened).
REMPLIR_COMME_JUPYTERLITE = """async () => {
  await new Promise((ok, ko) => {
    const d = indexedDB.open('JupyterLite Storage - /lite/', 1);
    d.onupgradeneeded = () => d.result.createObjectStore('files');
    d.onsuccess = () => {
      const t = d.result.transaction('files', 'readwrite');
      t.objectStore('files').put({name: 'essai.ipynb', content: '{}'}, 'essai.ipynb');
      t.oncomplete = () => { d.result.close(); ok(); };
    };
    d.onerror = ko;
  });
  const c = await caches.open('precache');
  await c.put('/lite/essai', new Response('essai'));
}"""


def _router_du_site(contexte, url_site: str, bloques: list[str]) -> None:
    origine = urlsplit(url_site).netloc

    def router(route):
        url = route.request.url
        if urlsplit(url).netloc == origine or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            bloques.append(url)
            route.abort("blockedbyclient")

    contexte.route("**/*", router)


def _repondre_au_quiz(page) -> None:
    page.locator(".phare-question").first.locator("input[type=radio]").first.check()
    page.locator(".phare-question").first.locator(".phare-valider").click()


def _choisir_un_confort(page) -> None:
    """A larger text, chosen in the reading-comfort panel (phare.livre.confort)."""
    page.get_by_role("button", name=libelle("confort.ouvrir")).click()
    page.get_by_label(libelle("confort.taille_grande"), exact=True).check()
    page.get_by_role("button", name=libelle("confort.fermer")).click()
    assert page.evaluate(CONFORT_DE_LA_PAGE) == {"taille": "grande"}


def _ouvrir_au_clavier(page) -> None:
    """Tab to the header's button, press Enter: the dialog opens with the focus inside."""
    atteindre_au_clavier(page, ".phare-session-ouvrir", libelle("session.ouvrir"))
    page.keyboard.press("Enter")
    page.locator("#phare-session").wait_for(state="visible")
    assert page.evaluate("() => document.getElementById('phare-session').contains(document.activeElement)")


def test_terminer_ma_session_efface_tout(navigateur, url_site, axe, artefacts):
    # Service workers allowed: JupyterLite registers its own, and the control must remove it.
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 800}, locale="fr-FR")
    bloques: list[str] = []
    _router_du_site(contexte, url_site, bloques)
    erreurs: list[str] = []
    page = contexte.new_page()
    page.on("pageerror", lambda e: erreurs.append(str(e)))
    try:
        page.goto(url_site + PAGE_QUIZ)
        _repondre_au_quiz(page)
        assert [k for k in page.evaluate(ETAT)["local"] if k.startswith("phare-quiz:")]
        _choisir_un_confort(page)
        assert "phare-confort" in page.evaluate(ETAT)["local"]

        # The real JupyterLite: open a notebook of the site, edit it, save it (Ctrl+S).
        page.goto(url_site + PAGE_NOTEBOOK)
        lien = page.locator(".phare-lancer-ok").first.get_attribute("href")
        page.goto(url_site + "book/manipuler/" + lien)
        cellule = page.locator(".jp-Notebook .jp-MarkdownCell").first
        cellule.wait_for(state="visible", timeout=60000)
        cellule.dblclick()
        page.keyboard.type("Modifié. ")
        page.keyboard.press("Control+s")
        page.wait_for_function(
            """async () => {
              const bases = (await indexedDB.databases()).map(d => d.name);
              return bases.some(n => n.startsWith('JupyterLite Storage'));
            }""",
            timeout=30000,
        )
        avant = page.evaluate(ETAT)
        assert any(b.startswith("JupyterLite Storage") for b in avant["bases"]), avant

        # The app's kernel asks for Pyodide's CDN (blocked here): not this test's business.
        erreurs.clear()
        bloques.clear()
        page.goto(url_site + PAGE_QUIZ)
        avant = page.evaluate(ETAT)
        assert avant["bases"] and avant["local"], avant
        bouton = page.get_by_role("button", name=libelle("session.ouvrir"))
        assert bouton.is_visible()
        _ouvrir_au_clavier(page)
        violations = axe(page)
        assert not violations, axe.resume(violations)
        page.screenshot(path=str(artefacts / "session-dialogue-1280.png"))

        # Escape closes without erasing, and gives the focus back to the button.
        page.keyboard.press("Escape")
        assert not page.locator("#phare-session").is_visible()
        assert page.evaluate("() => document.activeElement.matches('.phare-session-ouvrir')")
        assert page.evaluate(ETAT)["bases"]

        page.keyboard.press("Enter")
        page.keyboard.press("Shift+Tab")  # from the cancel button to the erase button
        assert page.evaluate("() => document.activeElement.matches('.phare-session-effacer')")
        page.keyboard.press("Enter")
        message = page.locator(".phare-session-message")
        message.filter(has_text=libelle("session.fait").split("\u00a0")[0]).wait_for(timeout=15000)
        bilan = page.inner_text(".phare-session-liste")
        assert libelle_compte("session.efface_quiz", 1).rstrip("\u00a0;") in bilan, bilan
        assert "JupyterLite" in bilan, bilan
        assert not axe(page), axe.resume(axe(page))
        page.screenshot(path=str(artefacts / "session-efface-1280.png"))

        apres = page.evaluate(ETAT)
        assert apres == {"bases": [], "local": [], "session": [], "caches": [], "workers": 0}, apres
        # The reading settings are gone from the page too (phare.livre.confort).
        assert page.evaluate(CONFORT_DE_LA_PAGE) == {}, page.evaluate(CONFORT_DE_LA_PAGE)
        # The page forgets the answers too.
        assert page.eval_on_selector_all(".phare-quiz input[type=radio]:checked", "e => e.length") == 0
        page.keyboard.press("Enter")  # « Fermer »
        assert not page.locator("#phare-session").is_visible()
        assert not erreurs, erreurs
        assert not bloques, bloques
    finally:
        contexte.close()


def test_le_dialogue_tient_dans_360_pixels(visiter, axe, artefacts):
    visite = visiter(PAGE_QUIZ, largeur=360, hauteur=740)
    page = visite.page
    bouton = page.get_by_role("button", name=libelle("session.ouvrir"))
    assert bouton.is_visible()
    assert bouton.bounding_box()["x"] + bouton.bounding_box()["width"] <= 360
    page.screenshot(path=str(artefacts / "session-bouton-360.png"))
    bouton.click()
    boite = page.locator("#phare-session")
    boite.wait_for(state="visible")
    cadre = boite.bounding_box()
    assert cadre["x"] >= 0 and cadre["x"] + cadre["width"] <= 360, cadre
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert not axe(page), axe.resume(axe(page))
    page.screenshot(path=str(artefacts / "session-dialogue-360.png"))
    assert not visite.problemes(), visite.problemes()


def test_poste_partage_oublie_tout_a_la_fermeture(ouvrir_un_profil, url_site, artefacts):
    bloques: list[str] = []

    def ouvrir():
        # Closed then reopened like a real browser.
        contexte = ouvrir_un_profil()
        _router_du_site(contexte, url_site, bloques)
        return contexte

    # A mediator switches the mode on, once; a learner answers a quiz.
    contexte = ouvrir()
    page = contexte.pages[0] if contexte.pages else contexte.new_page()
    page.goto(url_site + PAGE_QUIZ)
    page.get_by_role("button", name=libelle("session.ouvrir")).click()
    page.get_by_label(libelle("session.poste_case")).check()
    etat_poste = page.inner_text(".phare-session-poste-etat")
    assert libelle("session.poste_actif").split("\u00a0")[0] in etat_poste
    page.screenshot(path=str(artefacts / "session-poste-partage-1280.png"))
    page.get_by_role("button", name=libelle("session.annuler")).click()
    _repondre_au_quiz(page)
    _choisir_un_confort(page)
    etat = page.evaluate(ETAT)
    # Only the computer's setting, and the theme's light mode (rewritten at every page).
    assert set(etat["local"]) <= {"phare-poste-partage", "mode", "theme"}, etat
    assert [k for k in etat["session"] if k.startswith("phare-quiz:")], etat
    assert "phare-confort" in etat["session"], etat
    page.reload()
    assert page.eval_on_selector_all(".phare-quiz input[type=radio]:checked", "e => e.length") == 1
    assert page.evaluate(CONFORT_DE_LA_PAGE) == {"taille": "grande"}
    page.evaluate(REMPLIR_COMME_JUPYTERLITE)  # same origin as the app under lite/
    page.goto(url_site + PAGE_QUIZ)  # same browser session: nothing is erased
    assert page.evaluate(ETAT)["bases"], "effacé pendant la session même"
    contexte.close()

    # The browser is closed, then reopened by the next person: everything is forgotten.
    contexte = ouvrir()
    page = contexte.pages[0] if contexte.pages else contexte.new_page()
    page.goto(url_site + PAGE_QUIZ)
    page.wait_for_function("() => window.PhareStockage")
    page.evaluate("() => window.PhareStockage.pret")
    etat = page.evaluate(ETAT)
    assert etat["bases"] == [] and etat["caches"] == [], etat
    assert [k for k in etat["local"] if k.startswith("phare-quiz:")] == [], etat
    assert page.eval_on_selector_all(".phare-quiz input[type=radio]:checked", "e => e.length") == 0
    assert "phare-poste-partage" in etat["local"], "le réglage du poste doit rester"
    assert "phare-confort" not in etat["local"] + etat["session"], etat
    assert page.evaluate(CONFORT_DE_LA_PAGE) == {}

    # Switched off again: progress goes back to localStorage.
    page.get_by_role("button", name=libelle("session.ouvrir")).click()
    page.get_by_label(libelle("session.poste_case")).uncheck()
    page.get_by_role("button", name=libelle("session.annuler")).click()
    _repondre_au_quiz(page)
    etat = page.evaluate(ETAT)
    assert "phare-poste-partage" not in etat["local"]
    assert [k for k in etat["local"] if k.startswith("phare-quiz:")], etat
    contexte.close()
    assert not bloques, bloques
