"""Site index -> page specs (URL path, HTML, title). Knows nothing of MkDocs, so the same
pages can be written to a plain folder (`write_pages`) or handed to the MkDocs adapter."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .body import BodyRenderer, Links, plain_text, render_all
from .convert import LINK_SITES, slugify
from .images import ImageSet, Unreadable
from .feeds import feed_paths
from .formatting import (asset_path, price_text, relative_url, share_links, tanggal,
                         whatsapp_link)
from .model import Image, NewsItem, PageSpec, Problem, Product
from .related import reading_minutes
from .settings import CERTIFICATE_NAMES, Settings
from .publishing import publish
from .site import SiteIndex, is_published, paginate
from .spill import Spill
from .workers import can_share_work, start_forked


@dataclass
class Pages:
    specs: list[PageSpec]
    home_html: str  # appended to the hand-written home page (docs/index.md)
    assets: list[str]  # project-relative files to publish under media/
    problems: list[Problem] = field(default_factory=list)
    images: ImageSet | None = None  # planned image variants; `images.produce` makes them
    data: dict = field(default_factory=dict)  # site path -> generated text file (JSON)
    home_head: dict = field(default_factory=dict)  # <head> metadata of docs/index.md


CATALOG_DATA = "katalog/produk-saring.json"  # read by assets/catalog.js
MIN_ITEMS_APART = 200  # from here on a forked child makes half of the pages (_Builder.sections)
# ... while this process holds at most this much: the child touches most of what it shares,
# so each page of it is copied. At 10,000 + 10,000 (249 MiB here) the fork raised the site
# build's peak from 434 to over 1,000 MiB; at 1,000 + 1,000 it holds 62 MiB, at 3,000 104 MiB.
MAX_MIB_APART = 128
# `sizes` of each kind of image (px: `sizes` ignores the page's root font size).
BODY_SIZES = "(min-width: 960px) 840px, calc(100vw - 32px)"
CARD_SIZES = "(min-width: 720px) 240px, calc(50vw - 26px)"
SIZES = {
    "cover": BODY_SIZES, "card": CARD_SIZES,
    "news_card": "(min-width: 640px) 280px, calc(100vw - 32px)",
    "gallery": "(min-width: 800px) 580px, calc(100vw - 32px)",
    "gallery_more": "(min-width: 800px) 580px, 85vw",
}


def html_unescape(text: str) -> str:
    return html.unescape(text)


def news_path(item: NewsItem) -> str:
    return f"berita/{item.slug}/"


def product_path(item: Product) -> str:
    return f"katalog/{item.slug}/"


def page_url(base: str, number: int) -> str:
    return base if number == 1 else f"{base}halaman/{number}/"


_ENVIRONMENTS: dict[str, Environment] = {}  # by settings: `mkdocs serve` compiles once


def _environment(settings: Settings) -> Environment:
    key = repr(settings)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS.clear()
        _ENVIRONMENTS[key] = _new_environment(settings)
    return _ENVIRONMENTS[key]


def _new_environment(settings: Settings) -> Environment:
    env = Environment(loader=PackageLoader("kriya", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals.update(tanggal=tanggal, price_text=price_text, slugify=slugify,
                       asset_path=asset_path, news_path=news_path, product_path=product_path,
                       page_url=page_url, settings=settings)
    return env


class _Builder:
    def __init__(self, index: SiteIndex, settings: Settings):
        self.index = index
        self.settings = settings
        self.env = _environment(settings)
        self.env.globals["held"] = lambda item: not is_published(item, index.now)
        self.env.globals["now"] = index.now
        published = {i.path: news_path(i) for i in index.news}
        published.update({p.path: product_path(p) for p in index.products})
        self.links = Links(root=settings.root, published=published)
        self.bodies = BodyRenderer(self.links)
        self.specs: list[PageSpec] = []
        self.spill = Spill()
        self.problems: list[Problem] = []
        self.news_bodies: dict = {}  # news path -> body HTML, for the feeds
        self.in_feeds = feed_paths(index)
        self.images = ImageSet(settings.root, settings.site_name)
        self.kept: set = set()  # originals a template links as they are
        self._pictures: dict = {}  # <picture> HTML by (page depth, image, sizes, ...)
        self.data: dict = {}
        # serve: what the last run made, and what this run makes for the next one. "pages":
        # page HTML by _memo_key; "stored": a page's spilled HTML and "minutes": an article's
        # reading time, both by the HTML, so unchanged pages are neither redone nor re-spilled
        self.memo: dict | None = None
        self.memo_next: dict = {"pages": {}, "stored": {}, "minutes": {}}

    def render(self, template: str, page: str, **context) -> str:
        key = self._memo_key(template, page, context)
        if key is not None and key in self.memo["pages"]:
            html, calls = self.memo["pages"][key]
            # the calls the template made (assets kept, images planned) are made again; a
            # photo changed under the same name gives other variant names: render again
            if all(self._call(page, name, args, dict(kwargs)) == result
                   for name, args, kwargs, result in calls):
                self.memo_next["pages"][key] = (html, calls)
                return html
        calls = []

        def url(path: str) -> str:
            return relative_url(page, path)

        def recorded(name):
            def call(*args, **kwargs):
                result = self._call(page, name, args, kwargs)
                calls.append((name, args, tuple(sorted(kwargs.items())), result))
                return result
            return call

        html = self.env.get_template(template).render(
            url=url, asset=recorded("asset"), picture=recorded("picture"),
            thumbnail=recorded("thumbnail"), sizes=SIZES, cert_names=CERTIFICATE_NAMES,
            **context)
        if key is not None:
            self.memo_next["pages"][key] = (html, tuple(calls))
        return html

    def _call(self, page: str, name: str, args: tuple, kwargs: dict):
        """The template helpers that do more than compute: asset(src) keeps an original,
        picture(image, sizes, eager=False, cls="") and thumbnail(src) plan image variants."""
        if name == "asset":
            (src,) = args
            self.links.assets.add(src)
            self.kept.add(src)
            return relative_url(page, asset_path(src))
        if name == "picture":
            return self.picture_html(page, *args, **kwargs)
        (src,) = args  # thumbnail: site path (from the root) of a small WebP, e.g. for search
        planned = self._plan(src)
        return planned.srcset("webp").split(" ")[0] if planned else ""

    def _memo_key(self, template: str, page: str, context: dict):
        """What a page's HTML depends on, when pages are remembered between rebuilds (serve):
        the template, the page, every value handed to it, and for an item whether the preview
        marks it as held back."""
        if self.memo is None:
            return None
        item = context.get("item")
        status = None
        if item is not None:
            now = self.index.now
            status = (is_published(item, now), bool(item.expires and item.expires <= now))
        try:
            key = (template, page, status, _frozen(context))
            hash(key)
        except TypeError:
            return None
        return key

    def _plan(self, src: str):
        try:
            return self.images.picture(src)
        except Unreadable:
            problem = Problem(src, 0, "", "file ini tidak bisa dibaca sebagai gambar (rusak, "
                              "atau bukan JPEG/PNG/WebP); simpan ulang fotonya dari aplikasi "
                              "foto lalu ganti file ini.")
            if problem not in self.problems:
                self.problems.append(problem)
            return None

    def picture_html(self, page: str, image: Image, sizes: str, eager: bool = False,
                     cls: str = "") -> Markup:
        """<picture> with the WebP srcset, a JPEG fallback, intrinsic size, and lazy loading
        unless `eager` (the first, largest image of a page: never lazy, fetched first)."""
        key = (page.count("/"), image.src, image.alt, sizes, eager, cls)
        if key not in self._pictures:  # media/ paths depend only on the page's depth
            self._pictures[key] = self._picture_html(page, image, sizes, eager, cls)
        return self._pictures[key]

    def _picture_html(self, page, image, sizes, eager, cls) -> Markup:
        planned = self._plan(image.src)
        if planned is None:
            return Markup("")

        srcset = ", ".join(f"{relative_url(page, v.path)} {v.width}w"
                           for v in planned.variants if v.kind == "webp")
        loading = 'fetchpriority="high"' if eager else 'loading="lazy"'
        css = f' class="{escape(cls)}"' if cls else ""
        return Markup(
            f'<picture><source type="image/webp" srcset="{srcset}" sizes="{sizes}">'
            f'<img{css} src="{relative_url(page, planned.fallback.path)}" width="{planned.width}" '
            f'height="{planned.height}" alt="{escape(image.alt)}" {loading} decoding="async">'
            "</picture>")

    def share_image(self, src: str | None) -> str | None:
        if src and self._plan(src) is None:
            src = None
        return self.images.share(src).path

    def add(self, path, title, html, description="", edit_path=None, image=None, image_alt=""):
        share = self.share_image(image)
        if self.memo is None:
            stored = self.spill.put(html)
        else:
            stored = self.memo["stored"].get(html) or self.spill.put(html)
            self.memo_next["stored"][html] = stored
        self.specs.append(PageSpec(path=path, title=title, stored=stored,
                                   description=description, edit_path=edit_path,
                                   image=share, image_alt=image_alt if image else
                                   self.settings.site_name))

    def render_bodies(self, memo: dict | None = None) -> None:
        """Render every published body once, on every core, before the pages use them.
        `memo` (kept by `mkdocs serve` between rebuilds) reuses bodies rendered before with
        the same text and the same set of published pages, when they had no problem."""
        items = [*self.index.news, *self.index.products]
        jobs = [(i.path, news_path(i) if i.kind == "news" else product_path(i), i.body,
                 i.body_line) for i in items]
        if memo is None:
            results = render_all(self.bodies, jobs)
        else:
            links = hash(tuple(sorted(self.links.published.items())))
            missing = [job for job in jobs if (job, links) not in memo]
            made = dict(zip(missing, render_all(self.bodies, missing)))
            results = [memo.get((job, links)) or made[job] for job in jobs]
            for _, _, found in results:
                self.links.assets.update(found)
            memo.clear()  # keep what this run used; a problem may go away with the text unchanged
            memo.update({(job, links): r for job, r in zip(jobs, results) if not r[1]})
        self.rendered = {job[0]: result for job, result in zip(jobs, results)}

    def body(self, item, page: str) -> str:
        html, problems, found = self.rendered.pop(item.path)
        self.problems.extend(problems)
        for src in sorted(found):
            html = self._body_picture(html, page, src)
        return html

    def _body_picture(self, html: str, page: str, src: str) -> str:
        """Swap a body <img> of an original for a responsive <picture> of its variants."""
        target = re.escape(relative_url(page, asset_path(src)))

        def swap(match):
            alt = re.search(r'\balt="([^"]*)"', match[0])
            image = Image(src, html_unescape(alt[1]) if alt else "")
            return str(self.picture_html(page, image, BODY_SIZES)) or match[0]

        swapped, count = re.subn(rf'<img\b[^>]*\bsrc="{target}"[^>]*>', swap, html)
        if count and self._plan(src) is not None and src not in self.kept:
            self.links.assets.discard(src)
        return swapped

    def articles(self):
        news = self.index.news
        for position, item in enumerate(news):
            page = news_path(item)
            newer = news[position - 1] if position > 0 else None
            older = news[position + 1] if position + 1 < len(news) else None
            body = self.body(item, page)
            if item.path in self.in_feeds:
                self.news_bodies[item.path] = body
            html = self.render("article.html", page, item=item, body=body,
                               newer=newer, older=older,
                               minutes=self.minutes(body),
                               share=share_links(item.title, self._absolute(page)),
                               page_link=self._absolute(page),
                               related=self.index.related_news.get(item.path, ()),
                               related_products=self._products_for(item))
            self.add(page, item.title, html, item.description, item.path,
                     image=item.image.src if item.image else None,
                     image_alt=item.image.alt if item.image else "")

    def minutes(self, body: str) -> int:
        """Minutes to read an article's body."""
        if self.memo is None:
            return reading_minutes(plain_text(body))
        known = self.memo["minutes"].get(body) or reading_minutes(plain_text(body))
        self.memo_next["minutes"][body] = known
        return known

    def products(self):
        for item in self.index.products:
            page = product_path(item)
            link = whatsapp_link(item.whatsapp, item.title, self._absolute(page)) \
                if item.whatsapp else None
            html = self.render("product.html", page, item=item, body=self.body(item, page),
                               whatsapp=link, link_sites=LINK_SITES,
                               numbers=dict(item.certificate_numbers),
                               share=share_links(item.title, self._absolute(page)),
                               page_link=self._absolute(page),
                               related=self.index.related_products.get(item.path, ()))
            first = item.images[0] if item.images else None
            self.add(page, item.title, html, item.description, item.path,
                     image=first.src if first else None, image_alt=first.alt if first else "")

    def news_listings(self):
        labels = self.settings.news_categories
        chips = lambda current: [(labels[c], f"berita/kategori/{c}/", c == current)  # noqa: E731
                                 for c in self.index.news_by_category]
        self._paged("news_list.html", "berita/", "Berita", self.index.news,
                    self.settings.news_per_page, "Kabar kegiatan dan program Dekranasda.",
                    category_chips=chips(None))
        for category, items in self.index.news_by_category.items():
            self._paged("news_list.html", f"berita/kategori/{category}/",
                        f"Berita: {labels[category]}", items, self.settings.news_per_page, "",
                        category_chips=chips(category))
        for tag_slug, (label, items) in self.index.news_by_tag.items():
            self._paged("news_list.html", f"berita/tag/{tag_slug}/", f"Tag: {label}", items,
                        self.settings.news_per_page, "", category_chips=chips(None))

    def product_listings(self):
        index, labels = self.index, self.settings.product_categories

        def chips(current_category=None, current_kecamatan=None):
            return dict(
                category_chips=[(labels[c], f"katalog/kategori/{c}/", c == current_category)
                                for c in index.products_by_category],
                kecamatan_chips=[(k, f"katalog/kecamatan/{slugify(k)}/", k == current_kecamatan)
                                 for k in index.products_by_kecamatan])

        per_page = self.settings.products_per_page
        self.data[CATALOG_DATA] = self.catalog_data()
        self._paged("product_list.html", "katalog/", "Katalog Produk", index.products, per_page,
                    "Produk kerajinan dan kuliner olahan UMKM binaan Dekranasda.", **chips(),
                    browse=True, catalog_data=CATALOG_DATA, total=len(index.products),
                    filter_categories=list(index.products_by_category),
                    filter_kecamatan=list(index.products_by_kecamatan),
                    filter_certifications=[c for c in self.settings.certifications
                                           if any(c in p.certifications
                                                  for p in index.products)])
        for category, items in index.products_by_category.items():
            self._paged("product_list.html", f"katalog/kategori/{category}/",
                        f"Katalog: {labels[category]}", items, per_page, "", **chips(category))
        for kecamatan, items in index.products_by_kecamatan.items():
            self._paged("product_list.html", f"katalog/kecamatan/{slugify(kecamatan)}/",
                        f"Produk dari Kecamatan {kecamatan}", items, per_page, "",
                        **chips(None, kecamatan))
        for slug, (name, items) in index.products_by_artisan.items():
            self._paged("product_list.html", f"umkm/{slug}/", name, items, per_page,
                        f"Produk dari {name}.", category_chips=[], kecamatan_chips=[])
        html = self.render("artisans.html", "umkm/", artisans=index.products_by_artisan)
        self.add("umkm/", "UMKM Binaan", html, "Daftar UMKM binaan Dekranasda dan produknya.")

    def _paged(self, template, base, title, items, per_page, intro, **context):
        pages = paginate(items, per_page)
        for number, chunk in enumerate(pages, 1):
            page = page_url(base, number)
            heading = title if number == 1 else f"{title} (halaman {number})"
            context.setdefault("browse", False)
            html = self.render(template, page, title=heading, intro=intro, items=chunk,
                               page_number=number, page_count=len(pages), base=base, **context)
            self.add(page, heading, html, intro or title)

    def search_page(self):
        html = self.render("search_page.html", "cari/")
        self.add("cari/", "Cari", html, "Cari berita dan produk UMKM; saring menurut jenis, "
                 "kategori, kecamatan dan sertifikasi.")

    def home(self) -> str:
        featured = self.index.featured or self.index.products
        return self.render("home.html", "", news=self.index.news[: self.settings.home_news],
                           products=featured[: self.settings.home_products])

    def _products_for(self, item: NewsItem) -> tuple:
        """Products an article may show: those of artisans or categories its tags name."""
        found: dict = {}
        for tag in item.tags:
            key = slugify(tag)
            group = self.index.products_by_artisan.get(key, ("", ()))[1] \
                or self.index.products_by_category.get(key, ())
            for product in group[:3]:  # only three are shown
                found.setdefault(product.path, product)
        return tuple(found.values())[:3]

    def catalog_data(self) -> str:
        """Every published product as a small JSON record for the catalog's filters (catalog.js
        renders cards from it). Image paths are relative to the catalog page."""
        page = "katalog/"
        records = []
        for position, item in enumerate(self.index.products):
            record = {
                "t": item.title, "u": relative_url(page, product_path(item)),
                "a": item.artisan, "c": item.category, "k": slugify(item.kecamatan),
                "kn": item.kecamatan, "s": list(item.certifications),
                "p": item.price.low if item.price else None,
                "pt": price_text(item.price), "n": position,
                "d": item.date.date().isoformat() if item.date else "",
            }
            if item.images and self._plan(item.images[0].src):
                record["i"] = str(self.picture_html(page, item.images[0], CARD_SIZES,
                                                    cls="kriya-card__img kriya-card__img--square"))
            records.append(record)
        return json.dumps(records, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    def sections(self, sections: list, apart: list) -> None:
        """Run the page-making `sections` (methods) as if one after another. On a site of
        MIN_ITEMS_APART items or more, those `apart` are run by a forked child meanwhile
        (`_made_apart`), where the system can fork and this process holds at most
        MAX_MIB_APART; never while serving, which remembers pages between runs."""
        items = len(self.index.news) + len(self.index.products)
        if self.memo is not None or items < MIN_ITEMS_APART \
                or not can_share_work(MAX_MIB_APART):
            apart = []
        wait = spill = None
        if apart:
            spill = Spill()  # the child's pages go here, so that only their places come back
            wait = start_forked(lambda: self._made_apart(apart, spill))
        made = {}
        for section in sections:
            if section not in apart:
                start = len(self.specs)
                section()
                made[section.__name__] = self.specs[start:]
        if wait:
            made.update(self._take(wait(), spill))
        self.specs = [spec for section in sections for spec in made[section.__name__]]

    def _made_apart(self, sections: list, spill: Spill) -> dict:
        """In the child: make `sections`, writing their HTML to `spill` (made before the
        fork, so the parent reads it too); return their pages, without the HTML, and
        everything they planned."""
        self.spill = spill
        made = {}
        for section in sections:
            start = len(self.specs)
            section()
            made[section.__name__] = [(replace(spec, stored=None),
                                       replace(spec.stored, spill=None))
                                      for spec in self.specs[start:]]
        return {"made": made, "problems": self.problems, "kept": self.kept,
                "assets": self.links.assets, "data": self.data, "images": self.images}

    def _take(self, apart: dict, spill: Spill) -> dict:
        """Take in what the child made, as if it had been made here after this process's
        sections; returns its pages by section."""
        self.problems.extend(p for p in apart["problems"] if p not in self.problems)
        # An original stays published if no body swapped it for a <picture> (it is in both
        # sets), or if a template links it as it is (kept).
        self.links.assets.intersection_update(apart["assets"])
        self.kept |= apart["kept"]
        self.links.assets.update(self.kept)
        self.data.update(apart["data"])
        self.images.update(apart["images"])
        return {name: [replace(spec, stored=replace(stored, spill=spill))
                       for spec, stored in specs]
                for name, specs in apart["made"].items()}

    def _absolute(self, page: str) -> str:
        base = self.settings.site_url
        return (base.rstrip("/") + "/" + page) if base else "/" + page


def build_pages(index: SiteIndex, settings: Settings, memo: dict | None = None) -> Pages:
    """`memo`: a dict kept between runs by `mkdocs serve`, to reuse the bodies and pages
    whose inputs did not change."""
    builder = _Builder(index, settings)
    if memo is not None:
        builder.memo = {name: memo.get(name, {}) for name in builder.memo_next}
    builder.render_bodies(None if memo is None else memo.setdefault("bodies", {}))
    builder.sections([builder.articles, builder.products, builder.news_listings,
                      builder.product_listings, builder.search_page],
                     apart=[builder.products, builder.product_listings])
    home = builder.home()
    builder.images.share(None)  # the default sharing card, for pages without a photo
    if memo is not None:  # keep what this run used
        memo.update(builder.memo_next)
    published = publish(builder.specs, index, settings, builder.news_bodies)
    return Pages(specs=published.specs, home_html=home, assets=sorted(builder.links.assets),
                 problems=sorted(builder.problems + published.problems), images=builder.images,
                 data={**builder.data, **published.files}, home_head=published.home_head)


def _frozen(value):
    """`value` with its lists, sets and dicts made tuples, so that it can be a dict key."""
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in sorted(value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(_frozen(v) for v in value))
    return value


def page_meta(spec: PageSpec) -> dict:
    """The page's metadata as MkDocs and Material read it from front matter."""
    # Material prints meta values unescaped, so they are escaped here.
    meta = {"title": html.escape(spec.title), "description": html.escape(spec.description),
            "hide": list(spec.hide)}
    if spec.template:
        meta["template"] = spec.template
    if spec.head:
        meta["kriya"] = spec.head  # raw values: kriya/head.html escapes them
    return meta


def page_markdown(spec: PageSpec) -> str:
    """The generated source of a page: front matter for MkDocs/Material, then the HTML."""
    # JSON is YAML too, and dumping it is far cheaper than yaml.safe_dump.
    front = json.dumps(page_meta(spec), ensure_ascii=False, sort_keys=True)
    return f"---\n{front}\n---\n\n{spec.html}"


def write_pages(pages: Pages, folder: Path) -> None:
    """Write every page as `<path>index.md` into `folder` (outside MkDocs, e.g. for review)."""
    for spec in pages.specs:
        target = folder / spec.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(spec), encoding="utf-8")
    (folder / "_home.html").write_text(pages.home_html, encoding="utf-8")

