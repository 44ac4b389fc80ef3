"""The read side: what the CLI, the API, the web pages and the exports show, read from the store.

It reads rows through :class:`cooptrack.store.Store` and hands them to :mod:`cooptrack.knowledge`,
which computes without ever touching the store: :mod:`.queries` finds meetings, mechanisms,
people and changes, :mod:`.ledger` the commitments with the users' decisions, :mod:`.brief` the
briefings (:mod:`.brief_docx` in Word). Layers: ``store`` <- ``views`` -> ``knowledge``; see
docs/storage.md, "Layers".
"""
