"""Site settings the content layer needs, with the defaults for Kabupaten Probolinggo.

The MkDocs adapter fills these from the `kriya` plugin options in `mkdocs.yml`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .convert import DEFAULT_LINK_HOSTS

KECAMATAN_PROBOLINGGO = (
    "Bantaran",
    "Banyuanyar",
    "Besuk",
    "Dringu",
    "Gading",
    "Gending",
    "Kotaanyar",
    "Kraksaan",
    "Krejengan",
    "Krucil",
    "Kuripan",
    "Leces",
    "Lumbang",
    "Maron",
    "Paiton",
    "Pajarakan",
    "Pakuniran",
    "Sukapura",
    "Sumber",
    "Sumberasih",
    "Tegalsiwalan",
    "Tiris",
    "Tongas",
    "Wonomerto",
)

# slug -> label shown to readers
NEWS_CATEGORIES = {
    "kegiatan": "Kegiatan",
    "pelatihan": "Pelatihan",
    "pameran": "Pameran",
    "pengumuman": "Pengumuman",
    "profil": "Profil",
}
PRODUCT_CATEGORIES = {
    "batik": "Batik",
    "anyaman": "Anyaman",
    "kayu": "Kerajinan Kayu",
    "kulit": "Kerajinan Kulit",
    "gerabah": "Gerabah",
    "tenun": "Tenun",
    "kuliner-olahan": "Kuliner Olahan",
    "lainnya": "Lainnya",
}
# English labels of the built-in product categories (option product_categories_en); a
# category without one is shown with its Indonesian label.
PRODUCT_CATEGORIES_EN = {
    "batik": "Batik",
    "anyaman": "Woven crafts",
    "kayu": "Woodcraft",
    "kulit": "Leather goods",
    "gerabah": "Pottery",
    "tenun": "Handwoven textiles",
    "kuliner-olahan": "Processed food",
    "lainnya": "Other crafts",
}
CERTIFICATIONS = {
    "nib": "NIB",
    "pirt": "P-IRT",
    "halal": "Halal",
    "hki": "HKI",
    "sni": "SNI",
}


@dataclass(frozen=True)
class Settings:
    root: Path
    site_name: str = "Dekranasda Kabupaten Probolinggo"
    site_url: str = ""
    # the browser editor (/admin/): GitHub repository "owner/name", its branch, and the URL of
    # the council's OAuth authenticator ("" = sign in with a personal access token)
    admin_repo: str = ""
    admin_branch: str = "main"
    admin_auth_url: str = ""
    news_categories: dict = field(default_factory=lambda: dict(NEWS_CATEGORIES))
    product_categories: dict = field(default_factory=lambda: dict(PRODUCT_CATEGORIES))
    certifications: dict = field(default_factory=lambda: dict(CERTIFICATIONS))
    kecamatan: tuple = KECAMATAN_PROBOLINGGO
    # English labels (slug -> label) for the English pages; see `english`
    product_categories_en: dict = field(default_factory=lambda: dict(PRODUCT_CATEGORIES_EN))
    certifications_en: dict = field(default_factory=dict)
    news_per_page: int = 10
    products_per_page: int = 24
    home_news: int = 3
    home_products: int = 6
    # shop and social links: site key -> host names its links may use without a warning
    link_hosts: dict = field(default_factory=lambda: dict(DEFAULT_LINK_HOSTS))

    def english(self, labels: str, slug: str) -> str:
        """The English label of a product category or certification (`labels`:
        "product_categories" or "certifications"); its Indonesian label when none is set."""
        return getattr(self, labels + "_en").get(slug) or getattr(self, labels)[slug]


# What each certification means, read out by screen readers after the short badge label.
CERTIFICATE_NAMES = {
    "nib": "Nomor Induk Berusaha dari OSS",
    "pirt": "izin Pangan Industri Rumah Tangga",
    "halal": "sertifikat halal BPJPH",
    "hki": "merek atau desain terdaftar di DJKI",
    "sni": "Standar Nasional Indonesia",
}
CERTIFICATE_NAMES_EN = {
    "nib": "business identification number from OSS",
    "pirt": "home-industry food production permit",
    "halal": "halal certificate from BPJPH",
    "hki": "trademark or design registered with DJKI",
    "sni": "Indonesian National Standard",
}
