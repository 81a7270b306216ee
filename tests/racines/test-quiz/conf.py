# A tiny book for phare.livre.quiz: the three question types and their exports (sphinx.testing).
extensions = ["myst_parser", "phare.livre.quiz"]
language = "fr"
myst_enable_extensions = ["colon_fence"]
