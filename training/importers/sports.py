"""Sport words: what a file's or an export's word for its sport means to the import.

One table for every source. Decoders keep ``sport_from_word``: "run" or "walk" for the words sources use for
them, else the word itself. The import then asks ``normalize_sport`` of that word whether it is kept, as a run
or a walk (the same words, and any other word ending in run or walk), and which surface it implies.
"""

from __future__ import annotations

_RUN_WORDS = frozenset(
    {"run", "running", "trail run", "trail running", "trail_running", "trailrun", "treadmill", "treadmill running",
     "treadmill_running", "virtual run", "virtualrun", "virtual_running", "indoor running", "street_running",
     "track running", "track_running", "9"}
)  # fmt: skip
_WALK_WORDS = frozenset({"walk", "walking", "speed walking", "speed_walking", "10"})

# Values of training.models.Surface; this package does not use the models.
TRAIL = "trail"
TREADMILL = "treadmill"
TRACK = "track"


def sport_from_word(word: str) -> str:
    """Map a source's sport word (GPX <type>, TCX Sport, Strava type) to "run", "walk", or itself, lowered.

    Strava's GPX export writes its numeric activity types: 9 is a run, 10 a walk.
    """
    cleaned = " ".join(word.strip().lower().replace("-", " ").split())
    if cleaned in _RUN_WORDS:
        return "run"
    if cleaned in _WALK_WORDS:
        return "walk"
    return cleaned


def normalize_sport(word: str) -> tuple[str | None, str]:
    """(run | walk | None, surface implied by the word) for a sport word from a file or Strava's CSV.

    The import calls it on what the decoders returned, so a word of the table has already become "run" or
    "walk" (and implies no surface); other words ending in run or walk ("indoor_running") still count.
    """
    text = word.strip().lower().replace("_", " ")
    surface = ""
    if "trail" in text:
        surface = TRAIL
    elif "treadmill" in text or "virtual" in text or "indoor" in text:
        surface = TREADMILL
    elif "track" in text:
        surface = TRACK
    known = sport_from_word(word)
    if known in ("run", "walk"):
        return known, surface
    if text.endswith(("run", "running")):
        return "run", surface
    if text.endswith(("walk", "walking")):
        return "walk", surface
    return None, ""
