/* Phare — « Explorer un fichier » : the page side (choosing, dropping, the report in French).
 *
 * The file is read by phare-explorer-ouvrier.js in a Web Worker; this script only shows the
 * progress and writes the report. Nothing is sent anywhere and nothing is stored: no fetch except
 * the site's own example files, no localStorage. The words come from `data-libelles` (the table of
 * labels, src/phare/interface/libelles.toml), never from this file.
 */
(function () {
  "use strict";
  var bloc = document.querySelector(".phare-explorer");
  if (!bloc) return;
  var T = window.PhareLibelles.table(bloc);
  var LIMITE = Number(bloc.getAttribute("data-limite"));
  var STATIQUE = bloc.getAttribute("data-statique") || "_static/";
  var TABLEURS = {xlsx: "XLSX", xlsm: "XLSX", xls: "XLS", ods: "ODS", numbers: "Numbers"};

  var champ = bloc.querySelector(".phare-explorer-fichier");
  var depot = bloc.querySelector(".phare-explorer-depot");
  var lecture = bloc.querySelector(".phare-explorer-lecture");
  var barre = bloc.querySelector(".phare-explorer-progression");
  var arreter = bloc.querySelector(".phare-explorer-arreter");
  var etat = bloc.querySelector(".phare-explorer-etat");
  var zoneErreur = bloc.querySelector(".phare-explorer-erreur");
  var zoneRapport = bloc.querySelector(".phare-explorer-rapport");
  var ouvrier = null, nomCourant = "";

  function mot(cle, valeurs) {
    return window.PhareLibelles.remplir(T[cle] === undefined ? cle : T[cle], valeurs);
  }
  var FINE = "\u202f";  // the thousands separator of phare.texte.nombre
  function nombre(x, decimales) {
    var options = decimales === undefined ? {maximumFractionDigits: 6} : {minimumFractionDigits: decimales, maximumFractionDigits: decimales};
    return new Intl.NumberFormat("fr-FR", options).format(x).replace(/[\u00a0\u202f]/g, FINE);
  }
  function taille(octets) {  // phare.texte.taille: SI units, as everywhere on the site
    if (octets < 1e6) return nombre(Math.max(1, Math.round(octets / 1000)), 0) + "\u00a0Ko";
    return nombre(octets / 1e6, 1) + "\u00a0Mo";
  }
  function el(nom, texte, classe) {
    var e = document.createElement(nom);
    if (texte !== undefined && texte !== null) e.textContent = texte;
    if (classe) e.className = classe;
    return e;
  }

  function vider() {
    zoneErreur.textContent = "";
    zoneRapport.textContent = "";
    etat.textContent = "";
  }
  function finir() {
    if (ouvrier) { ouvrier.terminate(); ouvrier = null; }
    lecture.hidden = true;
    bloc.removeAttribute("aria-busy");
  }
  function erreur(texte, etapes) {
    finir();
    zoneErreur.appendChild(el("p", texte));
    if (etapes) {
      var liste = el("ol");
      etapes.forEach(function (etape) { liste.appendChild(el("li", etape)); });
      zoneErreur.appendChild(liste);
    }
    bloc.setAttribute("data-etat", "erreur");
  }
  var ERREURS = {
    vide: "erreur_vide", binaire: "erreur_binaire", utf16: "erreur_utf16",
    entetes_seules: "erreur_entetes_seules",
  };
  function erreurOuvrier(message) {
    if (message.code === "tableur") erreur(mot("erreur_tableur", {format: message.format}), T.etapes_tableur);
    else if (ERREURS[message.code]) erreur(mot(ERREURS[message.code]));
    else erreur(mot("erreur_lecture", {detail: message.detail || message.code}));
  }

  /* --- Reading ------------------------------------------------------------------------- */

  // The site opened from a file (the USB key copy): the browser refuses a Web Worker there.
  function depuisUnFichier() {
    if (window.location.protocol !== "file:") return false;
    vider();
    erreur(mot("depuis_un_fichier"));
    return true;
  }

  function decrire(fichier, nom) {
    if (ouvrier) finir();
    if (depuisUnFichier()) return;
    vider();
    nomCourant = nom;
    bloc.setAttribute("data-etat", "lecture");
    var extension = (nom.split(".").pop() || "").toLowerCase();
    if (nom.indexOf(".") > 0 && TABLEURS[extension]) {
      erreur(mot("erreur_tableur", {format: TABLEURS[extension]}), T.etapes_tableur);
      return;
    }
    if (fichier.size > LIMITE) {
      erreur(mot("erreur_trop_gros", {taille: taille(fichier.size), limite: bloc.getAttribute("data-limite-texte")}));
      return;
    }
    lecture.hidden = false;
    barre.value = 0;
    bloc.setAttribute("aria-busy", "true");
    etat.textContent = mot("lecture", {nom: nom, pourcent: 0});
    var debut = performance.now();
    try {
      ouvrier = new Worker(STATIQUE + "phare-explorer-ouvrier.js");
    } catch (e) {
      erreur(mot("erreur_lecture", {detail: String(e.message || e)}));
      return;
    }
    var dernierPourcent = -1;
    ouvrier.onmessage = function (ev) {
      var m = ev.data;
      if (m.type === "progression") {
        var pourcent = m.total ? Math.floor(100 * m.lus / m.total) : 100;
        barre.value = pourcent;
        // The live region speaks every 10 %, not at every slice.
        if (Math.floor(pourcent / 10) !== Math.floor(dernierPourcent / 10)) {
          etat.textContent = mot("lecture", {nom: nom, pourcent: pourcent});
        }
        dernierPourcent = pourcent;
      } else if (m.type === "erreur") {
        etat.textContent = "";
        erreurOuvrier(m);
      } else if (m.type === "rapport") {
        finir();
        var avant = performance.now();
        afficher(m.rapport, nom);
        bloc.setAttribute("data-affichage-ms", String(Math.round(performance.now() - avant)));
        bloc.setAttribute("data-duree-ms", String(Math.round(performance.now() - debut)));
        bloc.setAttribute("data-etat", "rapport");
      }
    };
    ouvrier.onerror = function (ev) {
      ev.preventDefault();
      erreur(mot("erreur_lecture", {detail: ev.message || "worker"}));
    };
    ouvrier.postMessage({fichier: fichier});
  }

  arreter.addEventListener("click", function () {
    finir();
    etat.textContent = mot("arrete");
    bloc.setAttribute("data-etat", "arrete");
    bloc.querySelector(".phare-explorer-choisir").focus();
  });

  bloc.querySelector(".phare-explorer-choisir").addEventListener("click", function () { champ.click(); });
  champ.addEventListener("change", function () {
    if (champ.files && champ.files[0]) decrire(champ.files[0], champ.files[0].name);
    champ.value = "";  // the same file chosen again is read again
  });

  ["dragenter", "dragover"].forEach(function (type) {
    depot.addEventListener(type, function (ev) {
      ev.preventDefault();
      depot.classList.add("phare-explorer-survol");
    });
  });
  ["dragleave", "drop"].forEach(function (type) {
    depot.addEventListener(type, function () { depot.classList.remove("phare-explorer-survol"); });
  });
  depot.addEventListener("drop", function (ev) {
    ev.preventDefault();
    var f = ev.dataTransfer && ev.dataTransfer.files && ev.dataTransfer.files[0];
    if (f) decrire(f, f.name);
  });
  // A file dropped beside the frame must not replace the page by the file.
  window.addEventListener("dragover", function (ev) { ev.preventDefault(); });
  window.addEventListener("drop", function (ev) { ev.preventDefault(); });

  Array.prototype.forEach.call(bloc.querySelectorAll(".phare-explorer-exemple"), function (bouton) {
    bouton.addEventListener("click", function () {
      var nom = bouton.getAttribute("data-nom");
      if (depuisUnFichier()) return;
      vider();
      // The example is a file of this site (same origin): nothing leaves it.
      fetch(bouton.getAttribute("data-url")).then(function (reponse) {
        if (!reponse.ok) throw new Error("HTTP " + reponse.status);
        return reponse.blob();
      }).then(function (blob) { decrire(blob, nom); }).catch(function (e) {
        erreur(mot("erreur_exemple", {detail: String(e.message || e)}));
      });
    });
  });

  /* --- The report ---------------------------------------------------------------------- */

  var TYPES = T.types || {};
  function typeEnMots(c) {
    switch (c.type) {
      case "entier": return TYPES.integer;
      case "decimal_point": return mot("decimal_point", {type: TYPES.number});
      case "decimal_virgule": return mot("decimal_virgule", {type: TYPES.number});
      case "date": return TYPES.date;
      case "date_heure": return TYPES.datetime;
      case "vrai_faux": return TYPES.boolean;
      case "code": return mot("code", {type: TYPES.string});
      case "vide": return mot("colonne_vide");
      default: return TYPES.string;
    }
  }
  function nomColonne(c, rang) { return c.nom || mot("sans_nom", {rang: rang + 1}); }
  function liste(noms) {
    if (noms.length < 2) return noms.join("");
    return noms.slice(0, -1).join(", ") + mot("et") + noms[noms.length - 1];
  }
  function guillemets(texte) { return "«\u00a0" + texte + "\u00a0»"; }
  function resume(c) {
    if (c.type === "vide") return "";
    if (c.min !== undefined && c.mediane !== undefined) {
      return mot("resume_nombres", {min: nombre(c.minNombre), mediane: nombre(c.mediane), max: nombre(c.maxNombre)});
    }
    if (c.type === "date" || c.type === "date_heure") return mot("resume_dates", {min: c.min, max: c.max});
    if (!c.tropDeValeurs && c.frequentes.length && c.frequentes[0][1] === 1) {
      return mot("resume_texte_uniques", {n: nombre(c.distinctes, 0)});
    }
    var frequentes = c.frequentes.map(function (p) { return mot("frequence", {valeur: guillemets(p[0]), n: nombre(p[1], 0)}); });
    return mot(c.tropDeValeurs ? "resume_texte_trop" : "resume_texte",
               {n: nombre(c.distinctes, 0), liste: frequentes.join(", ")});
  }

  function alertes(r) {
    var sortie = [];
    var rang = function (c) { return r.colonnes.indexOf(c); };
    var noms = function (cols) { return liste(cols.map(function (c) { return guillemets(nomColonne(c, rang(c))); })); };
    if (!r.separateur) sortie.push(["une_colonne", mot("alerte_une_colonne"), mot("alerte_une_colonne_detail")]);
    var virgules = r.colonnes.filter(function (c) { return c.type === "decimal_virgule"; });
    if (virgules.length) sortie.push(["virgule", mot("alerte_virgule"), mot("alerte_virgule_detail", {colonnes: noms(virgules)})]);
    var vides = r.colonnes.filter(function (c) { return c.presqueVide; });
    if (vides.length) sortie.push(["presque_vide", mot("alerte_presque_vide"),
      mot("alerte_presque_vide_detail", {colonnes: noms(vides), seuil: r.seuilPresqueVide})]);
    r.colonnes.forEach(function (c, i) {
      if (c.formats && c.formats.length > 1) {
        sortie.push(["deux_formats", mot("alerte_deux_formats"), mot("alerte_deux_formats_detail", {
          colonne: guillemets(nomColonne(c, i)), formats: liste(c.formats.map(guillemets))})]);
      }
    });
    if (r.longueurs.n) sortie.push(["longueurs", mot("alerte_longueurs"), mot("alerte_longueurs_detail", {
      n: nombre(r.longueurs.n, 0), attendu: r.longueurs.attendu, ligne: nombre(r.longueurs.ligne, 0), trouve: r.longueurs.trouve})]);
    if (r.doublons.n) sortie.push(["doublons", mot("alerte_doublons"), mot("alerte_doublons_detail", {
      n: nombre(r.doublons.n, 0), ligne: nombre(r.doublons.ligne, 0)})]);
    var f = r.finsDeLigne, sortes = [f.windows, f.unix, f.mac].filter(function (n) { return n > 0; }).length;
    if (sortes > 1) sortie.push(["fins_de_ligne", mot("alerte_fins_de_ligne"), mot("alerte_fins_de_ligne_detail", {
      detail: mot("fins_de_ligne", {windows: nombre(f.windows, 0), unix: nombre(f.unix, 0), mac: nombre(f.mac, 0)})})]);
    return sortie;
  }

  function afficher(r, nom) {
    var SEP = {",": "virgule", ";": "point_virgule", "\t": "tabulation"};
    var titre = el("h2", mot("titre_rapport", {nom: nom}));
    titre.id = "phare-explorer-titre-rapport";
    titre.setAttribute("tabindex", "-1");  // the report's start: focus goes there when it is ready
    zoneRapport.appendChild(titre);
    var dl = el("dl", null, "phare-explorer-faits");
    [["taille", taille(r.octets)],
     ["encodage", mot(r.encodage)],
     ["separateur", r.separateur ? mot(SEP[r.separateur]) : mot("aucun_separateur")],
     ["nombre_lignes", mot("lignes_detail", {n: nombre(r.lignes, 0)})],
     ["nombre_colonnes", nombre(r.colonnes.length, 0)]].forEach(function (paire) {
      var dt = el("dt", mot(paire[0])), dd = el("dd", paire[1]);
      dd.setAttribute("data-fait", paire[0]);
      dl.appendChild(dt); dl.appendChild(dd);
    });
    zoneRapport.appendChild(dl);

    zoneRapport.appendChild(el("h3", mot("titre_alertes")));
    var lesAlertes = alertes(r);
    if (!lesAlertes.length) zoneRapport.appendChild(el("p", mot("aucune_alerte")));
    else {
      var ul = el("ul", null, "phare-explorer-alertes");
      lesAlertes.forEach(function (a) {
        var li = el("li");
        li.setAttribute("data-alerte", a[0]);
        li.appendChild(el("strong", a[1]));
        li.appendChild(document.createTextNode("\u00a0: " + a[2]));
        ul.appendChild(li);
      });
      zoneRapport.appendChild(ul);
    }

    zoneRapport.appendChild(el("h3", mot("titre_colonnes")));
    var cadre = el("div", null, "phare-explorer-cadre");
    cadre.setAttribute("tabindex", "0");
    cadre.setAttribute("role", "region");
    cadre.setAttribute("aria-label", mot("titre_colonnes"));
    var table = el("table", null, "phare-explorer-colonnes");
    table.appendChild(el("caption", mot("legende")));
    var tete = el("tr");
    (T.entetes || []).forEach(function (e) {
      var th = el("th", e); th.setAttribute("scope", "col"); tete.appendChild(th);
    });
    var thead = el("thead"); thead.appendChild(tete); table.appendChild(thead);
    var tbody = el("tbody");
    r.colonnes.forEach(function (c, i) {
      var tr = el("tr");
      tr.setAttribute("data-colonne", c.nom);
      tr.setAttribute("data-type", c.type);
      tr.setAttribute("data-manquantes", String(c.manquantes));
      if (c.minNombre !== undefined) {
        tr.setAttribute("data-min", String(c.minNombre));
        tr.setAttribute("data-max", String(c.maxNombre));
        tr.setAttribute("data-mediane", String(c.mediane));
      }
      else if (c.min !== undefined) { tr.setAttribute("data-min", c.min); tr.setAttribute("data-max", c.max); }
      var th = el("th", nomColonne(c, i)); th.setAttribute("scope", "row");
      tr.appendChild(th);
      var cellule = function (rang, texte) {  // at 360 px each cell shows its heading (CSS)
        var td = el("td", texte);
        td.setAttribute("data-entete", (T.entetes || [])[rang] || "");
        tr.appendChild(td);
      };
      cellule(1, typeEnMots(c));
      var pourcent = r.lignes ? nombre(100 * c.manquantes / r.lignes, c.manquantes && c.manquantes < r.lignes / 100 ? 1 : 0) : "0";
      cellule(2, c.manquantes ? mot("manquantes", {n: nombre(c.manquantes, 0), pourcent: pourcent}) : mot("aucune"));
      cellule(3, resume(c));
      cellule(4, c.exemples.map(guillemets).join(", "));
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    cadre.appendChild(table);
    zoneRapport.appendChild(cadre);
    etat.textContent = mot("pret", {lignes: nombre(r.lignes, 0), colonnes: nombre(r.colonnes.length, 0)});
    titre.focus();
  }
})();
