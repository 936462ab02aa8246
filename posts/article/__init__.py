"""Reading articles: detect the kind, decode, extract, strip boilerplate, split sentences.

``load_article(path_or_dash)`` reads a file or stdin; ``parse_article(bytes)`` does the same work
without I/O. Both raise :class:`posts.errors.ArticleError` with one line for unusable input.
"""

from posts.article.reading import MAX_BYTES, load_article, parse_article

__all__ = ["MAX_BYTES", "load_article", "parse_article"]
