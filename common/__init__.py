"""The bottom layer: helpers every app may use and that import no app (docs/architecture.md).

``api_errors`` (the one API error schema), ``api_schema`` (strict field types for API bodies),
``charts`` (Plotly figures drawn by the installed plotly.js) and ``uploads`` (a view's own page for
an upload over Django's limits).
"""
