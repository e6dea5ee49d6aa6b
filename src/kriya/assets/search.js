// Kriya search engine: Pagefind, plus an Indonesian layer on top of it.
//
// Loaded only when a visitor starts a search (see theme/kriya/scripts-search.html).
// `search(query, options)` is the single path used by the header box, the /cari/ page,
// the tests and `make search-eval`. Pagefind alone requires every query word, stems variants
// apart (perajin -> "ajin", pengrajin -> "rajin"; menenun -> "enun", tenun -> "tenun") and
// finds nothing for a misspelt word. So each query word becomes a "concept" with
// alternatives: the word, its synonyms from VARIANTS, the other forms of its root that the site
// uses, its translations and the words for its kinds (all from the vocabulary shards, see
// src/kriya/search_morphology.py), and a spelling correction from the site's own vocabulary
// when nothing matches; Pagefind scores every alternative, and the concepts are merged: pages
// matching every concept first (strict pass), then, when those are few, pages matching some
// (loose pass). A price in the query ("di bawah 200 ribu", "150rb") becomes a price filter.

// Interchangeable words and phrases. Each group is searched as one concept; the visitor's own
// word keeps full weight, the others VARIANT_WEIGHT, and only those the site uses are searched
// (each costs a Pagefind index chunk). Forms of one root (anyaman / menganyam, tenun /
// menenun) come from the stemmer at build time and are not listed here; nor are
// translations (src/kriya/data/glosarium.tsv). Keep groups small and unambiguous.
export const VARIANTS = [
  ["perajin", "pengrajin", "kerajinan", "kerajinan tangan", "kriya"],
  ["umkm", "ukm", "pelaku usaha", "usaha kecil"],
  ["gerabah", "tembikar", "keramik"],
  ["keripik", "kripik"],
  ["sambal", "sambel"],
  ["kuliner", "makanan", "camilan", "makanan ringan", "olahan pangan"],
  ["oleh-oleh", "cendera mata", "cenderamata", "suvenir", "souvenir", "buah tangan"],
  ["sertifikasi", "sertifikat"],
  ["hki", "haki", "merek dagang"],
  ["pirt", "p-irt"],
  ["nib", "nomor induk berusaha"],
  ["pameran", "ekspo", "expo", "bazar"],
  ["pelatihan", "bimtek", "workshop", "lokakarya", "kursus"],
  ["lokapasar", "marketplace", "toko daring", "toko online"],
  ["daring", "online"],
  ["luar negeri", "mancanegara"],
  ["foto", "fotografi", "memotret"],
  ["harga", "tarif"],
  ["kayu", "perkayuan"],
  ["kulit", "perkulitan"],
  ["sampah", "limbah", "barang bekas"],
  ["lomba", "kompetisi", "kontes", "sayembara"],
  ["pembeli", "konsumen", "pelanggan"],
  ["perempuan", "wanita"],
  ["pria", "laki-laki"],
  ["pemuda", "anak muda", "generasi muda", "remaja"],
  ["pakaian", "busana", "sandang", "baju"],
  ["kerudung", "jilbab", "hijab"],
  ["perhiasan", "aksesori", "aksesoris"],
  ["mebel", "furnitur", "furniture", "perabot", "perabotan"],
  ["hiasan", "dekorasi", "ornamen"],
  ["motif", "corak"],
  ["bantuan", "hibah"],
  ["kado", "hadiah", "bingkisan"],
  ["pernikahan", "perkawinan", "resepsi", "kondangan", "hajatan"],
  ["pewarna alami", "pewarna alam", "pewarna nabati", "pewarna tumbuhan", "pewarna tanaman"],
  ["difabel", "disabilitas", "penyandang disabilitas"],
  ["salat", "sholat", "shalat"],
  ["umrah", "umroh"],
  ["ponsel", "handphone", "telepon genggam", "gawai", "smartphone"],
];
const VARIANT_WEIGHT = 0.9;
const RELATIVE_WEIGHT = 0.85; // other forms of the word's root, and its translations
const MAX_RELATIVES = 4; // forms and translations searched per word (each costs a chunk)
const MAX_KINDS = 4; // kinds searched per general word (data/jenis.tsv), most used first
const CORRECTION_WEIGHT = 0.8; // spelling corrections
const LOOSE_BELOW = 10; // add the loose pass when the strict pass finds fewer pages
// A word on at least COMMON_SHARE of the pages, and on at least COMMON_PAGES pages, is
// "common": it says little about which page is wanted (its IDF is near zero), while a
// Pagefind search for it builds a result for every one of its pages (about 50 ms per
// thousand pages, and more when several such searches run). Such a word is searched on its
// own, without its variants, and not at all when the query has a more specific word.
const COMMON_SHARE = 0.2;
const COMMON_PAGES = 500;
// A concept on GENERIC_RATIO times as many pages as another of the query's concepts, and on
// at least GENERIC_SHARE of the site ("umkm kopi", "pengrajin gerabah"), is generic next to it:
// it still adds to a page's score but is not required (the page says the specific thing).
const GENERIC_RATIO = 3;
const GENERIC_SHARE = 0.3;
const EXCERPT_WORDS = 22;

// Function words, question words and their chat forms: they do not have to match (they
// still count when they do).
const STOPWORDS = new Set(("yang dan di ke dari untuk dengan atau pada ini itu ada adalah " +
  "dalam oleh akan juga sebagai para serta bagi tentang secara cara bagaimana apa apakah " +
  "berapa kapan dimana mana siapa paling yg dgn utk gimana gmn aja saja sih dong nih deh kok")
  .split(" "));

let root = "";
let pagefind = null;
const shards = new Map(); // first letter -> Promise<{w, n}>

export async function start(siteRoot) {
  root = siteRoot;
  pagefind = await import(`${root}pagefind/pagefind.js`);
  // baseUrl: result links work when the site lives in a subfolder (e.g. GitHub Pages)
  await pagefind.options({ noWorker: true, excerptLength: EXCERPT_WORDS, baseUrl: basePath() });
  // Pagefind's index metadata and WebAssembly load in the background: a query answered from
  // the ranked lists alone does not wait for them, and the next one finds them ready. One
  // search for a word no page has (one small index chunk) takes Pagefind's first-search
  // cost (about 40 ms here) off the visitor's first query that needs it.
  pagefind.init().then(() => pagefind.search("zzz")).catch(() => {});
  return { search, facets, attachBox };
}

function basePath() {
  return new URL(root).pathname;
}

export function words(text) {
  return (String(text || "").toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "")
    .match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) || []);
}

// ---- query -> concepts ---------------------------------------------------------------

const phraseGroups = new Map(); // phrase -> group
for (const group of VARIANTS) for (const phrase of group) phraseGroups.set(phrase, group);
const longestPhrase = Math.max(...VARIANTS.flat().map((p) => p.split(" ").length));

