"""Site index -> page specs (URL path, HTML, title). Knows nothing of MkDocs, so the same
pages can be written to a plain folder (`write_pages`) or handed to the MkDocs adapter."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from .body import BodyRenderer, Links
from .convert import slugify
from .formatting import asset_path, price_text, relative_url, tanggal, whatsapp_link
from .model import NewsItem, PageSpec, Problem, Product
from .settings import Settings
from .publishing import publish
from .site import SiteIndex, is_published, paginate


@dataclass
class Pages:
    specs: list[PageSpec]
    home_html: str  # appended to the hand-written home page (docs/index.md)
    assets: list[str]  # project-relative files to publish under media/
    problems: list[Problem] = field(default_factory=list)
    data: dict = field(default_factory=dict)  # site path -> generated text file (JSON)
    home_head: dict = field(default_factory=dict)  # <head> metadata of docs/index.md


def news_path(item: NewsItem) -> str:
    return f"berita/{item.slug}/"


def product_path(item: Product) -> str:
    return f"katalog/{item.slug}/"


def page_url(base: str, number: int) -> str:
    return base if number == 1 else f"{base}halaman/{number}/"


def _environment(settings: Settings) -> Environment:
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
        published = {i.path: news_path(i) for i in index.news}
        published.update({p.path: product_path(p) for p in index.products})
        self.links = Links(root=settings.root, published=published)
        self.bodies = BodyRenderer(self.links)
        self.specs: list[PageSpec] = []
        self.problems: list[Problem] = []
        self.news_bodies: dict = {}  # news path -> body HTML, for the feeds

    def render(self, template: str, page: str, **context) -> str:
        def url(path: str) -> str:
            return relative_url(page, path)

        def asset(src: str) -> str:
            self.links.assets.add(src)
            return relative_url(page, asset_path(src))

        return self.env.get_template(template).render(url=url, asset=asset, **context)

    def add(self, path, title, html, description="", edit_path=None):
        self.specs.append(PageSpec(path=path, title=title, html=html,
                                   description=description, edit_path=edit_path))

    def body(self, item, page: str) -> str:
        html, problems = self.bodies.render(item.path, page, item.body, item.body_line)
        self.problems.extend(problems)
        return html

    def articles(self):
        news = self.index.news
        for position, item in enumerate(news):
            page = news_path(item)
            newer = news[position - 1] if position > 0 else None
            older = news[position + 1] if position + 1 < len(news) else None
            body = self.body(item, page)
            self.news_bodies[item.path] = body
            html = self.render("article.html", page, item=item, body=body,
                               newer=newer, older=older)
            self.add(page, item.title, html, item.description, item.path)

    def products(self):
        for item in self.index.products:
            page = product_path(item)
            link = whatsapp_link(item.whatsapp, item.title, self._absolute(page)) \
                if item.whatsapp else None
            html = self.render("product.html", page, item=item, body=self.body(item, page),
                               whatsapp=link)
            self.add(page, item.title, html, item.description, item.path)

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
        self._paged("product_list.html", "katalog/", "Katalog Produk", index.products, per_page,
                    "Produk kerajinan dan kuliner olahan UMKM binaan Dekranasda.", **chips())
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

    def _absolute(self, page: str) -> str:
        base = self.settings.site_url
        return (base.rstrip("/") + "/" + page) if base else "/" + page


def build_pages(index: SiteIndex, settings: Settings) -> Pages:
    builder = _Builder(index, settings)
    builder.articles()
    builder.products()
    builder.news_listings()
    builder.product_listings()
    builder.search_page()
    home = builder.home()
    published = publish(builder.specs, index, settings, builder.news_bodies)
    return Pages(specs=published.specs, home_html=home, assets=sorted(builder.links.assets),
                 problems=sorted(builder.problems + published.problems),
                 data=published.files, home_head=published.home_head)


def page_markdown(spec: PageSpec) -> str:
    """The generated source of a page: front matter for MkDocs/Material, then the HTML."""
    # Material prints meta values unescaped, so they are escaped here.
    meta = {"title": html.escape(spec.title), "description": html.escape(spec.description),
            "hide": list(spec.hide)}
    if spec.template:
        meta["template"] = spec.template
    if spec.head:
        meta["kriya"] = spec.head  # raw values: kriya/head.html escapes them
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    return f"---\n{front}---\n\n{spec.html}"


def write_pages(pages: Pages, folder: Path) -> None:
    """Write every page as `<path>index.md` into `folder` (outside MkDocs, e.g. for review)."""
    for spec in pages.specs:
        target = folder / spec.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_markdown(spec), encoding="utf-8")
    (folder / "_home.html").write_text(pages.home_html, encoding="utf-8")

