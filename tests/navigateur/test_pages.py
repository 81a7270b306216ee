"""Every page of the built site, visited as a first visit in Chromium."""

import pytest

pytestmark = pytest.mark.navigateur


def test_chargement_propre(visiter, chemin_page):
    visite = visiter(chemin_page)
    if visite.problemes():
        pytest.fail("\n".join(visite.problemes()), pytrace=False)


def test_axe_sans_violation(visiter, axe, chemin_page):
    visite = visiter(chemin_page)
    violations = axe(visite.page)
    if violations:
        pytest.fail(axe.resume(violations), pytrace=False)
