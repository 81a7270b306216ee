/* Quiz de Phare : validation, retours annoncés, progression gardée sur l'appareil.
   Amélioration progressive : sans ce script, les questions, les choix et les commentaires
   (repliés) restent lisibles. Ce script n'envoie rien : il garde les réponses par la mémoire
   de Phare (PhareStockage, phare-stockage.js : clé « phare-quiz:<page>#<quiz> »). */
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
    var table = {};
    try { table = JSON.parse(quiz.getAttribute("data-libelles") || "{}"); } catch (e) { table = {}; }
    return function (cle, valeurs) {
      var texte = table[cle] || "";
      Object.keys(valeurs || {}).forEach(function (nom) {
        texte = texte.split("{" + nom + "}").join(String(valeurs[nom]));
      });
      return texte;
    };
  }

  function initialiser(quiz) {
    var dire = mots(quiz);
    var memoire = stockage();
    var cle = "phare-quiz:" + quiz.getAttribute("data-phare-quiz");
    var reponses = lire(memoire, cle);
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".phare-question"));
    var progression = quiz.querySelector(".phare-progression");
    var texteProgression = quiz.querySelector(".phare-progression-texte");
    var effacer = quiz.querySelector(".phare-effacer");

    quiz.classList.add("phare-quiz--actif");
    progression.hidden = false;

    function sauver() {
      if (memoire) memoire.ecrire(cle, reponses);
    }

    function majProgression() {
      var faites = 0, justes = 0;
      questions.forEach(function (q) {
        var r = reponses[q.getAttribute("data-numero")];
        if (r) { faites += 1; if (r.juste) justes += 1; }
      });
      var valeurs = { faites: faites, total: questions.length, justes: justes, s_justes: justes > 1 ? "s" : "" };
      texteProgression.textContent = faites === 0
        ? dire("aucune")
        : dire(faites === 1 ? "progression_une" : "progression", valeurs);
      effacer.disabled = faites === 0;
    }

    function afficher(question, radio) {
      var choix = radio.closest(".phare-choix");
      var retour = choix.querySelector(".phare-retour");
      var juste = retour.getAttribute("data-juste") === "oui";
      var annonce = question.querySelector(".phare-annonce");
      var etiquette = choix.querySelector("label").textContent.trim();
      question.querySelectorAll(".phare-choix").forEach(function (c) {
        c.classList.remove("phare-choix--juste", "phare-choix--faux");
        var marque = c.querySelector(".phare-marque");
        if (marque) marque.remove();
      });
      choix.classList.add(juste ? "phare-choix--juste" : "phare-choix--faux");
      var marque = document.createElement("span");
      marque.className = "phare-marque";
      marque.textContent = dire(juste ? "marque_juste" : "marque_faux");
      choix.querySelector("label").appendChild(marque);
      annonce.innerHTML = "";
      var verdict = document.createElement("p");
      verdict.className = "phare-verdict " + (juste ? "phare-verdict--juste" : "phare-verdict--faux");
      var titre = document.createElement("strong");
      titre.textContent = dire(juste ? "annonce_juste" : "annonce_faux");
      verdict.appendChild(titre);
      verdict.appendChild(document.createTextNode(dire("vous_avez_choisi", { choix: etiquette })));
      annonce.appendChild(verdict);
      var texte = retour.querySelector(".phare-retour-texte").cloneNode(true);
      texte.removeAttribute("class");
      texte.className = "phare-retour-affiche";
      annonce.appendChild(texte);
      if (!juste) {
        var relance = document.createElement("p");
        relance.textContent = dire("relance");
        annonce.appendChild(relance);
      }
      return juste;
    }

    questions.forEach(function (question) {
      var numero = question.getAttribute("data-numero");
      var bouton = question.querySelector(".phare-valider");
      var annonce = question.querySelector(".phare-annonce");
      bouton.hidden = false;
      question.querySelectorAll(".phare-retour").forEach(function (d) { d.hidden = true; });

      bouton.addEventListener("click", function () {
        var coche = question.querySelector("input[type=radio]:checked");
        if (!coche) {
          annonce.textContent = dire("choisir_d_abord");
          return;
        }
        var juste = afficher(question, coche);
        reponses[numero] = { choix: coche.value, juste: juste };
        sauver();
        majProgression();
      });

      var deja = reponses[numero];
      if (deja) {
        var radio = question.querySelector('input[type=radio][value="' + deja.choix + '"]');
        if (radio) { radio.checked = true; afficher(question, radio); }
      }
    });

    function oublier() {
      reponses = {};
      questions.forEach(function (question) {
        question.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = false; });
        question.querySelectorAll(".phare-choix").forEach(function (c) {
          c.classList.remove("phare-choix--juste", "phare-choix--faux");
        });
        question.querySelectorAll(".phare-marque").forEach(function (m) { m.remove(); });
        question.querySelector(".phare-annonce").innerHTML = "";
      });
      majProgression();
    }

    // le bouton de fin de session has erased everything: the page forgets the answers too.
    document.addEventListener("phare-session-terminee", oublier);

    effacer.addEventListener("click", function () {
      if (memoire) memoire.retirer(cle);
      oublier();
      texteProgression.textContent = dire("efface");
      var premier = quiz.querySelector("input[type=radio]");
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
