/**
 * Everything a page request renders with: @isnad/web's page templates and their strings, and the
 * API's page builders. Loaded only through lazy-pages.ts, so none of it is parsed at a Lambda's
 * cold start (issue #15).
 */
export { ATOM_CONTENT_TYPE, errorPage, verifyPage } from "@isnad/web";
export { provenanceHtml } from "./provenance-page";
export { publisherFeed, publisherHtml } from "./publisher-pages";
export { aboutHtml } from "./about";
