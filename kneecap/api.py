"""The JSON API under /api/v1/, assembled from each app's router. OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from ninja import NinjaAPI

from assessments.api import router as assessments_router
from care.api import router as care_router
from chart.api import router as chart_router
from training.api import router as training_router

api = NinjaAPI(
    title="kneecap API",
    version="1",
    description="Self-check, questionnaires, running data, care plans and the clinical workspace. "
    "Endpoints under /me/ act on the signed-in patient's own record (session authentication).",
    urls_namespace="api",
)
api.add_router("/", assessments_router)
api.add_router("/", training_router)
api.add_router("/", care_router)
api.add_router("/", chart_router)
