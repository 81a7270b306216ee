"""Les kits du site construit : trois PDF A4 et un paquet (zip) par module, liés depuis les pages.

Needs the site built by `make build-strict` (which prints the PDFs and makes the packs from the
built pages) and poppler-utils (`pdfinfo`, `pdftotext`, `pdftoppm`; `bash .ci/systeme` installs it).
Every page of every PDF is rendered to PNG once, in `<artefacts>/pdf/`, for a human to look at.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from phare.construction.archives import date_zip
from phare.construction.captures import PPP, feuilles_du_module, fichier_capture
from phare.construction.impression import (
    REMPLISSAGE_MIN,
    genre,
    jeu_de_donnees,
    remplissage,
    sortes_du_module,
)
from phare.construction.kits import FORMULAIRES, PAGES_MAX, chemin_manifeste
from phare.interface import libelle

pytestmark = pytest.mark.navigateur
A4 = (595.28, 841.89)  # points
A4_PAGE_1 = re.compile(r"^Page\s+1 size:.*\(A4\)", re.MULTILINE)
_TAILLE_PAGE = re.compile(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", re.MULTILINE)


def _compact(texte: str) -> str:
    """Text compared without spaces, line breaks or case (pdftotext wraps lines; CSS capitalises)."""
    return re.sub(r"\s+", "", texte.replace("\u2019", "'")).casefold()


def _outil(*commande: str) -> str:
    try:
        return subprocess.run(commande, capture_output=True, text=True, check=True).stdout
    except FileNotFoundError:
        pytest.fail(f"{commande[0]} introuvable : installez poppler-utils (`bash .ci/systeme`).")


@pytest.fixture(scope="module")
def manifeste(site_html: Path) -> dict:
    chemin = chemin_manifeste(site_html)
    if not chemin.is_file():
        pytest.fail(f"{chemin} manque : construisez le site avec `make build-strict`.")
    try:
        return json.loads(chemin.read_text(encoding="utf-8"))
    except ValueError as erreur:
        pytest.fail(f"{chemin} est illisible ({erreur}) : reconstruisez le site avec `make build-strict`.")


@pytest.fixture(scope="module")
def pdfs(site_html: Path, manifeste: dict) -> list[tuple[dict, str, Path]]:
    # The five documents of every module, and the optional ones it has (an evaluation grid).
    return [(m, s, site_html / m["pdf"][s]) for m in manifeste["modules"] for s in sortes_du_module(m)]


def test_chaque_page_de_module_a_son_kit(site_html, manifeste):
    """Every page showing a module identity box is in the manifest, and its files exist."""
    # The box itself (an element of that class): the word alone may be in the page's inline CSS.
    boite = re.compile(r'class="[^"]*\bphare-fiche-identite\b')
    pages = sorted(
        p.relative_to(site_html).as_posix()
        for p in site_html.rglob("*.html")
        if not p.relative_to(site_html).as_posix().startswith(("_", "lite/"))
        and boite.search(p.read_text(encoding="utf-8"))
    )
    assert pages == sorted(m["html"] for m in manifeste["modules"])
    for module in manifeste["modules"]:
        for chemin in [*module["pdf"].values(), module["paquet"]]:
            assert (site_html / chemin).is_file(), f"{chemin} manque pour {module['page']}"


def test_pdf_a4_avec_titre_licence_et_sources(pdfs, manifeste):
    racine = Path(manifeste["racine"])
    problemes = []
    for module, sorte, chemin in pdfs:
        infos = _outil("pdfinfo", "-f", "1", "-l", "999", str(chemin))
        tailles = _TAILLE_PAGE.findall(infos)
        if not tailles:
            problemes.append(f"{chemin.name} : aucune page")
        for largeur, hauteur in tailles:
            if abs(float(largeur) - A4[0]) > 1 or abs(float(hauteur) - A4[1]) > 1:
                problemes.append(f"{chemin.name} : page de {largeur} x {hauteur} pts, pas A4")
        titre = re.search(r"^Title:\s+(.*)$", infos, re.MULTILINE)
        if not titre or _compact(module["titre"]) not in _compact(titre[1]):
            problemes.append(f"{chemin.name} : titre du document (métadonnée Title) absent ou faux")
        texte = _compact(_outil("pdftotext", str(chemin), "-"))
        # The title, the licence, the kind of document, and the page numbers of the footer.
        attendus = [module["titre"], "CC BY 4.0", genre(sorte), f"page 1 sur {len(tailles)}"]
        for nom in module["fiche"]["jeux_de_donnees"]:
            jeu = jeu_de_donnees(racine, nom)
            attendus += [jeu["titre"], jeu["source"], jeu["licence"]]
        problemes += [f"{chemin.name} : « {a} » introuvable" for a in attendus if _compact(a) not in texte]
        if "/Lang (fr)" not in chemin.read_bytes().decode("latin-1"):
            problemes.append(f"{chemin.name} : langue du document (fr) absente")
    assert not problemes, "\n".join(problemes)


def _exercices_du_module(module: dict) -> list:
    from phare.verifier.exercices import carnets

    noms = [Path(nb["page"]).name for nb in module["notebooks"] if nb["page"].startswith("exercises/")]
    return [e for nom in noms for e in carnets().get(nom, [])]


def test_fiche_participant_sans_les_reponses(site_html, manifeste):
    problemes = []
    for module in manifeste["modules"]:
        chemin = site_html / module["pdf"]["participant"]
        texte = _compact(_outil("pdftotext", str(chemin), "-"))
        page = BeautifulSoup((site_html / module["html"]).read_text(encoding="utf-8"), "html.parser")
        questions = [q.get_text(" ", strip=True) for q in page.select(".phare-question legend")]
        commentaires = [r.get_text(" ", strip=True) for r in page.select(".phare-retour-texte")]
        # The quiz is there (questions and choices)...
        problemes += [
            f"{chemin.name} : question absente « {q} »" for q in questions if _compact(q) not in texte
        ]
        # ...but neither the feedback of any choice nor which one is right.
        problemes += [
            f"{chemin.name} : commentaire du quiz « {c[:60]} »" for c in commentaires if _compact(c) in texte
        ]
        problemes += [
            f"{chemin.name} : verdict du quiz"
            for v in (libelle("quiz.verdict_juste"), libelle("quiz.commentaire"))
            if _compact(v) in texte
        ]
        for exercice in _exercices_du_module(module):
            for secret in (
                exercice.bravo,
                *exercice.indices,
                *(i for p in exercice.pieges for i in p.indices),
            ):
                if len(secret) > 20 and _compact(secret) in texte:
                    problemes.append(f"{chemin.name} : aide ou solution de l'exercice {exercice.identifiant}")
    assert not problemes, "\n".join(problemes)


def test_pages_des_pdf_rendues_en_png(pdfs, artefacts):
    dossier = artefacts / "pdf"
    dossier.mkdir(parents=True, exist_ok=True)
    for ancien in dossier.glob("*.png"):
        ancien.unlink()
    for _, _, chemin in pdfs:
        pages = int(re.search(r"^Pages:\s+(\d+)", _outil("pdfinfo", str(chemin)), re.MULTILINE)[1])
        _outil("pdftoppm", "-r", "60", "-png", str(chemin), str(dossier / chemin.stem))
        rendues = sorted(dossier.glob(f"{chemin.stem}-*.png"))
        assert len(rendues) == pages, f"{chemin.name} : {len(rendues)} images pour {pages} pages"


def _contenu_annonce(lisezmoi: str) -> set[str]:
    """The files listed in the « Contenu du paquet » section of LISEZMOI.md."""
    section = lisezmoi.split("## Contenu du paquet", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^- `([^`]+)`", section, re.MULTILINE))


def test_paquets_complets_et_reproductibles(site_html, manifeste):
    for module in manifeste["modules"]:
        dossier = f"phare-{module['nom']}/"
        with zipfile.ZipFile(site_html / module["paquet"]) as zf:
            noms = zf.namelist()
            assert noms == sorted(noms), "entrées triées"
            assert {i.date_time for i in zf.infolist()} == {date_zip()}, "dates figées"
            assert all(n.startswith(dossier) for n in noms), f"tout est rangé dans {dossier}"
            fichiers = {n[len(dossier) :] for n in noms}
            annonce = _contenu_annonce(zf.read(dossier + "LISEZMOI.md").decode("utf-8"))
        assert annonce == fichiers, (
            f"{module['paquet']} : LISEZMOI.md et le contenu diffèrent : {annonce ^ fichiers}"
        )
        attendus = {"LICENSE", "LICENSE-contenu", *(f"fiches/{Path(p).name}" for p in module["pdf"].values())}
        attendus |= {nb["source"] for nb in module["notebooks"]}
        attendus |= {f"datasets/{nom}/datapackage.json" for nom in module["fiche"]["jeux_de_donnees"]}
        assert attendus <= fichiers, f"{module['paquet']} : il manque {attendus - fichiers}"
        assert any(re.fullmatch(r"phare-[\d.]+-py3-none-any\.whl", f) for f in fichiers), "le wheel de phare"


def _environnement_du_paquet(paquet: Path, dossier: Path) -> dict:
    """Unzip the pack alone in `dossier`; put its own wheel on PYTHONPATH, without the data bundled in
    the wheel: the notebooks can then only use the pack's `datasets/`."""
    with zipfile.ZipFile(paquet) as zf:
        zf.extractall(dossier)
    racine = next(dossier.iterdir())
    roue = next(racine.glob("phare-*.whl"))
    bibliotheque = dossier / "bibliotheque"
    with zipfile.ZipFile(roue) as zf:
        zf.extractall(bibliotheque, [n for n in zf.namelist() if not n.startswith("phare/_donnees/")])
    return {"racine": racine, "PYTHONPATH": str(bibliotheque)}


