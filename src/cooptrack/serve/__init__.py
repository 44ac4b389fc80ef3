"""Serve: the web application and JSON API over a store (FastAPI, Jinja2, server-side SVG).

:func:`~cooptrack.serve.app.create_app` builds the app; :mod:`.api` is the JSON API,
:mod:`.pages` the HTML pages, :mod:`.forms` the forms that change something, :mod:`.downloads`
the files, :mod:`.auth` who is asking, :mod:`.charts` the SVG charts and :mod:`.views` the rows
all of them show.
"""
