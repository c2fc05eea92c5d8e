"""Draw every exercise generator over many seeds, on all cores (for `content check`)."""

from __future__ import annotations

import os


def check_generators(seeds: int, *, per_generator: int = 5) -> list[str]:
    """Problems of every generator over `seeds` seeds; the first few of each say enough."""
    if not seeds:
        return []
    from concurrent.futures import ProcessPoolExecutor

    from tutor.exercises import REGISTRY
    from tutor.exercises.selfcheck import check_generator_by_name

    names = list(REGISTRY)
    with ProcessPoolExecutor(max_workers=min(len(names), os.cpu_count() or 1)) as pool:
        found = pool.map(check_generator_by_name, names, [seeds] * len(names))
        return [message for messages in found for message in messages[:per_generator]]
