"""The live call.

- :mod:`.keys`: the step screen's key loop (notes, fields, help, the live coach)
- :mod:`.call`: the call's life: start, resume, locks, saving after every change
- :mod:`.end`: the end of the call: the follow-up, the end screen, the summary handed over
- :mod:`.screens`: the step, help and checklist screens as rich renderables
- :mod:`.checklist`: what was done, skipped and promised; :mod:`.answers`: answers files

May import practice (the live coach), screen, storage, playbooks and the top-level
helpers; never aftercall, report or cli.
"""
