"""Places and names of the genre: Mainland provinces and cities, and Chinese surnames.

Knowledge of the genre, not of any one document: the partners Hong Kong has co-operation
mechanisms with are Mainland provinces, municipalities and cities (and Macao); venues are
cities; Chinese names put the surname first, Hong Kong names often follow an English given name.
"""

from __future__ import annotations

# Provincial-level divisions, by the short name a mechanism uses.
PROVINCES: frozenset[str] = frozenset(
    {
        "Anhui", "Fujian", "Gansu", "Guangdong", "Guizhou", "Hainan", "Hebei", "Heilongjiang",
        "Henan", "Hubei", "Hunan", "Jiangsu", "Jiangxi", "Jilin", "Liaoning", "Qinghai",
        "Shaanxi", "Shandong", "Shanxi", "Sichuan", "Yunnan", "Zhejiang",
        "Guangxi", "Inner Mongolia", "Ningxia", "Tibet", "Xinjiang",
    }
)  # fmt: skip
MUNICIPALITIES: frozenset[str] = frozenset({"Beijing", "Shanghai", "Tianjin", "Chongqing"})
SARS: frozenset[str] = frozenset({"Macao", "Macau"})

# Cities that hold mechanisms of their own or host meetings, with their province.
CITIES: dict[str, str] = {
    "Shenzhen": "Guangdong", "Guangzhou": "Guangdong", "Zhuhai": "Guangdong",
    "Dongguan": "Guangdong", "Foshan": "Guangdong", "Huizhou": "Guangdong",
    "Zhongshan": "Guangdong", "Jiangmen": "Guangdong", "Zhaoqing": "Guangdong",
    "Qianhai": "Guangdong", "Nansha": "Guangdong", "Hengqin": "Guangdong",
    "Fuzhou": "Fujian", "Xiamen": "Fujian", "Quanzhou": "Fujian", "Pingtan": "Fujian",
    "Chengdu": "Sichuan", "Hangzhou": "Zhejiang", "Ningbo": "Zhejiang", "Wenzhou": "Zhejiang",
    "Wuhan": "Hubei", "Nanjing": "Jiangsu", "Suzhou": "Jiangsu", "Jinan": "Shandong",
    "Qingdao": "Shandong", "Haikou": "Hainan", "Sanya": "Hainan", "Nanning": "Guangxi",
    "Changsha": "Hunan", "Nanchang": "Jiangxi", "Hefei": "Anhui", "Zhengzhou": "Henan",
    "Xi'an": "Shaanxi", "Kunming": "Yunnan", "Guiyang": "Guizhou", "Shenyang": "Liaoning",
    "Dalian": "Liaoning", "Changchun": "Jilin", "Harbin": "Heilongjiang",
    "Shijiazhuang": "Hebei", "Taiyuan": "Shanxi", "Lanzhou": "Gansu", "Xining": "Qinghai",
    "Yinchuan": "Ningxia", "Urumqi": "Xinjiang", "Lhasa": "Tibet", "Hohhot": "Inner Mongolia",
}  # fmt: skip

