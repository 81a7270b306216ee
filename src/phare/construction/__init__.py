"""Build infrastructure of the site, shared by the build steps, the benchmark and the tests.

No Sphinx import here: `phare.livre` (the Sphinx extensions) may use this package, never the
reverse. One home for each tool:
- `archives`: the reproducible zip writer and the build's fixed date (SOURCE_DATE_EPOCH);
- `roue`: the phare wheel; `serveur`: the local static server; `chromium`: the browser;
- `jupyterlite` and `liens`: what the site's notebooks need outside the book;
- the build steps run after the book: `lite` (JupyterLite app), `kits` (PDFs and packs, with
  `impression` and `paquets`), `strict` (CI's strict build) and `bench` (`make bench`).
"""