def test_notebooks_du_paquet_s_executent_dans_le_paquet(
    site_html, manifeste, module_a_notebooks, tmp_path, monkeypatch
):
    """One test per module (module_a_notebooks, see conftest.py), so that pytest-xdist spreads them."""
    import nbformat
    from nbclient import NotebookClient

    modules = [m for m in manifeste["modules"] if m["nom"] == module_a_notebooks]
    assert modules, f"module {module_a_notebooks} absent du manifeste"
    for module in modules:
        env = _environnement_du_paquet(site_html / module["paquet"], tmp_path / module["nom"])
        racine = env["racine"]
        monkeypatch.setenv("PYTHONPATH", env["PYTHONPATH"])
        monkeypatch.setenv("MPLBACKEND", "Agg")
        monkeypatch.delenv("PHARE_DONNEES", raising=False)
        for nb in module["notebooks"]:
            chemin = racine / nb["source"]
            # The phare of the pack, and the data of the pack, found by walking up from the notebook.
            ou = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import phare, phare.donnees as d; print(phare.__file__); print(d.dossier_donnees())",
                ],
                cwd=chemin.parent,
                capture_output=True,
                text=True,
                check=True,
                env=dict(os.environ),
            ).stdout.split("\n")
            assert ou[0].startswith(env["PYTHONPATH"]), f"phare importé hors du paquet : {ou[0]}"
            assert Path(ou[1]) == racine / "datasets", f"données lues hors du paquet : {ou[1]}"
            carnet = nbformat.read(chemin, as_version=4)
            NotebookClient(
                carnet,
                timeout=300,
                kernel_name="python3",
                resources={"metadata": {"path": str(chemin.parent)}},
            ).execute()


