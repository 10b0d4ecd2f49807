"""The data model shared by every stage: the only thing stages have in common.

    Source ─extract→ Document ─segment→ SegmentedDocument ─tokens→ TokenizedDocument
    two TokenizedDocuments ─align→ Match … ─judge→ Alignment … = Comparison
    one document ─judge→ DocumentRecord (checklist, obligation strengths, issuer)
    two versions ─versions→ VersionDiff (rows, units, cross-references, metadata)

Stages are pure functions over these values; no stage imports another stage's module.
documents.py holds the documents, comparison.py a comparison of two, records.py what is
judged of one, versions.py two versions of one; everything is importable from ``pipeline.model``.
"""

from pipeline.model.documents import *  # noqa: F401,F403
from pipeline.model.documents import __all__ as _documents
from pipeline.model.comparison import *  # noqa: F401,F403
from pipeline.model.comparison import __all__ as _comparison
from pipeline.model.records import *  # noqa: F401,F403
from pipeline.model.records import __all__ as _records
from pipeline.model.versions import *  # noqa: F401,F403
from pipeline.model.versions import __all__ as _versions

__all__ = [*_documents, *_comparison, *_records, *_versions]
