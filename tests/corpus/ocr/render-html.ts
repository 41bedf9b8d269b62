/**
 * The pages render.ts screenshots: a post card holding one paragraph, and a phone screen drawn
 * around the same card (status bar, app bar, avatar, action icons). The phone's chrome is drawn
 * with shapes only, no text, so that every letter in a crop is a letter of the ground truth.
 */
import type { Render } from "./cases";

/** The text as HTML, a line break where it has one (an added line: cases.ts). */
const textHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\n/g, "<br>");

function page(language: string, style: string, body: string): string {
  const dir = language === "ar" ? "rtl" : "ltr";
  return `<!doctype html>
<html lang="${language}" dir="${dir}">
<head><meta charset="utf-8"><style>
html, body { margin: 0; background: #fff; }
${style}
</style></head>
<body>${body}</body>
</html>`;
}

export function cardPage(text: string, language: string, render: Render): string {
  const style = `#shot { display: inline-block; width: 720px; padding: 24px 28px; background: #fff; color: #0f1419;
  font-family: "${render.font}"; font-size: ${render.size}px; line-height: 1.7; }
#shot p { margin: 0; }`;
  return page(language, style, `<div id="shot"><p>${textHtml(text)}</p></div>`);
}

export function phonePage(text: string, language: string, render: Render): string {
  const style = `body { background: #d8dde3; padding: 20px; }
.phone { width: 390px; border: 12px solid #15171a; border-radius: 44px; background: #fff; overflow: hidden; }
.status { height: 44px; display: flex; align-items: center; justify-content: space-between; padding: 0 24px; direction: ltr; }
.notch { width: 120px; height: 26px; background: #15171a; border-radius: 0 0 16px 16px; align-self: flex-start; }
.pill { width: 44px; height: 10px; border-radius: 5px; background: #15171a; }
.bars { display: flex; gap: 3px; align-items: flex-end; }
.bars i { display: block; width: 4px; background: #15171a; }
.appbar { height: 48px; border-bottom: 1px solid #e6e9ec; display: flex; align-items: center; padding: 0 16px; }
.back { width: 12px; height: 12px; border-left: 3px solid #1d9bf0; border-bottom: 3px solid #1d9bf0; transform: rotate(45deg); }
.post { padding: 14px 16px; }
.author { display: flex; gap: 10px; align-items: center; margin-bottom: 10px; }
.avatar { width: 44px; height: 44px; border-radius: 50%; background: linear-gradient(135deg, #2b6f3a, #8fbf6a); }
.name { width: 120px; height: 12px; border-radius: 6px; background: #0f1419; }
.handle { width: 80px; height: 10px; border-radius: 5px; background: #9aa4ad; margin-top: 6px; }
.text { margin: 0; color: #0f1419; font-family: "${render.font}"; font-size: ${render.size}px; line-height: 1.6; }
.actions { display: flex; justify-content: space-between; padding: 12px 8px 4px; }
.actions i { display: block; width: 18px; height: 18px; border: 2px solid #8a949c; border-radius: 50%; }
.home { height: 60px; display: flex; justify-content: center; align-items: flex-end; padding-bottom: 8px; }
.home i { width: 134px; height: 5px; border-radius: 3px; background: #15171a; }`;
  const body = `<div class="phone">
<div class="status"><div class="bars"><i style="height:4px"></i><i style="height:7px"></i><i style="height:10px"></i><i style="height:13px"></i></div><div class="notch"></div><div class="pill"></div></div>
<div class="appbar"><div class="back"></div></div>
<div class="post">
<div class="author"><div class="avatar"></div><div><div class="name"></div><div class="handle"></div></div></div>
<p class="text">${textHtml(text)}</p>
<div class="actions"><i></i><i></i><i></i><i></i></div>
</div>
<div class="home"><i></i></div>
</div>`;
  return page(language, style, body);
}
