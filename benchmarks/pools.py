"""Word pools for the synthetic benchmark corpus: partners, people, posts, areas, measures, agreements.

SYNTHETIC: every name, post holder, measure and agreement title below was written here for
cooptrack's benchmarks. They imitate the genre (Hong Kong's co-operation conferences with Mainland
partners) but describe no real meeting and quote no real release. The partners are real places,
and the posts are the usual titles of the genre; the people holding them are invented.
"""

from __future__ import annotations

# (partner, its formal name in a post, a city where meetings are held)
PARTNERS: tuple[tuple[str, str, str], ...] = (
    ("Guangdong", "Guangdong Province", "Guangzhou"),
    ("Beijing", "Beijing Municipality", "Beijing"),
    ("Shanghai", "Shanghai Municipality", "Shanghai"),
    ("Tianjin", "Tianjin Municipality", "Tianjin"),
    ("Chongqing", "Chongqing Municipality", "Chongqing"),
    ("Fujian", "Fujian Province", "Fuzhou"),
    ("Sichuan", "Sichuan Province", "Chengdu"),
    ("Zhejiang", "Zhejiang Province", "Hangzhou"),
    ("Hubei", "Hubei Province", "Wuhan"),
    ("Hunan", "Hunan Province", "Changsha"),
    ("Jiangsu", "Jiangsu Province", "Nanjing"),
    ("Shandong", "Shandong Province", "Jinan"),
    ("Hainan", "Hainan Province", "Haikou"),
    ("Guangxi", "Guangxi", "Nanning"),
    ("Jiangxi", "Jiangxi Province", "Nanchang"),
    ("Anhui", "Anhui Province", "Hefei"),
    ("Henan", "Henan Province", "Zhengzhou"),
    ("Shaanxi", "Shaanxi Province", "Xi'an"),
    ("Yunnan", "Yunnan Province", "Kunming"),
    ("Guizhou", "Guizhou Province", "Guiyang"),
    ("Liaoning", "Liaoning Province", "Shenyang"),
    ("Jilin", "Jilin Province", "Changchun"),
    ("Heilongjiang", "Heilongjiang Province", "Harbin"),
    ("Hebei", "Hebei Province", "Shijiazhuang"),
    ("Shanxi", "Shanxi Province", "Taiyuan"),
    ("Gansu", "Gansu Province", "Lanzhou"),
    ("Qinghai", "Qinghai Province", "Xining"),
    ("Ningxia", "Ningxia", "Yinchuan"),
    ("Xinjiang", "Xinjiang", "Urumqi"),
    ("Shenzhen", "Shenzhen Municipality", "Shenzhen"),
    ("Xiamen", "Xiamen Municipality", "Xiamen"),
    ("Qingdao", "Qingdao Municipality", "Qingdao"),
    ("Ningbo", "Ningbo Municipality", "Ningbo"),
    ("Dalian", "Dalian Municipality", "Dalian"),
    ("Suzhou", "Suzhou Municipality", "Suzhou"),
    ("Wenzhou", "Wenzhou Municipality", "Wenzhou"),
    ("Quanzhou", "Quanzhou Municipality", "Quanzhou"),
    ("Foshan", "Foshan Municipality", "Foshan"),
    ("Dongguan", "Dongguan Municipality", "Dongguan"),
    ("Zhuhai", "Zhuhai Municipality", "Zhuhai"),
)

HK_SURNAMES = "Chan Wong Lee Cheung Lau Leung Ho Tsang Lam Yeung Ng Tang Kwok Fung Lo Yip Mak Chow Siu Choi".split()
HK_SYLLABLES = "Kwok Wai Ka Chi Man Ming Kin Yuk Wing Pui Sze Hon Siu Tak Yan Lai Kit Fai Shun Hung".split()
ENGLISH_NAMES = "Erick Kevin Paul Carrie Bernadette Patrick Alice Henry Rebecca Joseph Sophia Gregory Irene".split()
MAINLAND_SURNAMES = "Zhang Wang Li Liu Chen Yang Zhao Huang Zhou Wu Xu Sun Hu Zhu Gao Lin He Guo Ma Luo".split()
MAINLAND_SYLLABLES = "ning jun hua wei ping jian guo xin ming li hong yu feng lan qing tao bo shan yi chun".split()
HONORIFICS = ("Mr", "Mr", "Ms", "Mr", "Dr", "Professor")

HK_LEADS = ("Chief Executive", "Chief Secretary for Administration", "Financial Secretary", "Secretary for Justice")
HK_OFFICIALS = (
    "Secretary for Constitutional and Mainland Affairs",
    "Secretary for Commerce and Economic Development",
    "Secretary for Education",
    "Secretary for Innovation, Technology and Industry",
    "Secretary for Culture, Sports and Tourism",
    "Secretary for Financial Services and the Treasury",
    "Secretary for Transport and Logistics",
    "Secretary for Health",
    "Secretary for Environment and Ecology",
    "Under Secretary for Constitutional and Mainland Affairs",
    "Permanent Secretary for Commerce and Economic Development",
)
MAINLAND_LEADS = ("Governor of {formal}", "Executive Vice Governor of {formal}", "Vice Governor of {formal}")
CITY_LEADS = ("Mayor of {formal}", "Executive Vice Mayor of {formal}", "Vice Mayor of {formal}")

NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()
MONTHS = "January February March April May June July August September October November December".split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

