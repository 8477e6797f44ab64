"""Checking uploaded evidence files by their content, not their name."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# What evidence may be: images, PDF and Office files. Keys are what `filetype` detects.
ALLOWED = {
    "jpg": "image", "png": "image", "gif": "image", "webp": "image", "heic": "image",
    "pdf": "pdf",
    "docx": "docx", "xlsx": "xlsx", "zip": "office",
}
OFFICE_EXTENSIONS = {"docx", "xlsx", "pptx"}
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


def check_evidence(upload) -> str:
    """The kind of an acceptable evidence file ('image', 'pdf', 'docx', 'xlsx'), or ValidationError."""
    limit = min(EVIDENCE_MAX_BYTES, settings.DUBAN_MAX_UPLOAD_BYTES)
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is %(size)s MB; evidence files may be at most %(limit)s MB.")
            % {"name": upload.name, "size": round(upload.size / 1048576, 1),
               "limit": limit // 1048576}
        )
    if upload.size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": upload.name})
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    ext = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    detected = kind.extension if kind else None
    if detected == "zip" and ext in OFFICE_EXTENSIONS:
        return ext if ext in ("docx", "xlsx") else "office"
    if detected in ALLOWED and detected != "zip":
        return ALLOWED[detected]
    raise ValidationError(
        _("“%(name)s” is not an image, PDF, Word or Excel file (its content says %(kind)s, "
          "whatever its name says). Upload the evidence as JPG/PNG, PDF, .docx or .xlsx.")
        % {"name": upload.name, "kind": detected or _("unknown")}
    )
