// The /cari/ page: results, filters with the counts of the current query, a filter sheet on
// phones. Loaded on /cari/ only (theme/kriya/scripts-search.html), after search.js: the
// header box's first search does not download it.
import {
  cutShort, debounce, element, facets, pagesWith, readPrice, resultItem, search,
} from "./search.js";

const FACETS = [["jenis", "Jenis"], ["kategori", "Kategori"], ["kecamatan", "Kecamatan"], ["sertifikasi", "Sertifikasi"]];
const PAGE_SIZE = 20;

// ---- facet counts of the current query --------------------------------------------------
// A value's count is how many of the query's results (all of them) have it: the ids of every
// ranked page (search's `ids` option) intersected with the value's pages (pagesWith).

// Set of the ids of every page the query finds with these filters; null means every page.
async function idsOf(query, filters, everyJenis) {
  if (!query && !Object.keys(filters).length) return null;
  // every indexed page has a jenis: choosing all of them changes no result, but makes Pagefind
  // answer in full instead of a cut ranked list (what a visitor's first filter does too)
  if (!Object.keys(filters).length && await cutShort(query)) filters = { jenis: everyJenis };
  return new Set((await search(query, { filters, limit: 0, ids: true })).ids);
}

// Counts {"name=value": n} for the query and chosen filters. Values of one facet are
// alternatives (Pagefind's "any"), so a facet's counts leave out its own choice: with
// kategori Batik ticked, Anyaman still shows how many results it would add, not 0.
// `shown` is the ids of the search on screen (query and every filter), when they are whole.
async function facetCounts(query, filters, values, everyJenis, shown) {
  const bases = new Map();
  if (shown) bases.set(JSON.stringify(filters), Promise.resolve(shown));
  const counts = {};
  await Promise.all(Object.entries(values).map(async ([name, names]) => {
    const others = Object.fromEntries(Object.entries(filters).filter(([n]) => n !== name));
    const key = JSON.stringify(others);
    if (!bases.has(key)) bases.set(key, idsOf(query, others, everyJenis));
    const base = await bases.get(key);
    await Promise.all(names.map(async (value) => {
      const pages = await pagesWith(name, value);
      let n = pages.size;
      if (base) { n = 0; for (const id of base) if (pages.has(id)) n += 1; }
      counts[`${name}=${value}`] = n;
    }));
  }));
  return counts;
}

