"""Words for the fields a page error names: staff read 重量, not `weight_grams`."""

from __future__ import annotations

import re

from courier.domain.text import Text

PAGE_TITLES = {
    400: Text("请求有误"),
    401: Text("请先登录"),
    403: Text("无权操作"),
    404: Text("未找到"),
    405: Text("请求有误"),
    409: Text("暂不能办理"),
    413: Text("内容过大"),
    415: Text("请求有误"),
    422: Text("填写有误"),
    429: Text("操作过于频繁"),
    500: Text("系统出错"),
    503: Text("暂时不可用"),
}

_LABELS = {
    "case_number": Text("办件编号"),
    "matter_name": Text("事项名称"),
    "hall_code": Text("受理大厅"),
    "department_code": Text("办件所属部门"),
    "result_delivery": Text("结果送达方式"),
    "status": Text("办件状态"),
    "kind": Text("寄递类型"),
    "route": Text("寄递线路"),
    "materials": Text("材料"),
    "items": Text("材料确认"),
    "material_id": Text("材料"),
    "state": Text("材料状态"),
    "note": Text("备注"),
    "accept_unreachable": Text("地址可达性"),
    "collector": Text("领取人"),
    "collector_name": Text("代领人姓名"),
    "identity_checked": Text("身份核验"),
    "weight_grams": Text("重量"),
    "insured_value": Text("保价金额"),
    "pickup_type": Text("揽收方式"),
    "pickup_start": Text("揽收开始时间"),
    "pickup_end": Text("揽收结束时间"),
    "receipt_flag": Text("回单"),
    "payment_mode": Text("付款方式"),
    "waybill_no": Text("运单号"),
    "leg_ids": Text("运单"),
    "reason": Text("取消原因"),
    "applicant": Text("申请人"),
    "name": Text("姓名"),
    "mobile": Text("手机号码"),
    "phone": Text("电话"),
    "id_number": Text("身份证号"),
    "address": Text("地址"),
    "province": Text("省份"),
    "city": Text("城市"),
    "county": Text("区县"),
    "county_code": Text("区县代码"),
    "street": Text("详细地址"),
    "postcode": Text("邮政编码"),
    "pages": Text("页数"),
    "copies": Text("份数"),
    "original": Text("原件"),
    "account": Text("账号"),
    "username": Text("用户名"),
    "password": Text("密码"),
}
_INDEX = re.compile(r"^\d+$")
SOME_FIELD = Text("该项")


def field_label(path: str) -> str:
    """Name a field path such as `applicant.address.street` or `items.2.state` in words."""
    words: list[Text] = []
    for part in path.split("."):
        if _INDEX.match(part):
            words.append(Text("第 {n} 项", n=int(part) + 1))
        elif part:
            words.append(_LABELS.get(part, SOME_FIELD))
    if not words:
        return SOME_FIELD
    said = words[0]
    for word in words[1:]:
        said = Text("{path} · {part}", path=said, part=word)
    return said


def page_title(status: int) -> str:
    """Head an error page in words instead of its HTTP number."""
    return PAGE_TITLES.get(status, Text("无法完成该操作"))
