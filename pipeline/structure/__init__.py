"""Clean text -> outline -> units, plus the segmentation later stages share.

Modules, one job each:

* :mod:`~pipeline.structure.outline` -- the heading hierarchy (一、 （一） 1. （1） ① 第X章 …)
* :mod:`~pipeline.structure.units` -- the units of a plan (``find_units``)
* :mod:`~pipeline.structure.layout` -- where the body ends (signature, 抄送, 附件, widgets)
* :mod:`~pipeline.structure.cues` -- the word lists that give sections a kind
* :mod:`~pipeline.structure.segment` -- sentences and jieba words with the domain dictionary
"""

from pipeline.structure.outline import Heading, parse_outline
from pipeline.structure.units import find_units

__all__ = ["Heading", "find_units", "parse_outline"]
