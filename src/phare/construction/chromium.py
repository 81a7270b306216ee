"""Debian's headless Chromium driven by Playwright: the only browser of the build and the tests.

Never a downloaded browser (only PyPI, npm and Debian are reachable): PHARE_CHROMIUM, or
/usr/bin/chromium. The flags keep Chromium from calling outside hosts on its own.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

DRAPEAUX_CHROMIUM = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


class ChromiumIntrouvable(SystemExit):
    """No Chromium where PHARE_CHROMIUM (or /usr/bin/chromium) says: the message says what to do."""


def executable() -> str:
    return os.environ.get("PHARE_CHROMIUM", "/usr/bin/chromium")


@contextmanager
def chromium():
    """A running headless Chromium (Playwright's Browser), closed at the end of the block."""
    from playwright.sync_api import sync_playwright

    chemin = executable()
    if not Path(chemin).is_file():
        raise ChromiumIntrouvable(
            f"Chromium introuvable ({chemin}) : installez-le avec `bash .ci/systeme` "
            "ou indiquez un autre Chromium avec PHARE_CHROMIUM."
        )
    with sync_playwright() as pw:
        navigateur = pw.chromium.launch(executable_path=chemin, headless=True, args=DRAPEAUX_CHROMIUM)
        try:
            yield navigateur
        finally:
            navigateur.close()
