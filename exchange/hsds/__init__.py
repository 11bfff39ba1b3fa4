"""Open Referral HSDS 3.0: the objects (objects.py), one dataset per language (dataset.py), the files
(export.py, tabular.py) and the API (api.py) — one path, so the files and the endpoints give the same objects."""
