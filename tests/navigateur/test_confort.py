"""The reading-comfort panel (label `confort.ouvrir`, phare.livre.confort) in Chromium.

- Every combination of the settings (3 sizes × 2 line spacings × 2 colour themes × 2 fonts), each on
  another page of the site, spread over all of them: set, then the page reloaded as a reader finds
  it; nothing leaves the site, no error, zero axe violations at 1280 px and at 320 px with the
  panel open, no horizontal scrolling at 320 px, the panel inside the window. The dyslexia font
  is fetched from the site when it is chosen, and never otherwise.
- The settings are on <html> as soon as <body> exists (before the first paint: no flash).
- The panel with the keyboard: the button says aria-expanded, Enter opens it with the focus on a
  choice, the arrows choose, Escape closes it and gives the focus back; by touch, a tap.
- A setting survives a navigation to another page; the end-of-session button erases it (the
  storage itself is checked by tests/navigateur/test_session.py).
Screenshots of each setting at 1280 and 360 px go to the artefacts folder.
"""

from __future__ import annotations

import itertools
import json
import re

import pytest
from outils.pages import CONFORT_DE_LA_PAGE, JS_DEBORDEMENTS, atteindre_au_clavier, redimensionner

from phare.interface import libelle, libelle_compte
from phare.livre.confort import REGLAGES

pytestmark = pytest.mark.navigateur

PAGE = "book/comprendre/une-donnee-cest-quoi.html"
AUTRE_PAGE = "book/lexique.html"
LARGEUR_ETROITE = 320
COMBINAISONS = [
    dict(zip(REGLAGES, valeurs, strict=True)) for valeurs in itertools.product(*REGLAGES.values())
]

# Records the settings on <html> when <body> is created: before anything can be painted.
NOTER_AU_DEBUT_DU_CORPS = """
new MutationObserver((changements, observateur) => {
  if (!document.body) return;
  window.__phareConfortAuCorps = Object.fromEntries([...document.documentElement.attributes]
    .filter(a => a.name.startsWith('data-phare-')).map(a => [a.name.slice(11), a.value]));
  observateur.disconnect();
}).observe(document, {childList: true, subtree: true});
"""


def _choisis(combinaison: dict) -> dict:
    """Only what differs from the default (the first value of each setting)."""
    return {nom: v for nom, v in combinaison.items() if v != REGLAGES[nom][0]}


def _nom(combinaison: dict) -> str:
    return "-".join(combinaison.values())


def _police_demandee(visite) -> bool:
    return any("/phare-police/" in url for url in visite.reponses)


def _regler(page, reglages: dict) -> None:
    """Keep these settings (as the panel does), then reload: the page as the reader finds it next.
    The font a setting asks for is awaited first: a reload would abort its download."""
    page.evaluate("async (r) => { PhareStockage.confort.ecrire(r); await document.fonts.ready; }", reglages)
    page.reload(wait_until="load")
    try:
        page.wait_for_load_state("networkidle", timeout=5000)
    except Exception:
        pass
    page.evaluate("() => document.fonts.ready.then(() => true)")


def _ouvrir_le_panneau(page) -> None:
    bouton = page.locator(".phare-confort-ouvrir")
    if bouton.get_attribute("aria-expanded") != "true":
        bouton.click()
    page.locator("#phare-confort-panneau").wait_for(state="visible")


