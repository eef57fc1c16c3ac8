"""What a patient must know before taking an anti-inflammatory painkiller, shown on the public condition page
and on the patient's care plan (the same list on both).

It sits in practice, beside the public pages, so that both practice and care (a layer above) can show it
(docs/architecture.md). Sources are in docs/clinical-evidence.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class NsaidAdvice:
    """What a patient must know before taking an anti-inflammatory painkiller, in plain words. Never a dose."""

    note: StrOrPromise
    do_not: tuple[StrOrPromise, ...]
    ask_first: tuple[StrOrPromise, ...]
    no_dose: StrOrPromise
    sources: tuple[str, ...]


# The practice's caution list, completed from the NHS pages on ibuprofen and on Reye's syndrome (which say
# under 16 for aspirin; the practice keeps its stricter under 18) and from Lipman 2017: in a randomised trial
# in 50-mile ultramarathons, acute kidney injury at the finish was 52% with ibuprofen against 34% with placebo.
# The clinician's checklist asks the same points in clinical words (chart.codes.NSAID_CAUTIONS).
NSAID_ADVICE = NsaidAdvice(
    note=_(
        "Anti-inflammatory painkillers (NSAIDs such as ibuprofen, naproxen or aspirin) can ease pain for a "
        "while, but they are not safe for everyone. Read both lists before you take one."
    ),
    do_not=(
        _(
            "any NSAID if you have ever had a reaction to one, such as wheezing, a rash, a swollen face or "
            "lips, or a runny nose after aspirin, ibuprofen, naproxen or a similar medicine"
        ),
        _(
            "aspirin if you are under 18: in children and teenagers it can cause Reye's syndrome, a rare but "
            "serious illness that harms the liver and the brain"
        ),
        _(
            "any NSAID before or during a long run or a race: long, hard running already strains the kidneys, "
            "and in a trial of ultramarathon runners more of those who took ibuprofen during the race had a "
            "kidney injury"
        ),
    ),
    ask_first=(
        _("you have asthma"),
        _("you have or had a stomach ulcer, or bleeding from the stomach or gut"),
        _("you have Crohn's disease or ulcerative colitis (inflammatory bowel disease)"),
        _("you have kidney disease or liver disease"),
        _("you have heart disease or high blood pressure, or you have had a stroke"),
        _(
            "you take a blood thinner, or another medicine that does not mix well with NSAIDs, such as some "
            "antidepressants (SSRIs like sertraline or fluoxetine), some blood pressure medicines (ACE "
            "inhibitors like lisinopril or ramipril) or water pills (diuretics)"
        ),
        _("you are pregnant, breastfeeding or trying to get pregnant"),
        _("you are over 65"),
    ),
    no_dose=_("We never suggest a dose. Follow the dose on the pack, or the one your doctor or pharmacist gives you."),
    sources=(
        "The practice's medicine caution list",
        "NHS: Ibuprofen for adults",
        "NHS: Reye's syndrome",
        "Lipman et al. 2017, Emerg Med J 34(10)",
    ),
)
