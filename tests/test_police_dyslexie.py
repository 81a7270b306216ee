"""The reading-comfort panel (label `confort.ouvrir`, phare.livre.confort) without a browser: the
vendored font, its licence, the settings and their labels, and the one storage module.

The browser tests are in tests/navigateur/test_confort.py.
"""

from __future__ import annotations

import re

from phare.interface import couleurs, libelle
from phare.livre import confort
from phare.livre.statique import STATIQUE


def test_la_police_est_la_copie_epinglee_avec_sa_licence():
    assert confort.empreintes_police() == confort.SHA256_POLICE, (
        "static/phare-police/ a changé : recopiez les fichiers depuis `npm pack "
        f"{confort.OPENDYSLEXIC['paquet']}@{confort.OPENDYSLEXIC['version']}` et mettez à jour SHA256_POLICE"
    )
    licence = (confort.DOSSIER_POLICE / "LICENSE").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence and "OpenDyslexic" in licence


def test_la_feuille_ne_charge_que_les_fichiers_du_site():
    feuille = (STATIQUE / confort.FEUILLE).read_text(encoding="utf-8")
    adresses = re.findall(r"url\(\s*['\"]?([^'\")]+)", feuille)
    assert adresses, "la feuille déclare la police par @font-face"
    assert all(a.startswith("phare-police/") for a in adresses), adresses
    assert sorted(a.removeprefix("phare-police/") for a in adresses) == sorted(confort.SHA256_POLICE)
    assert "@import" not in feuille


def test_chaque_reglage_a_ses_libelles_et_sa_regle():
    feuille = (STATIQUE / confort.FEUILLE).read_text(encoding="utf-8")
    for nom, valeurs in confort.REGLAGES.items():
        assert libelle(f"confort.{nom}")
        for rang, valeur in enumerate(valeurs):
            assert libelle(f"confort.{nom}_{valeur}")
            assert re.fullmatch(r"[a-z-]{1,20}", valeur)
            # The first value is the default one: nothing to change; each other one has its rule.
            regle = f'html[data-phare-{nom}="{valeur}"]'
            assert (regle in feuille) == (rang > 0), regle
    assert [nom for nom, _, _ in confort.panneau()] == list(confort.REGLAGES)


def test_le_fort_contraste_remplace_chaque_couleur_de_texte_par_la_sienne():
    feuille = (STATIQUE / confort.FEUILLE).read_text(encoding="utf-8")
    contraste = [cle.removeprefix("contraste.") for cle in couleurs() if cle.startswith("contraste.")]
    assert contraste
    for nom in contraste:
        assert f"--phare-contraste-{nom}" in feuille, nom
        if f"site.{nom}" in couleurs():
            assert f"--phare-{nom}: var(--phare-contraste-{nom});" in feuille, nom


def _luminance(hexa: str) -> float:
    canaux = [int(hexa[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lineaires = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in canaux]
    return 0.2126 * lineaires[0] + 0.7152 * lineaires[1] + 0.0722 * lineaires[2]


def test_le_fort_contraste_atteint_7_pour_1_sur_les_fonds_du_site():
    # WCAG 1.4.6 (AAA): 7:1 for text, on white and on the site's light backgrounds.
    fonds = [couleurs()[c] for c in ("site.blanc", "site.fond-doux", "site.alerte-fond")]
    for cle, texte in couleurs().items():
        if not cle.startswith("contraste."):
            continue
        for fond in fonds:
            clair, sombre = sorted((_luminance(texte), _luminance(fond)), reverse=True)
            assert (clair + 0.05) / (sombre + 0.05) >= 7, (cle, fond)


def test_seul_le_module_de_stockage_touche_au_stockage():
    script = (STATIQUE / confort.SCRIPT).read_text(encoding="utf-8")
    assert "localStorage" not in script and "sessionStorage" not in script
    assert "PhareStockage.confort" in script or "stockage.confort" in script
    stockage = (STATIQUE / "phare-stockage.js").read_text(encoding="utf-8")
    assert f'"{confort.CLE}"' in stockage
