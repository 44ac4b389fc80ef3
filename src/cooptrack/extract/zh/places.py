"""The bilingual gazetteer: Chinese names of the genre's cities and provinces, in canonical English.

Names are keyed in the folded (Simplified) form of :mod:`cooptrack.fold`, so 廣州 and 广州 are one key. The
one-character city abbreviations (穗 蓉 沪 京 榕 杭 汉 渝 港 …) stand for a city only after a verb
of place or travel (在穗, 抵穗, 赴渝, 来沪): alone they are ordinary characters ([ZH-VENUE]).
"""

from __future__ import annotations

# Cities and province-level cities, by their full Chinese name.
CITIES_ZH: dict[str, str] = {
    "香港": "Hong Kong", "澳门": "Macao", "北京": "Beijing", "上海": "Shanghai", "天津": "Tianjin",
    "重庆": "Chongqing", "广州": "Guangzhou", "深圳": "Shenzhen", "珠海": "Zhuhai", "东莞": "Dongguan",
    "佛山": "Foshan", "惠州": "Huizhou", "中山": "Zhongshan", "江门": "Jiangmen", "肇庆": "Zhaoqing",
    "前海": "Qianhai", "南沙": "Nansha", "横琴": "Hengqin", "福州": "Fuzhou", "厦门": "Xiamen",
    "泉州": "Quanzhou", "平潭": "Pingtan", "成都": "Chengdu", "杭州": "Hangzhou", "宁波": "Ningbo",
    "温州": "Wenzhou", "武汉": "Wuhan", "南京": "Nanjing", "苏州": "Suzhou", "济南": "Jinan",
    "青岛": "Qingdao", "海口": "Haikou", "三亚": "Sanya", "南宁": "Nanning", "长沙": "Changsha",
    "南昌": "Nanchang", "合肥": "Hefei", "郑州": "Zhengzhou", "西安": "Xi'an", "昆明": "Kunming",
    "贵阳": "Guiyang", "沈阳": "Shenyang", "大连": "Dalian", "长春": "Changchun", "哈尔滨": "Harbin",
    "石家庄": "Shijiazhuang", "太原": "Taiyuan", "兰州": "Lanzhou", "西宁": "Xining", "银川": "Yinchuan",
    "乌鲁木齐": "Urumqi", "拉萨": "Lhasa", "呼和浩特": "Hohhot",
}  # fmt: skip

# One-character abbreviations of cities, valid after a verb of place or travel.
CITY_ABBREV_ZH: dict[str, str] = {
    "港": "Hong Kong", "澳": "Macao", "穗": "Guangzhou", "蓉": "Chengdu", "沪": "Shanghai", "申": "Shanghai",
    "京": "Beijing", "榕": "Fuzhou", "杭": "Hangzhou", "汉": "Wuhan", "渝": "Chongqing", "深": "Shenzhen",
    "鹏": "Shenzhen", "厦": "Xiamen", "邕": "Nanning", "甬": "Ningbo", "筑": "Guiyang", "昆": "Kunming",
}  # fmt: skip

# Provinces (and regions), by their Chinese name, in the record's English form.
PROVINCES_ZH: dict[str, str] = {
    "广东": "Guangdong", "福建": "Fujian", "四川": "Sichuan", "湖北": "Hubei", "浙江": "Zhejiang",
    "江苏": "Jiangsu", "山东": "Shandong", "广西": "Guangxi", "海南": "Hainan", "湖南": "Hunan",
    "江西": "Jiangxi", "安徽": "Anhui", "河南": "Henan", "河北": "Hebei", "云南": "Yunnan",
    "贵州": "Guizhou", "陕西": "Shaanxi", "山西": "Shanxi", "辽宁": "Liaoning", "吉林": "Jilin",
    "黑龙江": "Heilongjiang", "甘肃": "Gansu", "青海": "Qinghai", "宁夏": "Ningxia", "新疆": "Xinjiang",
    "西藏": "Tibet", "内蒙古": "Inner Mongolia",
}  # fmt: skip

# A city's full name, longest first (for building patterns).
CITY_NAMES: tuple[str, ...] = tuple(sorted(CITIES_ZH, key=len, reverse=True))


def city(name: str) -> str | None:
    """The canonical English name of a city written in Chinese (folded), full or abbreviated."""
    return CITIES_ZH.get(name) or CITY_ABBREV_ZH.get(name)


def chinese_names(english: str) -> list[str]:
    """Every folded Chinese name of a city or province given in English (for tests and checks)."""
    pools = (CITIES_ZH, CITY_ABBREV_ZH, PROVINCES_ZH)
    return [zh for pool in pools for zh, en in pool.items() if en == english]
