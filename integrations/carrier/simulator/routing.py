"""Label routing data derived from the receiver's place: 大头笔, 集包地, sorting code."""

from __future__ import annotations

from dataclasses import dataclass

from integrations.carrier.simulator.places import Division, find, places

# province code → (one-character abbreviation, city of its processing centre)
PROVINCES = {
    "11": ("京", "北京"), "12": ("津", "天津"), "13": ("冀", "石家庄"), "14": ("晋", "太原"),
    "15": ("蒙", "呼和浩特"), "21": ("辽", "沈阳"), "22": ("吉", "长春"), "23": ("黑", "哈尔滨"),
    "31": ("沪", "上海"), "32": ("苏", "南京"), "33": ("浙", "杭州"), "34": ("皖", "合肥"),
    "35": ("闽", "福州"), "36": ("赣", "南昌"), "37": ("鲁", "济南"), "41": ("豫", "郑州"),
    "42": ("鄂", "武汉"), "43": ("湘", "长沙"), "44": ("粤", "广州"), "45": ("桂", "南宁"),
    "46": ("琼", "海口"), "50": ("渝", "重庆"), "51": ("川", "成都"), "52": ("贵", "贵阳"),
    "53": ("云", "昆明"), "54": ("藏", "拉萨"), "61": ("陕", "西安"), "62": ("甘", "兰州"),
    "63": ("青", "西宁"), "64": ("宁", "银川"), "65": ("新", "乌鲁木齐"), "71": ("台", "台北"),
    "81": ("港", "香港"), "82": ("澳", "澳门"),
}  # fmt: skip
MUNICIPALITIES = ("11", "12", "31", "50")
UNKNOWN_CODE = "000000"


@dataclass(frozen=True)
class Location:
    """A party's place resolved to divisions (code 000000 where the name is not found)."""

    province: Division
    city: Division
    county: Division


@dataclass(frozen=True)
class Routing:
    route_code: str
    package_code: str
    package_code_name: str
    mark_destination_code: str
    mark_destination_name: str


def _known(division: Division) -> bool:
    return division.code != UNKNOWN_CODE


def locate(prov: str, city: str, county: str) -> Location:
    table = places()
    province = find(table.provinces, prov, None) or Division(UNKNOWN_CODE, prov)
    town = find(table.cities, city, province if _known(province) else None)
    town = town or Division(UNKNOWN_CODE, city)
    district = find(table.counties, county, town if _known(town) else None)
    return Location(province, town, district or Division(UNKNOWN_CODE, county))


def processing_centre(location: Location) -> tuple[str, str]:
    """Return the code and name of the centre that consolidates mail for this province."""
    prefix = location.province.code[:2]
    centre = PROVINCES.get(prefix, ("", location.city.short))[1]
    return f"{prefix}{'9' * 4}00", f"{centre}处理中心"


def _mark(location: Location) -> tuple[str, str]:
    """Return the 大头笔: 京-东城 for a municipality, 粤-广州 elsewhere."""
    abbreviation = PROVINCES.get(location.province.code[:2], ("", ""))[0]
    municipal = location.province.code[:2] in MUNICIPALITIES
    place = location.county if municipal and _known(location.county) else location.city
    return place.code, f"{abbreviation}-{place.short}" if abbreviation else place.short


def routing_for(location: Location) -> Routing:
    """Derive the label's routing data for a receiver at `location`."""
    package_code, package_name = processing_centre(location)
    mark_code, mark_name = _mark(location)
    code = location.county.code if _known(location.county) else location.city.code
    route = f"{code[:3]}-{code[3:]}"
    return Routing(route, package_code, package_name, mark_code, mark_name)
