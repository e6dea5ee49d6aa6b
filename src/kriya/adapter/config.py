"""Typed options of the `kriya` plugin in mkdocs.yml."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError

from .. import settings as defaults
from ..convert import DEFAULT_LINK_HOSTS, LINK_SITES, slugify
from ..settings import Settings


class KriyaConfig(base.Config):
    news_categories = c.Type(dict, default=defaults.NEWS_CATEGORIES)
    """News categories: slug -> label shown to readers."""
    product_categories = c.Type(dict, default=defaults.PRODUCT_CATEGORIES)
    """Product categories: slug -> label."""
    certifications = c.Type(dict, default=defaults.CERTIFICATIONS)
    """Certifications a product may carry: slug -> label."""
    product_categories_en = c.Type(dict, default=defaults.PRODUCT_CATEGORIES_EN)
    """English labels of product categories for the English pages: slug -> label (the
    built-in categories have defaults; others show their Indonesian label)."""
    certifications_en = c.Type(dict, default={})
    """English labels of certifications: slug -> label (default: the Indonesian label)."""
    kecamatan = c.ListOfItems(c.Type(str), default=list(defaults.KECAMATAN_PROBOLINGGO))
    """The kecamatan of the kabupaten, as proper names."""
    news_per_page = c.Type(int, default=Settings.news_per_page)
    """News items on one page of a news listing."""
    products_per_page = c.Type(int, default=Settings.products_per_page)
    """Products on one page of a catalog listing."""
    admin_repo = c.Type(str, default="")
    """GitHub repository ("owner/name") the browser editor at /admin/ commits to; empty: no
    editor is built. Not Material's repo_url, which makes every public page call GitHub."""
    admin_branch = c.Type(str, default=Settings.admin_branch)
    """Branch the editor commits to."""
    admin_auth_url = c.Type(str, default="")
    """URL of the OAuth authenticator for the editor's GitHub sign-in (empty: personal
    access token)."""
    cms_packages = c.Type(str, default="tools/admin/node_modules")
    """npm packages of the browser editor (Sveltia CMS and its fonts), relative to
    mkdocs.yml; `make site` installs them from tools/admin/package-lock.json."""
    guide = c.Type(str, default="PANDUAN-PENULIS.md")
    """The writers' guide, relative to mkdocs.yml, published at /panduan/ (not in search, the
    sitemap or the navigation; noindex) with the images it shows; skipped when missing."""
    link_hosts = c.Type(dict, default={k: list(v) for k, v in DEFAULT_LINK_HOSTS.items()})
    """Shop and social sites: site key (shopee, tokopedia, ...) -> host names its links may
    use; a link on another host is published with a warning. A site left out keeps its
    default hosts."""
    show_drafts_in_serve = c.Type(bool, default=True)
    """Let `mkdocs serve` show drafts and scheduled items, clearly marked."""


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+")


def option_problems(options: KriyaConfig) -> list[str]:
    """What is wrong with the plugin options, in Indonesian (each becomes part of a URL or a
    count the pages rely on)."""
    found = []
    for name in ("news_per_page", "products_per_page"):
        if options[name] < 1:
            found.append(f"{name}: harus angka 1 atau lebih, bukan {options[name]}.")
    for name in ("news_categories", "product_categories", "certifications"):
        for key, label in options[name].items():
            if not isinstance(key, str) or not SLUG.fullmatch(key):
                found.append(
                    f"{name}: kunci '{key}' menjadi alamat halaman; pakai huruf kecil, "
                    "angka dan '-' saja, misalnya kuliner-olahan."
                )
            if not isinstance(label, str) or not label.strip():
                found.append(f"{name}: '{key}' perlu nama yang tampil, misalnya {key}: Nama.")
    for name, labels in (
        ("product_categories_en", "product_categories"),
        ("certifications_en", "certifications"),
    ):
        for key, label in options[name].items():
            built_in = name == "product_categories_en" and key in defaults.PRODUCT_CATEGORIES_EN
            if key not in options[labels] and not built_in:
                found.append(f"{name}: '{key}' tidak ada di {labels}; hapus atau samakan kuncinya.")
            if not isinstance(label, str) or not label.strip():
                found.append(f"{name}: '{key}' perlu nama yang tampil, misalnya {key}: Name.")
    for name in options.kecamatan:
        if not slugify(name):
            found.append(f"kecamatan: '{name}' tidak memuat huruf atau angka.")
    found += _link_host_problems(options.link_hosts)
    return found


def _link_host_problems(link_hosts: dict) -> list[str]:
    found = []
    for site, hosts in link_hosts.items():
        if site not in LINK_SITES:
            found.append(
                f"link_hosts: '{site}' bukan toko/media sosial yang dikenal; pilihan: "
                f"{', '.join(LINK_SITES)}."
            )
        elif not isinstance(hosts, list) or not hosts:
            found.append(
                f"link_hosts: {site} perlu daftar nama situs, misalnya "
                f"{site}: [{', '.join(DEFAULT_LINK_HOSTS[site])}]."
            )
        else:
            found += [
                f"link_hosts: {site}: '{host}' bukan nama situs; tulis namanya saja dengan "
                f"huruf kecil, tanpa https:// dan tanpa /, misalnya {DEFAULT_LINK_HOSTS[site][0]}."
                for host in hosts
                if not isinstance(host, str) or not HOST.fullmatch(host)
            ]
    return found


def to_settings(options: KriyaConfig, config_file: str, site_name: str, site_url: str) -> Settings:
    """The content layer's view of the options. The project root is the folder of
    mkdocs.yml; content paths in messages are relative to it."""
    problems = option_problems(options)
    if problems:
        raise PluginError("Pengaturan kriya di mkdocs.yml bermasalah:\n- " + "\n- ".join(problems))
    root = Path(config_file).resolve().parent
    return Settings(
        root=root,
        site_name=site_name,
        site_url=site_url or "",
        news_categories=dict(options.news_categories),
        product_categories=dict(options.product_categories),
        certifications=dict(options.certifications),
        product_categories_en={
            **defaults.PRODUCT_CATEGORIES_EN,
            **options.product_categories_en,
        },
        certifications_en=dict(options.certifications_en),
        kecamatan=tuple(options.kecamatan),
        admin_repo=options.admin_repo,
        admin_branch=options.admin_branch,
        admin_auth_url=options.admin_auth_url,
        news_per_page=options.news_per_page,
        products_per_page=options.products_per_page,
        link_hosts={
            **DEFAULT_LINK_HOSTS,
            **{site: tuple(hosts) for site, hosts in options.link_hosts.items()},
        },
    )


def kriya_plugin(config):
    """The Kriya plugin instance of a loaded MkDocs config; a clear error when mkdocs.yml
    does not list it."""
    from mkdocs.exceptions import ConfigurationError

    if "kriya" not in config.plugins:
        raise ConfigurationError(
            "plugin kriya tidak ada di bagian plugins; tambahkan baris '- kriya' di bawah "
            "'plugins:' (seperti di mkdocs.yml bawaan Kriya)."
        )
    return config.plugins["kriya"]


def load_settings(config_file: Path) -> Settings:
    """Read mkdocs.yml (without building) and return the content layer's settings."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    plugin = kriya_plugin(config)
    return to_settings(
        plugin.config, config.config_file_path, config.site_name, config.site_url or ""
    )
