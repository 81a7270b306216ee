/* Quiz de Phare : validation, retours annoncés, progression gardée sur l'appareil.
   Amélioration progressive : sans ce script, les questions, les choix et les commentaires
   (repliés) restent lisibles. Ce script n'envoie rien : il garde les réponses par la mémoire
   de Phare (PhareStockage, phare-stockage.js : clé « phare-quiz:v2:<page>#<quiz> » : pour chaque
   question, la réponse validée, si elle est juste, et si la première réponse validée l'était,
   « du premier coup »). */
(function () {
  "use strict";

  // Phare's one storage module (phare-stockage.js, loaded before this script on every page).
  function stockage() {
    var memoire = window.PhareStockage;
    return memoire && memoire.disponible() ? memoire : null;
  }

  function lire(memoire, cle) {
    var valeur = memoire ? memoire.lire(cle) : null;
    return valeur && typeof valeur === "object" ? valeur : {};
  }

  // The words come from the one table of labels (phare.interface), given by the page's HTML.
  function mots(quiz) {
    var table = window.PhareLibelles.table(quiz);
    return function (cle, valeurs) {
      return window.PhareLibelles.remplir(table[cle] || "", valeurs);
    };
  }

  // « 4,5 », « 4.5 », « 1 234,5 » -> 4.5, 1234.5 ; null when it is not a number.
  function lireNombre(texte) {
    var propre = String(texte).replace(/[\s\u00a0\u202f]/g, "").replace(",", ".").replace("\u2212", "-");
    return /^[-+]?\d+(\.\d+)?$/.test(propre) ? parseFloat(propre) : null;
  }

  function initialiser(quiz) {
    var dire = mots(quiz);
    var memoire = stockage();
    // v2: the choices are ordered at build time since issue 14; answers saved before mean nothing now.
    var ancienneCle = "phare-quiz:" + quiz.getAttribute("data-phare-quiz");
    var cle = "phare-quiz:v2:" + quiz.getAttribute("data-phare-quiz");
    var reponses = lire(memoire, cle);
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".phare-question"));
    var progression = quiz.querySelector(".phare-progression");
    var texteProgression = quiz.querySelector(".phare-progression-texte");
    var effacer = quiz.querySelector(".phare-effacer");

    quiz.classList.add("phare-quiz--actif");
    progression.hidden = false;
    if (memoire) memoire.retirer(ancienneCle);

    function sauver() {
      if (memoire) memoire.ecrire(cle, reponses);
    }

    function majProgression() {
      var faites = 0, justes = 0, premier = 0;
      questions.forEach(function (q) {
        var r = reponses[q.getAttribute("data-numero")];
        if (r) {
          faites += 1;
          if (r.juste) justes += 1;
          if (r.premier) premier += 1;
        }
      });
      var valeurs = { faites: faites, total: questions.length, justes: justes, s_justes: justes > 1 ? "s" : "",
                      premier: premier };
      texteProgression.textContent = faites === 0
        ? dire("aucune")
        : dire(faites === 1 ? "progression_une" : "progression", valeurs) + dire("premier_coup", valeurs);
      effacer.disabled = faites === 0;
    }

    function nettoyer(question) {
      question.querySelectorAll(".phare-choix").forEach(function (c) {
        c.classList.remove("phare-choix--juste", "phare-choix--faux");
      });
      question.querySelectorAll(".phare-marque").forEach(function (m) { m.remove(); });
      question.querySelector(".phare-annonce").innerHTML = "";
    }

    function marquer(choix, juste) {
      choix.classList.add(juste ? "phare-choix--juste" : "phare-choix--faux");
      var marque = document.createElement("span");
      marque.className = "phare-marque";
      marque.textContent = dire(juste ? "marque_juste" : "marque_faux");
      choix.querySelector("label").appendChild(marque);
    }

    function commentaire(retour) {
      var texte = retour.querySelector(".phare-retour-texte").cloneNode(true);
      texte.className = "phare-retour-affiche";
      return texte;
    }

    function verdict(annonce, juste, precision) {
      var p = document.createElement("p");
      p.className = "phare-verdict " + (juste ? "phare-verdict--juste" : "phare-verdict--faux");
      var titre = document.createElement("strong");
      titre.textContent = dire(juste ? "annonce_juste" : "annonce_faux");
      p.appendChild(titre);
      p.appendChild(document.createTextNode(precision));
      annonce.appendChild(p);
    }

    // The choice's own words, without the mark (« ✓ votre réponse… ») a validation adds to its label.
    function etiquette(choix) {
      var label = choix.querySelector("label").cloneNode(true);
      label.querySelectorAll(".phare-marque").forEach(function (m) { m.remove(); });
      return label.textContent.trim();
    }

    function relancer(annonce) {
      var relance = document.createElement("p");
      relance.textContent = dire("relance");
      annonce.appendChild(relance);
    }

    // Single choice: the chosen option's comment.
    function jugerUnique(question, valeur) {
      var radio = question.querySelector('input[type=radio][value="' + valeur + '"]');
      if (!radio) return null;
      radio.checked = true;
      var choix = radio.closest(".phare-choix");
      var retour = choix.querySelector(".phare-retour");
      var juste = retour.getAttribute("data-juste") === "oui";
      var annonce = question.querySelector(".phare-annonce");
      nettoyer(question);
      marquer(choix, juste);
      verdict(annonce, juste, dire("vous_avez_choisi", { choix: etiquette(choix) }));
      annonce.appendChild(commentaire(retour));
      if (!juste) relancer(annonce);
      return juste;
    }

    // Several right answers, judged as a whole: right when the ticked boxes are exactly the right ones.
    // Each ticked choice is marked and commented; when all is right, every choice's comment is shown.
    function jugerPlusieurs(question, valeurs) {
      var annonce = question.querySelector(".phare-annonce");
      var cases = Array.prototype.slice.call(question.querySelectorAll("input[type=checkbox]"));
      cases.forEach(function (c) { c.checked = valeurs.indexOf(c.value) >= 0; });
      nettoyer(question);
      var juste = true, manque = false, cochees = [];
      cases.forEach(function (c) {
        var bonne = c.closest(".phare-choix").querySelector(".phare-retour").getAttribute("data-juste") === "oui";
        if (c.checked !== bonne) juste = false;
        if (bonne && !c.checked) manque = true;
        if (c.checked) cochees.push("«\u00a0" + etiquette(c.closest(".phare-choix")) + "\u00a0»");
      });
      verdict(annonce, juste, dire("vous_avez_coche", { choix: cochees.join(", ") }));
      var liste = document.createElement("ul");
      liste.className = "phare-retours-affiches";
      cases.forEach(function (c) {
        if (!c.checked && !juste) return;
        var choix = c.closest(".phare-choix");
        var retour = choix.querySelector(".phare-retour");
        var bonne = retour.getAttribute("data-juste") === "oui";
        var element = document.createElement("li");
        var nom = document.createElement("strong");
        nom.textContent = etiquette(choix) + "\u00a0: ";
        if (c.checked) marquer(choix, bonne);
        element.appendChild(nom);
        element.appendChild(document.createTextNode(retour.querySelector(".phare-verdict").textContent + " "));
        element.appendChild(commentaire(retour));
        liste.appendChild(element);
      });
      annonce.appendChild(liste);
      if (manque && !juste) {
        var p = document.createElement("p");
        p.textContent = dire("il_manque");
        annonce.appendChild(p);
      }
      if (!juste) relancer(annonce);
      return juste;
    }

    // A number read on a figure: right within the stated tolerance; French decimal comma accepted.
    function jugerNombre(question, saisie) {
      var champ = question.querySelector(".phare-saisie input");
      var annonce = question.querySelector(".phare-annonce");
      champ.value = saisie;
      nettoyer(question);
      var valeur = lireNombre(saisie);
      if (valeur === null) {
        annonce.textContent = dire(saisie.trim() ? "pas_un_nombre" : "ecrire_d_abord", { saisie: saisie.trim() });
        return null;
      }
      var attendu = parseFloat(question.getAttribute("data-reponse"));
      var tolerance = parseFloat(question.getAttribute("data-tolerance"));
      var juste = Math.abs(valeur - attendu) <= tolerance + 1e-9;
      var retour = question.querySelector('.phare-retour[data-juste="' + (juste ? "oui" : "non") + '"]');
      verdict(annonce, juste, dire("vous_avez_ecrit", { saisie: saisie.trim() }));
      if (juste) {
        var precision = document.createElement("p");
        precision.textContent = retour.querySelector(".phare-verdict").textContent;
        annonce.appendChild(precision);
      }
      annonce.appendChild(commentaire(retour));
      if (!juste) relancer(annonce);
      return juste;
    }

    function lireReponse(question) {
      var type = question.getAttribute("data-type") || "unique";
      if (type === "nombre") return question.querySelector(".phare-saisie input").value;
      if (type === "plusieurs") {
        return Array.prototype.map.call(question.querySelectorAll("input[type=checkbox]:checked"),
                                        function (c) { return c.value; });
      }
      var coche = question.querySelector("input[type=radio]:checked");
      return coche ? coche.value : null;
    }

    function juger(question, reponse) {
      var type = question.getAttribute("data-type") || "unique";
      if (type === "nombre") return jugerNombre(question, String(reponse));
      if (type === "plusieurs") return jugerPlusieurs(question, reponse || []);
      return jugerUnique(question, reponse);
    }

    questions.forEach(function (question) {
      var numero = question.getAttribute("data-numero");
      var type = question.getAttribute("data-type") || "unique";
      var bouton = question.querySelector(".phare-valider");
      var annonce = question.querySelector(".phare-annonce");
      bouton.hidden = false;
      question.querySelectorAll(".phare-retour").forEach(function (d) { d.hidden = true; });
      question.querySelectorAll(".phare-choix--cas").forEach(function (li) { li.hidden = true; });

      function valider() {
        var reponse = lireReponse(question);
        if (reponse === null || (type === "plusieurs" && reponse.length === 0)) {
          annonce.textContent = dire(type === "plusieurs" ? "aucune_case" : "choisir_d_abord");
          return;
        }
        var juste = juger(question, reponse);
        if (juste === null) return; // not a number: said, nothing saved
        var avant = reponses[numero];
        // « du premier coup » : decided by the first answer ever validated for this question.
        var premier = avant ? !!avant.premier : juste;
        reponses[numero] = { choix: reponse, juste: juste, premier: premier };
        sauver();
        majProgression();
      }

      bouton.addEventListener("click", valider);
      var champ = question.querySelector(".phare-saisie input");
      if (champ) {
        champ.addEventListener("keydown", function (e) {
          if (e.key === "Enter") { e.preventDefault(); valider(); }
        });
      }

      var deja = reponses[numero];
      if (deja) juger(question, deja.choix);
    });

    function oublier() {
      reponses = {};
      questions.forEach(function (question) {
        question.querySelectorAll("input[type=radio], input[type=checkbox]").forEach(function (r) { r.checked = false; });
        question.querySelectorAll(".phare-saisie input").forEach(function (c) { c.value = ""; });
        nettoyer(question);
      });
      majProgression();
    }

    // le bouton de fin de session has erased everything: the page forgets the answers too.
    document.addEventListener("phare-session-terminee", oublier);

    effacer.addEventListener("click", function () {
      if (memoire) { memoire.retirer(cle); memoire.retirer(ancienneCle); }
      oublier();
      texteProgression.textContent = dire("efface");
      var premier = quiz.querySelector("input");
      if (premier) premier.focus();
    });

    majProgression();
  }

  function demarrer() {
    document.querySelectorAll(".phare-quiz").forEach(initialiser);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})();