def _liens(site_html: Path, page: str) -> set[str]:
    """The pages and files a page links to, as paths from the site root."""
    soupe = BeautifulSoup((site_html / page).read_text(encoding="utf-8"), "html.parser")
    base = Path(page).parent
    return {
        os.path.normpath(base / a["href"].split("#")[0]).replace(os.sep, "/")
        for a in soupe.select("article a[href]")
        if not a["href"].startswith(("http:", "https:", "#", "mailto:"))
    }


@pytest.mark.parametrize("page", ["book/enseignants.html", "book/mediateurs.html"])
def test_pages_des_publics_listent_chaque_module(site_html, manifeste, page):
    assert (site_html / page).is_file(), f"{page} manque (ajoutez-la à _toc.yml)"
    liens = _liens(site_html, page)
    manquants = [m["page"] for m in manifeste["modules"] if m["html"] not in liens]
    assert not manquants, f"{page} ne cite pas : {manquants}"
    if page.endswith("enseignants.html"):
        assert {m["paquet"] for m in manifeste["modules"]} <= liens
        assert {m["pdf"]["cahier"] for m in manifeste["modules"]} <= liens
    else:
        assert {m["pdf"]["participant"] for m in manifeste["modules"]} <= liens


def test_liens_telecharger_sans_404(navigateur, url_site, manifeste):
    contexte = navigateur.new_context(service_workers="block")
    onglet = contexte.new_page()
    try:
        for module in manifeste["modules"]:
            for page in (module["html"], module["animation"]["html"]):
                # The links as the browser resolves them; the page's own loading is tested elsewhere.
                onglet.goto(url_site + page, wait_until="domcontentloaded")
                liens = onglet.eval_on_selector_all(".phare-telecharger a", "els => els.map(e => e.href)")
                assert len(liens) >= 3, f"{page} : encadré « Télécharger » absent ou incomplet"
                for url in liens:  # HEAD: the server says the file is there without sending the packs
                    assert onglet.request.head(url).status == 200, f"{page} : lien mort {url}"
    finally:
        contexte.close()


