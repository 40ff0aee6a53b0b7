"""Practice: the wording coach (:mod:`.engine` over :mod:`.normalize`, :mod:`.lexicon`,
:mod:`.patterns` and the :mod:`.rules`, whose texts are in :mod:`.categories`; a team's own
rules in :mod:`.team`), step elements and scoring, scenarios, quizzes, progress, the
trainer, and their rendering (:mod:`.render`, :mod:`.plain`).

May import screen, storage, playbooks and the top-level helpers; never run, aftercall,
report or cli.
"""
