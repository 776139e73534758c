"""Note text for the large data set: about 80 words each, fast to make in bulk."""

from __future__ import annotations

import random
from itertools import accumulate, product

import mentordesk.demo.words as words

_POOL = 4000
_CODENAMES = 30_000
# The one word most notes share, so "search a common word" has something to chew on.
COMMON_WORD = "progress"
_COMMON_SHARE = 0.85


def _fill(rng: random.Random, template: str, code: str = "") -> str:
    return template.format(
        skill=rng.choice(words.SKILLS),
        artifact=rng.choice(words.ARTIFACTS),
        person=rng.choice(words.PEOPLE),
        verb=rng.choice(words.VERBS),
        when=rng.choice(words.WHEN),
        feeling=rng.choice(words.FEELINGS),
        code=code,
    )


def codenames(rng: random.Random, count: int = _CODENAMES) -> list[str]:
    """Project codenames made of syllables ("Velmisan"): a long tail of rare words."""
    two = ("".join(p) for p in product(words.SYLLABLES, repeat=2))
    three = ("".join(p) for p in product(words.SYLLABLES, repeat=3))
    names = sorted({n.capitalize() for n in (*two, *three)})
    rng.shuffle(names)
    return names[:count]


class NoteText:
    """Makes (title, body) pairs; the same seed gives the same notes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        per_template = _POOL // len(words.SENTENCES)
        # Rendered once per template, so a note can take each sentence shape at most once.
        self.sentences = [
            [_fill(rng, template) for _ in range(per_template)] for template in words.SENTENCES
        ]
        self.codes = codenames(rng)
        # Zipf-like: the k-th codename is k times rarer than the first.
        self.code_weights = list(accumulate(1.0 / (k + 1) for k in range(len(self.codes))))

    def many(self, count: int) -> list[tuple[str, str]]:
        rng = self.rng
        codes = rng.choices(self.codes, cum_weights=self.code_weights, k=count)
        shapes = range(len(self.sentences))
        result: list[tuple[str, str]] = []
        for code in codes:
            a, b, c, d, e, f = (rng.choice(self.sentences[s]) for s in rng.sample(shapes, 6))
            rare = _fill(rng, rng.choice(words.RARE), code)
            lead = "Progress: " if rng.random() < _COMMON_SHARE else ""
            title = rng.choice(words.TITLES)
            if rng.random() < 0.5:
                title = f"{title}: {rng.choice(words.SKILLS)}"
            result.append((title, f"{lead}{a} {rare}\n\n- {b}\n- {c}\n- {d}\n\n{e}\n\nNext: {f}"))
        return result
