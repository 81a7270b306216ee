"""La lettre à compléter d'une fiche d'animation, aussi en document modifiable (.odt).

Same source as the printed letter: the fragment of class `phare-lettre` of the BUILT facilitator
sheet is written to a temporary HTML file, and LibreOffice Writer converts it
(`soffice --headless --convert-to odt`, by `phare.construction.libreoffice`). The .odt is then
repacked with fixed dates so that the module's pack stays reproducible.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
from html import escape
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

from . import libreoffice
from .archives import date_zip
from .kits import CLASSE_LETTRE

_VIDES = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class LettreIntrouvable(libreoffice.LibreOfficeIntrouvable):
    """Pas de lettre, ou conversion impossible : le message est en français."""


class _Extraire(HTMLParser):
    """Garde le contenu (HTML) du premier élément de classe `phare-lettre`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.profondeur = 0
        self.morceaux: list[str] = []
        self.fini = False

    def handle_starttag(self, tag, attrs):
        if self.fini:
            return
        if self.profondeur:
            self.morceaux.append(self.get_starttag_text())
            if tag not in _VIDES:
                self.profondeur += 1
        elif CLASSE_LETTRE in (dict(attrs).get("class") or "").split():
            self.profondeur = 1

    def handle_endtag(self, tag):
        if self.fini or not self.profondeur or tag in _VIDES:
            return
        self.profondeur -= 1
        if self.profondeur:
            self.morceaux.append(f"</{tag}>")
        else:
            self.fini = True

    def handle_data(self, data):
        if self.profondeur and not self.fini:
            self.morceaux.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def fragment_lettre(html: str) -> str | None:
    """Le HTML intérieur de la lettre (`div.phare-lettre`) d'une page construite, ou None."""
    extraire = _Extraire()
    extraire.feed(html)
    if not extraire.fini:
        return None
    fragment = "".join(extraire.morceaux)
    return re.sub(r'\s(?:class|id)="[^"]*"', "", fragment).strip()


def document_html(fragment: str, titre: str) -> str:
    """Un document HTML autonome pour Writer : le texte de la lettre, rien d'autre."""
    return (
        '<!DOCTYPE html>\n<html lang="fr"><head><meta charset="utf-8">'
        f"<title>{escape(titre)}</title></head>\n<body>\n{fragment}\n</body></html>\n"
    )


def _figer(odt: bytes) -> bytes:
    """Réécrit l'.odt avec des dates fixes, `mimetype` en premier et non compressé (norme ODF)."""
    entree = zipfile.ZipFile(BytesIO(odt))
    sortie = BytesIO()
    date = date_zip()
    noms = sorted(entree.namelist(), key=lambda n: (n != "mimetype", n))
    with zipfile.ZipFile(sortie, "w") as z:
        for nom in noms:
            donnees = entree.read(nom)
            if nom == "meta.xml":
                donnees = re.sub(rb"<(meta:creation-date|dc:date)>[^<]*</\1>", b"", donnees)
                donnees = re.sub(rb"<meta:editing-duration>[^<]*</meta:editing-duration>", b"", donnees)
            # Writer's revision ids (rsid) are random at each start.
            donnees = re.sub(rb'(config:name="Rsid(?:Root)?" config:type="int">)\d+', rb"\g<1>0", donnees)
            donnees = re.sub(rb'(officeooo:(?:paragraph-)?rsid=")[0-9a-f]+"', rb'\g<1>00000000"', donnees)
            info = zipfile.ZipInfo(nom, date_time=date)
            info.compress_type = zipfile.ZIP_STORED if nom == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, donnees)
    return sortie.getvalue()


def convertir(fragment: str, titre: str, chemin: Path) -> Path:
    """Écrit `chemin` (.odt) à partir du fragment HTML de la lettre, avec LibreOffice Writer."""
    with tempfile.TemporaryDirectory(prefix="phare-lettre-") as tmp:
        dossier = Path(tmp)
        source = dossier / (chemin.stem + ".html")
        source.write_text(document_html(fragment, titre), encoding="utf-8")
        try:
            executable = libreoffice.soffice("libreoffice-writer-nogui", "fabriquer la lettre modifiable")
            libreoffice.convertir(
                executable, dossier / "profil", "odt:writer8", dossier / "sortie", [source],
                filtre="HTML (StarWriter)", quoi=f"la lettre « {titre} » en .odt",
            )
        except libreoffice.LibreOfficeIntrouvable as erreur:
            raise LettreIntrouvable(str(erreur)) from erreur
        produit = dossier / "sortie" / (chemin.stem + ".odt")
        if not produit.is_file():
            raise LettreIntrouvable(f"LibreOffice n'a pas écrit la lettre « {titre} » en .odt.")
        chemin.parent.mkdir(parents=True, exist_ok=True)
        chemin.write_bytes(_figer(produit.read_bytes()))
    return chemin


def fabriquer_tout(site: Path, manifeste: dict) -> list[Path]:
    """Une lettre .odt pour chaque fiche d'animation qui a une lettre à compléter."""
    faits = []
    # A letter whose fragment and title have not changed since LibreOffice made it is kept.
    fichier = Path(site).resolve().parent / "kits" / "empreintes-lettres.json"
    try:
        anciennes = json.loads(fichier.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        anciennes = {}
    empreintes, refaites = {}, 0
    for module in manifeste["modules"]:
        if "lettre" not in module:
            continue
        page = site / module["animation"]["html"]
        fragment = fragment_lettre(page.read_text(encoding="utf-8")) if page.is_file() else None
        if fragment is None:
            continue
        titre, sortie = module["animation"]["titre"], site / module["lettre"]
        empreintes[module["lettre"]] = hashlib.sha256(f"{titre}\0{fragment}".encode()).hexdigest()
        if anciennes.get(module["lettre"]) == empreintes[module["lettre"]] and sortie.is_file():
            faits.append(sortie)
            continue
        faits.append(convertir(fragment, titre, sortie))
        refaites += 1
    if empreintes:
        fichier.parent.mkdir(parents=True, exist_ok=True)
        toutes = {**anciennes, **empreintes}
        fichier.write_text(json.dumps(toutes, indent=1, sort_keys=True), encoding="utf-8")
    if faits:
        print(f"{refaites} lettre(s) modifiable(s) (.odt) fabriquée(s) dans {site / 'kits'}"
              f" ({len(faits) - refaites} déjà à jour)")
    return faits
