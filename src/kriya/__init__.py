"""Kriya: the news-and-catalog site of a regional crafts council, from Markdown files.

The content layers (load, validate, site, pages, publish) are plain functions over plain data;
`kriya.pipeline.run` calls them in order. Only `kriya.adapter` knows MkDocs exists.
"""

__version__ = "0.1.0"
