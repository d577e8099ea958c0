"""Resources: loaded once per worker, and as cheaply as the libraries allow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import sys
from pipeline.resources import Resources
words = Resources().tokenizer.lcut("市卫生健康委牵头推进医联体建设")
print("pkg_resources" in sys.modules, "/".join(words))
import pkg_resources  # still importable afterwards
"""


def test_the_tokenizer_loads_without_importing_pkg_resources() -> None:
    # A fresh interpreter: in the test process jieba is probably imported already.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out.split() == ["False", "市卫生健康委/牵头/推进/医联体/建设"]
