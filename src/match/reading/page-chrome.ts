/**
 * Page chrome: the lines a page wraps around the story, which report nothing and are not read for claims.
 * @module
 */

/**
 * Lines a page wraps around the story: breadcrumbs ("Cloud › AI › Infrastructure"), share, sign-up, log-in and
 * comment prompts, app and trading adverts, "You might also like" and "Read more" labels.
 */
const PAGE_CHROME =
  /^\s*(?:share this|share on|sign up|subscribe|log ?in to|download (?:the|our) app|you might also like|related(?: stories| articles)?:|read more|advertisement|\d+\s+comments?\b)|\btrade\s+(?:[A-Z][\w.]*(?:,|\sand)?\s+){1,4}stocks\b|分享到|相关阅读|相關閱讀|猜你喜欢|猜你喜歡|扫码下载|掃碼下載|登录后评论|登錄後評論|点击订阅|點擊訂閱/iu;

/** Breadcrumb separators: "Cloud › AI › Infrastructure" has two. */
const CRUMB = /\s[›»>]\s/g;

/** True for a short line of page chrome (a breadcrumb, a prompt, an advert). */
export function isPageChrome(sentence: string): boolean {
  if (sentence.length >= 200) return false;
  return (sentence.match(CRUMB)?.length ?? 0) >= 2 || PAGE_CHROME.test(sentence);
}
