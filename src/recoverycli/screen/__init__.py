"""The screen layer beneath the live call (run/) and the trainer (practice/): the one prompt
seam (:mod:`.prompts`: every key read and question asked), key names and the status line
(:mod:`.keyboard`), what the terminal is (:mod:`.terminal`) and the clipboard
(:mod:`.clipboard`). Imports only the top-level helpers (config, table, text), never
run/ or practice/.
"""

import os

# prompt_toolkit asks the terminal where the cursor is (CPR) and waits up to a second for
# the answer at the end of every prompt. Terminals that never answer (pexpect, some web
# consoles, serial lines) would turn every key into a one-second pause; one-line prompts
# gain nothing from it. Set here, before any module of this package imports prompt_toolkit.
os.environ.setdefault("PROMPT_TOOLKIT_NO_CPR", "1")
