"""Suite-wide settings, inherited by every kernel that nbval or a test starts.

``SOURCE_DATE_EPOCH`` fixes the clock of answer records (``record.now``), so notebooks that
check answers give the same outputs every run (strict nbval). ``CKM_COURSE_STRICT_CHECKS``
makes a checker bug raise instead of coming back as an "error" result: a masked bug is a bug.
"""

from __future__ import annotations

import os

from ckm_course.runner import FIXED_EPOCH

os.environ.setdefault("SOURCE_DATE_EPOCH", FIXED_EPOCH)
os.environ["CKM_COURSE_STRICT_CHECKS"] = "1"
