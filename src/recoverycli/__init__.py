"""recover: a terminal coach for service recovery.

The packages, top to bottom (arrows point down; ``tests/test_architecture.py`` holds them):

    cli/          the command line: parse, call, map errors to exit codes
    aftercall/    what happens after the call: history, follow-ups due, exports
    report/       the team report: its numbers shaped, then rendered (text, md, JSON, HTML)
    run/          the live call: the key loop, the call's life, the end of the call
    practice/     the coach, scenarios, scoring, quizzes and the trainer
    screen/       the prompt seam, key names, the terminal, the clipboard
    storage/      SQLite and PostgreSQL: the schema, migrations, queries, sync, locks
    playbooks/    the playbook and session models, the YAML reader, the catalog, lint

and beneath them the helpers every package uses: ``render`` (rich helpers), ``table``,
``config``, ``paths``, ``when`` (time words), ``names``, ``errors``, ``text`` (the
gate every untrusted string passes on its way to a terminal) and, beneath them all,
``i18n`` (the interface's language: gettext in the ``recover`` domain).
"""

__version__ = "0.2.0"
