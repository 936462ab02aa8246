"""Dry-run preview: what will be published, where, when and how it will look — changing nothing.

``build`` makes a :class:`~scheduler.preview.model.Preview` from stored drafts or an article,
``lint`` and ``parity`` judge it, ``terminal``, ``serialize`` and ``html`` show it.
"""
