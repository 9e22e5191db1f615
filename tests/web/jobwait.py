"""What the web tests share: a small article to upload, and waiting for a background ingest job."""

from __future__ import annotations

import time
from typing import Any

FLOOD = """Floods force thousands from homes in river valley

Floods swept the Aldmoor river valley on Tuesday, forcing thousands of residents from their homes as rescue
boats searched flooded streets, officials said. The river rose two metres overnight and the town's bridges
were closed.
"""


def wait_job(client: Any, job_id: str, timeout: float = 120) -> dict[str, Any]:
    """The job's final state ("done" or "failed"), polling the API; fails the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} did not finish")
