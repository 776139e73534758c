"""Demo data: a small believable mentoring practice, and a large benchmark database.

Import what you need from its modules (``demo.files``, ``demo.small``, ``demo.large``).
"""