// A word written doubled ("kain-kain", "oleh2"), or doubled with -an ("buah-buahan": fruits
// of all kinds), is searched as its single form, the way the stemmer files it; a pair of
// different words ("warna-warni", "oleh-oleh") stays as written.
function single(token) {
  const doubled = token.match(/^([a-z]{2,})2$/);
  if (doubled) token = `${doubled[1]}-${doubled[1]}`;
  const [first, ...rest] = token.split("-");
  const same = (part) => part === first || part === `${first}an`;
  return rest.length && rest.every(same) && !phraseGroups.has(token) ? first : token;
}

// A word typed twice with a space ("oleh oleh", "kue kue"), as phones make it easy to, is the
// doubled word.
function joinDoubled(tokens) {
  const joined = [];
  for (let i = 0; i < tokens.length; i++) {
    const doubled = /^[a-z]{2,}$/.test(tokens[i]) && tokens[i + 1] === tokens[i];
    joined.push(doubled ? `${tokens[i]}-${tokens[i]}` : tokens[i]);
    if (doubled) i += 1;
  }
  return joined;
}

export function concepts(query) {
  const tokens = joinDoubled(words(query)).map(single);
  const found = [];
  for (let i = 0; i < tokens.length;) {
    let matched = null;
    for (let n = Math.min(longestPhrase, tokens.length - i); n >= 1 && !matched; n--) {
      const phrase = tokens.slice(i, i + n).join(" ");
      if (phraseGroups.has(phrase)) matched = { text: phrase, size: n };
    }
    const text = matched ? matched.text : tokens[i];
    const group = phraseGroups.get(text) || [text];
    const alternatives = [{ text, weight: 1 }];
    for (const other of group) {
      if (other !== text) alternatives.push({ text: other, weight: VARIANT_WEIGHT, synonym: true });
    }
    found.push({ text, alternatives, optional: STOPWORDS.has(text) });
    i += matched ? matched.size : 1;
  }
  if (found.every((c) => c.optional)) found.forEach((c) => { c.optional = false; });
  return found;
}

// "bikin batik", "membuat gerabah", "cara bikin tenun": making a craft is its verb (membatik,
// menenun), and the pages that use the verb are about the doing; the making word is left
// out. Only when the site uses that verb ("buat" is also "for": "tas buat kado").
const MAKE = new Set(["bikin", "bikinin", "ngebikin", "buat", "membuat", "pembuatan"]);

// meN- + a noun, as Indonesian makes a verb of a craft (the nasal prefixes of NASAL, below,
// read the other way): batik -> membatik, tenun -> menenun, anyam -> menganyam, sulam ->
// menyulam. Only the forms the site uses count.
function verbsOf(noun) {
  return NASAL.filter(([prefix, letter]) => prefix.startsWith("me") && noun.startsWith(letter))
    .map(([prefix, letter]) => prefix + noun.slice(letter.length));
}

async function makingAsVerb(found) {
  const at = found.findIndex((c) => MAKE.has(c.text));
  const object = found.slice(at + 1).find((c) => !c.optional);
  if (at < 0 || !object || !/^[a-z]+$/.test(object.text)) return found;
  for (const verb of verbsOf(object.text)) {
    const { w, at: place } = await lookup(verb);
    if (w[place] === verb) {
      return found.filter((_, i) => i !== at).map((c) => (c === object ? concepts(verb)[0] : c));
    }
  }
  return found;
}

// Roots a word the site does not use may come from: its affixes taken off one by one
// (particles, possessives, -kan/-an/-i; di-, ke-, se-, ter-, ber-, per-, and the nasal
// prefixes me-/pe- with the root's first letter restored: menenun -> tenun, menyulam ->
// sulam, memotong -> potong, mengukus -> kukus), and the spoken forms people type (ngopi ->
// kopi, nyablon -> sablon, nunggu -> tunggu, motret -> potret, ngecat -> cat, dibikinin ->
// bikin). Least stripped first; search.js keeps the first one the site's root map knows
// (built with Sastrawi, search_morphology.py).
const SUFFIXES = [["lah", "kah", "tah", "pun"], ["nya", "ku", "mu"], ["kan", "an", "i", "in"]];
const PREFIXES = ["di", "ke", "se", "ter", "ber", "be", "per", "pe"];
const NASAL = [["meny", "s"], ["peny", "s"], ["men", "t"], ["pen", "t"], ["mem", "p"],
  ["pem", "p"], ["meng", "k"], ["peng", "k"], ["meng", ""], ["peng", ""], ["menge", ""],
  ["penge", ""], ["mem", ""], ["pem", ""], ["men", ""], ["pen", ""], ["me", ""], ["pe", ""],
  ["ny", "s"], ["ny", "c"], ["ng", "k"], ["n", "t"], ["m", "p"], ["ng", ""], ["nge", ""]];
const VOWEL = /^[aeiou]/;

export function affixCandidates(word) {
  let stems = [word];
  for (const group of SUFFIXES) {
    for (const stem of [...stems]) {
      for (const suffix of group) if (stem.endsWith(suffix)) stems.push(stem.slice(0, -suffix.length));
    }
  }
  const found = new Set(stems);
  for (let round = 0; round < 2; round++) {
    for (const stem of [...found]) {
      for (const prefix of PREFIXES) if (stem.startsWith(prefix)) found.add(stem.slice(prefix.length));
      for (const [prefix, letter] of NASAL) {
        const rest = stem.slice(prefix.length);
        // (the spoken n- and m- are not the start of me- or pe-: mengunjung is not pengunjung)
        if (prefix.length === 1 && /^[mp]e/.test(stem)) continue;
        if (stem.startsWith(prefix) && (letter ? VOWEL.test(rest) : rest)) found.add(letter + rest);
      }
    }
  }
  return [...found].filter((s) => s !== word && s.length >= 3).sort((a, b) => b.length - a.length);
}

// ---- prices in the query ------------------------------------------------------------------
// "Rp150.000", "150 ribu", "150rb", "150k", "1,5 juta", "di bawah 200 ribu", "100-250rb",
// "50 ribuan": a price, a limit or a range becomes the filter `harga` (price buckets, see
// src/kriya/search_prices.py), and the shown pages are checked against the exact price;
// "murah" without an amount keeps priced products, the cheapest of the best matches first.
export const BUCKETS_PER_DECADE = 10;
const NEAR = 0.2; // "150 ribu": from 20 % under to 20 % over
const UNITS = { rb: 1e3, ribu: 1e3, rebu: 1e3, k: 1e3, jt: 1e6, juta: 1e6 };
const AMOUNT = String.raw`(rp\.?\s*)?(\d+(?:[.,]\d+)*)\s*(rb|ribu|rebu|k|jt|juta)?(an)?(?![a-z0-9])`;
const BELOW = String.raw`di\s?bawah|kurang\s+dari|maks(?:imal|imum)?|max|paling\s+mahal|under|below|budget|bujet|<=?`;
const ABOVE = String.raw`di\s?atas|lebih\s+dari|mulai(?:\s+dari)?|min(?:imal|imum)?|paling\s+murah|over|above|>=?`;
// said around a price, and no help in finding the page: left out of the words searched
const CHEAP_WORDS = "murah|termurah|terjangkau|murmer|cheap|cheapest";
const PRICE_WORDS = new RegExp(String.raw`(^|\s)(harga|seharga|dengan\s+harga|${CHEAP_WORDS})(?=\s|$)`, "g");
// "batik murah" without an amount: priced products, the cheapest of the best matches first.
const CHEAP = new RegExp(String.raw`(^|\s)(${CHEAP_WORDS})(?=\s|$)`);
const CHEAP_SHARE = 0.5; // of the best page's score, for a page to count as a good match

