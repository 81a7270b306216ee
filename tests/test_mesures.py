"""The benchmark's figures in the pages (phare.livre.mesures): read from bench.json, never typed."""

from __future__ import annotations

import json

import pytest

from phare.interface import libelle
from phare.livre import mesures

BENCH = {
    "date": "2026-12-02T05:40:00",
    "site": {"octets": 53_000_000, "octets_hors_jupyterlite": 27_000_000},
    "pages": [
        {"page": "book/a.html", "nature": "texte", "requetes": 18, "octets_gzip": 120_000, "hors_site": []},
        {"page": "book/b.html", "nature": "texte", "requetes": 24, "octets_gzip": 210_000, "hors_site": []},
        {"page": "notebooks/c.html", "nature": "notebook", "requetes": 22, "octets_gzip": 130_000,
         "hors_site": []},
        {"page": "search.html", "nature": "outil", "requetes": 30, "octets_gzip": 400_000, "hors_site": []},
    ],
}


def test_les_chiffres_viennent_du_bench(tmp_path):
    chemin = tmp_path / "bench.json"
    chemin.write_text(json.dumps(BENCH), encoding="utf-8")
    texte = "\n".join(mesures.lignes_poids(mesures.lire_bench(chemin)))
    assert "2 décembre 2026" in texte
    assert "| 2 | 165\u00a0Ko | 21, 24 | 210\u00a0Ko ({doc}`/book/b`) |" in texte
    assert "| 1 | 130\u00a0Ko | 22, 22 |" in texte
    assert "search" not in texte  # tool pages are not text pages
    assert libelle("mesures.hors_site_aucun") in texte
    assert "26,0\u00a0Mo" in texte  # JupyterLite's share, computed


def test_sans_mesure_la_page_le_dit(tmp_path):
    assert mesures.lire_bench(tmp_path / "absent.json") is None
    (tmp_path / "abime.json").write_text("{", encoding="utf-8")
    assert mesures.lire_bench(tmp_path / "abime.json") is None
    assert mesures.lignes_lent(BENCH) == [libelle("mesures.lent_absent")]


def test_connexion_lente_et_livre_par_defaut_quand_ils_sont_mesures():
    bench = {**BENCH, "lent_3g": {"fcp_mediane_s": 1.43, "charge_mediane_s": 2.2},
             "livre_par_defaut": {"mediane_gzip_pages_texte": 836_000}}
    texte = " ".join(mesures.lignes_lent(bench))
    assert "1,4\u00a0s" in texte and "2,2\u00a0s" in texte and "836\u00a0Ko" in texte


def test_les_verifications_du_navigateur_viennent_de_leurs_resultats(tmp_path):
    from phare.construction.bench import mesure_confort, resultats_navigateur

    site = tmp_path / "html"
    (site / "book").mkdir(parents=True)
    (site / "book" / "a.html").write_text("", encoding="utf-8")
    police = site / "_static" / "phare-police"
    police.mkdir(parents=True)
    (police / "p.woff2").write_bytes(b"x" * 115_000)
    n = "tests/navigateur/"
    resultats = {
        n + "test_pages.py::test_page[book/a.html]": {"issue": "reussi", "date": "2026-12-01T10:00:00"},
        # A page that no longer exists is not counted.
        n + "test_pages.py::test_page[book/vieille.html]": {"issue": "echoue", "date": "2026-11-01T10:00:00"},
        n + "test_confort.py::test_chaque_combinaison_sur_une_page[normale-normal]": {
            "issue": "reussi", "date": "2026-12-02T09:00:00"},
        n + "test_confort.py::test_le_panneau_au_clavier": {"issue": "echoue", "date": "2026-12-02T09:00:00"},
        n + "test_zoom_texte.py::test_zoom[accueil]": {"issue": "reussi", "date": "2026-12-02T08:00:00"},
    }
    chemin = tmp_path / "navigateur.json"
    chemin.write_text(json.dumps(resultats), encoding="utf-8")
    bilan = resultats_navigateur(chemin, site)
    assert (bilan["tests"], bilan["reussi"], bilan["echoue"]) == (4, 3, 1)
    assert bilan["pages"]["tests"] == 1 and bilan["confort"]["tests"] == 2
    assert bilan["confort_combinaisons"] == {"reussi": 1, "echoue": 0, "saute": 0, "tests": 1,
                                             "date": "2026-12-02T09:00:00"}
    pages = [{"police_dyslexie": False}, {"police_dyslexie": False}]
    bench = {**BENCH, "navigateur": bilan, "confort": mesure_confort(site, pages)}
    texte = "\n".join(mesures.lignes_verifications(bench))
    assert "2 décembre 2026" in texte
    assert f"| {libelle('mesures.verifications_total')} | 4 | 3 | 1 |" in texte
    assert f"| {libelle('mesures.verifications_zoom_texte')} | 1 | 1 | 0 |" in texte
    assert libelle("mesures.verifications_echecs", n="1") in texte
    assert "115\u00a0Ko en tout" in texte
    assert "Sur 2 premières visites de pages, 0 l’ont" in texte


def test_sans_resultat_du_navigateur_la_page_le_dit():
    assert mesures.lignes_verifications(BENCH) == [libelle("mesures.verifications_absentes")]


def test_le_livre_par_defaut_sur_la_meme_connexion():
    bench = {**BENCH, "lent_3g": {"fcp_mediane_s": 1.0, "charge_mediane_s": 2.0},
             "livre_par_defaut": {"mediane_gzip_pages_texte": 836_000,
                                  "lent_3g": {"fcp_mediane_s": 3.46, "charge_mediane_s": 21.6}}}
    texte = " ".join(mesures.lignes_lent(bench))
    assert "3,5\u00a0s" in texte and "21,6\u00a0s" in texte


@pytest.mark.sphinx("html", testroot="mesures")
def test_une_page_sans_mesure_n_est_relue_que_quand_la_mesure_arrive(app, make_app):
    # Sphinx re-reads a page whose dependency is missing at every build: a rebuild without change
    # then re-read this page, and every page that lists the modules with it.
    app.build()
    lue = app.env.all_docs["index"]
    sans_changement = make_app("html", srcdir=app.srcdir)
    sans_changement.build()
    assert sans_changement.env.all_docs["index"] == lue
    bench = {**BENCH, "lent_3g": {"fcp_mediane_s": 1.43, "charge_mediane_s": 2.2}}
    mesures.chemin_bench(app.outdir).write_text(json.dumps(bench), encoding="utf-8")
    mesure_arrivee = make_app("html", srcdir=app.srcdir)
    mesure_arrivee.build()
    assert mesure_arrivee.env.all_docs["index"] > lue
    assert "1,4\u00a0s" in (mesure_arrivee.outdir / "index.html").read_text(encoding="utf-8")
