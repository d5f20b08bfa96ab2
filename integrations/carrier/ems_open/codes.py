"""The platform's api codes and the contract operation each one stands for."""

from __future__ import annotations

CREATE_ORDER = "020003"
CANCEL_ORDER = "020006"
# Not among the codes seen in public integrations: the order query Courier needs before it
# re-sends a booking. Confirm the code with the EMS office before going live.
QUERY_ORDER = "020005"
QUERY_TRACE = "040001"
PUSH_TRACE = "040002"
PARSE_ADDRESS = "060001"
CHECK_REACHABILITY = "060002"

OPERATION_BY_API_CODE = {
    CREATE_ORDER: "CreateOrder",
    CANCEL_ORDER: "CancelOrder",
    QUERY_ORDER: "QueryOrder",
    QUERY_TRACE: "QueryTrace",
    PARSE_ADDRESS: "ParseAddress",
    CHECK_REACHABILITY: "CheckReachability",
}
API_CODE_BY_OPERATION = {operation: code for code, operation in OPERATION_BY_API_CODE.items()}

OK = "00000"
