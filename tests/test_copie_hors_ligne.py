"""The zip of the whole site for a USB key (phare.construction.hors_ligne), on a tiny site."""

from __future__ import annotations

import zipfile

from phare.construction import hors_ligne


def _petit_site(dossier):
    (dossier / "_static").mkdir(parents=True)
    (dossier / "index.html").write_text("<p>accueil</p>", encoding="utf-8")
    (dossier / hors_ligne.OPTIONS).write_text(
        "const DOCUMENTATION_OPTIONS = {\n    SHOW_SEARCH_SUMMARY: true,\n};\n", encoding="utf-8"
    )
    return dossier


def test_le_zip_est_reproductible_et_adapte_a_file(tmp_path):
    site = _petit_site(tmp_path / "_build" / "html")
    premier = hors_ligne.fabriquer(site).read_bytes()
    (site / "index.html").touch()  # a new date on disk changes nothing in the zip
    assert hors_ligne.fabriquer(site).read_bytes() == premier
    with zipfile.ZipFile(hors_ligne.chemin_zip(site)) as z:
        noms = z.namelist()
        assert noms == sorted(noms)
        assert all(n.startswith(hors_ligne.DOSSIER + "/") for n in noms)
        options = z.read(f"{hors_ligne.DOSSIER}/{hors_ligne.OPTIONS}").decode("utf-8")
        assert hors_ligne.RESUME_APRES in options
        lisezmoi = z.read(f"{hors_ligne.DOSSIER}/LISEZMOI.txt").decode("utf-8")
        assert "index.html" in lisezmoi and "Pyodide" in lisezmoi
    # The published site itself is left as it is.
    assert hors_ligne.RESUME_AVANT in (site / hors_ligne.OPTIONS).read_text(encoding="utf-8")


def test_sans_site_un_message_en_francais(tmp_path, capsys):
    assert hors_ligne.main([str(tmp_path)]) == 1
    assert "construisez d'abord" in capsys.readouterr().err
