"""phare.livre.lexique on a tiny book (tests/racines/test-lexique): each {term} carries its definition."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from phare.interface import libelle


def _page(app, nom: str) -> BeautifulSoup:
    app.build()
    return BeautifulSoup((app.outdir / nom).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.sphinx("html", testroot="lexique")
def test_chaque_terme_porte_la_definition_du_lexique(app):
    page = _page(app, "index.html")
    appels = page.select("sup.phare-terme-appel")
    assert len(appels) == 4  # CNIL twice, donnée, CADA
    notes = {li["id"]: li.get_text().strip() for li in page.select(".phare-terme-notes li")}
    assert len(notes) == 3  # one note per term and page, after the paragraph of its first use
    for appel in appels:
        assert appel.find_previous_sibling("a")["href"].startswith("lexique.html#term-")
        assert appel["data-phare-definition"] in notes
    # The definition is the glossary's own text, as the glossary page shows it.
    lexique = BeautifulSoup((app.outdir / "lexique.html").read_text(encoding="utf-8"), "html.parser")
    dd = lexique.find(id="term-CNIL").find_next("dd").get_text(" ", strip=True).replace("\n", " ")
    assert "Commission nationale" in dd
    assert notes["phare-def-term-CNIL"] == f"CNIL\u00a0: {' '.join(dd.split())}"
    assert appels[0]["data-phare-bouton"] == libelle("lexique.bouton", terme="CNIL")
    assert [a.get_text() for a in appels] == ["1", "2", "1", "3"]  # the same term keeps its number


@pytest.mark.sphinx("html", testroot="lexique")
def test_les_notes_sont_cachees_a_l_ecran_et_suivent_leur_paragraphe(app):
    page = _page(app, "index.html")
    blocs = page.select("div.phare-terme-notes")
    assert blocs and all(b.has_attr("hidden") for b in blocs)
    assert blocs[0].find_previous_sibling("p").find("a", class_="phare-terme") is not None
    assert "phare-lexique.js" in str(page.find_all("script"))
    assert "phare-lexique.css" in str(page.find_all("link"))


@pytest.mark.sphinx("html", testroot="lexique")
def test_le_lexique_lui_meme_n_a_pas_de_bouton(app):
    page = _page(app, "lexique.html")
    assert not page.select(".phare-terme-appel") and "phare-lexique.js" not in str(page)
