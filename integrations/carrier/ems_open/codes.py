"""The platform's api codes and the contract operation each one stands for."""

from __future__ import annotations

CREATE_ORDER = "020003"
CANCEL_ORDER = "020006"
# UNCONFIRMED: the order query Courier needs before it re-sends a booking. Public
# integrations of the platform show 020003, 040001, 060001, 060002, 010004 (label) and 050005
# (postage) but no order query; 020005 is our assumption. Confirm it with the EMS office.
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
