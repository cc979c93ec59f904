"""What the API's OpenAPI schema says beyond each operation's own answer, so that it tells the
truth: a time of day is a local time in Europe/Stockholm (a time without a date has no fixed
offset), and every operation lists the errors it may answer, in the one error shape.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema

LOCAL_TIME_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


def _without_offset(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("a local time in Europe/Stockholm has no offset: send HH:MM")
    return value


LocalTime = Annotated[
    dt.time,
    AfterValidator(_without_offset),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": LOCAL_TIME_PATTERN,
            "description": "Local time in Europe/Stockholm: HH:MM or HH:MM:SS, no offset.",
            "examples": ["09:00", "13:30:00"],
        }
    ),
]


class ErrorOut(BaseModel):
    """The one shape of every error the API answers."""

    code: str = Field(..., description="What went wrong, for programs: not_found, stale, …")
    message: str = Field(..., description="What went wrong, for people, in their language.")
    field: str | None = Field(..., description="The input field at fault, if one is.")


ERROR_REF = {"$ref": "#/components/schemas/ErrorOut"}
ERRORS = {
    400: "Refused: the change breaks a rule of the process, or a filter is not valid.",
    401: "Not signed in.",
    403: "Not allowed: the caller may see this but not do it, or the CSRF token is missing.",
    404: "Not found, or not for the caller to see.",
    409: "Changed meanwhile by someone else: read it again, then retry.",
    422: "The request does not validate against this schema.",
}
WRITE_ERRORS = (400, 401, 403, 404, 409, 422)


def declare_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """Add to each operation the errors it may answer: a change may be refused in any of the
    ways of WRITE_ERRORS; a read answers 404 when it names something by its path, 422 when its
    input does not validate, and 400 when a filter is not valid. An operation that answers
    another error (a read refused with 403) declares it itself."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ErrorOut"] = ErrorOut.model_json_schema()
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            parameters = operation.get("parameters", [])
            if method != "get":
                codes: tuple[int, ...] = WRITE_ERRORS
            else:
                codes = ()
                if any(p["in"] == "path" for p in parameters):
                    codes += (404,)
                if any(p["in"] == "query" for p in parameters):
                    codes += (400,)
                if parameters:
                    codes += (422,)
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": ERRORS[code],
                        "content": {"application/json": {"schema": ERROR_REF}},
                    },
                )
    return schema