function amount(prefix, digits, unit, approx) {
  if (!prefix && !unit && !/^\d{1,3}([.,]\d{3})+$/.test(digits)) return null; // 2025, 10 pcs
  const grouped = /^\d{1,3}([.,]\d{3})+$/.test(digits) && !(unit && /^\d+[.,]\d{1,2}$/.test(digits));
  const number = grouped ? Number(digits.replace(/[.,]/g, "")) : Number(digits.replace(",", "."));
  const value = Math.round(number * (UNITS[unit] || 1));
  return value >= 1000 ? { value, approx: Boolean(approx) } : null;
}

export function readPrice(query) {
  const text = String(query || "").toLowerCase();
  const patterns = [
    [new RegExp(`${AMOUNT}\\s*(?:-|–|sampai|hingga|s\\.?d\\.?|to)\\s*${AMOUNT}`), (m) => {
      const low = amount(m[1], m[2], m[3] || m[7], m[4]);
      const high = amount(m[5], m[6], m[7], m[8]);
      return low && high && { min: low.value, max: high.value };
    }],
    [new RegExp(`(?:${BELOW})\\s*${AMOUNT}`), (m) => {
      const limit = amount(m[1] || "rp", m[2], m[3], m[4]);
      return limit && { min: 0, max: limit.value };
    }],
    [new RegExp(`(?:${ABOVE})\\s*${AMOUNT}`), (m) => {
      const limit = amount(m[1] || "rp", m[2], m[3], m[4]);
      return limit && { min: limit.value, max: Infinity };
    }],
    [new RegExp(AMOUNT), (m) => {
      const price = amount(m[1], m[2], m[3], m[4]);
      if (!price) return null;
      if (price.approx) { // "50 ribuan": about 50 thousand up to 59,999; "1 jutaan": up to 2 million
        const number = price.value / (UNITS[m[3]] || 1);
        const step = 10 ** Math.floor(Math.log10(number)) * (UNITS[m[3]] || 1);
        return { min: Math.round(price.value * (1 - NEAR)), max: price.value + step - 1, near: price.value,
          from: price.value };
      }
      return { min: Math.round(price.value * (1 - NEAR)), max: Math.round(price.value * (1 + NEAR)), near: price.value };
    }],
    [CHEAP, () => ({ min: 1, max: Infinity, cheap: true })],
  ];
  for (const [pattern, read] of patterns) {
    const match = text.match(pattern);
    const found = match && read(match);
    if (found) {
      const rest = (text.slice(0, match.index) + " " + text.slice(match.index + match[0].length))
        .replace(PRICE_WORDS, " ").replace(/\s+/g, " ").trim();
      return { ...found, rest, label: priceLabel(found) };
    }
  }
  return null;
}

function rupiah(value) {
  return `Rp ${value.toLocaleString("id-ID")}`; // as prices are shown on the site
}

function priceLabel({ min, max, near, cheap }) {
  if (cheap) return "termurah dulu";
  if (near) return `sekitar ${rupiah(near)}`;
  if (!min) return `sampai ${rupiah(max)}`;
  if (max === Infinity) return `mulai ${rupiah(min)}`;
  return `${rupiah(min)}–${rupiah(max)}`;
}

function bucket(value) {
  return Math.floor(Math.log10(Math.max(value, 1)) * BUCKETS_PER_DECADE + 1e-9);
}

// The query's price buckets, the most fitting first: around a price the closest, under a
// limit the dearest, above one the cheapest.
function priceBuckets({ min, max, near }) {
  const top = max === Infinity ? 12 * BUCKETS_PER_DECADE : bucket(max);
  const values = [];
  for (let b = bucket(min); b <= top; b++) values.push(b);
  const centre = near ? bucket(near) : (min ? -Infinity : Infinity);
  values.sort((a, b) => Math.abs(a - centre) - Math.abs(b - centre) || a - b);
  return values.map(String);
}

// Pages in the price's buckets, bucket by bucket (most fitting first), until `enough`.
async function byPrice(price, filters, enough) {
  const ranked = new Map(); // a price range spans several buckets: each page once
  for (const value of filters.harga.any) {
    const answer = await pagefind.search(null, { filters: { ...filters, harga: { any: [value] } } });
    for (const result of answer.results) if (!ranked.has(result.id)) ranked.set(result.id, { best: { result } });
    if (ranked.size >= enough) break;
  }
  return [...ranked.values()];
}

// A result's prices: "Rp150.000" -> [150000], "Rp50.000 – Rp75.000" -> [50000, 75000].
function pricesOf(shown) {
  return (String(shown || "").match(/\d[\d.]*/g) || []).map((p) => Number(p.replace(/\./g, "")));
}

function fits(shown, { min, max }) {
  const prices = pricesOf(shown);
  return prices.length > 0 && Math.min(...prices) <= max && Math.max(...prices) >= min;
}

function distanceTo(page, target) {
  return Math.min(...pricesOf(page.meta?.harga).map((p) => Math.abs(p - target)));
}

// ---- a shopper's words ----------------------------------------------------------------------
// "beli batik", "tempat membeli kopi", "buy coffee": the visitor wants products, and the words
// themselves do not help find them (a news item about buyers would match them).
const BUY = /(^|\s)((tempat|toko|di ?mana|where to)\s+)?(beli|membeli|dibeli|belanja|berbelanja|borong|buy)(?=\s|$)/g;

// The query without its shopper's words, when it has them and other words; else null.
function buying(query) {
  const text = String(query || "").toLowerCase();
  const rest = text.replace(BUY, " ").replace(/\s+/g, " ").trim();
  return rest !== text.trim() && words(rest).length ? rest : null;
}

// Products before other pages that match as many of the query's words (a stable sort).
async function productsFirst(ranked) {
  const products = await pagesWith("jenis", "produk");
  const isProduct = ({ best: { result } }) => (products.has(result.id) ? 1 : 0);
  return [...ranked].sort((a, b) => (b.covered ?? 0) - (a.covered ?? 0) || isProduct(b) - isProduct(a));
}

// ---- the site's vocabulary (pagefind/kriya-kata/<letter>.json, written at build time) ------

function shard(letter) {
  if (!shards.has(letter)) {
    shards.set(letter, fetch(`${root}pagefind/kriya-kata/${letter}.json`)
      .then((r) => (r.ok ? r.json() : { w: [], n: [] })).catch(() => ({ w: [], n: [] })));
  }
  return shards.get(letter);
}

// The shard of `word`'s first letter, and `at`: where `word` is or would be in its sorted list.
async function lookup(word) {
  const found = await shard(word[0]);
  let lo = 0; let hi = found.w.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (found.w[mid] < word) lo = mid + 1; else hi = mid; }
  return { ...found, at: lo };
}

