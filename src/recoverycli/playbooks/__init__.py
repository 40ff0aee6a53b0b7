"""Playbooks: what a recovery script is and how a session walks it.

- :mod:`.model`: the frozen playbook model, loading and validation (located errors)
- :mod:`.yamldoc`: the located YAML reader (libyaml, capped sizes)
- :mod:`.session`: the pure session model (a walk through one playbook), used by storage,
  run and rendering alike, so it lives here, below them
- :mod:`.catalog`, :mod:`.cache`: where playbooks are found, and their parsed cache
- :mod:`.schema`: the JSON Schema; :mod:`.authoring`: new, lint (the coach handed in)
- :mod:`.render`: a step, the rehearsal card and the catalog as rich renderables

Imports only the top-level helpers (errors, text, paths, names, when, render).
"""
