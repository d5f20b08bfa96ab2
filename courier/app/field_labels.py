"""Words for the fields a page error names: staff read 重量, not `weight_grams`."""

from __future__ import annotations

import re

PAGE_TITLES = {
    400: "请求有误",
    401: "请先登录",
    403: "无权操作",
    404: "未找到",
    405: "请求有误",
    409: "暂不能办理",
    413: "内容过大",
    415: "请求有误",
    422: "填写有误",
    429: "操作过于频繁",
    500: "系统出错",
    503: "暂时不可用",
}

_LABELS = {
    "case_number": "办件编号",
    "matter_name": "事项名称",
    "hall_code": "受理大厅",
    "department_code": "办件所属部门",
    "result_delivery": "结果送达方式",
    "status": "办件状态",
    "kind": "寄递类型",
    "route": "寄递线路",
    "materials": "材料",
    "items": "材料确认",
    "material_id": "材料",
    "state": "材料状态",
    "note": "备注",
    "accept_unreachable": "地址可达性",
    "collector": "领取人",
    "collector_name": "代领人姓名",
    "identity_checked": "身份核验",
    "weight_grams": "重量",
    "insured_value": "保价金额",
    "pickup_type": "揽收方式",
    "pickup_start": "揽收开始时间",
    "pickup_end": "揽收结束时间",
    "receipt_flag": "回单",
    "payment_mode": "付款方式",
    "waybill_no": "运单号",
    "leg_ids": "运单",
    "reason": "取消原因",
    "applicant": "申请人",
    "name": "姓名",
    "mobile": "手机号码",
    "phone": "电话",
    "id_number": "身份证号",
    "address": "地址",
    "province": "省份",
    "city": "城市",
    "county": "区县",
    "county_code": "区县代码",
    "street": "详细地址",
    "postcode": "邮政编码",
    "pages": "页数",
    "copies": "份数",
    "original": "原件",
    "account": "账号",
    "username": "用户名",
    "password": "密码",
}
_INDEX = re.compile(r"^\d+$")


def field_label(path: str) -> str:
    """Name a field path such as `applicant.address.street` or `items.2.state` in words."""
    words: list[str] = []
    for part in path.split("."):
        if _INDEX.match(part):
            words.append(f"第 {int(part) + 1} 项")
        elif part:
            words.append(_LABELS.get(part, "该项"))
    return " · ".join(words) or "该项"


def page_title(status: int) -> str:
    """Head an error page in words instead of its HTTP number."""
    return PAGE_TITLES.get(status, "无法完成该操作")