// The other forms of `word`'s root that the site uses, and the word's translations, most
// used first (see search_morphology.py). A word the stemmer gave a root has it in its shard;
// for another word, the first of its affix candidates that the site's root map knows is its
// root.
export async function relatives(word) {
  const { w, r, g, x, at } = await lookup(word);
  const found = [...(g?.[word] || [])];
  // a word the stemmer left as it is may still be a spoken form (ngopi) or a form it missed
  const rooted = w[at] === word && r?.[word];
  const forms = [];
  if (rooted) forms.push(...(await lookup(rooted)).a?.[rooted] || []);
  // The affixes can be read two ways (pengemasan: kemas "pack" or emas "gold"): the first
  // candidate the root map knows besides the stemmer's root is searched too; not for a word
  // whose root the build split from another one (kemeja is not ke- + meja; see rootFilter).
  const certain = w[at] === word && x?.[word];
  for (const candidate of certain ? [] : [word, ...affixCandidates(word)]) {
    if (candidate === rooted) continue;
    const { w: known, a, at: place } = await lookup(candidate);
    const more = a?.[candidate] || (known[place] === candidate && candidate !== word ? [candidate] : null);
    if (more) {
      forms.push(...more);
      break;
    }
  }
  return [...new Set([...forms, ...found])].filter((other) => other !== word);
}

// The words for the kinds of a general word that the site uses, most used first ("camilan":
// keripik, kerupuk; src/kriya/data/jenis.tsv). They are searched like a synonym: their pages
// come after the pages with the visitor's own word, but a product named for one ("Keripik
// Mangga") is named for the thing asked for (namedFirst).
async function kindsOf(word) {
  const { j } = await lookup(word);
  return j?.[word] || [];
}

// A general phrase of data/jenis.tsv ("peralatan dapur", "perlengkapan sholat", up to three
// words) gives its kinds to its first word, its head, searched after the head's own kinds.
async function phraseKinds(found) {
  for (let i = 0; i < found.length; i++) {
    for (let n = Math.min(3, found.length - i); n >= 2; n--) {
      const kinds = await kindsOf(found.slice(i, i + n).map((c) => c.text).join(" "));
      if (kinds.length) {
        found[i].phraseKinds = kinds;
        i += n - 1;
        break;
      }
    }
  }
}

async function startsSomeWord(prefix) {
  const { w, at } = await lookup(prefix);
  return at < w.length && w[at].startsWith(prefix);
}

// Is every word of `text` common on this site (see COMMON_SHARE)? A phrase is common when
// one of its words is, since Pagefind then handles that word's pages too.
async function isCommon(text) {
  for (const word of text.split(/[ -]/)) {
    if (!word) continue;
    const { p } = await lookup(word);
    const pages = await pagesUsing(word);
    if (p && pages >= COMMON_PAGES && pages >= COMMON_SHARE * p) return true;
  }
  return false;
}

// How many pages use `word` (0 for a word the site does not use), from the vocabulary.
async function pagesUsing(word) {
  const { w, n, at } = await lookup(word);
  return w[at] === word ? n[at] : 0;
}

// Optimal string alignment distance (edits, including swapping two neighbours), capped.
export function distance(a, b, cap) {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let before = null; let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > cap) return cap + 1;
    before = prev; prev = row;
  }
  return prev[b.length];
}

// The site's words closest to a word nothing matched: fewest edits, then most pages.
// Only words with the same first letter are considered (one small file to load).
async function corrections(word) {
  if (word.length < 4 || /\d/.test(word)) return [];
  const cap = word.length >= 8 ? 2 : 1;
  const { w, n } = await shard(word[0]);
  const near = [];
  for (let i = 0; i < w.length; i++) {
    const d = distance(word, w[i], cap);
    if (d <= cap) near.push({ text: w[i], d, pages: n[i] });
  }
  near.sort((x, y) => x.d - y.d || y.pages - x.pages || (x.text < y.text ? -1 : 1));
  return near.slice(0, 2).map((c) => c.text);
}

// ---- ranked lists of the site's most frequent words (pagefind/kriya-sering/<word>.json) ----
// Pagefind returns every matching page with all its word positions, about 50 µs per page: a
// word found on most of 10,000 pages costs half a second. For such words (see
// src/kriya/search_lists.py) the build ranks the best pages once; they are read from a small
// file instead, and their fragments are loaded like Pagefind loads them.

const lists = new Map(); // word -> Promise<{n, p, s} | null>
const fragments = new Map(); // fragment name -> Promise<page data>

// Does `word` have a ranked list (a word on "l" pages or more; see search_lists.py)?
async function hasList(word) {
  if (word.length < 3) return false;
  const { w, n, l, at } = await lookup(word);
  return Boolean(l) && w[at] === word && n[at] >= l;
}

function rankedList(word) {
  if (!lists.has(word)) {
    lists.set(word, fetch(`${root}pagefind/kriya-sering/${word}.json`)
      .then((r) => (r.ok ? r.json() : null)).catch(() => null).then((found) => {
        // the list's first pages come with their result cards: no fragment to fetch
        (found?.c || []).forEach((card, i) => {
          if (!fragments.has(found.p[i])) {
            fragments.set(found.p[i], Promise.resolve({ url: pageUrl(card.u), meta: card.m, plain_excerpt: card.x || "" }));
          }
        });
        return found;
      }));
  }
  return lists.get(word);
}

function pageUrl(path) {
  return `${basePath()}/${path}`.replace(/\/+/g, "/");
}

// Pagefind-shaped results for `text` from the ranked lists when every word of it has one
// (pages having all the words, scores added), or null: ask Pagefind. Also null when the
// caller wants more pages than a list holds, and for a hyphenated word ("oleh-oleh"):
// Pagefind indexes it whole, while the lists of its parts ("oleh": by) would answer another
// question.
async function fromLists(text, limit) {
  const parts = text.split(" ").filter(Boolean);
  if (!parts.length || text.includes("-")) return null;
  for (const word of parts) if (!(await hasList(word))) return null;
  const found = await Promise.all(parts.map(rankedList));
  if (found.some((l) => !l || (l.n > l.p.length && limit > l.p.length))) return null;
  let scores = new Map(found[0].p.map((name, i) => [name, found[0].s[i]]));
  for (const other of found.slice(1)) {
    const next = new Map();
    other.p.forEach((name, i) => { if (scores.has(name)) next.set(name, scores.get(name) + other.s[i]); });
    scores = next;
  }
  return {
    results: [...scores].map(([id, score]) => ({ id, score, data: () => fragment(id) })),
    total: parts.length === 1 ? found[0].n : scores.size, // (a list holds the best pages only)
    listed: true,
  };
}

// Load the lists of the words of `text` that have one, for their result cards.
async function cardsOf(text) {
  const parts = text.split(/[ -]/).filter(Boolean);
  await Promise.all(parts.map(async (word) => (await hasList(word)) && rankedList(word)));
}

