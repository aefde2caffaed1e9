"""Fixtures of the project-wide tests: the world of the scope proof."""

import pytest

from .surface import Proof, build_proof


@pytest.fixture
def proof(world, settings, monkeypatch, tmp_path, django_capture_on_commit_callbacks) -> Proof:
    return build_proof(world, settings, monkeypatch, tmp_path, django_capture_on_commit_callbacks)
