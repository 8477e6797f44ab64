"""What `make bench` loads and times for the documents (see bench/run.py)."""

import time

from django.db import transaction
from django.utils import timezone


def pages(logins):
    """[(name, url, phone)]: the document list and the review screen of the demo speech."""
    from .models import Document

    office = logins.get("督查室 supervision office")
    if not office:
        return []
    out = [("ingestion: document list", "/documents/", office)]
    doc = Document.objects.order_by("id").first()
    if doc is not None:
        out.append(("ingestion: review screen", f"/documents/{doc.pk}/", office))
        task = doc.tasks.order_by("id").first()
        if task is not None:
            out.append(("ingestion: task form", f"/documents/tasks/{task.pk}/edit/", office))
    return out


def _long_speech(n_sections: int = 40) -> str:
    parts = [f"在全市教育工作推进会上的讲话（基准测试 {time.time_ns()}）\n同志们：\n"]
    numerals = "一二三四五六七八九十"
    for i in range(n_sections):
        parts.append(f"{numerals[i % 10]}、第{i + 1}项重点工作\n")
        parts.append(f"去年全市完成项目{i + 12}个，投入资金{i + 3}亿元。"
                     f"各县区教育局要在{i % 12 + 1}月底前完成第{i + 1}项工作的实施方案，"
                     f"年底前完成{i + 5}所学校的改造任务。各学校要建立工作台账，每月报送进展。"
                     f"市教育局各科室要加强指导，分管领导要定期听取汇报。\n" * 4)
    return "".join(parts)


def timings():
    """[(name, seconds, target)]: reading a ~40 KB speech into a document with its proposed
    tasks mapped onto the whole city (rolled back afterwards)."""
    from orgs.models import Person

    from . import actions

    office = Person.objects.filter(title="督查室主任").order_by("id").first()
    if office is None:
        return []
    text = _long_speech()
    start = time.perf_counter()
    with transaction.atomic():
        actions.create_document(actor=office, now=timezone.now(),
                                reading=actions.read_pasted(text))
        transaction.set_rollback(True)
    return [(f"ingestion: upload and propose tasks ({len(text.encode()) // 1024} KB speech)",
             time.perf_counter() - start, 3.0)]
