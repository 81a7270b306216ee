# A tiny book for phare.livre.mesures: a page of measures, rebuilt only when bench.json appears.
extensions = ["myst_parser", "phare.livre.mesures"]
language = "fr"
