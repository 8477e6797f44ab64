"""Background work of the ledgers, run by `duban worker` (django-tasks database backend)."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks import task

from orgs.models import Person

from .choices import ExportState
from .exports import ledger_xlsx
from .filters import filtered_items
from .models import ExportJob


@task()
def export_ledger(job_id: int) -> int:
    """Write a large ledger export; progress is stored on the job as it goes."""
    claimed = ExportJob.objects.filter(pk=job_id, state=ExportState.QUEUED).update(
        state=ExportState.RUNNING)
    if not claimed:
        return 0
    job = ExportJob.objects.get(pk=job_id)
    user = Person.objects.get(pk=job.requested_by_id)  # permissions as of now, not as queued
    try:
        qs = filtered_items(user, job.params, timezone.localdate())

        def progress(done, total):
            ExportJob.objects.filter(pk=job_id).update(done=done, total=total)

        content = ledger_xlsx(qs, progress)
        job.refresh_from_db()
        job.file.save(f"整改台账-{job.pk}.xlsx", ContentFile(content), save=False)
        job.state, job.finished_at = ExportState.DONE, timezone.now()
        job.save(update_fields=["file", "state", "finished_at"])
    except Exception as exc:  # the job page must show the failure, not spin for ever
        ExportJob.objects.filter(pk=job_id).update(state=ExportState.FAILED, error=str(exc)[:500],
                                                   finished_at=timezone.now())
        raise
    return job.done
