# A tiny book for phare.livre.lexique: a page that uses glossary terms, and the glossary (sphinx.testing).
extensions = ["myst_parser", "phare.livre.lexique"]
language = "fr"
myst_enable_extensions = ["colon_fence"]
