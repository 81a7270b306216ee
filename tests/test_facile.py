"""The easy-read versions of the « Comprendre » modules (phare.livre.facile), read in their sources.

The readability goals are checked on the text the bench measures (`mesure_facile`): a check of the
source, not a timing; the published figures come from `make bench`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from phare.construction.bench import (
    OBJECTIF_FACILE_KANDEL_MOLES,
    OBJECTIF_FACILE_MOTS,
    mesure_facile,
    pages_faciles,
    prose,
)
from phare.livre.facile import PICTOS, FacileInvalide, picto

RACINE = Path(__file__).resolve().parents[1]
COMPRENDRE = RACINE / "book" / "comprendre"
MODULES = ("une-donnee-cest-quoi", "mes-donnees-mes-droits", "donnees-publiques-open-data",
           "service-public-local-donnee")
FAIT = re.compile(r"\{fait\}`([^`:]+)::([^`]+)`")
IDEE = re.compile(r"^:{3,}\{idee\} (\S+)\n((?::[\w-]+:.*\n)*)", re.MULTILINE)


def _facile(module: str) -> str:
    return (COMPRENDRE / f"{module}-facile.md").read_text(encoding="utf-8")


def test_chaque_module_comprendre_a_sa_version_facile():
    trouvees = {p.name for p in pages_faciles(RACINE)}
    assert trouvees == {f"{m}-facile.md" for m in MODULES}
    for module in MODULES:
        assert _facile(module).startswith(f"# {{facile}}`{module}`\n")


@pytest.mark.parametrize("module", MODULES)
def test_la_page_facile_atteint_ses_objectifs_de_lisibilite(module):
    mesure = mesure_facile(_facile(module))
    assert mesure["kandel_moles"] >= OBJECTIF_FACILE_KANDEL_MOLES, mesure
    assert mesure["mots_par_phrase"] <= OBJECTIF_FACILE_MOTS, mesure


def test_le_texte_mesure_est_le_texte_lu():
    texte = (
        "# {facile}`m`\n\n::::{idee} bus\n:alt: Un bus vu de face, texte alternatif.\n"
        "Le fichier a {fait}`m::n` lignes.\n::::\n\n:::{essentiel}\n- Une idée par phrase, courte.\n:::\n"
    )
    assert prose(texte) == ["Le fichier a 12 lignes.", "Une idée par phrase, courte."]


@pytest.mark.parametrize("module", MODULES)
def test_chaque_chiffre_vient_du_calcul_du_module(module):
    """A number of the easy page is pasted from the module's glue ({fait}), never typed."""
    texte = _facile(module)
    source = (COMPRENDRE / f"{module}.md").read_text(encoding="utf-8")
    faits = FAIT.findall(texte)
    assert faits, "la page facile ne reprend aucun chiffre calculé du module"
    for page, cle in faits:
        assert page == module
        assert f'coller("{cle}"' in source, cle
    sans_roles = re.sub(r"\{[\w:-]+\}`[^`]*`", "", texte)
    nombres = set(re.findall(r"\b\d[\d\u202f]{2,}\b", sans_roles)) - set(re.findall(r"\b\d{4}\b", source))
    assert not nombres, f"nombres écrits à la main : {nombres}"


@pytest.mark.parametrize("module", MODULES)
def test_chaque_idee_a_son_pictogramme_et_son_texte_alternatif(module):
    idees = IDEE.findall(_facile(module))
    assert len(idees) >= 6
    for nom, options in idees:
        assert (PICTOS / f"{nom}.svg").is_file(), nom
        alt = re.search(r"^:alt: (.+)$", options, re.MULTILINE)
        assert alt and len(alt.group(1).split()) >= 2, nom


def test_les_pictogrammes_n_ont_ni_couleur_ecrite_ni_adresse():
    """Their colours are the palette's CSS variables (classes t, p, a), nothing is loaded."""
    for chemin in PICTOS.glob("*.svg"):
        svg = chemin.read_text(encoding="utf-8")
        assert svg.startswith('<svg viewBox="0 0 64 64"'), chemin.name
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b|https?:|href|style=|<script", svg), chemin.name
    dessin = picto("bus", "Un « bus »")
    assert 'role="img" aria-label="Un « bus »"' in dessin and dessin.count("<svg") == 1


def test_un_pictogramme_inconnu_est_dit_en_francais():
    with pytest.raises(FacileInvalide, match="pictogramme inconnu « trottinette » ; pictogrammes connus : "):
        picto("trottinette", "Une trottinette")


@pytest.mark.parametrize("module", MODULES)
def test_la_page_facile_invite_a_signaler_ce_qui_n_a_pas_marche(module):
    texte = _facile(module)
    assert "inspire des règles du FALC" in texte and "{{ contact }}" in texte
    assert "{essentiel}" in texte and "{sources}" in texte