# Printable width of an A4 page with the printer's margins, in CSS pixels (96 per inch).
LARGEUR_IMPRIMABLE = round((210 - 2 * 14) / 25.4 * 96)
# Elements sticking out of the page, or block elements whose content is wider than themselves
# (a long code line, a wide table), whether they scroll, hide or let it overflow.
DEPASSEMENTS = """(largeur) => [...document.body.querySelectorAll("*")]
    .filter((e) => e.getBoundingClientRect().right > largeur + 1
                   || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1))
    .map((e) => `${e.tagName.toLowerCase()}.${e.className} : ${e.textContent.trim().slice(0, 60)}`)"""


def test_rien_de_coupe_a_l_impression(navigateur, url_site, manifeste):
    """Assemble each document as the printer does, in print media at the printable width of A4:
    no element (code line, table, figure) may stick out of the page."""
    from phare.construction.impression import SCRIPT, options, page_source

    script = SCRIPT.read_text(encoding="utf-8")
    contexte = navigateur.new_context(viewport={"width": LARGEUR_IMPRIMABLE, "height": 1000}, locale="fr-FR")
    page = contexte.new_page()
    page.emulate_media(media="print")
    problemes = []
    try:
        for module in manifeste["modules"]:
            for sorte in sortes_du_module(module):
                source = page_source(module, sorte)
                page.goto(url_site + source, wait_until="load")
                page.evaluate(script, options(module, sorte, Path(manifeste["racine"])))
                depassements = page.evaluate(DEPASSEMENTS, LARGEUR_IMPRIMABLE)
                problemes += [f"{module['pdf'][sorte]} : dépasse de la page : {d}" for d in depassements]
    finally:
        contexte.close()
    assert not problemes, "\n".join(problemes[:30])


# --- The key (« corrigé ») and the limits of each printed document ------------------------------

# A page holding fewer characters than this (the footer alone is about 60) is « almost empty »;
# so is a page that starts with the licence: it only holds the mentions, orphaned from the document.
PAGE_PRESQUE_VIDE = 150


def _sans_tirets(texte: str) -> str:
    """Compacted, without hyphens: pdftotext joins « lui-même » broken at its hyphen into « luimême »."""
    return _compact(texte).replace("-", "")


def _texte_pdf(site_html: Path, module: dict, sorte: str) -> str:
    return _sans_tirets(_outil("pdftotext", str(site_html / module["pdf"][sorte]), "-"))


def _reponses_du_module(site_html: Path, module: dict) -> dict[str, list[str]]:
    """What must be in the key and nowhere else: the feedback of each quiz choice, the code of each
    exercise's solution, and what the facilitator sheet expects from the unplugged activity."""
    from phare.construction.impression import solutions

    page = BeautifulSoup((site_html / module["html"]).read_text(encoding="utf-8"), "html.parser")
    commentaires = []
    for retour in page.select("fieldset.phare-question details.phare-retour"):
        for n in retour.select("summary, .phare-verdict"):
            n.decompose()
        commentaires.append(retour.get_text(" ", strip=True))
    animation = (site_html / module["animation"]["html"]).read_text(encoding="utf-8")
    fiche = BeautifulSoup(animation, "html.parser")
    sections = fiche.select("section.phare-partie-reponses")
    # Its list items, or the cells of its table (a cell is one block of text in the PDF too).
    activite = [e.get_text(" ", strip=True) for s in sections for e in s.select("li, tbody td")]
    exercices = solutions(module)
    return {
        "commentaires": commentaires,
        "activite": activite,
        "solutions": [s["solution"] for s in exercices],
        "attendus": [s["texte"] for s in exercices],
    }


