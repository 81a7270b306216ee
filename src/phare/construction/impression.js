// Assemble one printable document from the page the browser has just opened (the built page of a
// module or of its facilitator sheet): the SAME content as the site, selected for one audience.
// Called by phare.livre.impression through Playwright's page.evaluate(script, options).
// options: {sorte: "participant" | "cahier" | "animation" | "cartes" | "corrige" | "grille", titreDocument, genre, titre,
//           infos: [text], libelles: {key: text} (phare.interface), mentions: {licence, jeux: [{titre,
//           producteur, licence, source}]}, exercices: [url], animation: url of the facilitator sheet,
//           solutions: [{identifiant, titre, solution, texte, colonnes, lignes}] (computed in Python),
//           captures: [{src, alt, legende, largeur, avant | apres: formula}] (LibreOffice Calc's pictures
//           of the spreadsheet steps, participant sheet and worksheet)}
// The answers of the unplugged activity (the part `reponses` of the facilitator sheet) and of the
// quiz are printed in the key (« corrige ») only: never on the participant sheet, the cards or the
// facilitator sheet, so that a grid can be photocopied without its answers.
// The blocks are found by their markup, never by their headings' words: the parts of a page carry
// the class `phare-partie-<key>` and the exercises `phare-exercice` (phare.livre.parties).
async (options) => {
  // The one substitution of the site's scripts (phare-libelles.js, loaded by every built page).
  const L = (cle, valeurs) => window.PhareLibelles.remplir(options.libelles[cle] || "", valeurs);
  // The same page gives two documents (facilitator sheet, cards): keep the page as loaded, and start
  // each document from it.
  if (window.pharePageOriginale) document.body.replaceWith(window.pharePageOriginale.cloneNode(true));
  else window.pharePageOriginale = document.body.cloneNode(true);
  const article = document.querySelector("article.bd-article") || document.querySelector("main") || document.body;
  const principale = article.querySelector("section") || article;

  // Things that belong to the screen, never to paper.
  const nettoyer = (racine) => {
    racine.querySelectorAll(
      "a.headerlink, .phare-telecharger, .phare-fiche-identite, script, style, button, .phare-progression, " +
        ".phare-valider, .phare-annonce, .phare-lancer, .toggle-details, .copybtn"
    ).forEach((n) => n.remove());
    return racine;
  };
  const partie = (racine, cle) => racine.querySelector(`section.phare-partie-${cle}`);
  const titreDe = (section) => {
    const h = section.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4");
    return h ? h.textContent.replace("#", "").trim() : "";
  };
  const element = (balise, classe, texte) => {
    const e = document.createElement(balise);
    if (classe) e.className = classe;
    if (texte !== undefined) e.textContent = texte;
    return e;
  };
  // A section copied under a title of our own level (h2), without its original heading.
  const bloc = (titre, source, classe) => {
    const boite = element("section", "phare-fiche-bloc " + (classe || ""));
    boite.append(element("h2", "", titre));
    const copie = nettoyer(source.cloneNode(true));
    const h = copie.querySelector(":scope > h1, :scope > h2, :scope > h3, :scope > h4");
    if (h) h.remove();
    boite.append(...copie.childNodes);
    return boite;
  };

  // The line breaks of the HTML source collapsed, its non-breaking spaces kept (\s matches them:
  // « ? » would become breakable and be printed alone at the start of a line).
  const resserrer = (texte) => texte.replace(/[ \t\r\n\f]+/g, " ").trim();
  // The screenshots drawn by LibreOffice Calc (phare.construction.captures), next to their step:
  // a step is found by the formula it makes the reader type (its <code>), never by its words.
  const insererCaptures = (racine) => {
    const pas = [...racine.querySelectorAll("ol > li")];
    for (const capture of options.captures || []) {
      const formule = resserrer(capture.avant || capture.apres);
      const li = pas.find((l) => [...l.querySelectorAll("code")].some((c) => resserrer(c.textContent) === formule));
      if (!li) throw new Error(`capture sans son étape : aucune étape ne fait taper ${formule}`);
      const figure = element("figure", "phare-capture");
      const image = element("img");
      image.src = capture.src;
      image.alt = capture.alt;
      image.style.width = `${capture.largeur}px`;
      figure.append(image, element("figcaption", "", capture.legende));
      if (capture.avant) li.parentElement.before(figure);
      else li.append(figure);
    }
  };

  // Exercise statements: the Markdown of the linked exercise notebooks, without any code cell;
  // with `place`, an empty frame after each exercise to write the answer by hand (the worksheet).
  const enoncesDesExercices = async (urls, place) => {
    const enonces = element("section", "phare-fiche-bloc phare-fiche-exercices");
    enonces.append(element("h2", "", L("exercices")));
    for (const url of urls) {
      const reponse = await fetch(url);
      if (!reponse.ok) throw new Error(`exercices introuvables : ${url} (${reponse.status})`);
      const doc = new DOMParser().parseFromString(await reponse.text(), "text/html");
      const art = doc.querySelector("article.bd-article") || doc.body;
      art.querySelectorAll("div.cell, .cell_output, details, img, figure, [class*='solution'], [class*='indice']")
        .forEach((n) => n.remove());
      nettoyer(art);
      const titre = art.querySelector("h1");
      // The sections that hold an exercise (marked from their `verifier(...)` cell at build time).
      const exos = [...art.querySelectorAll("section.phare-exercice")];
      const sous = element("section", "phare-fiche-notebook");
      sous.append(element("h3", "", titre ? titre.textContent.replace("#", "").trim() : url));
      for (const s of exos.length ? exos : [art.querySelector("section") || art]) {
        const copie = s.cloneNode(true);
        copie.querySelectorAll("h1").forEach((h) => h.remove());
        copie.querySelectorAll("h2, h3, h4").forEach((h) => {
          const h4 = element("h4", "", h.textContent.replace("#", "").trim());
          h.replaceWith(h4);
        });
        sous.append(...copie.childNodes);
        if (place) sous.append(element("div", "phare-fiche-place", L("place_reponse")));
      }
      enonces.append(sous);
    }
    return enonces;
  };

  const fiche = element("main", "phare-fiche phare-fiche-" + options.sorte);
  fiche.lang = "fr";
  const entete = element("header", "phare-fiche-entete");
  entete.append(element("p", "phare-fiche-genre", options.genre));
  entete.append(element("h1", "", options.titre));
  if (options.infos.length) entete.append(element("p", "phare-fiche-infos", options.infos.join(" · ")));
  fiche.append(entete);

  if (options.sorte === "participant") {
    const objectifs = partie(principale, "objectifs");
    if (objectifs) fiche.append(bloc(L("partie_objectifs"), objectifs));
    // The main figure (the first figure of the page, or the first image drawn by a notebook cell),
    // plus the figures the author marked with the class `phare-imprimer` (e.g. those a quiz asks about).
    const premiere =
      [...principale.querySelectorAll("figure")].find((f) => f.querySelector("img, svg")) ||
      principale.querySelector(".cell_output img, .output img");
    const marquees = [...principale.querySelectorAll("figure.phare-imprimer, .phare-imprimer figure")];
    const figures = [premiere, ...marquees].filter((f, i, toutes) => f && toutes.indexOf(f) === i);
    if (figures.length) {
      const boite = element("section", "phare-fiche-bloc phare-fiche-figure");
      boite.append(element("h2", "", L(figures.length > 1 ? "figures_du_module" : "figure_du_module")));
      for (const figure of figures) {
        const copie = nettoyer(figure.cloneNode(true));
        if (copie.tagName === "IMG") {
          const f = element("figure");
          f.append(copie);
          if (copie.alt) f.append(element("figcaption", "", copie.alt));
          boite.append(f);
        } else {
          boite.append(copie);
        }
      }
      fiche.append(boite);
    }
    // A module with a spreadsheet part is a spreadsheet workshop on paper: its steps (what to click,
    // what to type) replace the Python exercises, which stay in the notebooks of the pack.
    const tableur = partie(principale, "tableur");
    if (tableur) {
      const etapes = bloc(L("partie_tableur"), tableur, "phare-fiche-tableur");
      etapes.querySelectorAll(".cell_input, .phare-lancer").forEach((n) => n.remove());
      insererCaptures(etapes);
      fiche.append(etapes);
    }
    const retenir = partie(principale, "retenir");
    if (retenir) fiche.append(bloc(L("partie_retenir"), retenir));
    const quiz = [...principale.querySelectorAll(".phare-quiz")];
    if (quiz.length) {
      const boite = element("section", "phare-fiche-bloc phare-fiche-quiz");
      boite.append(element("h2", "", L("partie_quiz")));
      boite.append(element("p", "phare-fiche-consigne", L("consigne_quiz")));
      for (const q of quiz) {
        const copie = nettoyer(q.cloneNode(true));
        // No answer on paper: neither the feedback of each choice nor which one is right.
        copie.querySelectorAll(".phare-retour, .phare-quiz-consigne, [data-juste], details").forEach((n) => n.remove());
        copie.querySelectorAll("input").forEach((i) => i.replaceWith(element("span", "phare-case", L("case"))));
        copie.removeAttribute("id");
        boite.append(...copie.childNodes);
      }
      fiche.append(boite);
    }
    const enonces = await enoncesDesExercices(tableur ? [] : options.exercices, false);
    if (options.exercices.length && !tableur) fiche.append(enonces);
  } else if (options.sorte === "cahier") {
    // The worksheet: the module's whole learner text, then its exercises with room for the answers.
    // No answer: neither the quiz's feedback nor which choice is right, nor any solution or hint
    // (they are in the key), nor the code (the exercises are done in the notebooks or on paper).
    const texte = nettoyer(principale.cloneNode(true));
    texte.querySelectorAll(
      ".phare-retour, .phare-quiz-consigne, [data-juste], details, [class*='solution'], [class*='indice'], " +
        ".cell_input, h1"
    ).forEach((n) => n.remove());
    texte.querySelectorAll(".phare-quiz input").forEach((i) => i.replaceWith(element("span", "phare-case", L("case"))));
    texte.querySelectorAll("[id]").forEach((n) => n.removeAttribute("id"));
    const tableurDuCahier = texte.querySelector("section.phare-partie-tableur");
    if (tableurDuCahier) insererCaptures(tableurDuCahier);
    const boite = element("section", "phare-fiche-bloc phare-fiche-texte");
    boite.append(...texte.childNodes);
    fiche.append(boite);
    if (options.exercices.length) fiche.append(await enoncesDesExercices(options.exercices, true));
  } else if (options.sorte === "animation") {
    const copie = nettoyer(principale.cloneNode(true));
    copie.querySelector("h1")?.remove();
    copie.querySelectorAll("section.phare-partie-reponses").forEach((s) =>
      s.replaceWith(element("p", "phare-fiche-renvoi", L("renvoi_corrige")))
    );
    // Printed as documents of their own: the evaluation grid, and the handouts marked `phare-a-part`
    // (a wall poster, the groups' extracts), each replaced here by one line that says where they are.
    copie.querySelectorAll(".phare-grille").forEach((g) => g.replaceWith(element("p", "phare-fiche-renvoi", L("grille_renvoi"))));
    copie.querySelectorAll(".phare-a-part").forEach((b, i) => {
      if (i) b.remove();
      else b.replaceWith(element("p", "phare-fiche-renvoi", L("grille_renvoi_extraits")));
    });
    copie.querySelectorAll("table.phare-cartes").forEach((table) => {
      (table.closest(".pst-scrollable-table-container") || table).after(
        element("p", "phare-fiche-renvoi", L("renvoi_cartes"))
      );
    });
    fiche.append(...copie.childNodes);
  } else if (options.sorte === "grille") {
    // The evaluation grid (phare.enquete): its block only, as the facilitator sheet shows it.
    const grilles = [...principale.querySelectorAll(".phare-grille")];
    if (!grilles.length) throw new Error("aucun bloc « phare-grille » sur la fiche d'animation");
    grilles.forEach((g) => fiche.append(nettoyer(g.cloneNode(true))));
  } else if (options.sorte === "corrige") {
    fiche.append(element("p", "phare-fiche-consigne", L("consigne_corrige")));
    // The quiz: every question (fieldset.phare-question), every choice with its verdict and its
    // feedback (details.phare-retour, data-juste="oui"|"non"), read from the built page.
    const questions = [...principale.querySelectorAll("fieldset.phare-question")];
    if (questions.length) {
      const boite = element("section", "phare-fiche-bloc phare-corrige-quiz");
      boite.append(element("h2", "", L("corrige_quiz")));
      for (const q of questions) {
        const legende = q.querySelector("legend");
        const question = element("div", "phare-corrige-question");
        question.append(element("h3", "", legende ? resserrer(legende.textContent) : ""));
        const liste = element("ul", "phare-corrige-choix");
        for (const retour of q.querySelectorAll("details.phare-retour")) {
          const li = retour.closest("li");
          const etiquette = (li && li.querySelector("label")) || retour.previousElementSibling;
          const juste = retour.dataset.juste === "oui";
          const commentaire = retour.cloneNode(true);
          commentaire.querySelectorAll("summary, .phare-verdict").forEach((n) => n.remove());
          const choix = element("li", juste ? "phare-corrige-juste" : "phare-corrige-faux");
          choix.append(
            element("span", "phare-corrige-verdict", (juste ? "✓ " : "✗ ") + L(juste ? "corrige_juste" : "corrige_faux") + "\u00a0: "),
            element("strong", "", etiquette ? etiquette.textContent.trim() : ""),
            element("span", "phare-corrige-commentaire", " — " + resserrer(commentaire.textContent))
          );
          liste.append(choix);
        }
        question.append(liste);
        boite.append(question);
      }
      fiche.append(boite);
    }
    // The exercises: the expected result, computed from the data when the kit was made.
    if (options.solutions.length) {
      const boite = element("section", "phare-fiche-bloc phare-corrige-exercices");
      boite.append(element("h2", "", L("corrige_exercices")));
      for (const s of options.solutions) {
        const exo = element("div", "phare-corrige-exercice");
        exo.append(element("h3", "", `${s.titre} (${s.identifiant})`));
        const attendu = element("p", "");
        attendu.append(element("strong", "", L("corrige_attendu")), s.texte);
        exo.append(attendu);
        if (s.colonnes.length) {
          const table = element("table", "phare-corrige-tableau");
          const tete = element("tr");
          s.colonnes.forEach((c) => tete.append(element("th", "", c)));
          table.append(element("thead"));
          table.firstChild.append(tete);
          const corps = element("tbody");
          s.lignes.forEach((ligne) => {
            const tr = element("tr");
            ligne.forEach((v) => tr.append(element("td", "", v)));
            corps.append(tr);
          });
          table.append(corps);
          exo.append(table);
        }
        exo.append(element("p", "phare-corrige-solution-titre", L("corrige_solution")));
        const pre = element("pre", "phare-corrige-solution");
        pre.append(element("code", "", s.solution));
        exo.append(pre);
        boite.append(exo);
      }
      fiche.append(boite);
    }
    // The unplugged activity: what the facilitator sheet expects (its part `reponses`).
    const reponse = await fetch(options.animation);
    if (!reponse.ok) throw new Error(`fiche d'animation introuvable : ${options.animation} (${reponse.status})`);
    const doc = new DOMParser().parseFromString(await reponse.text(), "text/html");
    const attendus = [...doc.querySelectorAll("section.phare-partie-reponses")];
    if (!attendus.length) throw new Error(`partie « reponses » absente de ${options.animation}`);
    for (const section of attendus) fiche.append(bloc(L("corrige_activite"), document.importNode(section, true)));
  } else {
    // The cards: each body row of a table of class `phare-cartes` is one card (CONTRIBUTING.md).
    const tables = [...principale.querySelectorAll("table.phare-cartes")];
    if (tables.length) {
      fiche.append(element("p", "phare-fiche-consigne", L("consigne_cartes")));
      for (const table of tables) {
        const legende = table.querySelector("caption .caption-text") || table.querySelector("caption");
        fiche.append(element("h2", "", legende ? legende.textContent.trim() : L("cartes_titre")));
        const liste = element("ul", "phare-cartes-liste");
        const entetes = [...table.querySelectorAll("thead th")].map((c) => c.textContent.trim());
        for (const ligne of table.querySelectorAll("tbody tr")) {
          const cellules = [...ligne.querySelectorAll("td")].map((c) => c.textContent.trim());
          const noms = entetes.slice();
          const carte = element("li", "phare-carte");
          // A first cell holding only a number is the card's number: small, in a corner.
          if (cellules.length > 1 && /^\d+$/.test(cellules[0])) {
            carte.append(element("span", "phare-carte-numero", cellules.shift()));
            noms.shift();
          }
          if (cellules.length === 1) {
            carte.append(element("p", "", cellules[0]));
          } else {
            // Several columns: the first one is the card's title, the others keep their column name.
            carte.append(element("p", "phare-carte-titre", cellules.shift()));
            noms.shift();
            const contenu = element("p");
            cellules.forEach((valeur, i) => {
              if (i) contenu.append(element("br"));
              contenu.append(element("span", "phare-carte-champ", `${noms[i] || ""}\u00a0: `), valeur);
            });
            carte.append(contenu);
          }
          liste.append(carte);
        }
        fiche.append(liste);
      }
    } else {
      // No cards table: the section of the activity without computers, as it is.
      const activite = partie(principale, "sans_ordinateur");
      if (!activite) throw new Error("ni tableau « phare-cartes » ni partie « sans_ordinateur » sur la fiche d'animation");
      // When it holds blocks to hand out (a letter to fill in…), those blocks only, one per page.
      const distribuer = [...activite.querySelectorAll(".phare-distribuer")].filter(
        (b) => !b.closest("section.phare-partie-reponses")
      );
      if (distribuer.length) {
        distribuer.forEach((b, i) => {
          const copie = nettoyer(b.cloneNode(true));
          if (i) copie.classList.add("phare-fiche-distribuer");
          fiche.append(copie);
        });
      } else {
        const copie = nettoyer(activite.cloneNode(true));
        copie.querySelectorAll("section.phare-partie-reponses").forEach((s) => s.remove());
        const h = copie.querySelector(":scope > h2, :scope > h3");
        fiche.append(element("h2", "", h ? titreDe(activite) : L("partie_sans_ordinateur")));
        if (h) h.remove();
        fiche.append(...copie.childNodes);
      }
    }
    // What is handed out besides the cards (a grid, the question of a debate, a letter to fill in):
    // the blocks of class `phare-distribuer` of the facilitator sheet, each on a page of its own.
    if (tables.length) {
      for (const bloc of principale.querySelectorAll(".phare-distribuer")) {
        if (bloc.closest("section.phare-partie-reponses")) continue;
        const copie = nettoyer(bloc.cloneNode(true));
        copie.classList.add("phare-fiche-distribuer");
        fiche.append(copie);
      }
    }
  }

  // Licence and data sources, on every document.
  const pied = element("footer", "phare-fiche-mentions");
  pied.append(element("p", "", options.mentions.licence));
  if (options.mentions.jeux.length) {
    pied.append(element("p", "phare-fiche-mentions-titre", L("donnees_utilisees")));
    const liste = element("ul");
    for (const jeu of options.mentions.jeux) {
      const li = element("li");
      // The address stays on one line: a reader types it from paper, and a break after one of its
      // hyphens would read as a typo (pdftotext even joins such lines without the hyphen).
      const [avant, apres] = L("jeu_mention", { producteur: jeu.producteur, licence: jeu.licence }).split("{source}");
      li.append(element("strong", "", jeu.titre), document.createTextNode(avant),
        element("span", "phare-fiche-adresse", jeu.source), document.createTextNode(apres ?? ""));
      if (jeu.copie) li.append(document.createTextNode(L("jeu_copie", { copie: jeu.copie })));
      liste.append(li);
    }
    pied.append(liste);
  }
  // Printed at the end; under the header when, at the end, they would be alone on a last page.
  if (options.mentionsEnTete) {
    pied.classList.add("phare-fiche-mentions-en-tete");
    entete.after(pied);
  } else fiche.append(pied);

  // A link inside the site means nothing on paper (it would point to the local print server):
  // keep its text only. Links to other sites stay, with their address printed after them.
  fiche.querySelectorAll("a[href]").forEach((a) => {
    if (/^https?:/.test(a.getAttribute("href"))) return;
    const texte = element("span", "phare-lien-interne");
    texte.append(...a.childNodes);
    a.replaceWith(texte);
  });
  // An empty cell of a grid to hand out is room to write by hand.
  fiche.querySelectorAll(".phare-distribuer td").forEach((td) => {
    if (!td.textContent.trim()) td.classList.add("phare-a-remplir");
  });
  document.body.replaceChildren(fiche);
  document.body.className = "phare-impression" + (options.serre ? " phare-impression-serree" : "");
  document.documentElement.lang = "fr";
  document.title = options.titreDocument;
  await Promise.all(
    [...document.images].map((i) => (i.complete ? null : new Promise((ok) => { i.onload = i.onerror = ok; })))
  );
  await document.fonts.ready;
  return fiche.textContent.length;
}
