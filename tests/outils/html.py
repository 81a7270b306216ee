"""What the tests read of a built page's HTML, in one streaming pass (no tree).

The pages carry their inlined CSS: building a BeautifulSoup tree of every page took half a minute
of the browser suite. The checks that walk every page (links and anchors, figure numbers, which
page loads which script) read this summary instead; a test of one page may still use a tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class ResumePage:
    """A page's links, anchors, classes and scripts (`src` of each file, text of each inline one)."""

    liens: list[str] = field(default_factory=list)
    ancres: set[str] = field(default_factory=set)
    classes: set[str] = field(default_factory=set)
    scripts_fichiers: list[str] = field(default_factory=list)
    scripts_en_ligne: list[str] = field(default_factory=list)


class _Lecteur(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = ResumePage()
        self._dans_un_script = False

    def handle_starttag(self, balise, attributs):
        attributs = dict(attributs)
        if attributs.get("id"):
            self.page.ancres.add(attributs["id"])
        if balise == "a" and attributs.get("name"):
            self.page.ancres.add(attributs["name"])
        if balise == "a" and attributs.get("href") is not None:
            self.page.liens.append(attributs["href"])
        if balise == "script":
            self._dans_un_script = True
            if attributs.get("src"):
                self.page.scripts_fichiers.append(attributs["src"])
        self.page.classes.update((attributs.get("class") or "").split())

    def handle_endtag(self, balise):
        if balise == "script":
            self._dans_un_script = False

    def handle_data(self, texte):
        if self._dans_un_script and texte.strip():
            self.page.scripts_en_ligne.append(texte)


@cache
def lire_page(fichier: Path) -> ResumePage:
    """The summary of one built page (read once per test session)."""
    lecteur = _Lecteur()
    lecteur.feed(fichier.read_text(encoding="utf-8"))
    lecteur.close()
    return lecteur.page
