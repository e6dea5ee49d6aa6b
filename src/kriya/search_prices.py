"""Price buckets for search: a query such as "di bawah 200 ribu" or "150rb" becomes a Pagefind
filter on product pages. Each product page carries the filter `harga` with the bucket of every
price it covers; a bucket spans a tenth of a decade (x1.26), so a price range becomes a
handful of filter values and search.js checks the exact price of the pages it shows.
search.js repeats BUCKETS_PER_DECADE (a test checks they agree)."""

from __future__ import annotations

import math

from .model import Price

BUCKETS_PER_DECADE = 10


def bucket(rupiah: int) -> int:
    return math.floor(math.log10(max(rupiah, 1)) * BUCKETS_PER_DECADE + 1e-9)


def price_buckets(price: Price | None) -> list[str]:
    """The `harga` filter values of a product's price (none without a price)."""
    if price is None:
        return []
    return [str(b) for b in range(bucket(price.low), bucket(price.high) + 1)]
