"""The request a write happens in (its address), carried to actions without threading it through."""

import contextvars

current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("current_ip", default=None)
