"""Feeds that post themselves: RSS, Atom and JSON Feed entries become drafts, each exactly once.

:mod:`posts.feeds.parsing` reads a feed document into entries and says who each entry is;
:mod:`posts.feeds.polling` polls one feed (conditional GET, seen entries, no floods) and queues
new entries through the application layer (:mod:`posts.app.enqueue`). The state between polls
lives in the draft store (:mod:`posts.queue.feeds`). ``herald run`` polls on each feed's
interval (``scheduler/feeds.py``); ``herald feeds`` polls and lists by hand.
"""