# Other cities a meeting (or the visit it is part of) may be held in: prefecture-level and some
# county-level cities, by province. Venues only: no mechanism is named after them.
OTHER_CITIES: dict[str, str] = {
    "Shantou": "Guangdong", "Zhanjiang": "Guangdong", "Shaoguan": "Guangdong", "Meizhou": "Guangdong",
    "Shanwei": "Guangdong", "Heyuan": "Guangdong", "Yangjiang": "Guangdong", "Qingyuan": "Guangdong",
    "Chaozhou": "Guangdong", "Jieyang": "Guangdong", "Yunfu": "Guangdong", "Maoming": "Guangdong",
    "Putian": "Fujian", "Sanming": "Fujian", "Zhangzhou": "Fujian", "Nanping": "Fujian", "Longyan": "Fujian",
    "Ningde": "Fujian", "Mianyang": "Sichuan", "Yibin": "Sichuan", "Luzhou": "Sichuan", "Deyang": "Sichuan",
    "Leshan": "Sichuan", "Nanchong": "Sichuan", "Zigong": "Sichuan", "Panzhihua": "Sichuan", "Dazhou": "Sichuan",
    "Ya'an": "Sichuan", "Yichang": "Hubei", "Xiangyang": "Hubei", "Jingzhou": "Hubei", "Huangshi": "Hubei",
    "Shiyan": "Hubei", "Xiaogan": "Hubei", "Ezhou": "Hubei", "Huanggang": "Hubei", "Enshi": "Hubei",
    "Shaoxing": "Zhejiang", "Jiaxing": "Zhejiang", "Huzhou": "Zhejiang", "Jinhua": "Zhejiang",
    "Yiwu": "Zhejiang", "Taizhou": "Zhejiang", "Zhoushan": "Zhejiang", "Lishui": "Zhejiang", "Quzhou": "Zhejiang",
    "Wuxi": "Jiangsu", "Changzhou": "Jiangsu", "Nantong": "Jiangsu", "Yangzhou": "Jiangsu", "Xuzhou": "Jiangsu",
    "Zhenjiang": "Jiangsu", "Yancheng": "Jiangsu", "Lianyungang": "Jiangsu", "Huai'an": "Jiangsu",
    "Kunshan": "Jiangsu", "Suqian": "Jiangsu", "Yantai": "Shandong", "Weifang": "Shandong", "Zibo": "Shandong",
    "Weihai": "Shandong", "Linyi": "Shandong", "Jining": "Shandong", "Qufu": "Shandong", "Tai'an": "Shandong",
    "Rizhao": "Shandong", "Dongying": "Shandong", "Liaocheng": "Shandong", "Dezhou": "Shandong",
    "Danzhou": "Hainan", "Qionghai": "Hainan", "Wenchang": "Hainan", "Boao": "Hainan", "Guilin": "Guangxi",
    "Liuzhou": "Guangxi", "Beihai": "Guangxi", "Wuzhou": "Guangxi", "Qinzhou": "Guangxi",
    "Fangchenggang": "Guangxi", "Yulin": "Guangxi", "Baise": "Guangxi", "Zhuzhou": "Hunan", "Xiangtan": "Hunan",
    "Hengyang": "Hunan", "Yueyang": "Hunan", "Changde": "Hunan", "Zhangjiajie": "Hunan", "Chenzhou": "Hunan",
    "Jiujiang": "Jiangxi", "Ganzhou": "Jiangxi", "Jingdezhen": "Jiangxi", "Shangrao": "Jiangxi",
    "Ji'an": "Jiangxi", "Pingxiang": "Jiangxi", "Yingtan": "Jiangxi", "Wuhu": "Anhui", "Bengbu": "Anhui",
    "Anqing": "Anhui", "Huangshan": "Anhui", "Ma'anshan": "Anhui", "Luoyang": "Henan", "Kaifeng": "Henan",
    "Xinxiang": "Henan", "Nanyang": "Henan", "Anyang": "Henan", "Xianyang": "Shaanxi", "Baoji": "Shaanxi",
    "Yan'an": "Shaanxi", "Yuxi": "Yunnan", "Dali": "Yunnan", "Lijiang": "Yunnan", "Xishuangbanna": "Yunnan",
    "Zunyi": "Guizhou", "Anshun": "Guizhou", "Anshan": "Liaoning", "Dandong": "Liaoning", "Jinzhou": "Liaoning",
    "Jilin City": "Jilin", "Yanbian": "Jilin", "Daqing": "Heilongjiang", "Qiqihar": "Heilongjiang",
    "Tangshan": "Hebei", "Baoding": "Hebei", "Qinhuangdao": "Hebei", "Handan": "Hebei", "Langfang": "Hebei",
    "Xiong'an": "Hebei", "Zhangjiakou": "Hebei", "Datong": "Shanxi", "Tianshui": "Gansu", "Dunhuang": "Gansu",
    "Jiayuguan": "Gansu", "Baotou": "Inner Mongolia", "Ordos": "Inner Mongolia", "Kashgar": "Xinjiang",
    "Shigatse": "Tibet", "Golmud": "Qinghai", "Binhai": "Tianjin", "Pudong": "Shanghai", "Lingang": "Shanghai",
    "Liangjiang": "Chongqing", "Tianfu": "Sichuan",
}  # fmt: skip

# Districts and new areas that stand for their city as a venue ("held at a hotel in Pudong,
# Shanghai", "in Qianhai"): the venue is the city, never a district of it.
DISTRICTS: dict[str, str] = {
    "Pudong": "Shanghai", "Lingang": "Shanghai", "Binhai": "Tianjin", "Liangjiang": "Chongqing",
    "Tianfu": "Chengdu", "Qianhai": "Shenzhen", "Nansha": "Guangzhou", "Hengqin": "Zhuhai",
}  # fmt: skip

