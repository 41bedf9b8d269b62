/**
 * The JSON of GET/POST /v1/verify as the page reads it (packages/api routes/verify.ts and
 * quote-view.ts). Only what the page shows is declared; unknown members are ignored.
 */
import type { DifferenceKey, FoldKey } from "../strings/verify-strings";

export type Signature =
  { valid: true; keyId: string } | { valid: false; keyId: string | null; reason: string };

export type Inclusion =
  { checked: true; leafIndex: number; treeSize: number } | { checked: false; reason: string };

export interface StatementLinks {
  self: string;
  page: string;
  original: string;
  text: string;
  receipt: string;
  versions: string;
}

/** The publisher as the API names it (issue #14); older servers sent the id alone. */
export interface PublisherJson {
  id: string;
  name: string;
  names?: Readonly<Record<string, string>>;
  domain?: string;
  url?: string;
}

export interface MatchBase {
  statement: string;
  publisher: string | PublisherJson;
  title: string | null;
  language?: string | null;
  publishedAt: string | null;
  receivedAt: string;
  superseded: boolean;
  supersededBy: string[];
  signature: Signature;
  /** The publisher's own signature (issue #17): null when it did not sign; absent on older servers. */
  signedBy?: { domain: string; keyId: string; format: string } | null;
  /** Added by the transparency log (issue #4); absent on older servers. */
  inclusion?: Inclusion;
  links: StatementLinks;
}

export interface Span {
  start: number;
  end: number;
  quoteStart: number;
  quoteEnd: number;
}

export interface Difference extends Span {
  kind: DifferenceKey;
  quote: string;
  original: string;
  /** Where the archived text is damaged under this difference (verdict "uncertain"). */
  damaged?: { start: number; end: number };
  /** The page of the original file (PDF) the archived side is on. */
  page?: number;
  /** A screenshot's difference that OCR may have made (verdict "uncertain"), and why it cannot show an alteration. */
  ocr?: boolean;
  reason?: "ocr" | "damage";
  /** A screenshot's: the image regions of the words read there. */
  boxes?: ImageBox[];
}

export interface ImageBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type QuoteVerdict = "verbatim" | "same-words" | "abridged" | "uncertain" | "altered" | "not-found";

export interface QuoteMatch extends MatchBase {
  verdict: QuoteVerdict;
  wholeStatement: boolean;
  passages: Span[];
  folded: FoldKey[];
  differences: Difference[];
}

export interface HashVerification {
  query: { sha256: string };
  verdict: "authentic" | "unverified" | "not-found";
  matches: MatchBase[];
}

export interface QuoteVerification {
  query: { text: string };
  verdict: QuoteVerdict | "unverified";
  matches: QuoteMatch[];
  /** Paging (absent from servers before it): results over all pages, page size, next page. */
  total?: number;
  limit?: number;
  cursor?: string | null;
  complete?: boolean;
}

/** A screenshot's answer (POST /v1/verify with an image that is not itself archived). */
export interface ScreenshotVerification extends Omit<QuoteVerification, "query"> {
  query: { image: { mediaType: string; bytes: number; width: number; height: number } };
  read: { text: string; engine: string; width: number; height: number };
}

/** An RFC 9457 problem, as the API's errors are. */
export interface Problem {
  title?: string;
  detail?: string;
  status?: number;
}
