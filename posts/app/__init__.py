"""The application layer: what the CLI asks of Herald (queue, import, edit, list), one request
object per use case, over the draft store (posts.queue) and the formatter. Errors name concepts;
the CLI adds its flags to them."""
