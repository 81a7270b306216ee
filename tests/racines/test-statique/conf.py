# A tiny book for phare.livre.statique: a stylesheet of the project, edited alone (sphinx.testing).
from phare.livre.statique import servir_statique

extensions = ["myst_parser"]
language = "fr"
html_static_path = ["_ressources"]
html_css_files = ["essai.css"]


def setup(app):
    servir_statique(app)
