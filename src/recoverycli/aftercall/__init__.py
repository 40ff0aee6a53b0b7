"""After the call: sessions looked up again (:mod:`.history`), follow-ups due and acted on
(:mod:`.due`), and a session exported as Markdown, JSON, HTML or a calendar event
(:mod:`.export`). Outcomes and follow-ups are stored by :mod:`recoverycli.storage`.

May import run (the checklist; due resumes a session), screen, storage, playbooks and the
top-level helpers; never report or cli.
"""
