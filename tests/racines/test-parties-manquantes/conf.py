# A tiny book for phare.livre.parties, phare.livre.module and the parcours lists (sphinx.testing).
extensions = ["myst_parser", "phare.livre.parties", "phare.livre.publics"]
language = "fr"
myst_enable_extensions = ["colon_fence"]