@pytest.mark.parametrize("rang", range(len(COMBINAISONS)), ids=[_nom(c) for c in COMBINAISONS])
def test_chaque_combinaison_sur_une_page(visiter, axe, pages_du_livre, artefacts, rang):
    combinaison = COMBINAISONS[rang]
    chemin = pages_du_livre[rang * len(pages_du_livre) // len(COMBINAISONS)]
    visite = visiter(chemin, largeur=1280)
    page = visite.page
    assert not _police_demandee(visite), "la police est chargée sans avoir été choisie"
    _regler(page, _choisis(combinaison))
    messages = [f"{chemin}, réglages {json.dumps(combinaison, ensure_ascii=False)} :"]
    if page.evaluate(CONFORT_DE_LA_PAGE) != _choisis(combinaison):
        messages.append(f"réglages de la page : {page.evaluate(CONFORT_DE_LA_PAGE)}")
    dyslexie = combinaison["police"] == "dyslexie"
    if _police_demandee(visite) != dyslexie:
        messages.append(f"police demandée : {_police_demandee(visite)}, choisie : {dyslexie}")
    if dyslexie and not page.evaluate("() => document.fonts.check('16px OpenDyslexic')"):
        messages.append("la police OpenDyslexic n'est pas chargée")
    erreurs = visite.problemes()
    violations = axe(page)
    redimensionner(page, LARGEUR_ETROITE)
    debordement = page.evaluate(JS_DEBORDEMENTS)
    _ouvrir_le_panneau(page)
    cadre = page.locator("#phare-confort-panneau").bounding_box()
    debordement_ouvert = page.evaluate(JS_DEBORDEMENTS)
    violations_etroit = axe(page)

    if erreurs:
        messages += ["Chargement :", *erreurs]
    if violations:
        messages += ["axe-core à 1280 px :", axe.resume(violations)]
    if violations_etroit:
        messages += [f"axe-core à {LARGEUR_ETROITE} px, panneau ouvert :", axe.resume(violations_etroit)]
    for quand, d in (("", debordement), (", panneau ouvert", debordement_ouvert)):
        if d["defile"]:
            messages += [f"La page défile en largeur à {LARGEUR_ETROITE} px{quand} :", *d["fautifs"]]
    if cadre["x"] < 0 or cadre["x"] + cadre["width"] > LARGEUR_ETROITE:
        messages.append(f"le panneau sort de la fenêtre : {cadre}")
    if len(messages) > 1:
        page.screenshot(path=str(artefacts / f"confort-echec-{_nom(combinaison)}.png"))
        pytest.fail("\n".join(messages), pytrace=False)


def test_le_reglage_est_pose_avant_le_premier_affichage_et_suit_la_navigation(visiter):
    visite = visiter(PAGE)
    page = visite.page
    page.context.add_init_script(NOTER_AU_DEBUT_DU_CORPS)
    _ouvrir_le_panneau(page)
    page.get_by_label(libelle("confort.taille_tres-grande")).check()
    page.get_by_label(libelle("confort.contraste_fort")).check()
    voulu = {"taille": "tres-grande", "contraste": "fort"}
    assert page.evaluate(CONFORT_DE_LA_PAGE) == voulu
    page.goto(page.url.rsplit("/book/", 1)[0] + "/" + AUTRE_PAGE, wait_until="load")
    assert page.evaluate("() => window.__phareConfortAuCorps") == voulu
    assert page.evaluate(CONFORT_DE_LA_PAGE) == voulu
    _ouvrir_le_panneau(page)
    assert page.get_by_label(libelle("confort.taille_tres-grande")).is_checked()
    assert page.get_by_label(libelle("confort.contraste_fort")).is_checked()
    page.get_by_role("button", name=libelle("confort.defaut")).click()
    assert page.evaluate(CONFORT_DE_LA_PAGE) == {}
    assert page.evaluate("() => PhareStockage.lire('phare-confort')") is None
    assert page.get_by_label(libelle("confort.taille_normale"), exact=True).is_checked()
    assert not visite.problemes(), visite.problemes()


def test_le_panneau_au_clavier(visiter, axe):
    visite = visiter(PAGE)
    page = visite.page
    bouton = page.get_by_role("button", name=libelle("confort.ouvrir"))
    assert bouton.get_attribute("aria-expanded") == "false"
    assert bouton.get_attribute("aria-controls") == "phare-confort-panneau"
    atteindre_au_clavier(page, ".phare-confort-ouvrir", libelle("confort.ouvrir"))
    page.keyboard.press("Enter")
    assert bouton.get_attribute("aria-expanded") == "true"
    panneau = page.locator("#phare-confort-panneau")
    assert panneau.is_visible()
    # The focus is on the checked choice of the first setting; the arrows choose another.
    assert page.evaluate("() => document.activeElement.value") == REGLAGES["taille"][0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(CONFORT_DE_LA_PAGE) == {"taille": REGLAGES["taille"][1]}
    page.keyboard.press("Tab")  # the next setting: line spacing
    page.keyboard.press("ArrowDown")
    assert page.evaluate(CONFORT_DE_LA_PAGE) == {"taille": REGLAGES["taille"][1],
                                                 "interligne": REGLAGES["interligne"][1]}
    assert not axe(page), axe.resume(axe(page))
    page.keyboard.press("Escape")
    assert not panneau.is_visible()
    assert bouton.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.matches('.phare-confort-ouvrir')")
    page.keyboard.press("Space")
    assert panneau.is_visible()
    page.keyboard.press("Space")  # on the checked choice: nothing changes
    page.get_by_role("button", name=libelle("confort.fermer")).press("Enter")
    assert not panneau.is_visible()
    assert page.evaluate("() => document.activeElement.matches('.phare-confort-ouvrir')")
    assert not visite.problemes(), visite.problemes()


def test_le_panneau_au_toucher(navigateur, url_site):
    contexte = navigateur.new_context(
        viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True, locale="fr-FR",
        service_workers="block",
    )
    try:
        page = contexte.new_page()
        page.goto(url_site + PAGE, wait_until="load")
        page.locator(".phare-confort-ouvrir").tap()
        panneau = page.locator("#phare-confort-panneau")
        assert panneau.is_visible()
        choix = page.get_by_label(libelle("confort.police_dyslexie"))
        # Each choice is a target of 44 px at least (WCAG 2.5.5), the label included.
        hauteur = page.locator(".phare-confort-choix").first.bounding_box()["height"]
        assert hauteur >= 44, hauteur
        choix.tap()
        assert page.evaluate(CONFORT_DE_LA_PAGE) == {"police": "dyslexie"}
        # At 360 px the panel covers the page: a second tap on the button closes it.
        page.locator(".phare-confort-ouvrir").tap()
        assert not panneau.is_visible()
        assert page.evaluate(CONFORT_DE_LA_PAGE) == {"police": "dyslexie"}
    finally:
        contexte.close()


def test_terminer_ma_session_efface_le_reglage(visiter):
    visite = visiter(PAGE)
    page = visite.page
    _ouvrir_le_panneau(page)
    page.get_by_label(libelle("confort.interligne_large")).check()
    page.get_by_role("button", name=libelle("confort.fermer")).click()
    page.get_by_role("button", name=libelle("session.ouvrir")).click()
    page.get_by_role("button", name=libelle("session.effacer")).click()
    page.locator(".phare-session-bilan").wait_for(state="visible")
    # Counted with the theme's own settings (the plural label, « {n} … »).
    pluriel = re.escape(libelle_compte("session.efface_reglages", 2)).replace("2", r"\d+")
    assert re.search(pluriel, page.inner_text(".phare-session-liste"))
    assert page.evaluate(CONFORT_DE_LA_PAGE) == {}
    page.get_by_role("button", name=libelle("session.fermer")).click()
    _ouvrir_le_panneau(page)
    assert page.get_by_label(libelle("confort.interligne_normal"), exact=True).is_checked()
    page.reload()
    assert page.evaluate(CONFORT_DE_LA_PAGE) == {}


@pytest.mark.parametrize("reglage", [n for n in REGLAGES if n != "taille"] + ["taille"])
def test_captures_de_chaque_reglage(visiter, artefacts, reglage):
    """Each setting alone (every non-default value), at 1280 and 360 px, panel open: to be looked at."""
    for valeur in REGLAGES[reglage][1:]:
        for largeur in (1280, 360):
            visite = visiter(PAGE, largeur=largeur, hauteur=800 if largeur > 400 else 740)
            page = visite.page
            _regler(page, {reglage: valeur})
            page.screenshot(path=str(artefacts / f"confort-{reglage}-{valeur}-{largeur}.png"))
            _ouvrir_le_panneau(page)
            page.screenshot(path=str(artefacts / f"confort-{reglage}-{valeur}-{largeur}-panneau.png"))
            assert not visite.problemes(), visite.problemes()
