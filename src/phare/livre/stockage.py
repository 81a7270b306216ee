"""Per-page data kept in the Sphinx environment, right across incremental and parallel builds."""

from __future__ import annotations


def stocker_par_page(app, attribut: str) -> None:
    """Keep `env.<attribut>`, a dict keyed by page name: created once, purged when a page is
    re-read, merged back from parallel readers."""

    def initialiser(app, env, docnames) -> None:
        if not hasattr(env, attribut):
            setattr(env, attribut, {})

    def purger(app, env, docname) -> None:
        getattr(env, attribut, {}).pop(docname, None)

    def fusionner(app, env, docnames, other) -> None:
        autre = getattr(other, attribut, {})
        getattr(env, attribut).update({d: autre[d] for d in docnames if d in autre})

    app.connect("env-before-read-docs", initialiser)
    app.connect("env-purge-doc", purger)
    app.connect("env-merge-info", fusionner)
