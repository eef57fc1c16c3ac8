"""Whether a patient already follows a care plan, which the self-check result says; care owns the plans.

care sits above assessments in the layers, so care supplies the answer at start-up (care/apps.py).
"""

from __future__ import annotations

from accounts.models import User
from common.provided import Provided

has_active_plan: Provided[[User], bool] = Provided("whether a patient follows a care plan (care)")
