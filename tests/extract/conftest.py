"""The model, loaded before an entity module's first test so that no single test carries its start."""

import pytest

from graphkit.extract import Extractor


@pytest.fixture(scope="session")
def entity_model() -> None:
    """Load the model and the rules' word lists once for the process (modules ask with ``usefixtures``)."""
    Extractor().nlp  # noqa: B018 - the property loads them
