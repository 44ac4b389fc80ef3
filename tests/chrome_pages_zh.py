"""Synthetic Chinese pages for the Chinese chrome families of ``data/chrome.toml`` ([ZH-NOISE]).

Invented text: a Hong Kong/Hunan plenary that never took place; only the chrome imitates what
each source prints. Read by tests/test_chrome.py (one page per family).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

HEADLINE_ZH = "政務司司長與湖南省副省長共同主持港湘合作會議第三次會議"
LEAD_ZH = (
    "  政務司司長林嘉明與湖南省副省長周偉今日(五月十四日)在長沙共同主持港湘合作會議第三次會議。"
    "雙方同意在物流和旅遊兩個範疇深化合作。"
)
BODY_ZH = f"""{LEAD_ZH}

  雙方將支持兩地物流企業開拓經香港的鐵路及內河貨運新線路。

  隨團出席會議的特區政府官員包括運輸及物流局局長何俊偉。"""
KEPT_ZH = ["共同主持港湘合作會議第三次會議", "支持兩地物流企業", "運輸及物流局局長何俊偉"]


def zh_pages(page: Any) -> list[Any]:
    """The pages, built with test_chrome's ``Page`` class."""
    return [
        page(
            "gia-zh",
            "gia-chinese-release",
            f"跳至主要內容\n今日新聞公報\n{HEADLINE_ZH}\n{'*' * 40}\n{BODY_ZH}\n\n"
            "完\n\n2025年5月14日(星期三)\n香港時間19時05分\n",
            title=HEADLINE_ZH,
            gone=["跳至主要內容", "今日新聞公報", "香港時間", "2025年5月14日"],
            kept=KEPT_ZH,
            ended=True,
        ),
        page(
            "news-portal-zh",
            "portal-chinese",
            f"按此，跳至主要內容。\n字型大小\nEnglish 繁體 简体\n2025年5月14日\n要聞\n{HEADLINE_ZH}\n\n{BODY_ZH}\n",
            title=HEADLINE_ZH,
            gone=["按此", "字型大小", "繁體", "要聞"],
            kept=KEPT_ZH,
            page_date=dt.date(2025, 5, 14),
        ),
        page(
            "hk-media-zh",
            "paper-and-broadcaster",
            f"無綫新聞 TVB News\nSkip This Ads\n{HEADLINE_ZH}\n\n【明報專訊】{BODY_ZH.lstrip()}\n\nclose ad\n",
            title=HEADLINE_ZH,
            gone=["無綫新聞", "Skip This Ads", "明報專訊", "close ad"],
            kept=KEPT_ZH,
        ),
        page(
            "hk-media-zh",
            "advert-label-between-halves",
            f"{HEADLINE_ZH}\n\n{LEAD_ZH}\n\n廣告\n\n{BODY_ZH[len(LEAD_ZH) :].strip()}\n",
            title=HEADLINE_ZH,
            gone=["廣告"],
            kept=KEPT_ZH,
        ),
        page(
            "mainland-media-zh",
            "old-portal-top-links",
            f"设为首页 加入收藏 手机版\n{HEADLINE_ZH}\n\n{BODY_ZH}\n",
            title=HEADLINE_ZH,
            gone=["设为首页", "加入收藏", "手机版"],
            kept=KEPT_ZH,
        ),
        page(
            "mainland-media-zh",
            "mobile-detail-view",
            f"详情\n返回 详情\n{HEADLINE_ZH}\n\n{BODY_ZH}\n\n打开APP 阅读更多 点赞 分享\n",
            title=HEADLINE_ZH,
            gone=["返回", "详情", "打开APP"],
            kept=KEPT_ZH,
            ended=True,
        ),
        page(
            "mainland-media-zh",
            "repost-with-licence",
            f"您当前的位置：首页 >> 要闻 >> 正文\n{HEADLINE_ZH}分享到：\n来源：新华网\n\n{BODY_ZH}\n\n"
            "责任编辑：王明\n相关新闻\n港湘物流合作再上新台阶\n京公网安备 11010502000001号\n",
            title=HEADLINE_ZH,
            gone=["您当前的位置", "分享到", "来源", "责任编辑", "相关新闻", "港湘物流合作再上新台阶", "京公网安备"],
            kept=KEPT_ZH,
            ended=True,
        ),
        page(
            "wechat-article-zh",
            "account-article-saved-as-text",
            f"點擊上方藍字 關注我們\n{HEADLINE_ZH}\n原創 小湘 湘港在線 2025年5月14日 20:30 湖南\n\n{BODY_ZH}\n\n"
            "編輯:小湘 審核:阿港\n往期推薦\n長沙地鐵新線開通\n閱讀原文\n分享 收藏 點讚 在看\n微信掃一掃 關注該公眾號\n",
            title=HEADLINE_ZH,
            gone=["點擊上方藍字", "原創 小湘", "編輯:小湘", "往期推薦", "長沙地鐵新線開通", "閱讀原文", "微信掃一掃"],
            kept=KEPT_ZH,
            ended=True,
            page_date=dt.date(2025, 5, 14),
        ),
        page(
            "wechat-article-zh",
            "account-page-buttons-only",
            f"{HEADLINE_ZH}\n湘港在線 2025-05-14 20:30 發表於湖南\n\n{BODY_ZH}\n\n"
            "喜歡此內容的人還喜歡\n長沙地鐵新線開通\n繼續滑動看下一個\n向上滑動看下一個\n",
            title=HEADLINE_ZH,
            gone=["湘港在線 2025-05-14", "喜歡此內容的人還喜歡", "長沙地鐵新線開通", "繼續滑動看下一個"],
            kept=KEPT_ZH,
            ended=True,
            page_date=dt.date(2025, 5, 14),
        ),
    ]
