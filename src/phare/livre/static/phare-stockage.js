/* Phare : le seul endroit où le site touche au stockage du navigateur (phare.livre.session).

   1. PhareStockage, la mémoire de Phare. Les scripts du site n'écrivent que par elle :
      lire(cle), ecrire(cle, valeur), retirer(cle), disponible(). Ses clés commencent par
      « phare- » : « phare-quiz:<page>#<quiz> » (phare-quiz.js) et « phare-confort » (les réglages
      du panneau de confort de lecture (libellé confort.ouvrir), phare-confort.js, phare.livre.confort).
      D'ordinaire, elle est dans localStorage ; en mode « poste partagé », dans sessionStorage :
      fermer le navigateur l'oublie.
   2. Ce que d'autres écrivent sous la même origine, que Phare ne peut pas router mais efface :
      - le thème : localStorage « mode », « theme », « pst_banner_pref »,
        « pst_announcement_banner_pref », « sphinx_highlight_terms » (recherche de Sphinx) ;
        sessionStorage « sidebar-scroll-top » (les réglages de lecture, CLES_THEME) ;
      - JupyterLite (lite/, même origine) : ses bases IndexedDB (notebooks, réglages), ses clés
        localStorage, son service worker et Cache Storage.
   3. le bouton de fin de session : le bouton de l'en-tête ouvre une boîte de dialogue qui efface
      tout cela, sauf le réglage « poste partagé » (posé une fois par poste, DRAPEAU), puis dit
      ce qui a été effacé. En mode poste partagé, chaque nouvelle session du navigateur (un
      cookie de session, ou sessionStorage quand les cookies manquent, sous file://) commence
      par effacer le stockage de JupyterLite.
   4. le confort de lecture : chargé sans « defer » dans l'en-tête de la page, ce script pose les
      réglages gardés sur <html> (data-phare-taille="grande"…) avant le premier affichage : la
      page ne clignote pas de l'aspect habituel vers l'aspect choisi.
   Ce script n'envoie rien. */