# heading -> measure templates; {p} is the partner, {c} its city, {n} a number, {m} an amount
AREAS: dict[str, tuple[str, ...]] = {
    "Trade and investment": (
        "Support {p} enterprises and Hong Kong enterprises to join hands in investment and trade in countries "
        "along the Belt and Road, and hold {n} economic and trade promotion activities each year.",
        "Encourage {p} enterprises to take part in the international professional fairs held in Hong Kong, and "
        "support Hong Kong businesses in setting up regional headquarters in {c}.",
        "Set up a joint working group on trade facilitation to follow up on customs clearance, standards and "
        "certification for goods moving between {p} and Hong Kong.",
    ),
    "Finance": (
        "Support {p} enterprises to list in Hong Kong and issue offshore Renminbi bonds, including green and "
        "sustainable bonds, to finance their development.",
        "Promote co-operation between the financial regulators of the two places on cross-boundary wealth "
        "management, and hold {n} joint seminars for {p} financial institutions.",
        "Encourage {p} to issue bonds worth RMB {m} billion in Hong Kong and use the city's capital market for "
        "green finance and certification.",
    ),
    "Innovation and technology": (
        "Strengthen co-operation between the State Key Laboratories in {p} and Hong Kong, and jointly promote "
        "the transfer of research results in {n} leading fields.",
        "Support universities and research institutes of the two places in jointly building laboratories for "
        "biomedicine and new materials in {c}.",
        "Set up an innovation fund of RMB {m} million to support start-ups founded by young people of the two places.",
    ),
    "Legal and dispute resolution services": (
        "Promote exchanges between the legal sectors of the two places and support {p} enterprises in using Hong "
        "Kong's arbitration and mediation services.",
        "Organise {n} training courses on cross-boundary commercial law for legal practitioners from {p}.",
    ),
    "Healthcare and Chinese medicine": (
        "Deepen exchanges between {p} and Hong Kong in Chinese medicine services, personnel training and the "
        "registration of proprietary Chinese medicines.",
        "Support {n} hospitals in {c} to partner with Hong Kong public hospitals on clinical training and "
        "telemedicine.",
    ),
    "Education": (
        "Encourage more schools in the two places to form sister schools, and raise the number of sister-school "
        "pairs to {n} within three years.",
        "Continue the scheme for admitting Hong Kong students to higher education institutions in {p}, with "
        "{n} additional places.",
    ),
    "Culture and tourism": (
        "Encourage cultural institutions of {p} and Hong Kong to jointly plan performances and exhibitions, and "
        "hold a cultural week in {c}.",
        "Support the tourism boards of the two places in developing multi-destination itineraries and "
        "cross-boundary cruise routes.",
    ),
    "Youth development": (
        "Offer {n} summer internship places in {c} enterprises for Hong Kong university students each year.",
        "Organise exchange tours for secondary school students of the two places to increase their "
        "understanding of the country's development.",
    ),
    "Transport and logistics": (
        "Deepen co-operation between the logistics sectors of {p} and Hong Kong in project development and "
        "personnel training, and open {n} new air cargo routes.",
        "Hong Kong will provide {p} with consultation on airport operation management and multimodal transport.",
    ),
    "Environmental protection": (
        "Strengthen co-operation on air quality monitoring and the reduction of carbon emissions, with a target "
        "cut of {n} per cent by 2030.",
        "Share experience in waste management and the conservation of wetlands between {p} and Hong Kong.",
    ),
    "Facilitation for Hong Kong people in the Mainland": (
        "{p} will implement the measures that let Hong Kong residents living in {c} enjoy the same treatment as "
        "local residents in education, employment and social security.",
        "Set up {n} service points in {c} to help Hong Kong people with residence and business registration.",
    ),
}

AGREEMENT_FIELDS = (
    "Financial Services",
    "Youth Internship Exchange",
    "Chinese Medicine",
    "Innovation and Technology",
    "Cultural Exchange",
    "Legal Services",
    "Tourism Promotion",
    "Education Exchange",
    "Customs Facilitation",
    "Environmental Protection",
)
AGREEMENT_FORMS = (
    "Memorandum of Understanding on Co-operation in {f} between Hong Kong and {p}",
    "Agreement on {f} Co-operation between {p} and Hong Kong",
    "Letter of Intent on Co-operation in {f}",
    "Framework Agreement on {f} between Hong Kong and {p}",
)

# Things printed on a page that are not the release.
PHOTO_CAPTIONS = (
    "The {lead}, {name} (left), and the {other}, {other_name} (right), at the meeting today.",
    "Officials of the two places pose for a group photo after the meeting in {c}.",
)
NEWS_OUTLETS = ("The Harbour Ledger", "Pearl River Daily", "Bauhinia Business Wire", "The Kowloon Courier")
RELATED_HEADLINES = (
    "Port operators report record transhipment volume",
    "Typhoon signal No 8 hoisted overnight",
    "Bay Area firms eye northern markets",
    "New ferry route to open next spring",
    "Property prices ease for third month",
)
GLUED_ARTICLES = (
    "A new cold-chain logistics centre opened at {c} port this week, and its operators expect to handle "
    "{n} thousand tonnes of fruit and seafood in its first year.",
    "The {c} municipal museum will show a travelling exhibition of bronze ware from the spring, with {n} "
    "pieces lent by museums of the province.",
)
