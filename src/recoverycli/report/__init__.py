"""The team report: :mod:`.model` shapes the numbers (their queries live in
:mod:`recoverycli.storage.report`), :mod:`.render` draws them for the terminal, Markdown
and JSON, and :mod:`.html` makes the HTML page with its charts.

May import storage and the top-level helpers; never run, practice, aftercall or cli.
"""
