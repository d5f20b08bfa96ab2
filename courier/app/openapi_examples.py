"""Example request bodies for the OpenAPI document: readers copy them, schemathesis sends them."""

from __future__ import annotations

from typing import Any

ADDRESS = {
    "province": "北京市",
    "city": "北京市",
    "county": "东城区",
    "county_code": "110101",
    "street": "和平里东街11号院3号楼2单元501室",
    "postcode": "100013",
}
OPEN_CASE: dict[str, Any] = {
    "case_number": "BJDC2026120200001",
    "matter_name": "婚姻登记档案查询（跨省通办）",
    "department_code": "HZ-MZ",
    "result_delivery": "mail",
    "applicant": {
        "name": "张小明",
        "mobile": "13112341907",
        "id_number": "11010519491231002X",
        "address": ADDRESS,
    },
    "materials": [{"name": "户口簿", "original": True, "pages": 4}],
}
ADD_MATERIAL = {"name": "补充说明", "original": False, "pages": 1, "copies": 1}
ADVANCE_CASE = {"status": "in_review"}
HAND_OVER_RESULT = {"collector": "agent", "collector_name": "李四", "identity_checked": True}
PLAN_LEG = {"kind": "originals", "weight_grams": 300, "insured_value": "500.00", "to": "hall"}
CANCEL_LEG = {"reason": "申请人撤回申请"}
LABELS = {"leg_ids": [1, 2], "size": "100x180"}
HANDOVER = {"leg_ids": [1, 2]}
TRACK = {"case_number": "HZXH2026112600003", "phone_tail": "2233"}
# Path parameters named alike get the same example everywhere.
PATH = {"case_number": "BJDC2026112600001", "leg_id": 1, "handover_id": 1}
