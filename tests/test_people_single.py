"""The detector's one-token fast paths against the general run analysis."""

from __future__ import annotations

import pytest

from newslint.document import Document
from newslint.people.detect import Detector, Mention
from tests.conftest import article_samples

SAMPLES = [
    "Striker Rooney scored. The President said so. Separately, Rooney left.",
    "Mr Smith, the chief executive, met Jones, a lawyer, on Monday. Dr. said no.",
    "Rival Boeing, who makes planes, and sister Xiluodu dam. De said it. J. left.",
    "Marta Quillan, deputy minister of transport, spoke. Quillan's office, 45, said.",
    "# Mayor Wins Again\n\nMayor Adams said. Adams, mayor of New York, left Tuesday.",
    "Prime Minister said. Spaniard Martinez won. Lord Roberts of Conwy spoke.",
]


class GeneralDetector(Detector):
    """A detector that visits every token and sends every run the general way."""

    def run(self) -> list[Mention]:
        i = 0
        while i < len(self.tokens):
            if self.classes[i] is None:
                i += 1
                continue
            j = self._extend(i)
            self._process_run(i, j)
            i = max(j, i + 1)
        return self.mentions


@pytest.mark.parametrize(("text", "path"), article_samples(SAMPLES))
def test_one_token_runs_as_the_general_way(text: str, path: str) -> None:
    doc = Document(text, path)
    fast, general = Detector(doc), GeneralDetector(doc)
    assert fast.run() == general.run()
    assert fast.bare == general.bare
    assert fast.noun_titles == general.noun_titles
