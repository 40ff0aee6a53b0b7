"""Storage: the one package that knows the schema and runs SQL.

- :mod:`.backends`: SQLite and the declared :class:`~.backends.Dialect` differences
- :mod:`.postgres`: PostgreSQL (psycopg, imported only for a team store), every
  statement bounded; :mod:`.conninfo` parses and masks its address
- :mod:`.schema`: named migrations, recorded by name; the columns; name folding
- :mod:`.sessions`, :mod:`.attempts`, :mod:`.followups`, :mod:`.forget`, :mod:`.report`,
  :mod:`.sync`, over the shared conditions of :mod:`.filters`:
  the queries, as functions over a backend
- :mod:`.ids`: 128-bit ids, short prefixes shown, any unique prefix accepted
- :mod:`.locks`: one session, one writer (a file lock, a PostgreSQL advisory lock)
- :mod:`.store`: the :class:`~.store.Store` object the rest of recover holds
- :mod:`.open`: which store the configuration names

Nothing is imported here, so that importing one module costs only that module. May import
playbooks (the session model) and the top-level helpers; never anything above.
"""
