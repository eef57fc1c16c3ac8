"""Training services: what the runs pages, the API, the CLI and other apps call, one module per concern.

- ``report``: the load report (weekly load, warnings, ACWR, cadence) and the runs page's numbers;
- ``shoes``: the shoes with their statistics, the over-limit reminder and the shoe edits;
- ``activities``: the runs and walks, their edits, shoes put on runs, and their JSON form;
- ``imports``: starting an import job from uploaded files;
- ``cadence``: the training profile and the cadence target.

Import from the module that defines a name (``from training.services.report import load_report``).
"""