def test_le_corrige_a_les_reponses_et_lui_seul(site_html, manifeste):
    """Both ways: every answer is in the key; none is on the participant sheet, the worksheet or the
    cards (nor, for the activity, on the facilitator sheet, so that its grids can be photocopied)."""
    problemes = []
    for module in manifeste["modules"]:
        reponses = _reponses_du_module(site_html, module)
        assert reponses["commentaires"], f"{module['page']} : aucun commentaire de quiz lu dans la page"
        assert reponses["activite"], f"{module['page']} : partie « reponses » vide ou absente"
        corrige = _texte_pdf(site_html, module, "corrige")
        sans_reponse = ("participant", "cahier", "cartes", *(s for s in ("grille",) if s in module["pdf"]))
        ailleurs = {s: _texte_pdf(site_html, module, s) for s in sans_reponse}
        ailleurs_activite = {**ailleurs, "animation": _texte_pdf(site_html, module, "animation")}
        for genre_, textes in reponses.items():
            for texte in textes:
                if _sans_tirets(texte) not in corrige:
                    problemes.append(f"{module['nom']} : corrigé sans « {texte[:50]} » ({genre_})")
                if genre_ == "attendus" or len(texte) < 25:
                    continue  # a short value (« 12 ») may appear anywhere for other reasons
                for sorte, autre in (ailleurs_activite if genre_ == "activite" else ailleurs).items():
                    if _sans_tirets(texte) in autre:
                        problemes.append(f"{module['nom']} : {sorte} contient « {texte[:50]} » ({genre_})")
        for sorte, autre in ailleurs.items():
            if _sans_tirets(libelle("documents.corrige_juste")) in autre:
                problemes.append(f"{module['nom']} : {sorte} dit quelle réponse est juste")
    assert not problemes, "\n".join(problemes)


def test_nombre_de_pages_et_aucune_page_presque_vide(pdfs):
    problemes = []
    for _, sorte, chemin in pdfs:
        pages = int(re.search(r"^Pages:\s+(\d+)", _outil("pdfinfo", str(chemin)), re.MULTILINE)[1])
        if pages > PAGES_MAX[sorte]:
            problemes.append(f"{chemin.name} : {pages} pages, plus que {PAGES_MAX[sorte]}")
        for n in range(1, pages + 1):
            texte = _outil("pdftotext", "-f", str(n), "-l", str(n), str(chemin), "-")
            if len(re.sub(r"\s+", "", texte)) < PAGE_PRESQUE_VIDE:
                problemes.append(f"{chemin.name} : page {n} presque vide ({len(texte.strip())} caractères)")
            elif n > 1 and _compact(texte).startswith(_compact(libelle("documents.licence"))[:40]):
                problemes.append(f"{chemin.name} : page {n} ne porte que les mentions (licence, sources)")
            elif n > 1 and remplissage(chemin, n) < REMPLISSAGE_MIN:
                problemes.append(f"{chemin.name} : page {n} remplie à {remplissage(chemin, n):.0%} seulement")
    assert not problemes, "\n".join(problemes)


def test_aucune_ponctuation_seule_en_debut_de_ligne(pdfs):
    # A breakable space before « ? : ; ! » lets the mark fall alone at the start of a line: the
    # directive arguments (quiz questions) and the answer key's text once had them.
    problemes = []
    for _, _, chemin in pdfs:
        for ligne in _outil("pdftotext", str(chemin), "-").splitlines():
            if re.match(r"[?!:;»](\s|$)", ligne):
                problemes.append(f"{chemin.name} : « {ligne[:60]} »")
    assert not problemes, "\n".join(problemes)


def test_fiche_participant_du_tableur_a_les_etapes_et_pas_le_python(site_html, manifeste):
    for module in manifeste["modules"]:
        page = BeautifulSoup((site_html / module["html"]).read_text(encoding="utf-8"), "html.parser")
        if not page.select("section.phare-partie-tableur"):
            continue
        texte = _texte_pdf(site_html, module, "participant")
        nom = module["nom"]
        assert _sans_tirets(libelle("parties.tableur")) in texte, f"{nom} : étapes au tableur absentes"
        # No Python exercise of the module, printed as « Exercice N — titre » (titles from the
        # exercise data): the word « exercices » alone may appear in a quiz question.
        python = [
            e.identifiant
            for e in _exercices_du_module(module)
            if _sans_tirets(f"— {e.titre}") in texte or _sans_tirets(e.identifiant) in texte
        ]
        assert not python, f"{nom} : exercices Python {python}"


