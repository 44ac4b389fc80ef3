"""Serve: the web application and JSON API over a store (FastAPI, Jinja2, server-side SVG).

:func:`~cooptrack.serve.app.create_app` builds the app; :mod:`.api` is the JSON API,
:mod:`.pages` the HTML pages, :mod:`.forms` the forms that change something, :mod:`.downloads`
the files, :mod:`.auth` who is asking and :mod:`.charts` the SVG charts. The rows all of them
show are built by the read side, :mod:`cooptrack.views.service`, which the CLI uses too.
"""
