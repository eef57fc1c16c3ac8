"""The JSON API under /api/v1/, assembled from each app's router. OpenAPI at /api/v1/openapi.json."""

from __future__ import annotations

from assessments.api import router as assessments_router
from care.api import router as care_router
from chart.api import router as chart_router
from common.api_errors import KneecapAPI
from practice.api import router as practice_router
from training.api import router as training_router

api = KneecapAPI(
    title="kneecap API",
    version="1",
    description="Self-check, questionnaires, running data, care plans and the clinical workspace. "
    "Endpoints under /me/ act on the signed-in patient's own record (session authentication: "
    "the session cookie, and on POST and PUT the X-CSRFToken header). "
    'Errors: 400, 401, 403, 404 and 409 answer {"detail": message}; 422 lists each bad field as '
    '{"detail": [{"loc": [...], "msg": ..., "type": ...}]}.',
    urls_namespace="api",
)
api.add_router("/", assessments_router)
api.add_router("/", training_router)
api.add_router("/", care_router)
api.add_router("/", chart_router)
api.add_router("/", practice_router)
