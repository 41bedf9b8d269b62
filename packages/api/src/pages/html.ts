/** The pages' HTML helpers live in @isnad/web; re-exported for the API's own uses (PAGE_CSP). */
export { PAGE_CSP, RawHtml, escapeHtml, html } from "@isnad/web";
