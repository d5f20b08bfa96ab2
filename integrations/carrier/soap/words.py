"""Say in staff's words which field of our request breaks the carrier contract, and how."""

from __future__ import annotations

import re

from integrations.carrier.soapserver import SchemaProblem

PARTY_WORDS = {"sender": "寄件人", "receiver": "收件人"}
FIELD_WORDS = {
    "name": "姓名",
    "mobile": "手机号码",
    "phone": "电话号码",
    "postCode": "邮编",
    "prov": "省份",
    "city": "城市",
    "county": "区县",
    "address": "详细地址",
    "company": "单位名称",
    "logisticsOrderNo": "订单号",
    "waybillNo": "运单号",
    "customerNo": "客户号",
    "bizProductNo": "寄递产品",
    "contentsAttribute": "内件类型",
    "weight": "重量",
    "insuranceFlag": "保价方式",
    "insuranceAmount": "保价金额",
    "paymentMode": "付款方式",
    "pickupType": "揽收方式",
    "pickupStartTime": "揽收开始时间",
    "pickupEndTime": "揽收结束时间",
    "receiptFlag": "回单要求",
    "projectId": "项目编号",
    "remark": "备注",
    "cargoName": "内件名称",
    "cargoQuantity": "内件数量",
    "cancelReason": "取消原因",
}
# libxml2's error kinds (lxml type_name) in words; anything else is "不符合要求"
RULE_WORDS = {
    "SCHEMAV_CVC_PATTERN_VALID": "格式不正确",
    "SCHEMAV_CVC_MAXLENGTH_VALID": "过长",
    "SCHEMAV_CVC_MINLENGTH_VALID": "不能为空",
    "SCHEMAV_CVC_LENGTH_VALID": "长度不正确",
    "SCHEMAV_CVC_ENUMERATION_VALID": "取值不在允许范围内",
    "SCHEMAV_CVC_MININCLUSIVE_VALID": "超出允许范围",
    "SCHEMAV_CVC_MAXINCLUSIVE_VALID": "超出允许范围",
    "SCHEMAV_CVC_TOTALDIGITS_VALID": "位数过多",
    "SCHEMAV_CVC_FRACTIONDIGITS_VALID": "小数位数过多",
    "SCHEMAV_CVC_DATATYPE_VALID_1_2_1": "格式不正确",
    "SCHEMAV_ELEMENT_CONTENT": "缺失或多余",
    "REQUIRED": "必须填写",
}
_QUOTED_VALUE = re.compile(r"(The value |^)'[^']*'")


def field_words(path: str) -> str:
    """Name the field at a dotted path ("CreateOrder.receiver.postCode" → "收件人邮编")."""
    # steps without words (the operation's element, wrappers) say nothing to staff
    words = [PARTY_WORDS.get(step) or FIELD_WORDS.get(step, "") for step in path.split(".")]
    return "".join(words) or "寄递信息"


def staff_message(problem: SchemaProblem) -> str:
    """Say what staff must correct, e.g. "收件人邮编格式不正确"."""
    return field_words(problem.path) + RULE_WORDS.get(problem.kind, "不符合要求")


def loggable(problem: SchemaProblem) -> str:
    """Return libxml2's detail with the offending value withheld (it may be personal data)."""
    element, _, rest = problem.message.partition(": ")
    withheld = _QUOTED_VALUE.sub(r"\1'***'", rest)
    return f"{problem.path} {problem.kind}: {element}: {withheld}"