// A page's data as Pagefind's result.data() gives it (url, meta, plain_excerpt).
function fragment(name) {
  if (!fragments.has(name)) {
    fragments.set(name, fetch(`${root}pagefind/fragment/${name}.pf_fragment`)
      .then((r) => r.arrayBuffer()).then(unpack).then((data) => ({
        ...data,
        url: pageUrl(data.url),
        plain_excerpt: data.content.split(/\s+/).slice(0, EXCERPT_WORDS).join(" "),
      })));
  }
  return fragments.get(name);
}

const MAGIC = "pagefind_dcd";

async function unpack(buffer) {
  let bytes = new Uint8Array(buffer);
  const signed = (b) => new TextDecoder().decode(b.subarray(0, MAGIC.length)) === MAGIC;
  if (!signed(bytes)) { // still gzip (a host that did not decode it)
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length)));
}

// ---- Pagefind passes ----------------------------------------------------------------

function pagefindFilters(filters = {}) {
  const out = {};
  for (const [name, value] of Object.entries(filters)) {
    const values = [].concat(value).filter(Boolean);
    if (values.length) out[name] = { any: values };
  }
  return out;
}

// Bits of page numbers (search.py's `_bitmap`), decoded once; a test of a page id (fragment
// name: [language_]base-36 number).
function bitmap(encoded) {
  const bits = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  return (id) => {
    const number = parseInt(id.slice(id.lastIndexOf("_") + 1), 36);
    return ((bits[number >> 3] || 0) >> (number & 7)) & 1;
  };
}

// A file of bitmaps ({name: bits}) of the bundle, fetched once: {name: page id test} (other
// values as they are); {} when it cannot be read.
const bitmapFiles = new Map(); // path -> Promise<{name: page id test}>

function bitmaps(path) {
  if (!bitmapFiles.has(path)) {
    bitmapFiles.set(path, fetch(`${root}${path}`)
      .then((r) => (r.ok ? r.json() : {})).catch(() => ({}))
      .then((found) => Object.fromEntries(Object.entries(found).map(
        ([name, value]) => [name, typeof value === "string" ? bitmap(value) : value]))));
  }
  return bitmapFiles.get(path);
}

// Pagefind's stemmer has no dictionary: it joins some root words of different meaning
// (kemeja "shirt" and meja "table" are both "meja"). For a word of such a stem, the build
// lists the pages of each root (search_morphology.split_stems). null, or whether a page id
// has `word`'s root.
async function rootFilter(word) {
  if (word.includes(" ") || word.includes("-")) return null;
  const { w, x, at } = await lookup(word);
  const known = w[at] === word && x?.[word];
  if (!known) return null;
  const [stem, wordRoot] = known;
  return (await bitmaps(`pagefind/kriya-pisah/${stem}.json`))[wordRoot] || null;
}

// Pagefind stems a derived word like the shorter word in it: pewarnaan (colouring) and warna
// (colour) are both "warna", pembatik (a batik maker) and batik both "batik", and it ranks a
// page that says "warna" as one that says "pewarnaan". For such a word the build lists the
// pages with the word itself (search.write_derived). null, or {test: whether a page id has
// the word, kin: whether it has another derived word of the stem, mates: the other site
// words of its stem}.
async function derivedOf(word) {
  const { d } = await lookup(word);
  if (!d?.includes(word)) return null;
  const { p, q, s } = await bitmaps(`pagefind/kriya-bentuk/${word}.json`);
  return p ? { test: p, kin: q, mates: s || [] } : null;
}

// ---- products named for the query's head word (pagefind/kriya-nama/<word>.json) ---------
// An Indonesian name puts the head noun first: Kopi Bubuk Robusta is coffee, Sabun Kopi is
// soap. So does a query ("tas anyam": a bag), while English puts it last ("woven bag"). The
// products whose name starts with the query's head word (or a form, synonym, kind or
// translation searched with it), or that are in the category its label names (a songket is a
// Tenun product, whatever its page says), come first among the pages that match as many of
// the query's words. A verb ("membatik") asks about doing, not about a thing a product is; a
// category is named by the word itself or its forms, not by a synonym ("camilan" is not all
// "kuliner"), and not by a pe- word, which names a person or a process (penenun, pengemasan).
// {n?: page id test, k?: page id test} of the products named for `word` (search.named_for)
async function namedFor(word) {
  if (!/^[a-z0-9]+$/.test(word)) return {};
  const { h } = await lookup(word);
  return h?.includes(word) ? bitmaps(`pagefind/kriya-nama/${word}.json`) : {};
}

async function namedFirst(ranked, concept) {
  const alternatives = concept.searched || concept.alternatives;
  const files = await Promise.all(alternatives.map((a) => namedFor(a.text)));
  const person = /^pe/.test(concept.text);
  const tests = files.flatMap(({ n, k }, i) => [n, !alternatives[i].synonym && !person && k]);
  const isNamed = ({ best: { result } }) => (tests.some((test) => test && test(result.id)) ? 1 : 0);
  if (!tests.some(Boolean)) return ranked;
  // (a stable sort: by score within each group)
  return [...ranked].sort((a, b) => (b.covered ?? 0) - (a.covered ?? 0) || isNamed(b) - isNamed(a));
}

// Is every word of these concepts English: not on the site, with translations that are?
async function isEnglish(concepts) {
  for (const { text } of concepts) {
    const { w, g, at } = await lookup(text);
    if (w[at] === text || !g?.[text]) return false;
  }
  return concepts.length > 0;
}

// Pagefind also matches every word of its index that starts with a query word: "tahu" (tofu)
// finds "tahun" (year), "pot" finds "potong", "cat" finds "catatan". Where the site uses a
// longer word that starts with the query word, an exact Pagefind search ("quoted", from the
// index chunk already loaded) gives the pages with the word itself, to keep (its other forms
// are alternatives of their own). null: keep every page (no such word, or no exact match, as
// for a word the site does not use).
async function exactPages(word, filters) {
  if (!/^[a-z0-9]+$/.test(word)) return null;
  const { w, at } = await lookup(word);
  const next = w[at] === word ? at + 1 : at;
  return next < w.length && w[next].startsWith(word) ? exactIds(word, filters) : null;
}

// The ids of the pages with `word` itself (an exact Pagefind search); null when none has it.
async function exactIds(word, filters) {
  if (!/^[a-z0-9]+$/.test(word)) return null;
  const answer = await pagefind.search(`"${word}"`, { filters });
  return answer.results.length ? new Set(answer.results.map((r) => r.id)) : null;
}

