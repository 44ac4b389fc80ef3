"""The read side: what the CLI, the API, the web pages and the exports show, read from the store.

It reads rows through :class:`cooptrack.store.Store` and hands them to :mod:`cooptrack.knowledge`,
which computes without ever touching the store: :mod:`.queries` finds meetings, mechanisms,
people and changes, :mod:`.ledger` the commitments with the users' decisions, :mod:`.brief` the
briefings (:mod:`.brief_docx` in Word). :mod:`.service` builds the one typed view of each thing
(:mod:`.meeting`, :mod:`.measure`, :mod:`.commitment`, :mod:`.person`, :mod:`.agreement`,
:mod:`.mechanism`) and the lists of them, :mod:`.sources` a meeting's sources side by side, and
:mod:`.exports` writes the views as JSON files. The web (:mod:`cooptrack.serve`) and the CLI only
render what this package builds; nothing here imports ``serve``. Layers: ``store`` <- ``views``
-> ``knowledge``, and ``serve`` -> ``views`` <- ``cli``; see docs/storage.md, "Layers".
"""
