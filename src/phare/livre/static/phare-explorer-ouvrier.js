/* Phare — « Explorer un fichier » : la lecture du fichier, dans un Web Worker.
 *
 * Why a worker: a 50 MB file takes seconds to read; here the page stays responsive and shows
 * its progress bar. Nothing leaves the browser: the file is read with FileReaderSync, in slices.
 *
 * In:  {fichier: File or Blob, limite: bytes}
 * Out: {type: "progression", lus, total}
 *      {type: "erreur", code, format?}   code: vide, binaire, utf16, tableur, entetes_seules, lecture
 *      {type: "rapport", rapport}        (see `rapport()` below; the page turns it into French)
 *
 * Reading: the bytes are decoded here (UTF-8 strictly; Windows-1252 when UTF-8 fails), every line
 * ending becomes "\n" (mixed endings are counted), and the text goes to PapaParse's streaming
 * parser (Papa.ReadableStreamStreamer, fed slice by slice), which handles quotes across slices.
 */
/* global Papa, FileReaderSync */
"use strict";
importScripts("papaparse/papaparse.min.js");

var TRANCHE = 1 << 20;            // bytes read at a time
var SEUIL_PRESQUE_VIDE = 0.8;     // « une colonne presque vide » : more than 80 % empty cells
var MAX_DISTINCTES = 10000;       // distinct values counted per column
var MAX_VALEURS = 2000000;        // numbers kept per column for the median (then a sample)

var lecteur = new FileReaderSync();

function octets(blob, debut, fin) {
  return new Uint8Array(lecteur.readAsArrayBuffer(blob.slice(debut, fin)));
}

function commencePar(b, signature) {
  if (b.length < signature.length) return false;
  for (var i = 0; i < signature.length; i++) if (b[i] !== signature[i]) return false;
  return true;
}

function ascii(b) {
  var s = "";
  for (var i = 0; i < b.length; i++) s += b[i] < 128 ? String.fromCharCode(b[i]) : "?";
  return s;
}

/* What the first bytes say: a spreadsheet, a binary file, UTF-16, or text (and its encoding). */
function examinerDebut(b) {
  if (commencePar(b, [0x50, 0x4b, 0x03, 0x04])) {  // a zip: .xlsx and .ods are zips
    var texte = ascii(b);
    if (texte.indexOf("opendocument.spreadsheet") >= 0) return {code: "tableur", format: "ODS"};
    if (texte.indexOf("xl/") >= 0 || texte.indexOf("[Content_Types].xml") >= 0) return {code: "tableur", format: "XLSX"};
    return {code: "binaire"};
  }
  if (commencePar(b, [0xd0, 0xcf, 0x11, 0xe0])) return {code: "tableur", format: "XLS"};
  if (commencePar(b, [0xff, 0xfe]) || commencePar(b, [0xfe, 0xff])) return {code: "utf16"};
  var controles = 0;
  for (var i = 0; i < b.length; i++) {
    var o = b[i];
    if (o === 0) return {code: "binaire"};
    if (o < 32 && o !== 9 && o !== 10 && o !== 13 && o !== 12) controles++;
  }
  if (controles > b.length / 100) return {code: "binaire"};
  if (commencePar(b, [0xef, 0xbb, 0xbf])) return {encodage: "utf8_bom"};
  try {
    new TextDecoder("utf-8", {fatal: true}).decode(b, {stream: true});
    return {encodage: "utf8"};
  } catch (e) {
    return {encodage: "windows1252"};
  }
}

/* The separator: the candidate found the same number of times (at least once) on most lines. */
function separateur(texte) {
  var lignes = texte.split("\n", 101).slice(0, 100);
  if (lignes.length > 1 && texte.length >= TRANCHE) lignes.pop();  // the last one may be cut
  var meilleur = "", score = 0;
  [";", "\t", ","].forEach(function (sep) {
    var comptes = lignes.filter(function (l) { return l.length; }).map(function (l) {
      var n = 0, guillemets = false;
      for (var i = 0; i < l.length; i++) {
        var c = l[i];
        if (c === '"') guillemets = !guillemets;
        else if (c === sep && !guillemets) n++;
      }
      return n;
    });
    if (!comptes.length || comptes[0] === 0) return;
    var pareils = comptes.filter(function (n) { return n === comptes[0]; }).length / comptes.length;
    if (pareils > score) { score = pareils; meilleur = sep; }
  });
  return meilleur;
}