async function hitsFor(alternatives, filters, limit) {
  const hits = new Map(); // page id -> {score, result}
  const plain = !Object.keys(filters).length;
  const answers = await Promise.all(alternatives.map(async (a) => {
    const listed = plain && await fromLists(a.text, limit);
    if (listed) return listed; // (a list holds the pages of the word itself)
    // Pagefind ranks; the word's list, when it has one, still brings result cards
    const [found, , ownRoot, exact] = await Promise.all([pagefind.search(a.text, { filters }),
      cardsOf(a.text), rootFilter(a.text), exactPages(a.text, filters)]);
    const keep = [exact && ((id) => exact.has(id)), a.only].filter(Boolean);
    const answer = keep.length
      ? { results: found.results.filter((r) => keep.every((test) => test(r.id))) } : found;
    if (!ownRoot) return answer;
    // (Pagefind weighed the word by the pages of its stem, before the filter)
    return { results: answer.results.filter((r) => ownRoot(r.id)), total: answer.results.length };
  }));
  // Pagefind's scores carry each word's rarity (BM25's inverse document frequency): a form or
  // translation rarer than the visitor's own word would outrank every page that has the word
  // itself. Such an alternative's scores are scaled by the ratio of the two rarities (times
  // its weight), so that pages compete on how much they use the word; a commoner form keeps
  // its scores ("kemasan" on 15 pages for "pengemasan" on 2: the pages about packaging come
  // before one that says "mengemas" once). When the visitor's word is on no page (an English
  // word, a typo), or the two were scored apart (a ranked list's BM25 and Pagefind's scores
  // are alike only roughly), an alternative whose best page scores above the first
  // alternative's best page is scaled down to it instead.
  // A synonym from VARIANTS ("suvenir" for "oleh-oleh") is another word than the visitor
  // typed: the synonym's pages come after the pages with their own word or its forms and
  // translations (camilan before the "makanan" of a "kursi makan").
  // A word the site does not use ("dikeluhkan", an English word) with forms or translations
  // that it does: Pagefind's pages for the word are its stemmer's guesses, so they set no
  // scale and come after the pages of those forms, as a synonym's do.
  const guessed = alternatives.length > 1 && /^[a-z]+$/.test(alternatives[0].text)
    && !(await pagesUsing(alternatives[0].text));
  const { p: total } = await shard(alternatives[0].text[0]);
  const rarity = (pages) => Math.log(1 + (total - pages + 0.5) / (pages + 0.5));
  const pages = answers.map((answer) => answer?.total ?? (answer?.results || []).length);
  const best = answers.map((answer) => Math.max(0, ...(answer?.results || []).map((r) => r.score)));
  if (guessed) pages[0] = 0;
  const reference = (!guessed && best[0]) || Math.max(0, ...best.slice(guessed ? 1 : 0));
  const scales = answers.map((answer, i) => {
    const comparable = Boolean(answers[0]?.listed) === Boolean(answer?.listed);
    if (i > 0 && pages[0] && pages[i] && comparable && !alternatives[i].synonym) {
      return Math.min(1, rarity(pages[0]) / rarity(pages[i]));
    }
    return i > 0 && best[i] > reference ? reference / best[i] : 1;
  });
  const scored = (answer, i) => (answer?.results || []).map((result) => ({
    result, score: result.score * scales[i] * alternatives[i].weight }));
  const after = (i) => (i > 0 && alternatives[i].synonym) || (i === 0 && guessed);
  const own = answers.flatMap((answer, i) => (after(i) || alternatives[i].synonym ? [] : scored(answer, i)));
  const lowest = own.length ? Math.min(...own.map((r) => r.score)) : 0;
  const order = answers.map((_, i) => i);
  if (guessed) order.push(order.shift()); // (a page's first hit wins a tie)
  for (const i of order) {
    if (after(i) && lowest && best[i] * scales[i] > lowest) {
      scales[i] = lowest / best[i];
    }
    const { stem } = alternatives[i];
    for (const { result, score } of scored(answers[i], i)) {
      const known = hits.get(result.id);
      if (!known || known.score < score) hits.set(result.id, { score, result, stem });
    }
  }
  return hits;
}

async function conceptHits(concept, filters, limit) {
  if (concept.skip) return new Map();
  if (concept.common) return hitsFor([{ text: concept.text, weight: 1 }], filters, limit);
  const alternatives = [];
  for (const [i, alternative] of concept.alternatives.entries()) {
    const first = alternative.text.split(/[ -]/)[0];
    if (i === 0 || (first.length >= 3 && await startsSomeWord(first)
                    && !(await isCommon(alternative.text)))) alternatives.push({ ...alternative });
  }
  const single = !concept.text.includes(" ");
  const related = single ? await relatives(concept.text) : [];
  const kinds = [...new Set([...(await kindsOf(concept.text)), ...(concept.phraseKinds || [])])];
  for (const [more, most, extra] of [[related, MAX_RELATIVES, { weight: RELATIVE_WEIGHT }],
    [kinds, MAX_KINDS, { weight: VARIANT_WEIGHT, synonym: true }]]) {
    let added = 0;
    for (const text of more) {
      if (added === most) break;
      if (alternatives.some((a) => a.text === text) || await isCommon(text)) continue;
      alternatives.push({ text, ...extra });
      added += 1;
    }
  }
  // A derived word (derivedOf): the pages with the word itself, then with them at a form's
  // weight the pages with another derived word of its stem (pendaftaran: didaftarkan), and
  // after them, like a synonym's, the stem's other pages (daftar: a list). The forms of the
  // stem are not searched apart: the same Pagefind search finds them all.
  const derived = single ? await derivedOf(concept.text) : null;
  if (derived) {
    alternatives[0] = { ...alternatives[0], only: derived.test };
    const kept = alternatives.filter((a, i) => !i || a.synonym || !derived.mates.includes(a.text));
    alternatives.splice(0, alternatives.length, ...kept,
      { text: concept.text, weight: RELATIVE_WEIGHT, only: derived.kin },
      { text: concept.text, weight: RELATIVE_WEIGHT, synonym: true, stem: true });
  }
  // A word the site never uses, one or two edits from words it does use, is most likely a
  // typo: the corrections are searched instead of it. (Searching the word itself too, as a
  // weak signal, changed nothing in `make search-eval` and cost a Pagefind fetch.) A word with
  // no close correction is still searched: it may be an affixed form the site does not use,
  // e.g. "ditenun", which Pagefind's stemmer can still match.
  // A word with forms, translations or kinds on the site (an English word, a derived form,
  // "kudapan") is not a typo.
  const unknown = single && concept.text.length >= 4 && !related.length && !kinds.length
    && !(await startsSomeWord(concept.text));
  let fixes = unknown ? await corrections(concept.text) : [];
  // A misspelt common word next to a more specific one is left out like the common word.
  if (concept.withSpecific) {
    const common = await Promise.all(fixes.map(isCommon));
    const kept = fixes.filter((_, i) => !common[i]);
    if (fixes.length && !kept.length) {
      concept.optional = true;
      return new Map();
    }
    fixes = kept;
  }
  if (fixes.length) {
    alternatives.shift();
    alternatives.push(...fixes.map((text) => ({ text, weight: CORRECTION_WEIGHT })));
  }
  // A word the site never uses, with no form, translation or correction ("bikin", "cowok"),
  // cannot be required next to words the site does use: it would only empty the strict pass.
  if (unknown && !fixes.length && !concept.alone) concept.optional = true;
  concept.searched = alternatives;
  return hitsFor(alternatives, filters, limit);
}

// How many pages a concept matches: its hits, or for a word with a ranked list (which
// holds only its best pages) the word's own count from the vocabulary. A derived word's
// stem-only pages do not count: "diwarnai" is not generic because "warna" is.
async function pagesOf(concept, hits) {
  let pages = 0;
  for (const hit of hits.values()) if (!hit.stem) pages += 1;
  for (const { text } of concept.alternatives) {
    if (!text.includes(" ")) pages = Math.max(pages, await pagesUsing(text));
  }
  return pages;
}