def _texte_odt(contenu_xml: str) -> str:
    """The text of an .odt's content.xml, paragraphs one per line."""
    texte = re.sub(r"</text:(?:p|h)>|<text:line-break/>", "\n", contenu_xml)
    return re.sub(r"<[^>]+>", "", texte).replace("&apos;", "'").replace("&amp;", "&")


def test_lettre_a_completer_aussi_en_odt(site_html, manifeste):
    """A facilitator sheet with a fill-in letter also gives it as an .odt (LibreOffice Writer, same
    source): linked from its download box, in the pack, with the letter's text and its dotted blanks."""
    avec_lettre = 0
    for module in manifeste["modules"]:
        page = site_html / module["animation"]["html"]
        soupe = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        lettre = soupe.select_one("div.phare-lettre")
        odt = site_html / module["lettre"]
        if lettre is None:
            assert not odt.exists(), f"{odt.name} sans lettre sur la fiche d'animation"
            continue
        avec_lettre += 1
        assert odt.is_file(), f"{module['lettre']} manque (python -m phare.construction.kits)"
        assert module["lettre"] in _liens(site_html, module["animation"]["html"])
        with zipfile.ZipFile(odt) as z:
            assert z.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            texte = _texte_odt(z.read("content.xml").decode("utf-8"))
        for paragraphe in lettre.find_all("p"):
            attendu = paragraphe.get_text()
            assert _compact(attendu) in _compact(texte), f"{odt.name} : il manque « {attendu[:60]} »"
        assert texte.count("…………") >= lettre.get_text().count("…………") > 0, "les pointillés à compléter"
        with zipfile.ZipFile(site_html / module["paquet"]) as zf:
            assert f"phare-{module['nom']}/fiches/{odt.name}" in zf.namelist()
    assert avec_lettre, "aucune fiche d'animation n'a de lettre à compléter (div.phare-lettre)"


def test_grille_d_evaluation_imprimee_a_part(site_html, manifeste):
    """A module whose facilitator sheet holds an evaluation grid (« Mener l'enquête ») gets it as a PDF
    of its own: every step, what `phare verifier` checks, what the teacher judges, the three levels;
    linked from the teachers' and the mediators' pages and in the pack; not repeated in the sheet."""
    from phare.enquete import etapes, niveaux

    avec = [m for m in manifeste["modules"] if "grille" in m["pdf"]]
    assert avec, "aucun module n'a de grille d'évaluation (bloc phare-grille de sa fiche d'animation)"
    for module in avec:
        grille = _texte_pdf(site_html, module, "grille")
        animation = _texte_pdf(site_html, module, "animation")
        # pdftotext mixes the cells of a row: the texts of the steps are read in the built block.
        bloc = BeautifulSoup((site_html / module["animation"]["html"]).read_text(encoding="utf-8"),
                             "html.parser").select_one(".phare-grille").get_text(" ")
        for etape in etapes():
            for texte in (etape.titre, etape.verification, etape.jugement, etape.en_cours, etape.atteint):
                assert _compact(texte) in _compact(bloc), f"{module['nom']} : grille sans « {texte} »"
        assert _sans_tirets(libelle("grille.avertissement")) not in animation, "grille répétée"
        assert all(_sans_tirets(n) in grille for n in niveaux())
        assert _sans_tirets(libelle("grille.raisonnement")) in grille, "qui juge le raisonnement ?"
        for page in ("book/enseignants.html", "book/mediateurs.html"):
            assert module["pdf"]["grille"] in _liens(site_html, page), f"{page} : pas de grille"
        with zipfile.ZipFile(site_html / module["paquet"]) as zf:
            assert f"phare-{module['nom']}/fiches/{Path(module['pdf']['grille']).name}" in zf.namelist()


# --- The spreadsheet workshop's screenshots, and the two forms of each pack --------------------
# Each spreadsheet sheet of a module (book/<parcours>/tableur/*.yml read by its page) has its two
# pictures drawn by LibreOffice Calc (phare.construction.captures), printed next to their steps in
# the participant sheet and the worksheet, with their text alternative. Each module's pack holds
# the session summary and the attestation printed blank for that module, and the mediators' and
# teachers' pages link to both forms with the module chosen beforehand (`?module=…`).


