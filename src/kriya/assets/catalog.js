/* Kriya catalog browsing: filter by category, kecamatan and certification, sort by name,
   price or date, without reloading. The static listing pages stay for visitors without
   JavaScript; this only reveals the form and redraws the grid from katalog/produk-saring.json.
   The choice is kept in the address (?kategori=batik) so a filtered view can be shared.
   The English catalog names its parameters in English (a select's name; its data-filter
   says which filter it is) and gives its texts as data-* attributes of the count. */
(function () {
  "use strict";
  var form = document.getElementById("kriya-filter");
  var grid = document.getElementById("kriya-hasil");
  var count = document.getElementById("kriya-count");
  if (!form || !grid || !count || !window.fetch) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var texts = {
    loading: "Memuat produk…",
    failed: "Daftar produk gagal dimuat; gunakan tautan kategori dan kecamatan di atas.",
    none: "Tidak ada produk yang cocok. Coba hapus salah satu saringan.",
    some: "{shown} dari {total} produk cocok.",
    all: "Menampilkan semua {total} produk."
  };
  Object.keys(texts).forEach(function (name) {
    texts[name] = count.getAttribute("data-" + name) || texts[name];
  });
  var products = null;
  var loading = null;

  function load() {
    if (!loading) {
      loading = fetch(form.getAttribute("data-src"))
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) { products = data; return data; });
    }
    return loading;
  }

  function choice() {
    var chosen = {};
    selects.forEach(function (select) {
      chosen[select.getAttribute("data-filter") || select.name] = select.value;
    });
    return chosen;
  }

  function matches(item, chosen) {
    return (!chosen.kategori || item.c === chosen.kategori) &&
      (!chosen.kecamatan || item.k === chosen.kecamatan) &&
      (!chosen.sertifikasi || item.s.indexOf(chosen.sertifikasi) >= 0);
  }

  function ordered(items, how) {
    var byName = function (a, b) { return a.n - b.n; };
    var priced = function (sign) {
      return function (a, b) {
        if (a.p === null || b.p === null) return (a.p === null) - (b.p === null) || byName(a, b);
        return sign * (a.p - b.p) || byName(a, b);
      };
    };
    var sorts = {
      "harga-naik": priced(1),
      "harga-turun": priced(-1),
      "terbaru": function (a, b) {
        return (b.d > a.d) - (b.d < a.d) || byName(a, b);
      }
    };
    return items.slice().sort(sorts[how] || byName);
  }

  function card(item) {
    var article = document.createElement("article");
    article.className = "kriya-card kriya-card--product";
    if (item.i) {
      var holder = document.createElement("template");
      holder.innerHTML = item.i; // built and escaped by Kriya at build time
      article.appendChild(holder.content);
    } else {
      var empty = document.createElement("div");
      empty.className = "kriya-card__img kriya-card__img--square kriya-card__img--empty";
      empty.setAttribute("aria-hidden", "true");
      article.appendChild(empty);
    }
    var body = document.createElement("div");
    body.className = "kriya-card__body";
    var title = document.createElement("h2");
    title.className = "kriya-card__title";
    var link = document.createElement("a");
    link.href = item.u;
    link.textContent = item.t;
    title.appendChild(link);
    var price = document.createElement("p");
    price.className = "kriya-card__price";
    price.textContent = item.pt;
    var meta = document.createElement("p");
    meta.className = "kriya-card__meta";
    meta.textContent = item.a + " · " + item.kn;
    body.appendChild(title);
    body.appendChild(price);
    body.appendChild(meta);
    article.appendChild(body);
    return article;
  }

  function say(text, shown, total) {
    return text.replace("{shown}", shown).replace("{total}", total);
  }

  function remember() {
    var query = new URLSearchParams();
    selects.forEach(function (select) { if (select.value) query.set(select.name, select.value); });
    var text = query.toString();
    history.replaceState(null, "", text ? "?" + text : location.pathname);
  }

  function draw() {
    var chosen = choice();
    var shown = ordered(products.filter(function (item) { return matches(item, chosen); }),
                        chosen.urut);
    var cards = document.createDocumentFragment();
    shown.forEach(function (item) { cards.appendChild(card(item)); });
    if (!shown.length) {
      var none = document.createElement("p");
      none.textContent = texts.none;
      cards.appendChild(none);
    }
    grid.replaceChildren(cards);
    var filtered = chosen.kategori || chosen.kecamatan || chosen.sertifikasi;
    count.textContent = say(filtered ? texts.some : texts.all, shown.length, products.length);
    document.querySelectorAll(".kriya-pager").forEach(function (pager) { pager.hidden = true; });
    remember();
  }

  function update() {
    count.textContent = texts.loading;
    load().then(draw, function () { count.textContent = texts.failed; });
  }

  form.hidden = false;
  // The category and kecamatan links stay in the page for search engines and no-JS visitors.
  form.closest(".kriya-listing").classList.add("kriya-listing--browse");
  form.addEventListener("change", update);
  form.addEventListener("reset", function () { setTimeout(update, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });

  var start = new URLSearchParams(location.search);
  var preset = false;
  selects.forEach(function (select) {
    var value = start.get(select.name);
    if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) {
      select.value = value;
      preset = true;
    }
  });
  if (preset) update();
})();
