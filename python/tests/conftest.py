import os
import sys

import numpy as np
import pytest

# The tests import the reference module that lives beside them.
sys.path.insert(0, os.path.dirname(__file__))


@pytest.fixture
def rng():
    return np.random.default_rng(1234)


@pytest.fixture
def torch():
    """torch, or a visible skip: CI installs only NumPy (torch is a multi-GB download)."""
    return pytest.importorskip("torch", reason="torch is not installed; the torch tests need it")