def _images(pdf: Path) -> list[tuple[int, int]]:
    """(width, height) in pixels of each picture of a PDF (`pdfimages -list`)."""
    lignes = _outil("pdfimages", "-list", str(pdf)).splitlines()[2:]
    return [(int(c[3]), int(c[4])) for c in (ligne.split() for ligne in lignes) if c[2] == "image"]


def test_chaque_feuille_tableur_a_ses_captures(site_html, manifeste):
    from PIL import Image

    racine = Path(manifeste["racine"])
    avec_tableur = 0
    for module in manifeste["modules"]:
        feuilles = feuilles_du_module(racine, module)
        participant = site_html / module["pdf"]["participant"]
        texte = _compact(_outil("pdftotext", str(participant), "-"))
        legendes = {s: _compact(libelle(f"documents.capture_{s}")) for s in ("donnees", "formules")}
        if not feuilles:
            assert not any(v in texte for v in legendes.values()), f"{participant.name} : capture en trop"
            continue
        avec_tableur += 1
        tailles = set()
        for yml in feuilles:
            for sorte in ("donnees", "formules"):
                png = site_html / fichier_capture(module["page"], yml, sorte)
                assert png.is_file(), f"{module['nom']} : {png.name} manque"
                assert png.stat().st_size < 60_000, f"{png.name} : {png.stat().st_size} octets, trop lourd"
                with Image.open(png) as image:
                    tailles.add(image.size)
                    # Drawn at PPP points an inch and printed at that size: never wider than A4 landscape.
                    assert image.width <= 27 / 2.54 * PPP, f"{png.name} : {image.size}"
        for document in ("participant", "cahier"):
            pdf = site_html / module["pdf"][document]
            texte = _compact(_outil("pdftotext", str(pdf), "-"))
            for sorte, legende in legendes.items():
                assert texte.count(legende) == len(feuilles), (
                    f"{pdf.name} : {texte.count(legende)} légende(s) « {sorte} », {len(feuilles)} feuille(s)"
                )
            assert tailles <= set(_images(pdf)), f"{pdf.name} : captures absentes du PDF ({tailles})"
    assert avec_tableur, "aucun module n'a d'étapes au tableur"


def test_les_captures_ont_leur_texte_alternatif(site_html, manifeste, visiter):
    """The participant sheet is assembled in the browser from the built page: each picture keeps its
    alternative text (which the tagged PDF carries)."""
    from phare.construction.captures import _textes
    from phare.construction.impression import SCRIPT, options
    from phare.tableur import lire_feuille

    racine = Path(manifeste["racine"])
    module = next(m for m in manifeste["modules"] if feuilles_du_module(racine, m))

    captures = []
    for yml in feuilles_du_module(racine, module):
        for sorte, texte in _textes(yml, lire_feuille(yml)).items():
            src = "/" + fichier_capture(module["page"], yml, sorte)
            captures.append({"src": src, "largeur": 300, **texte})
    visite = visiter(module["html"])
    opts = {**options(module, "participant", racine), "captures": captures}
    visite.page.evaluate(SCRIPT.read_text(encoding="utf-8"), opts)
    images = visite.page.eval_on_selector_all(
        "figure.phare-capture img", "(l) => l.map((i) => [i.alt, i.naturalWidth])"
    )
    assert len(images) == len(captures), images
    assert all(alt.startswith("Capture de LibreOffice Calc") and n > 0 for alt, n in images), images


def test_chaque_paquet_a_son_compte_rendu_et_son_attestation(site_html, manifeste):
    for module in manifeste["modules"]:
        assert set(module["formulaires"]) == set(FORMULAIRES), module["nom"]
        with zipfile.ZipFile(site_html / module["paquet"]) as zf:
            noms = {n.split("/", 1)[1] for n in zf.namelist()}
            lisezmoi = zf.read(f"phare-{module['nom']}/LISEZMOI.md").decode("utf-8")
        for sorte, formulaire in module["formulaires"].items():
            nom = "fiches/" + Path(formulaire["pdf"]).name
            assert nom in noms, f"{module['paquet']} : {nom} manque"
            assert f"`{nom}`" in lisezmoi, f"{module['paquet']} : LISEZMOI.md ne cite pas {nom}"
            pdf = site_html / formulaire["pdf"]
            infos = _outil("pdfinfo", "-f", "1", "-l", "9", str(pdf))
            assert re.search(r"^Pages:\s+1$", infos, re.MULTILINE), f"{pdf.name} : plus d'une page"
            assert A4_PAGE_1.search(infos), f"{pdf.name} : pas en A4"
            texte = _compact(_outil("pdftotext", str(pdf), "-"))
            assert _compact(libelle(f"formulaires.titre_{sorte}")) in texte, pdf.name
            assert _compact(module["titre"]) in texte, f"{pdf.name} : l'atelier n'est pas choisi"
            for competence in module["fiche"]["competences_crcn"]:
                assert _compact(competence["intitule"]) in texte, f"{pdf.name} : {competence['code']} manque"
            autres = [m for m in manifeste["modules"] if m["nom"] != module["nom"]]
            assert not any(_compact(f"{m['titre']}") in texte for m in autres if len(m["titre"]) > 12), (
                f"{pdf.name} : un autre atelier est imprimé"
            )


