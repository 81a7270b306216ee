"""L'enquête en groupe (module « Mener l'enquête ») : une seule liste des six étapes et de leurs
critères (`phare.enquete`, lue dans `[enquete]` des libellés), que reprennent l'affiche, la grille
d'évaluation et la fiche d'animation ; des extraits de 20 à 40 lignes tirés des vrais jeux ; un
corrigé calculé sur ces extraits.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from phare import enquete
from phare.construction.kits import FACULTATIFS, PAGES_MAX, fichier_pdf, titre_document
from phare.donnees import charger
from phare.interface import libelle
from phare.texte import nombre

RACINE = Path(__file__).resolve().parents[1]
FICHE = RACINE / "book" / "enqueter" / "mener-l-enquete-fiche-animation.md"


@pytest.fixture(scope="module")
def extraits():
    return enquete.extraits()


def test_six_etapes_dans_l_ordre_avec_leurs_criteres():
    etapes = enquete.etapes()
    assert [e.cle for e in etapes] == ["question", "donnees", "qualite", "resume", "graphique", "conclusion"]
    assert [e.numero for e in etapes] == [1, 2, 3, 4, 5, 6]
    for e in etapes:
        for champ in ("titre", "affiche", "verification", "jugement", "en_cours", "atteint"):
            assert getattr(e, champ).strip(), f"{e.cle} : {champ} vide"
    assert enquete.niveaux() == ["non abordé", "en cours", "atteint"]


def test_la_part_verifiable_est_celle_de_l_issue():
    """One structural check per step: the question written, the dataset named, the missing values
    counted, the summary with n and the period, the chart's title, axes with units and source, a limit."""
    verif = {e.cle: e.verification.casefold() for e in enquete.etapes()}
    assert "question" in verif["question"] and "écrite" in verif["question"]
    assert "jeu de données" in verif["donnees"] and "nommé" in verif["donnees"]
    assert "manquantes" in verif["qualite"] and "comptées" in verif["qualite"]
    assert "(n)" in verif["resume"] and "période" in verif["resume"]
    assert all(m in verif["graphique"] for m in ("titre", "axes", "unités", "source"))
    assert "limite" in verif["conclusion"]


def test_la_grille_reprend_chaque_etape_et_dit_qui_juge_le_raisonnement():
    grille = enquete.grille_markdown()
    assert enquete.CLASSE_GRILLE in grille.splitlines()[0]
    for e in enquete.etapes():
        for texte in (e.titre, e.verification, e.jugement, e.en_cours, e.atteint):
            assert texte in grille
    assert all(n in grille for n in enquete.niveaux())
    assert libelle("grille.raisonnement") in grille and "enseignant·e" in libelle("grille.raisonnement")


def test_l_affiche_a_les_six_etapes_et_de_la_place_pour_ecrire():
    affiche = enquete.affiche_markdown()
    lignes = [ligne for ligne in affiche.splitlines() if re.match(r"^\| \d ", ligne)]
    assert len(lignes) == 6
    assert all(ligne.rstrip().endswith("|  |") for ligne in lignes), "une case vide pour écrire"
    for e in enquete.etapes():
        assert e.titre in affiche and e.affiche in affiche


def test_chaque_extrait_a_20_a_40_lignes_tirees_du_vrai_jeu(extraits):
    assert len(extraits) == 4 and [e.lettre for e in extraits] == ["A", "B", "C", "D"]
    for e in extraits:
        assert 20 <= len(e.tableau) <= 40, f"extrait {e.lettre} : {len(e.tableau)} lignes"
        assert e.question.endswith("?") and e.montre and e.ne_montre_pas
        texte = enquete.extrait_markdown(e)
        assert e.jeu in texte and "phare-distribuer" in texte
        # The handout gives no answer.
        for reponse in (*e.montre, *e.ne_montre_pas):
            assert reponse not in texte
    niveau = charger("niveau-marin-brest-annuel").tail(enquete.ANNEES_DU_NIVEAU)
    assert list(extraits[3].tableau["année"]) == list(niveau["annee"])


def test_le_corrige_est_calcule_sur_l_extrait(extraits):
    arrets = extraits[0]
    sans = int((arrets.tableau["accès en fauteuil"] == "pas d'information").sum())
    assert f"{nombre(sans)} arrêts sur {nombre(len(arrets.tableau))}" in arrets.montre[0]
    hivers = extraits[1].tableau
    colonne = "pluie de l'hiver (mm)"
    rang = int((hivers[colonne] > hivers.loc[hivers["hiver"] == "2013-2014", colonne].iloc[0]).sum()) + 1
    assert f"rang {nombre(rang)} des {nombre(len(hivers))}" in extraits[1].montre[0]
    corrige = enquete.corrige_markdown(extraits)
    for e in extraits:
        assert all(t in corrige for t in (*e.montre, *e.ne_montre_pas))


def test_la_fiche_d_animation_lit_les_etapes_et_les_extraits_sans_les_recopier():
    texte = FICHE.read_text(encoding="utf-8")
    for appel in ("enquete.affiche_markdown()", "enquete.extrait_markdown(", "enquete.corrige_markdown(",
                  "enquete.grille_markdown()"):
        assert appel in texte
    for e in enquete.etapes():
        assert e.verification not in texte and e.jugement not in texte


def test_la_grille_est_un_document_facultatif_du_kit():
    assert FACULTATIFS["grille"] == "grille-evaluation"
    assert fichier_pdf("book/enqueter/mener-l-enquete", "grille") == (
        "kits/mener-l-enquete/phare-mener-l-enquete-grille-evaluation.pdf"
    )
    assert titre_document("grille") == libelle("grille.titre")
    assert PAGES_MAX["grille"] <= 2


def test_un_compte_s_accorde():
    from phare.texte import compte

    assert [compte(n, "année") for n in (0, 1, 2)] == ["0 année", "1 année", "2 années"]
    assert compte(1234, "jour") == f"{nombre(1234)} jours"