// A verb form: a word with a verb prefix (meN-, di-, ber-, ter-, or the spoken ng-/ny-) whose
// root the site's root map knows (as for relatives()).
async function isVerb(word) {
  if (!/^(me|di|ber|ter|ng|ny)/.test(word)) return false;
  const { w, r, at } = await lookup(word);
  if (w[at] === word) return Boolean(r?.[word]);
  for (const candidate of affixCandidates(word)) if ((await lookup(candidate)).a?.[candidate]) return true;
  return false;
}

// Required concepts that are generic next to another required one (see GENERIC_RATIO) become
// optional.
async function markGeneric(concepts, perConcept) {
  const required = concepts.map((c, i) => [c, i]).filter(([c]) => !c.optional);
  if (required.length < 2) return;
  const { p } = await shard(required[0][0].text[0]);
  const pages = await Promise.all(required.map(([c, i]) => pagesOf(c, perConcept[i])));
  // A verb ("mengurus nib") is not what the query is about: its object is, however common.
  const verbs = await Promise.all(required.map(([c]) => isVerb(c.text)));
  const fewest = Math.min(...pages.filter((n, k) => n > 0 && !verbs[k]));
  required.forEach(([c], k) => {
    if (p && pages[k] >= GENERIC_RATIO * fewest && pages[k] >= GENERIC_SHARE * p) c.optional = true;
  });
}

// Merge the concepts: score = sum of the concepts' best Pagefind scores; pages matching every
// required concept rank first (strict), then pages matching fewer (loose), only when the
// strict pass found fewer than LOOSE_BELOW pages.
function merge(concepts, perConcept) {
  const pages = new Map();
  const required = concepts.filter((c) => !c.optional).length;
  perConcept.forEach((hits, i) => {
    for (const [id, hit] of hits) {
      const page = pages.get(id) || { score: 0, covered: 0, best: hit };
      page.score += hit.score;
      if (!concepts[i].optional) page.covered += 1;
      if (hit.score > page.best.score) page.best = hit;
      pages.set(id, page);
    }
  });
  const ranked = [...pages.values()].filter((p) => p.covered > 0 || required === 0);
  ranked.sort((a, b) => b.covered - a.covered || b.score - a.score);
  const strict = ranked.filter((p) => p.covered === required);
  return strict.length >= LOOSE_BELOW ? strict : ranked;
}

// ---- English pages ------------------------------------------------------------------------
// There Pagefind reads the English index, and the Indonesian layer has nothing to offer but
// this: a buyer may type the Indonesian word on a label ("keripik", "tas anyaman"), and each
// such word is searched with the English words the English pages use for it
// (pagefind/kriya-en.json, from the glossary). Pages matching every word come first.
let toEnglish = null; // Promise<{word: [English words]}>

async function searchEnglish(query, filters) {
  toEnglish ||= fetch(`${root}pagefind/kriya-en.json`)
    .then((r) => (r.ok ? r.json() : {})).catch(() => ({}));
  const translations = await toEnglish;
  const wanted = [...new Set(words(query))].map((text) => ({ text, optional: false }));
  const perConcept = await Promise.all(wanted.map(async ({ text }) => {
    const alternatives = [text, ...(translations[text] || [])];
    const answers = await Promise.all(alternatives.map(async (word) => {
      // no vocabulary here to tell "tea" from "teak": the pages with the word itself, if any
      const [found, exact] = await Promise.all([pagefind.search(word, { filters }),
        exactIds(word, filters)]);
      return exact ? { results: found.results.filter((r) => exact.has(r.id)) } : found;
    }));
    const hits = new Map();
    answers.forEach((answer, i) => {
      for (const result of answer.results) {
        const score = result.score * (i ? RELATIVE_WEIGHT : 1);
        if (!(hits.get(result.id)?.score >= score)) hits.set(result.id, { score, result });
      }
    });
    return hits;
  }));
  return merge(wanted, perConcept);
}

function toResult(data) {
  const meta = data.meta || {};
  const result = {
    url: data.url,
    title: meta.title || data.url,
    type: meta.jenis || "halaman",
    // The editor's own summary is the best short excerpt; Pagefind's text around the match
    // is kept as `context`.
    excerpt: meta.ringkasan || data.plain_excerpt || "",
    context: data.plain_excerpt || "",
  };
  if (meta.gambar) result.image = new URL(meta.gambar, root).href;
  if (meta.harga) result.price = meta.harga;
  if (meta.tanggal) result.date = meta.tanggal;
  return result;
}