@pytest.mark.parametrize("page", ["book/mediateurs.html", "book/enseignants.html"])
def test_pages_des_publics_liees_aux_formulaires_de_chaque_module(site_html, manifeste, page):
    soupe = BeautifulSoup((site_html / page).read_text(encoding="utf-8"), "html.parser")
    liens = {a["href"] for a in soupe.select("a[href]")}
    for module in manifeste["modules"]:
        for formulaire in module["formulaires"].values():
            page_formulaire, _, requete = formulaire["html"].partition("?")
            for attendu in (f"{Path(page_formulaire).name}?{requete}", formulaire["pdf"]):
                assert any(lien.endswith(attendu) for lien in liens), f"{page} : pas de lien {attendu}"


def test_le_lien_choisit_le_module(visiter, manifeste):
    module = manifeste["modules"][-1]  # not the default choice
    for formulaire in module["formulaires"].values():
        visite = visiter(formulaire["html"])
        assert visite.page.input_value("[data-phare-module]") == module["page"]
        visibles = visite.page.eval_on_selector_all(
            "[data-phare-competences]:not([hidden])", "(l) => l.map((b) => b.dataset.phareCompetences)"
        )
        assert visibles == [module["page"]], visibles
        assert not visite.problemes(), visite.problemes()


def test_la_version_facile_est_imprimee_dans_le_paquet(site_html, manifeste):
    """Each « Comprendre » module's easy-read version, printed as its page prints itself: in the
    pack, cited by LISEZMOI.md, A4, within its page limit, and linked from the mediators' page."""
    faciles = [m for m in manifeste["modules"] if "facile" in m]
    assert len(faciles) >= 4, [m["nom"] for m in faciles]
    mediateurs = (site_html / "book/mediateurs.html").read_text(encoding="utf-8")
    liens = {a["href"] for a in BeautifulSoup(mediateurs, "html.parser").select("a[href]")}
    for module in faciles:
        pdf = site_html / module["facile"]["pdf"]
        nom = "fiches/" + pdf.name
        with zipfile.ZipFile(site_html / module["paquet"]) as zf:
            noms = {n.split("/", 1)[1] for n in zf.namelist()}
            lisezmoi = zf.read(f"phare-{module['nom']}/LISEZMOI.md").decode("utf-8")
        assert nom in noms and f"`{nom}`" in lisezmoi, f"{module['paquet']} : {nom} manque"
        infos = _outil("pdfinfo", "-f", "1", "-l", "1", str(pdf))
        assert A4_PAGE_1.search(infos), f"{pdf.name} : pas en A4"
        pages = int(re.search(r"^Pages:\s+(\d+)", infos, re.MULTILINE)[1])
        assert pages <= PAGES_MAX["facile"], f"{pdf.name} : {pages} pages"
        derniere = remplissage(pdf, pages)
        assert pages == 1 or derniere >= REMPLISSAGE_MIN, f"{pdf.name} : dernière page à {derniere:.0%}"
        page = (site_html / module["facile"]["html"]).read_text(encoding="utf-8")
        titre = BeautifulSoup(page, "html.parser").select_one("h1").get_text(" ", strip=True).rstrip("#")
        assert _compact(titre) in _compact(_outil("pdftotext", str(pdf), "-")), f"{pdf.name} : titre absent"
        lie = any(lien.endswith(module["facile"]["pdf"]) for lien in liens)
        assert lie, f"médiateurs : pas de lien vers {pdf.name}"
