"""Shared fixtures of the browser suite (marker `navigateur`): the built site served locally, one Chromium.

Every test of this folder needs the built site (`make build-strict`) and Debian's Chromium
(`bash .ci/systeme` installs it). Environment variables:
- `PHARE_SITE`     : folder of the built site (default `_build/html`, relative to the project root);
- `PHARE_CHROMIUM` : Chromium executable (default `/usr/bin/chromium`);
- `PHARE_ARTEFACTS`: where screenshots go (default `_build/artefacts`).

Fixtures other test files can reuse (names are stable):
- `site_html`  (session) -> `Path` of the built site; fails with a clear message when it is missing.
- `pages_du_livre` (session) -> the same list as the `chemin_page` parametrization (see below).
- `url_site`   (session) -> `"http://127.0.0.1:<free port>/"`, a local server of `site_html`.
- `navigateur` (session) -> one Playwright `Browser` (Chromium, headless, no outside traffic).
- `visiter`    (function) -> `visiter(chemin, largeur=1280, hauteur=800) -> Visite`.
  Opens `chemin` (relative to the site root, e.g. `"book/index.html"`, may end with `?q=…` or `#…`)
  as a FIRST visit: a fresh browser context (empty cache, empty localStorage).
  Requests leaving 127.0.0.1 are blocked. A `Visite` has:
    `page` (Playwright `Page`), `hors_site` (blocked URLs), `echecs` (failed requests or HTTP >= 400),
    `erreurs_console` (console errors and uncaught exceptions), `reponses` (url -> HTTP status),
    and `problemes()` -> one list of strings, empty when the visit was clean.
  Contexts are closed after the test.
- `axe` (session) -> `axe(page) -> list of violations` (dicts from axe-core), for the tags
  wcag2a, wcag2aa, wcag21a, wcag21aa and best-practice, no rule excluded.
  `axe.resume(violations)` formats them for an assert message.
- `artefacts`  (session) -> `Path` of the artefacts folder (created).
- Parametrization: any test with an argument named `chemin_page` runs once per HTML page of the book
  (paths relative to the site root, sorted; `pages_du_site` says what is not a page of the book), and
  one with `module_a_notebooks` once per module whose pack holds notebooks.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from phare.construction.chromium import DRAPEAUX_CHROMIUM, ChromiumIntrouvable, chromium, executable
from phare.construction.kits import chemin_manifeste
from phare.construction.serveur import serveur_local

RACINE = Path(__file__).resolve().parents[2]
ETIQUETTES_AXE = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def dossier_site() -> Path:
    chemin = Path(os.environ.get("PHARE_SITE", "_build/html"))
    return chemin if chemin.is_absolute() else RACINE / chemin


def pages_du_site(site: Path) -> list[str]:
    """Every HTML page a visitor can reach (myst-nb's execution reports are not pages).

    `lite/` is the JupyterLite app, opened only after the reader's consent; its own browser
    test is tests/navigateur/test_lancer.py.
    """
    pages = []
    for fichier in sorted(site.rglob("*.html")):
        relatif = fichier.relative_to(site).as_posix()
        if relatif.startswith(("_static/", "_sources/", "reports/", "_images/", "lite/")):
            continue
        pages.append(relatif)
    return pages


def modules_a_notebooks(site: Path) -> list[str]:
    """The modules whose pack holds notebooks, from the built site's manifest of the kits."""
    modules = json.loads(chemin_manifeste(site).read_text(encoding="utf-8"))["modules"]
    return [m["nom"] for m in modules if m["notebooks"]]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Without a built site the test must fail (not be skipped): one sentinel case explains why.
    site = dossier_site()
    if "chemin_page" in metafunc.fixturenames:
        pages = pages_du_site(site) if site.is_dir() else ["<site absent>"]
        metafunc.parametrize("chemin_page", pages)
    if "module_a_notebooks" in metafunc.fixturenames:
        # No manifest, or a broken one: one case, which the `manifeste` fixture fails with its reason.
        try:
            modules = modules_a_notebooks(site)
        except FileNotFoundError:
            modules = ["<manifeste des paquets absent>"]
        except (ValueError, KeyError, TypeError):
            modules = ["<manifeste des paquets illisible>"]
        metafunc.parametrize("module_a_notebooks", modules)


@pytest.fixture(scope="session")
def pages_du_livre(site_html: Path) -> list[str]:
    return pages_du_site(site_html)


@pytest.fixture(scope="session")
def site_html() -> Path:
    site = dossier_site()
    if not (site / "index.html").is_file():
        pytest.fail(
            f"Site construit introuvable dans {site} : lancez `make build-strict` "
            "(ou indiquez le dossier avec PHARE_SITE)."
        )
    return site


@pytest.fixture(scope="session")
def url_site(site_html: Path):
    with serveur_local(site_html) as url:
        yield url + "/"


@pytest.fixture(scope="session")
def navigateur():
    try:
        with chromium() as navigateur:
            yield navigateur
    except ChromiumIntrouvable as erreur:
        pytest.fail(str(erreur))


@pytest.fixture
def ouvrir_un_profil(navigateur, tmp_path):
    """Open, and open again after closing it, a browser with a profile on disk: a person's own
    browser, whose storage outlives the window. `navigateur.new_context()` is a private window,
    whose storage Chromium keeps in memory only."""
    profil = tmp_path / "profil"
    ouverts = []

    def ouvrir():
        contexte = navigateur.browser_type.launch_persistent_context(
            str(profil), executable_path=executable(), headless=True, args=DRAPEAUX_CHROMIUM,
            viewport={"width": 1280, "height": 800}, locale="fr-FR",
        )
        ouverts.append(contexte)
        return contexte

    yield ouvrir
    for contexte in ouverts:
        contexte.close()  # a no-op for one the test closed itself


@dataclass
class Visite:
    page: object
    hors_site: list[str] = field(default_factory=list)
    echecs: list[str] = field(default_factory=list)
    erreurs_console: list[str] = field(default_factory=list)
    reponses: dict[str, int] = field(default_factory=dict)  # url -> HTTP status

    def problemes(self) -> list[str]:
        return (
            [f"requête hors du site (bloquée) : {u}" for u in self.hors_site]
            + [f"requête en échec : {e}" for e in self.echecs]
            + [f"erreur de console : {e}" for e in self.erreurs_console]
        )


@pytest.fixture
def visiter(navigateur, url_site: str):
    origine = urlsplit(url_site).netloc
    contextes = []

    def ouvrir(chemin: str, largeur: int = 1280, hauteur: int = 800) -> Visite:
        contexte = navigateur.new_context(
            viewport={"width": largeur, "height": hauteur}, locale="fr-FR", service_workers="block"
        )
        contextes.append(contexte)
        page = contexte.new_page()
        visite = Visite(page)

        def router(route):
            url = route.request.url
            if urlsplit(url).netloc == origine or url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                visite.hors_site.append(url)
                route.abort("blockedbyclient")

        def echec(requete):
            # Cancelled by the browser itself (the tab's icon when a reload starts, say): not a
            # failure of the site, whose missing files answer HTTP 404 (`reponse` below).
            if requete.failure == "net::ERR_ABORTED":
                return
            if requete.url not in visite.hors_site:
                visite.echecs.append(f"{requete.url} ({requete.failure})")

        def reponse(rep):
            visite.reponses[rep.url] = rep.status
            if rep.status >= 400:
                visite.echecs.append(f"{rep.url} (HTTP {rep.status})")

        def console(message):
            if message.type == "error":
                visite.erreurs_console.append(f"{message.text} [{message.location.get('url', '')}]")

        contexte.route("**/*", router)
        page.on("requestfailed", echec)
        page.on("response", reponse)
        page.on("console", console)
        page.on("pageerror", lambda exc: visite.erreurs_console.append(f"exception : {exc}"))
        page.goto(url_site + chemin.lstrip("/"), wait_until="load")
        try:
            page.wait_for_load_state("networkidle", timeout=5000)
        except Exception:  # a page that keeps polling is still tested as loaded
            pass
        return visite

    yield ouvrir
    for contexte in contextes:
        contexte.close()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    moteur = Axe()
    options = {
        "runOnly": {"type": "tag", "values": ETIQUETTES_AXE},
        "resultTypes": ["violations"],
    }

    def lancer(page) -> list[dict]:
        # axe-core is injected once per document, and only its violations come back to Python
        # (its whole report is about 70 KB a run, read for nothing).
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(moteur.axe_script)
        return page.evaluate("(options) => axe.run(document, options).then((r) => r.violations)", options)

    lancer.resume = resume_axe
    return lancer


def resume_axe(violations: list[dict]) -> str:
    lignes = []
    for v in violations:
        lignes.append(f"- {v['id']} ({v['impact']}) : {v['help']}")
        for noeud in v["nodes"][:5]:
            lignes.append(f"    {' '.join(map(str, noeud['target']))} : {noeud['html'][:160]}")
    return "\n".join(lignes)


@pytest.fixture(scope="session")
def artefacts() -> Path:
    chemin = Path(os.environ.get("PHARE_ARTEFACTS", str(RACINE / "_build" / "artefacts")))
    chemin.mkdir(parents=True, exist_ok=True)
    return chemin


# --- What was checked, for the accessibility statement ------------------------------------------
# Each browser test's last outcome is kept in `_build/navigateur.json` (PHARE_RESULTATS to change
# it): {nodeid: {"issue": "reussi" | "echoue" | "saute", "date": ISO date}}, merged with the
# earlier runs, so that a run of a few tests (`-k confort`) updates only theirs. `make bench`
# copies it into _build/bench.json, where `{mesures-bench}` (`:partie: verifications`) reads it:
# the statement never types a count of checks.
FICHIER_RESULTATS = Path(os.environ.get("PHARE_RESULTATS", str(RACINE / "_build" / "navigateur.json")))
_ISSUES: dict[str, str] = {}


def pytest_runtest_logreport(report) -> None:
    if "/navigateur/" not in "/" + report.nodeid.replace("\\", "/"):
        return
    if report.failed:
        _ISSUES[report.nodeid] = "echoue"
    elif report.skipped:
        _ISSUES.setdefault(report.nodeid, "saute")
    elif report.when == "call":
        _ISSUES.setdefault(report.nodeid, "reussi")


def pytest_sessionfinish(session, exitstatus) -> None:
    if hasattr(session.config, "workerinput"):
        return  # a pytest-xdist worker: its reports reach the controller, which writes the file
    if not _ISSUES or not dossier_site().is_dir():
        return
    from datetime import datetime

    try:
        resultats = json.loads(FICHIER_RESULTATS.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        resultats = {}
    if not isinstance(resultats, dict):
        resultats = {}
    date = datetime.now().isoformat(timespec="seconds")
    resultats.update({noeud: {"issue": issue, "date": date} for noeud, issue in _ISSUES.items()})
    FICHIER_RESULTATS.parent.mkdir(parents=True, exist_ok=True)
    FICHIER_RESULTATS.write_text(json.dumps(resultats, ensure_ascii=False, indent=1, sort_keys=True),
                                 encoding="utf-8")