/* A 53-bit hash of a line's values (cyrb53): exact duplicates are found without keeping every line. */
function empreinte(valeurs) {
  var h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (var j = 0; j < valeurs.length; j++) {
    var s = valeurs[j];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ 1, 2654435761);  // the end of a value: "a,bc" is not "ab,c"
    h2 = Math.imul(h2 ^ 1, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/* --- The kind of one value ------------------------------------------------------------- */

var ENTIER = /^[+-]?\d+$/;
var POINT = /^[+-]?(\d+\.\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?\d+[eE][+-]?\d+$/;
var VIRGULE = /^[+-]?(\d+,\d*|,\d+)$/;
var VRAI_FAUX = /^(vrai|faux|oui|non|true|false|yes|no)$/i;
var HEURE = "(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?";
// format name (as a reader writes it), pattern, and how to make a sortable key from its parts
var DATES = [
  ["AAAA-MM-JJ", new RegExp("^(\\d{4})-(\\d{2})-(\\d{2})" + HEURE + "$"), [1, 2, 3]],
  ["JJ/MM/AAAA", new RegExp("^(\\d{2})/(\\d{2})/(\\d{4})" + HEURE + "$"), [3, 2, 1]],
  ["JJ-MM-AAAA", new RegExp("^(\\d{2})-(\\d{2})-(\\d{4})" + HEURE + "$"), [3, 2, 1]],
  ["AAAA/MM/JJ", new RegExp("^(\\d{4})/(\\d{2})/(\\d{2})" + HEURE + "$"), [1, 2, 3]],
  ["JJ/MM/AA", new RegExp("^(\\d{2})/(\\d{2})/(\\d{2})" + HEURE + "$"), [3, 2, 1]],
];

var derniereDate = null;  // the parts of the last date recognised by genre()

function genre(v) {
  var c = v.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 44) {
    if (ENTIER.test(v)) {
      var chiffres = v.replace(/^[+-]/, "");
      return chiffres.length > 1 && chiffres[0] === "0" ? "code" : "entier";
    }
    if (POINT.test(v)) return "decimal_point";
    if (VIRGULE.test(v)) return "decimal_virgule";
    for (var i = 0; i < DATES.length; i++) {
      var m = DATES[i][1].exec(v);
      if (m) { derniereDate = m; return i; }
    }
    return "texte";
  }
  if (VRAI_FAUX.test(v)) return "vrai_faux";
  return "texte";
}

/* --- One column ---------------------------------------------------------------------------- */

function Colonne(nom) {
  this.nom = nom;
  this.manquantes = 0;
  this.genres = {};           // kind -> count ; a date format is a number (its index in DATES)
  this.avecHeure = 0;
  this.valeurs = new Float64Array(1024);
  this.n = 0;                 // numbers seen
  this.gardees = 0;           // numbers kept (a uniform sample beyond MAX_VALEURS)
  this.min = null; this.max = null;      // {nombre, texte}
  this.dmin = null; this.dmax = null;    // {cle, texte} of dates
  this.frequences = new Map();
  this.trop = false;
  this.exemples = [];
}

Colonne.prototype.ajouter = function (brute) {
  var v = brute.trim();
  if (v === "") { this.manquantes++; return; }
  var g = genre(v);
  this.genres[g] = (this.genres[g] || 0) + 1;
  if (this.exemples.length < 3 && this.exemples.indexOf(v) < 0) this.exemples.push(v);
  if (!this.trop) {  // beyond MAX_DISTINCTES values, the counts stop (« parmi les premières »)
    var f = this.frequences.get(v);
    if (f !== undefined) this.frequences.set(v, f + 1);
    else if (this.frequences.size < MAX_DISTINCTES) this.frequences.set(v, 1);
    else this.trop = true;
  }
  if (g === "entier" || g === "decimal_point" || g === "decimal_virgule") {
    var x = Number(g === "decimal_virgule" ? v.replace(",", ".") : v);
    if (this.min === null || x < this.min.nombre) this.min = {nombre: x, texte: v};
    if (this.max === null || x > this.max.nombre) this.max = {nombre: x, texte: v};
    this.n++;
    if (this.gardees < MAX_VALEURS) {
      if (this.gardees === this.valeurs.length) {
        var plus = new Float64Array(this.valeurs.length * 2);
        plus.set(this.valeurs);
        this.valeurs = plus;
      }
      this.valeurs[this.gardees++] = x;
    } else {
      var j = Math.floor(Math.random() * this.n);  // reservoir sampling
      if (j < MAX_VALEURS) this.valeurs[j] = x;
    }
  } else if (typeof g === "number") {
    var m = derniereDate, ordre = DATES[g][2];
    var annee = m[ordre[0]];
    if (annee.length === 2) annee = (Number(annee) < 50 ? "20" : "19") + annee;
    if (m[4] !== undefined) this.avecHeure++;
    var cle = annee + m[ordre[1]] + m[ordre[2]] + (m[4] || "00") + (m[5] || "00") + (m[6] || "00");
    if (this.dmin === null || cle < this.dmin.cle) this.dmin = {cle: cle, texte: v};
    if (this.dmax === null || cle > this.dmax.cle) this.dmax = {cle: cle, texte: v};
  }
};

/* The k-th smallest value (0-based), in linear time: a with its values reordered (Hoare's select). */
function kieme(a, k) {
  var gauche = 0, droite = a.length - 1;
  while (droite > gauche) {
    var pivot = a[(gauche + droite) >> 1], i = gauche, j = droite;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { var t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
    }
    if (k <= j) droite = j;
    else if (k >= i) gauche = i;
    else break;
  }
  return a[k];
}

/* The largest value among the first n (after kieme(a, n), the lower half). */
function maximum(a, n) {
  var m = -Infinity;
  for (var i = 0; i < n; i++) if (a[i] > m) m = a[i];
  return m;
}

function sousEnsemble(genres, permis) {
  return Object.keys(genres).every(function (g) { return permis.indexOf(g) >= 0; });
}

Colonne.prototype.resume = function (lignes) {
  var r = {nom: this.nom, manquantes: this.manquantes, exemples: this.exemples, type: "texte"};
  var g = this.genres, noms = Object.keys(g);
  var formats = noms.filter(function (k) { return /^\d+$/.test(k); });
  if (!noms.length) r.type = "vide";
  else if (sousEnsemble(g, ["entier"])) r.type = "entier";
  else if (sousEnsemble(g, ["entier", "decimal_point"])) r.type = "decimal_point";
  else if (sousEnsemble(g, ["entier", "decimal_virgule"])) r.type = "decimal_virgule";
  else if (formats.length === noms.length) r.type = this.avecHeure ? "date_heure" : "date";
  else if (sousEnsemble(g, ["vrai_faux"])) r.type = "vrai_faux";
  else if (sousEnsemble(g, ["code", "entier"])) r.type = "code";
  if (r.type === "date" || r.type === "date_heure") {
    r.formats = formats.map(function (k) { return DATES[Number(k)][0]; });
    r.min = this.dmin.texte; r.max = this.dmax.texte;
  } else if (r.type === "entier" || r.type === "decimal_point" || r.type === "decimal_virgule") {
    r.min = this.min.texte; r.max = this.max.texte;
    r.minNombre = this.min.nombre; r.maxNombre = this.max.nombre;
    var valeurs = this.valeurs.subarray(0, this.gardees), k = valeurs.length;
    var haut = kieme(valeurs, Math.floor(k / 2));
    r.mediane = k % 2 ? haut : (haut + maximum(valeurs, Math.floor(k / 2))) / 2;
    r.medianeEstimee = this.n > this.gardees;
  }
  if (r.type !== "vide") {
    var paires = Array.from(this.frequences.entries());
    paires.sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
    r.distinctes = this.frequences.size;
    r.tropDeValeurs = this.trop;
    r.frequentes = paires.slice(0, 3);
  }
  r.presqueVide = lignes > 0 && this.manquantes / lignes > SEUIL_PRESQUE_VIDE;
  return r;
};

/* --- Reading the whole file --------------------------------------------------------------- */

function Recommencer() {}

function lire(fichier, encodage) {
  var total = fichier.size;
  var decodeur = new TextDecoder(encodage === "windows1252" ? "windows-1252" : "utf-8",
                                 {fatal: encodage !== "windows1252"});
  var fins = {windows: 0, unix: 0, mac: 0};
  var sep = null, entetes = null, colonnes = [], lignes = 0;
  var longueurs = 0, premiereLongueur = null, trouve = 0;
  var vues = new Set(), doublons = 0, premierDoublon = null;
  var erreur = null;

  function ligne(valeurs) {
    if (entetes === null) {
      entetes = valeurs.map(function (v) { return v.trim(); });
      colonnes = entetes.map(function (nom) { return new Colonne(nom); });
      return;
    }
    lignes++;
    var numero = lignes + 1;  // the line of the names is line 1
    if (valeurs.length !== colonnes.length) {
      longueurs++;
      if (premiereLongueur === null) { premiereLongueur = numero; trouve = valeurs.length; }
    }
    var cle = empreinte(valeurs);
    if (vues.has(cle)) {
      doublons++;
      if (premierDoublon === null) premierDoublon = numero;
    } else vues.add(cle);
    for (var j = 0; j < colonnes.length; j++) colonnes[j].ajouter(j < valeurs.length ? valeurs[j] : "");
  }

  var ecouteurs = {};
  var flux = {
    on: function (nom, f) { ecouteurs[nom] = f; },
    removeListener: function () {},
    pause: function () {}, resume: function () {},
  };
  var analyseur = null;

  function envoyer(texte) {
    if (analyseur === null) {
      sep = separateur(texte);
      analyseur = new Papa.ReadableStreamStreamer({
        delimiter: sep || "\u0000", newline: "\n", skipEmptyLines: true,
        chunk: function (resultats) {
          var d = resultats.data;
          for (var i = 0; i < d.length; i++) ligne(d[i]);
        },
        error: function (e) { erreur = e; },
      });
      analyseur.stream(flux);
    }
    ecouteurs.data(texte);
  }

  var reste = "";  // a "\r" at the end of a slice: is it "\r\n" ? The next slice says.
  for (var debut = 0; debut < total; debut += TRANCHE) {
    var dernier = debut + TRANCHE >= total;
    var texte;
    try {
      texte = decodeur.decode(octets(fichier, debut, Math.min(total, debut + TRANCHE)), {stream: !dernier});
    } catch (e) {
      if (encodage !== "windows1252") throw new Recommencer();
      throw e;
    }
    texte = reste + texte;
    reste = "";
    if (!dernier && texte.charCodeAt(texte.length - 1) === 13) { reste = "\r"; texte = texte.slice(0, -1); }
    var windows = (texte.match(/\r\n/g) || []).length;
    var tous = (texte.match(/\n/g) || []).length;
    var mac = (texte.match(/\r/g) || []).length - windows;
    fins.windows += windows; fins.unix += tous - windows; fins.mac += mac;
    if (windows || mac) texte = texte.replace(/\r\n?/g, "\n");
    if (texte.length) envoyer(texte);
    self.postMessage({type: "progression", lus: Math.min(total, debut + TRANCHE), total: total});
  }
  if (analyseur !== null) ecouteurs.end();
  if (erreur) throw erreur;
  return {
    encodage: encodage, separateur: sep, octets: total, lignes: lignes,
    colonnes: colonnes.map(function (c) { return c.resume(lignes); }),
    finsDeLigne: fins, sansDonnees: entetes === null || lignes === 0,
    longueurs: {n: longueurs, ligne: premiereLongueur, trouve: trouve, attendu: colonnes.length},
    doublons: {n: doublons, ligne: premierDoublon},
    seuilPresqueVide: Math.round(SEUIL_PRESQUE_VIDE * 100),
  };
}

self.onmessage = function (evenement) {
  var fichier = evenement.data.fichier;
  try {
    if (fichier.size === 0) { self.postMessage({type: "erreur", code: "vide"}); return; }
    var debut = examinerDebut(octets(fichier, 0, 65536));
    if (debut.code) { self.postMessage({type: "erreur", code: debut.code, format: debut.format}); return; }
    var rapport;
    try {
      rapport = lire(fichier, debut.encodage);
    } catch (e) {
      if (!(e instanceof Recommencer)) throw e;
      rapport = lire(fichier, "windows1252");  // not UTF-8 after all: read again
    }
    if (rapport.colonnes.length === 0 || (rapport.lignes === 0 && rapport.colonnes.every(function (c) { return c.nom === ""; }))) {
      self.postMessage({type: "erreur", code: "vide"});
    } else if (rapport.sansDonnees) {
      self.postMessage({type: "erreur", code: "entetes_seules"});
    } else {
      self.postMessage({type: "rapport", rapport: rapport});
    }
  } catch (e) {
    self.postMessage({type: "erreur", code: "lecture", detail: String(e && e.message || e)});
  }
};
