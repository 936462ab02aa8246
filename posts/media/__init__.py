"""Images that travel with posts: read the source, check it by content, strip, fit.

``reading`` gets the bytes (a local file, or an http(s) URL fetched with the article fetcher's
limits); ``preparing`` proves they are an image (Pillow, imported only here), applies the EXIF
orientation, drops every piece of metadata and fits the result to what a platform accepts. Nothing
here knows a platform: the publisher passes the limits in (:class:`posts.media.preparing.Fit`).
"""

from posts.errors import InputError


class ImageError(InputError):
    """An image that cannot be used: missing, unreadable, not an image, or too large to fit."""