# The capital of each province and autonomous region ("in the provincial capital").
CAPITALS: dict[str, str] = {
    "Guangdong": "Guangzhou", "Fujian": "Fuzhou", "Sichuan": "Chengdu", "Zhejiang": "Hangzhou",
    "Hubei": "Wuhan", "Jiangsu": "Nanjing", "Shandong": "Jinan", "Hainan": "Haikou", "Guangxi": "Nanning",
    "Hunan": "Changsha", "Jiangxi": "Nanchang", "Anhui": "Hefei", "Henan": "Zhengzhou", "Shaanxi": "Xi'an",
    "Yunnan": "Kunming", "Guizhou": "Guiyang", "Liaoning": "Shenyang", "Jilin": "Changchun",
    "Heilongjiang": "Harbin", "Hebei": "Shijiazhuang", "Shanxi": "Taiyuan", "Gansu": "Lanzhou",
    "Qinghai": "Xining", "Ningxia": "Yinchuan", "Xinjiang": "Urumqi", "Tibet": "Lhasa",
    "Inner Mongolia": "Hohhot",
}  # fmt: skip

PARTNERS: frozenset[str] = PROVINCES | MUNICIPALITIES | SARS | frozenset(CITIES)
# Places a meeting can be held in (cities, and the province-level cities themselves).
VENUES: frozenset[str] = frozenset(CITIES) | frozenset(OTHER_CITIES) | MUNICIPALITIES | SARS | {"Hong Kong"}

# Chinese surnames as romanised in Mainland (pinyin), Hong Kong (Cantonese) and Macao usage.
SURNAMES: frozenset[str] = frozenset(
    """
    Ai An Ao Au Bai Ban Bao Bei Bi Bian Bo Bu Cai Cao Cen Chai Chan Chang Chao Chau Chen Cheng
    Cheuk Cheung Chew Chi Chiang Chiu Choi Chong Chou Chow Choy Chu Chua Chui Chung Cong Cui Dai
    Deng Ding Dong Dou Du Duan Fan Fang Fei Feng Fok Fong Fu Fung Gao Ge Geng Gong Gu Guan Guo
    Han Hao He Ho Hon Hong Hou Hu Hua Huang Hui Hung Ip Ji Jia Jiang Jin Kam Kan Kang Ko Kong Ku
    Kuang Kwan Kwok Kwong Lai Lam Lan Lang Lau Law Lee Lei Leung Li Lian Liang Liao Lim Lin Ling
    Liu Lo Long Lou Lu Lui Luk Lum Luo Lv Ma Mai Mak Man Mao Mei Meng Miao Mo Mok Mui Ng Ngai
    Ni Nie Nip Ou Pan Pang Pei Peng Poon Pun Qi Qian Qiao Qin Qiu Qu Ren Shao Shek Shen Sheng
    Shi Shih Shu Si Sima Siu So Song Su Sun Sze Szeto Tai Tam Tan Tang Tao Teng Tian Tin Ting
    To Tong Tsai Tsang Tse Tso Tsoi Tsui Tu Tung Wan Wang Wei Wen Wong Woo Wu Xi Xia Xiao Xie
    Xin Xing Xiong Xu Xue Yan Yang Yao Yau Ye Yeung Yi Yim Yin Ying Yip Yiu Yu Yuan Yue Yuen
    Yung Zeng Zhai Zhan Zhang Zhao Zheng Zhong Zhou Zhu Zhuang Zou Ouyang Zhuge Situ Shangguan
    Leong Cheong Ieong Iong Lao Vong Kuok Sou Cheang Sum Chio
    Zuo Ran Rong Ruan Shang Zha Mu Niu Rao Sang Shan Xiang You Zang Zhen Zhuo Zong Gan Huo Jian Jiao Jing
    Kou Leng Min Ning Nong Quan Rui Sui Weng Xian Xuan Xun Yong Yun Zu Ke Diao Gou Gui Lyu Shuai Tong
    """.split()
)


# Macao's surnames of one letter: a name's last word only after a post and its comma ("the President of
# the … Institute, Vincent U."; audit en16), never alone nor after any capitalised word ("Gate U").
LETTER_SURNAMES: frozenset[str] = frozenset({"U", "O"})


def partner_name(place: str) -> str | None:
    """The canonical partner name for a place as written ("Guangdong Province" → "Guangdong")."""
    words = place.replace("Municipality", "").replace("Province", "").replace("City", "").split()
    name = " ".join(words)
    if name == "Macau":
        return "Macao"
    return name if name in PARTNERS else None