export async function attachPage(page) {
  const form = page.querySelector("form");
  const input = form.querySelector("input[name=q]");
  const status = page.querySelector(".kriya-cari__status");
  const list = page.querySelector(".kriya-cari__hasil");
  const moreButton = page.querySelector(".kriya-cari__lagi");
  const toggle = page.querySelector(".kriya-cari__tombol");
  const panel = page.querySelector(".kriya-cari__saring");
  const closeButton = page.querySelector(".kriya-cari__tutup");
  const facetBox = page.querySelector(".kriya-cari__facets");
  const params = new URL(location.href).searchParams;
  input.value = params.get("q") || "";
  let limit = PAGE_SIZE;
  let asked = 0;
  // A price read from the query is a filter the visitor did not tick: it is shown, and one
  // press removes it (the price words leave the query).
  const priceChip = element("button", { type: "button", class: "md-button kriya-cari__harga", hidden: "" });
  status.after(priceChip);
  priceChip.addEventListener("click", () => {
    input.value = readPrice(input.value)?.rest || "";
    limit = PAGE_SIZE;
    run(true);
    input.focus();
  });

  const siteCounts = await facets();
  const values = {}; // facet name -> its values, as listed
  for (const [name, label] of FACETS) {
    const names = Object.keys(siteCounts[name] || {}).sort((a, b) => a.localeCompare(b, "id"));
    if (!names.length) continue;
    values[name] = names;
    const group = element("fieldset", { class: "kriya-cari__facet", "data-facet": name },
      element("legend", {}, label));
    for (const value of names) {
      const box = element("input", { type: "checkbox", name, value });
      if (params.getAll(name).includes(value)) box.checked = true;
      group.append(element("label", { "data-key": `${name}=${value}` }, box, ` ${value} `,
        element("span", { class: "kriya-cari__jumlah" }, `(${siteCounts[name][value]})`)));
    }
    facetBox.append(group);
  }
  const everyJenis = values.jenis || [];
  if (Object.keys(values).length) { panel.hidden = false; toggle.hidden = false; }

  function chosen() {
    const filters = {};
    for (const [name] of FACETS) {
      const picked = [...facetBox.querySelectorAll(`input[name="${name}"]:checked`)].map((b) => b.value);
      if (picked.length) filters[name] = picked;
    }
    return filters;
  }

  function showCounts(counts) {
    for (const label of facetBox.querySelectorAll("label")) {
      const n = counts[label.dataset.key];
      const box = label.querySelector("input");
      label.querySelector(".kriya-cari__jumlah").textContent = `(${n})`;
      // A value none of the results has is hidden: ticking it could only end in "no results",
      // and on a phone every line hidden is less to scroll. A ticked one stays, dimmed but
      // still enabled, so the visitor sees why nothing is found and can untick it.
      label.hidden = n === 0 && !box.checked && !label.contains(document.activeElement);
      label.classList.toggle("kriya-cari__nol", n === 0);
    }
    for (const group of facetBox.querySelectorAll("fieldset")) {
      group.hidden = !group.querySelector("label:not([hidden])");
    }
  }

  function showActive() {
    const active = facetBox.querySelectorAll("input:checked").length;
    toggle.textContent = active ? `Saring (${active})` : "Saring";
  }

  async function run(pushState) {
    const query = input.value.trim();
    const filters = chosen();
    const ticket = ++asked;
    showActive();
    if (pushState) {
      const url = new URL(location.href);
      url.search = "";
      if (query) url.searchParams.set("q", query);
      for (const [name, picked] of Object.entries(filters)) picked.forEach((v) => url.searchParams.append(name, v));
      history.replaceState(null, "", url);
    }
    let shown = null;
    const price = readPrice(query);
    priceChip.hidden = !price;
    if (price) {
      priceChip.textContent = `Harga ${price.label} ✕`;
      priceChip.setAttribute("aria-label", `Hapus saringan harga ${price.label}`);
    }
    if (!query && !Object.keys(filters).length) {
      status.textContent = "Ketik kata kunci atau pilih saringan untuk menjelajah katalog dan berita.";
      list.replaceChildren(); moreButton.hidden = true;
    } else {
      status.textContent = "Mencari…";
      const results = await search(query, { filters, limit: limit + 1, ids: true });
      if (ticket !== asked) return;
      const visible = results.slice(0, limit);
      list.replaceChildren(...visible.map((r) => resultItem(r, true)));
      status.textContent = visible.length
        ? `${visible.length}${results.length > limit ? "+" : ""} hasil${query ? ` untuk “${query}”` : ""}.`
        : "Tidak ada hasil. Periksa ejaan atau kurangi saringan.";
      moreButton.hidden = results.length <= limit;
      if (Object.keys(filters).length || !(await cutShort(query))) shown = new Set(results.ids);
    }
    const counts = await facetCounts(query, filters, values, everyJenis, shown);
    if (ticket === asked) showCounts(counts);
  }

  // On a phone the filters are a sheet over the page (see head-search.html): opening it moves
  // nothing under it, so the results stay where the visitor was reading them.
  const isOpen = () => toggle.getAttribute("aria-expanded") === "true";
  function setOpen(open, focusToggle) {
    page.classList.toggle("kriya-cari--terbuka", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) (facetBox.querySelector("label:not([hidden]) input") || closeButton).focus();
    else if (focusToggle) toggle.focus();
  }
  toggle.addEventListener("click", () => setOpen(!isOpen()));
  closeButton.addEventListener("click", () => setOpen(false, true));
  panel.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && isOpen()) { e.preventDefault(); setOpen(false, true); }
  });
  // a tap on the dimmed page around the sheet closes it; so does leaving it with Tab, since
  // focus must not go to what the sheet covers
  panel.addEventListener("click", (e) => { if (e.target === panel) setOpen(false, true); });
  panel.addEventListener("focusout", (e) => {
    if (isOpen() && e.relatedTarget && !panel.contains(e.relatedTarget)) setOpen(false);
  });

  form.addEventListener("submit", (e) => { e.preventDefault(); limit = PAGE_SIZE; run(true); });
  input.addEventListener("input", debounce(() => { limit = PAGE_SIZE; run(true); }, 200));
  facetBox.addEventListener("change", () => { limit = PAGE_SIZE; run(true); });
  moreButton.addEventListener("click", () => { limit += PAGE_SIZE; run(false); });
  page.classList.add("kriya-cari--siap");
  await run(false);
}