// Ranked results [{url, title, type, excerpt, image?, price?}] for a query; with no query,
// the pages matching `options.filters` (browsing by facet).
// options: {filters: {jenis, kategori, kecamatan, sertifikasi}, limit = 10, plain = false,
// english = false, ids = false}
// `plain: true` runs stock Pagefind only (for comparison in `make search-eval`);
// `english: true` the search of English pages (searchEnglish).
// `ids: true` also gives `.ids` on the returned array: the Pagefind ids of every ranked page,
// not only the first `limit` (the /cari/ facet counts; no fragment is fetched for them).
export async function search(query, options = {}) {
  const limit = options.limit ?? 10;
  const price = options.plain || options.english ? null : readPrice(query);
  if (price) query = price.rest;
  const shopping = !options.plain && !options.english && buying(query);
  if (shopping) query = shopping;
  const filters = pagefindFilters({ ...options.filters, ...(price && { harga: priceBuckets(price) }) });
  let wanted = concepts(query);
  let ranked;
  if (!wanted.length) {
    if (!Object.keys(filters).length) return [];
    if (price) {
      ranked = await byPrice(price, filters, 3 * limit);
    } else {
      const answer = await pagefind.search(null, { filters });
      ranked = answer.results.map((result) => ({ best: { result } }));
    }
  } else if (options.english) {
    ranked = await searchEnglish(query, filters);
  } else if (options.plain) {
    const answer = await pagefind.search(words(query).join(" "), { filters });
    ranked = answer.results.map((result) => ({ best: { result } }));
  } else {
    wanted = await makingAsVerb(wanted);
    // the vocabulary files every check below reads, fetched together rather than in turn
    const letters = new Set();
    for (const c of wanted) {
      for (const a of [...c.alternatives.map((x) => x.text), ...affixCandidates(c.text).slice(0, 3)]) {
        for (const word of a.split(/[ -]/)) if (word) letters.add(word[0]);
      }
    }
    await Promise.all([...letters].map(shard));
    await phraseKinds(wanted);
    const common = await Promise.all(wanted.map((c) => isCommon(c.text)));
    wanted.forEach((c, i) => { c.common = common[i]; });
    // A common word next to a more specific one is left out, like a function word.
    if (wanted.filter((c) => !c.optional && !c.common).length) {
      wanted.forEach((c, i) => {
        if (c.common) { c.optional = true; c.skip = true; }
        c.withSpecific = wanted.some((o, j) => j !== i && !o.optional && !o.common);
      });
    }
    const required = wanted.filter((c) => !c.optional);
    wanted.forEach((c) => { c.alone = required.length <= 1; });
    const perConcept = await Promise.all(wanted.map((c) => conceptHits(c, filters, limit)));
    await markGeneric(wanted, perConcept);
    ranked = merge(wanted, perConcept);
    const about = wanted.filter((c) => !c.optional); // (markGeneric may have left some out)
    const head = (await isEnglish(about)) ? about.at(-1) : about[0];
    if (head && !(await isVerb(head.text))) ranked = await namedFirst(ranked, head);
    if (shopping) ranked = await productsFirst(ranked);
  }
  // a card already at hand (from a ranked list) saves fetching the page's fragment
  const load = ({ best: { result } }) => fragments.get(result.id) || result.data();
  let data;
  if (!price) {
    data = await Promise.all(ranked.slice(0, limit).map(load));
  } else {
    // A price bucket is wider than the price asked: each shown page is checked. Around a
    // price ("150rb"), the closest of the first pages (sorted by price) come first.
    const enough = (price.near && !query) || price.cheap ? 3 * limit : limit;
    let shown = []; // [ranked page, its data]
    for (let i = 0; i < ranked.length && shown.length < enough; i += limit) {
      const batch = ranked.slice(i, i + limit);
      const pages = await Promise.all(batch.map(load));
      batch.forEach((entry, k) => { if (fits(pages[k].meta?.harga, price)) shown.push([entry, pages[k]]); });
    }
    const byDistance = (target) => ([, a], [, b]) => distanceTo(a, target) - distanceTo(b, target);
    // "50 ribuan" is fifty-something thousand: the prices from 50,000 up first, then the
    // nearest below
    const below = ([, page]) => Number(Math.max(...pricesOf(page.meta?.harga)) < (price.from || 0));
    const closest = byDistance(price.near);
    if (price.near && !query) shown.sort((a, b) => below(a) - below(b) || closest(a, b));
    if (price.cheap) {
      // "tas murah": the cheapest of the pages that match about as well as the best one, then
      // the weaker matches (a cheap page that merely mentions the word comes after)
      const best = ranked[0];
      const close = ([entry]) => !query
        || (entry.covered === best.covered && entry.score >= CHEAP_SHARE * best.score);
      shown = [...shown.filter(close).sort(byDistance(0)), ...shown.filter((s) => !close(s))];
    }
    data = shown.slice(0, limit).map(([, page]) => page);
  }
  const found = data.map(toResult);
  // (with a price, the ids are those of its buckets: a count may include a page just outside)
  if (options.ids) found.ids = ranked.map(({ best: { result } }) => result.id);
  return found;
}

// Filter values with their page counts: {jenis: {produk: 12, ...}, kategori: {...}, ...}
export async function facets() {
  return pagefind.filters();
}

// ---- interface: header box and /cari/ page --------------------------------------------

const TYPE_LABEL = { produk: "Produk", berita: "Berita", halaman: "Halaman" };

export function element(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

export function resultItem(result, withExcerpt) {
  const link = element("a", { href: result.url, class: "kriya-hasil__tautan" });
  if (result.image) {
    link.append(element("img", { src: result.image, alt: "", loading: "lazy", class: "kriya-hasil__gambar" }));
  } else {
    link.append(element("span", { class: "kriya-hasil__gambar kriya-hasil__gambar--kosong", "aria-hidden": "true" }));
  }
  const body = element("span", { class: "kriya-hasil__isi" },
    element("span", { class: `kriya-hasil__jenis kriya-hasil__jenis--${result.type}` }, TYPE_LABEL[result.type] || result.type),
    element("span", { class: "kriya-hasil__judul" }, result.title));
  if (result.price) body.append(element("span", { class: "kriya-hasil__harga" }, result.price));
  if (withExcerpt) {
    const text = element("span", { class: "kriya-hasil__kutipan" });
    text.textContent = result.excerpt;
    body.append(text);
  }
  link.append(body);
  return element("li", { class: "kriya-hasil__item" }, link);
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// On an English page (Pagefind then reads its English index), English texts and the English
// search (searchEnglish): the Indonesian layer and the /cari/ page are Indonesian.
const ENGLISH_BOX = { none: "No results. Try another word.", type: { produk: "Product" } };

export function attachBox(form) {
  const input = form.querySelector("input[type=search]");
  const panel = form.querySelector(".kriya-search__panel");
  const english = document.documentElement.lang === "en";
  let asked = 0;
  const show = debounce(async () => {
    const query = input.value.trim();
    const ticket = ++asked;
    if (!query) { panel.hidden = true; panel.replaceChildren(); return; }
    const results = await search(query, { limit: 6, english });
    if (ticket !== asked) return;
    const list = element("ul", { class: "kriya-hasil", role: "list" });
    results.forEach((r) => list.append(resultItem(english ? { ...r, type: ENGLISH_BOX.type[r.type] || r.type } : r, false)));
    const more = new URL("cari/", root);
    more.searchParams.set("q", query);
    const none = english ? ENGLISH_BOX.none : "Tidak ada hasil. Coba kata lain.";
    panel.replaceChildren(
      results.length ? list : element("p", { class: "kriya-search__kosong" }, none),
      english ? "" : element("a", { href: more.href, class: "kriya-search__semua" }, "Lihat semua hasil dan saring"));
    panel.hidden = false;
  }, 120);
  input.addEventListener("input", show);
  input.addEventListener("keydown", (e) => { if (e.key === "Escape") { panel.hidden = true; input.blur(); } });
  document.addEventListener("click", (e) => { if (!form.contains(e.target)) panel.hidden = true; });
  if (input.value.trim()) show();
}

// ---- for the facet counts of the /cari/ page (cari.js) ------------------------------------
// A value's pages come from a filter-only Pagefind search, once per value and visit, answered
// from the filter index that the facet list already loaded: counting downloads nothing more
// and fetches no fragment.

const valuePages = new Map(); // "name=value" -> Promise<Set of page ids>

export function pagesWith(name, value) {
  const key = `${name}=${value}`;
  if (!valuePages.has(key)) {
    valuePages.set(key, pagefind.search(null, { filters: { [name]: { any: [value] } } })
      .then((answer) => new Set(answer.results.map((r) => r.id))));
  }
  return valuePages.get(key);
}

// Without a filter, a word on FREQUENT_PAGES pages or more (search_lists.py) is answered from
// its ranked list, which keeps only its best pages: ids from it would count too few. Only the
// lists the query already loaded are read.
export async function cutShort(query) {
  for (const c of concepts(readPrice(query)?.rest ?? query)) {
    const forms = c.text.includes(" ") ? [] : await relatives(c.text);
    const related = [...forms, ...await kindsOf(c.text)];
    for (const text of [...c.alternatives.map((a) => a.text), ...related]) {
      for (const word of text.split(/[ -]/)) {
        const list = lists.has(word) ? await lists.get(word) : null;
        if (list && list.n > list.p.length) return true;
      }
    }
  }
  return false;
}
