"""The short report at the end of a build (in Indonesian): what was published, what is held
back and why, and what needs attention soon."""

from __future__ import annotations

from datetime import datetime, timedelta

from .convert import DEFAULT_LINK_HOSTS, link_host_warning
from .formatting import tanggal, tanggal_jam
from .model import Product
from .site import status

SOON = timedelta(days=60)
LISTED = 50  # products without an English version named in the report; the rest counted


def _last_day(expires: datetime) -> str:
    """The last day something was still valid (`expires` is its first invalid moment)."""
    return tanggal(expires - timedelta(seconds=1))


def _name(item) -> str:
    return f"{item.title} ({item.path})"


def build_report(
    index, now: datetime, warnings: tuple[str, ...] = (), link_hosts: dict | None = None
) -> str:
    held = {
        reason: [i for i in index.held_back if status(i, now) == reason]
        for reason in ("draft", "scheduled", "expired")
    }
    drafts = held["draft"]
    scheduled = sorted(held["scheduled"], key=lambda i: (i.date, i.path))
    expired = sorted(held["expired"], key=lambda i: (i.expires, i.path))
    lines = [
        f"Laporan build per {tanggal(now)}:",
        f"- terbit: {len(index.news)} berita, {len(index.products)} produk "
        f"({len(index.english)} dengan versi bahasa Inggris)",
        f"- draf: {len(drafts)} (tidak akan terbit sampai draft: false)",
    ]
    lines += [f"    {_name(i)}" for i in sorted(drafts, key=lambda i: i.path)]
    lines.append(f"- terjadwal: {len(scheduled)} (terbit otomatis pada waktunya)")
    lines += [f"    terbit {tanggal_jam(i.date)}: {_name(i)}" for i in scheduled]
    lines.append(f"- kedaluwarsa (tidak tampil lagi): {len(expired)}")
    lines += [f"    berakhir {_last_day(i.expires)}: {_name(i)}" for i in expired]
    certificates = certificate_notes(index.products, now)
    lines.append(f"- sertifikasi kedaluwarsa atau berakhir dalam 60 hari: {len(certificates)}")
    lines += [f"    {note}" for note in certificates]
    untranslated = [p for p in index.products if p.path not in index.english_of]
    lines.append(f"- produk tanpa versi bahasa Inggris: {len(untranslated)}")
    lines += [f"    {_name(p)}" for p in untranslated[:LISTED]]
    if len(untranslated) > LISTED:
        lines.append(f"    … dan {len(untranslated) - LISTED} produk lainnya")
    notes = list(warnings) + content_warnings(index, link_hosts)
    lines.append(f"- peringatan: {len(notes)}")
    lines += [f"    {note}" for note in notes]
    return "\n".join(lines)


def certificate_notes(products, now: datetime) -> list[str]:
    notes = []
    for product in products:
        for slug, expires in product.certificate_expiry:
            last_day = _last_day(expires)
            if expires <= now:
                notes.append(
                    f"{slug.upper()} {_name(product)}: sudah berakhir {last_day}; "
                    "tidak ditampilkan lagi. Perbarui sertifikat atau hapus tanggalnya."
                )
            elif expires - now <= SOON:
                days = (expires - now).days
                notes.append(
                    f"{slug.upper()} {_name(product)}: berakhir {last_day} ({days} hari lagi)."
                )
    return notes


def link_warnings(index, link_hosts: dict | None = None) -> list[str]:
    """Shop and social links on a host not in `link_hosts` (mkdocs.yml), of every product,
    held-back ones included: they are published as written, so someone should look."""
    hosts = link_hosts or DEFAULT_LINK_HOSTS
    products = [i for i in (*index.products, *index.held_back) if isinstance(i, Product)]
    notes = []
    for product in sorted(products, key=lambda i: i.path):
        for site, url in product.links:
            warning = link_host_warning(site, url, hosts)
            if warning:
                notes.append(f"{_name(product)}: {warning}")
    return notes


def content_warnings(index, link_hosts: dict | None = None) -> list[str]:
    notes = [
        f"berita tanpa gambar sampul (tampil polos saat dibagikan): {_name(i)}"
        for i in index.news
        if not i.image
    ]
    notes += [f"produk tanpa foto: {_name(i)}" for i in index.products if not i.images]
    return notes + link_warnings(index, link_hosts)


def result_report(result, now: datetime) -> str:
    """The build report of a pipeline result (its warnings and the site's shop hosts)."""
    notes = tuple(str(w) for w in result.warnings)
    return build_report(result.index, now, notes, link_hosts=result.settings.link_hosts)
