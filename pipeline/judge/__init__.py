"""Judgement stage: what the obligations say — of a matched pair (``pairs``), of one document
against the official checklist (``checklist``), its wording strengths (``coverage``) and issuer."""