(function () {
  "use strict";

  var PREFIXE = "phare-";
  var DRAPEAU = "phare-poste-partage";      // localStorage, « oui » : ce poste est partagé
  var MARQUE = "phare-session";             // cookie de session (ou sessionStorage)
  var CLES_THEME = ["mode", "theme", "pst_banner_pref", "pst_announcement_banner_pref",
    "sphinx_highlight_terms", "sidebar-scroll-top"];
  var CONFORT = "phare-confort";            // { taille: "grande", … } : seulement ce qui change
  var DELAI_BASE_MS = 3000;                  // une base ouverte ailleurs peut bloquer sa suppression

  function essayer(nom) {
    try {
      var s = window[nom];
      s.setItem("phare-essai", "1");
      s.removeItem("phare-essai");
      return s;
    } catch (e) {
      return null; // navigation privée stricte ou stockage refusé : le site marche, sans mémoire
    }
  }

  var local = essayer("localStorage");
  var session = essayer("sessionStorage");

  function postePartage() {
    return Boolean(local && local.getItem(DRAPEAU) === "oui");
  }

  function memoire() {
    return postePartage() ? session : local;
  }

  function verifierCle(cle) {
    if (cle.indexOf(PREFIXE) !== 0) throw new Error("clé hors de Phare : " + cle);
    return cle;
  }

  var PhareStockage = {
    disponible: function () { return Boolean(memoire()); },
    postePartage: postePartage,
    lire: function (cle) {
      var m = memoire();
      if (!m) return null;
      try { return JSON.parse(m.getItem(verifierCle(cle)) || "null"); } catch (e) { return null; }
    },
    ecrire: function (cle, valeur) {
      var m = memoire();
      if (m) {
        try { m.setItem(verifierCle(cle), JSON.stringify(valeur)); } catch (e) { /* stockage plein */ }
      }
    },
    retirer: function (cle) {
      var m = memoire();
      if (m) m.removeItem(verifierCle(cle));
    }
  };

  // The reading settings on <html>, as data-phare-<setting>="<value>" (phare-confort.css).
  function appliquerConfort(reglages) {
    var racine = document.documentElement;
    Array.prototype.slice.call(racine.attributes).forEach(function (a) {
      if (a.name.indexOf("data-phare-") === 0) racine.removeAttribute(a.name);
    });
    if (!reglages || typeof reglages !== "object") return;
    Object.keys(reglages).forEach(function (nom) {
      var valeur = reglages[nom];
      if (/^[a-z]{1,20}$/.test(nom) && typeof valeur === "string" && /^[a-z-]{1,20}$/.test(valeur)) {
        racine.setAttribute("data-phare-" + nom, valeur);
      }
    });
  }

  PhareStockage.confort = {
    lire: function () { return PhareStockage.lire(CONFORT) || {}; },
    ecrire: function (reglages) {
      if (reglages && Object.keys(reglages).length) PhareStockage.ecrire(CONFORT, reglages);
      else PhareStockage.retirer(CONFORT);
      appliquerConfort(reglages);
    }
  };
  appliquerConfort(PhareStockage.lire(CONFORT));

  function cles(stockage) {
    var liste = [];
    if (!stockage) return liste;
    for (var i = 0; i < stockage.length; i += 1) liste.push(stockage.key(i));
    return liste;
  }

  // Move Phare's own keys from one storage to the other (the mode « poste partagé » changed).
  function deplacer(de, vers) {
    if (!de || !vers) return;
    cles(de).forEach(function (cle) {
      if (cle.indexOf(PREFIXE) === 0 && cle !== DRAPEAU && cle !== MARQUE) {
        vers.setItem(cle, de.getItem(cle));
        de.removeItem(cle);
      }
    });
  }

  function basesIndexedDB() {
    if (!("indexedDB" in window) || !indexedDB) return Promise.resolve([]);
    if (typeof indexedDB.databases !== "function") return Promise.resolve(null);
    return indexedDB.databases().then(function (bases) {
      return bases.map(function (b) { return b.name; }).filter(Boolean);
    }, function () { return []; });
  }

  function supprimerBase(nom) {
    return new Promise(function (resoudre) {
      var fini = false;
      function finir(ok) { if (!fini) { fini = true; resoudre(ok); } }
      try {
        var demande = indexedDB.deleteDatabase(nom);
        demande.onsuccess = function () { finir(true); };
        demande.onerror = function () { finir(false); };
        demande.onblocked = function () { setTimeout(function () { finir(false); }, DELAI_BASE_MS); };
      } catch (e) {
        finir(false);
      }
    });
  }

  function viderCaches() {
    if (!("caches" in window)) return Promise.resolve(0);
    return caches.keys().then(function (noms) {
      return Promise.all(noms.map(function (n) { return caches.delete(n); })).then(function () {
        return noms.length;
      });
    }, function () { return 0; });
  }

  function retirerServiceWorkers() {
    if (!("serviceWorker" in navigator) || !navigator.serviceWorker.getRegistrations) {
      return Promise.resolve(0);
    }
    return navigator.serviceWorker.getRegistrations().then(function (inscrits) {
      return Promise.all(inscrits.map(function (i) { return i.unregister(); })).then(function () {
        return inscrits.length;
      });
    }, function () { return 0; });
  }

  // JupyterLite's storage (and anything else under this origin but Phare's own keys).
  function effacerJupyterLite() {
    var bilan = { bases: 0, bloquees: 0, caches: 0, autres: 0 };
    cles(local).forEach(function (cle) {
      if (cle.indexOf(PREFIXE) !== 0 && CLES_THEME.indexOf(cle) < 0) {
        local.removeItem(cle);
        bilan.autres += 1;
      }
    });
    return basesIndexedDB().then(function (noms) {
      return Promise.all((noms || []).map(supprimerBase));
    }).then(function (resultats) {
      resultats.forEach(function (ok) { if (ok) bilan.bases += 1; else bilan.bloquees += 1; });
      return viderCaches();
    }).then(function (n) {
      bilan.caches = n;
      return retirerServiceWorkers();
    }).then(function (n) {
      bilan.autres += n;
      return bilan;
    });
  }

  // Everything this site stored, but the mark of a shared computer.
  function toutEffacer() {
    var bilan = { quiz: 0, reglages: 0 };
    [local, session].forEach(function (stockage) {
      cles(stockage).forEach(function (cle) {
        if (cle === DRAPEAU || cle === MARQUE) return;
        if (cle.indexOf(PREFIXE + "quiz:") === 0) bilan.quiz += 1;
        else if (CLES_THEME.indexOf(cle) >= 0 || cle === CONFORT) bilan.reglages += 1;
        else return; // left to effacerJupyterLite (it counts them)
        stockage.removeItem(cle);
      });
    });
    if (session) {
      cles(session).forEach(function (cle) {
        if (cle !== MARQUE) { session.removeItem(cle); }
      });
    }
    appliquerConfort(null);
    return effacerJupyterLite().then(function (suite) {
      Object.keys(suite).forEach(function (k) { bilan[k] = suite[k]; });
      return bilan;
    });
  }

  // A new browser session on a shared computer: JupyterLite's storage of the last one goes.
  function cookiePossible() {
    try {
      document.cookie = "phare-essai=1; path=/; SameSite=Strict";
      var ok = document.cookie.indexOf("phare-essai=1") >= 0;
      document.cookie = "phare-essai=; path=/; max-age=0; SameSite=Strict";
      return ok;
    } catch (e) {
      return false;
    }
  }

  function nouvelleSession() {
    if (cookiePossible()) {
      if (document.cookie.split("; ").indexOf(MARQUE + "=1") >= 0) return false;
      document.cookie = MARQUE + "=1; path=/; SameSite=Strict";
      return true;
    }
    if (!session || session.getItem(MARQUE)) return false;
    session.setItem(MARQUE, "1");
    return true;
  }

  var debut = Promise.resolve(null);
  if (postePartage() && nouvelleSession()) {
    deplacer(local, session); // a key left by an older version of the site
    CLES_THEME.forEach(function (cle) { local.removeItem(cle); }); // the theme writes them there
    debut = effacerJupyterLite();
  }

  PhareStockage.toutEffacer = toutEffacer;
  PhareStockage.pret = debut;
  PhareStockage.definirPostePartage = function (oui) {
    if (!local) return false;
    if (oui) {
      local.setItem(DRAPEAU, "oui");
      deplacer(local, session);
      nouvelleSession();
    } else {
      local.removeItem(DRAPEAU);
      deplacer(session, local);
    }
    return postePartage() === Boolean(oui);
  };
  window.PhareStockage = PhareStockage;

  /* --- le bouton de fin de session : le bouton et sa boîte de dialogue (phare-session.html) --- */

  function mots(noeud) {
    var table = window.PhareLibelles.table(noeud);
    return function (cle, n) {
      var texte = table[cle];
      if (Array.isArray(texte)) texte = texte[Math.min(n, texte.length - 1)];
      return window.PhareLibelles.remplir(texte || "", { n: n });
    };
  }

  function demarrer() {
    var boite = document.getElementById("phare-session");
    var boutons = document.querySelectorAll(".phare-session-ouvrir");
    if (!boite || typeof boite.showModal !== "function") return; // sans <dialog> : pas de bouton
    var dire = mots(boite);
    var demande = boite.querySelector(".phare-session-demande");
    var bilan = boite.querySelector(".phare-session-bilan");
    var liste = boite.querySelector(".phare-session-liste");
    var message = boite.querySelector(".phare-session-message");
    var effacer = boite.querySelector(".phare-session-effacer");
    var annuler = boite.querySelector(".phare-session-annuler");
    var poste = boite.querySelector(".phare-session-poste-case");
    var etatPoste = boite.querySelector(".phare-session-poste-etat");
    var ouvreur = null;

    function direPoste() {
      etatPoste.textContent = dire(postePartage() ? "poste_actif" : "poste_inactif", 0);
    }

    function ouvrir(evenement) {
      ouvreur = evenement.currentTarget;
      demande.hidden = false;
      bilan.hidden = true;
      message.textContent = "";
      liste.innerHTML = "";
      effacer.disabled = false;
      poste.checked = postePartage();
      poste.disabled = !local;
      direPoste();
      boite.showModal();
      annuler.focus();
    }

    boutons.forEach(function (b) {
      b.hidden = false;
      b.addEventListener("click", ouvrir);
    });

    annuler.addEventListener("click", function () { boite.close(); });
    boite.querySelector(".phare-session-fermer").addEventListener("click", function () { boite.close(); });
    boite.addEventListener("close", function () { if (ouvreur) ouvreur.focus(); });

    effacer.addEventListener("click", function () {
      effacer.disabled = true;
      message.textContent = dire("en_cours", 0);
      toutEffacer().then(function (b) {
        demande.hidden = true;
        bilan.hidden = false;
        ["quiz", "reglages", "bases", "caches", "autres"].forEach(function (cle) {
          var item = document.createElement("li");
          item.textContent = dire("efface_" + cle, b[cle]);
          liste.appendChild(item);
        });
        if (b.bloquees) {
          var alerte = document.createElement("li");
          alerte.textContent = dire("efface_bloquees", b.bloquees);
          liste.appendChild(alerte);
        }
        message.textContent = dire("fait", 0);
        boite.querySelector(".phare-session-fermer").focus();
        document.dispatchEvent(new CustomEvent("phare-session-terminee", { detail: b }));
      });
    });

    poste.addEventListener("change", function () {
      PhareStockage.definirPostePartage(poste.checked);
      poste.checked = postePartage();
      direPoste();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", demarrer);
  } else {
    demarrer();
  }
})();
