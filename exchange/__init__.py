"""Data in and out of LIV, for the directory and the regional cooperation alike: the LIV exchange format
(docs/data-format.md; exchange/export.py, exchange/importer.py) and the Open Referral HSDS 3.0 open data
(docs/open-data.md; exchange/hsds/).

One subsystem used by both apps, so it lives outside them. The package itself imports nothing: it is a Django app
(for its management commands), and its modules need the models, which are not loaded when the app is.
"""
