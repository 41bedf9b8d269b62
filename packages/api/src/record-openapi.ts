/**
 * OpenAPI for the signed statement record (packages/archive/src/statement-record.ts) and for the
 * differences of a quote's match (packages/core/src/text/quote-report.ts). The record is a public
 * format: fields are added, never renamed; `text.quality` (issue #12) and `text.reason` (issue
 * #13) are such additions, absent in records made before them.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nullableString = { type: ["string", "null"] };
const hex64 = { type: "string", pattern: "^[0-9a-f]{64}$" };
const count = (description: string) => ({ type: "integer", minimum: 0, description });
const span = {
  type: "array",
  description:
    "A [start, end) range of UTF-16 offsets into the extracted text (GET /v1/statements/{id}/text).",
  items: { type: "integer", minimum: 0 },
  minItems: 2,
  maxItems: 2,
};

export const recordSchemas = {
  TextQuality: {
    type: "object",
    description:
      "How far the extracted letters can be trusted (issue #12). A quote difference that falls on a damaged " +
      "span is reported as verdict `uncertain` (compare with the original file), never `altered`.",
    properties: {
      status: {
        type: "string",
        enum: ["ok", "degraded"],
        description: "`degraded` when any count is non-zero; `text.status` stays `ok` for usable text.",
      },
      unmappedGlyphs: count("Glyphs the document's fonts map to no character, not recovered (PDF)."),
      replacementChars: count("U+FFFD, or a placeholder such as `#`, standing where a letter was lost."),
      isolatedMarks: count("Combining marks (tashkeel, accents) left with no base letter."),
      reorderedRuns: count(
        "Runs whose visual order could not be put back into logical order with confidence.",
      ),
      damaged: {
        type: "array",
        description: "Where the letters cannot be trusted: sorted, disjoint, at most 512 spans.",
        items: span,
      },
    },
    required: ["status", "unmappedGlyphs", "replacementChars", "isolatedMarks", "reorderedRuns", "damaged"],
  },
  StatementRecord: {
    type: "object",
    description:
      "The signed statement record (isnad.statement/v1). Its RFC 8785 canonical JSON is signed and is the " +
      "log entry; fields are added, never renamed.",
    properties: {
      type: { type: "string", const: "isnad.statement/v1" },
      id: { type: "string", pattern: "^[0-9a-f]{32}$" },
      publisher: { type: "string" },
      title: nullableString,
      language: nullableString,
      publishedAt: {
        ...nullableString,
        description: "When the publisher says it published it (their claim).",
      },
      receivedAt: { type: "string", format: "date-time", description: "When isnad received it (its clock)." },
      sourceUrl: nullableString,
      original: {
        type: "object",
        properties: {
          sha256: hex64,
          size: { type: "integer", minimum: 0 },
          mediaType: { type: "string", description: "Decided from the bytes, not only the client's claim." },
          filename: nullableString,
        },
        required: ["sha256", "size", "mediaType", "filename"],
      },
      text: {
        type: ["object", "null"],
        description: "The extracted text (stored beside the original); null when none was extracted.",
        properties: {
          status: {
            type: "string",
            enum: ["ok", "ocr", "empty", "unsupported", "failed"],
            description:
              "`ok` and `ocr` texts are stored and indexed for quote verification; `ocr`: read by OCR from an " +
              "image or a scanned PDF (issue #18), so it may hold recognition errors.",
          },
          sha256: { ...hex64, type: ["string", "null"], description: "SHA-256 of the text's UTF-8." },
          length: {
            type: "integer",
            minimum: 0,
            description: "In UTF-16 code units, the unit of quote offsets.",
          },
          fingerprint: {
            type: ["object", "null"],
            properties: { normalization: { type: "string" }, sha256: hex64 },
          },
          quality: {
            ...ref("TextQuality"),
            description:
              "The extraction's damage report (issue #12); absent when not assessed (older records).",
          },
          reason: {
            type: "string",
            description:
              'Why there is no text, in words, when `status` is not `ok` (e.g. "took longer than 20 s"); ' +
              "absent for `ok` and in older records.",
          },
          ocrEngine: {
            type: "string",
            description: 'The OCR engine that read an `ocr` text, e.g. "tesseract 5.3.0 (ara)".',
          },
        },
        required: ["status", "sha256", "length", "fingerprint"],
      },
      supersedes: nullableString,
      translationOf: nullableString,
      publisherSignature: {
        type: "object",
        description:
          "The publisher's own signature (issue #17), checked at upload against its domain's keys; absent " +
          "when the upload carried none. Its message is rebuilt from this record (isnad-statement/v1).",
        properties: {
          format: { type: "string", enum: ["sshsig", "ed25519", "cose-sign1"] },
          keyId: { type: "string", description: "ed25519: + 16 hex digits of SHA-256(public key)" },
          domain: { type: "string", description: "The domain that declared the key" },
          publicKey: { type: "string", contentEncoding: "base64" },
          signature: {
            type: "string",
            description:
              "The armored SSHSIG, or 64 bytes base64 (cose-sign1: the signature of the COSE_Sign1 that is the original)",
          },
        },
        required: ["format", "keyId", "domain", "publicKey", "signature"],
      },
    },
    required: ["type", "id", "publisher", "receivedAt", "original", "text"],
  },
  QuoteDifference: {
    type: "object",
    description:
      "One difference between a quote and the archived passage: the original's side (`original`, " +
      "`start`–`end` in the text) and the quote's (`quote`, `quoteStart`–`quoteEnd`).",
    properties: {
      kind: { type: "string", enum: ["negation", "number", "word", "missing", "extra", "splice"] },
      original: { type: "string" },
      quote: { type: "string" },
      start: { type: "integer" },
      end: { type: "integer" },
      quoteStart: { type: "integer" },
      quoteEnd: { type: "integer" },
      damaged: {
        type: "object",
        description:
          "Present when the archived text is damaged here (see TextQuality): the difference may be the " +
          "extraction's, not the quote's, and the verdict is `uncertain`.",
        properties: { start: { type: "integer" }, end: { type: "integer" } },
      },
      page: {
        type: "integer",
        minimum: 1,
        description: "The page of the original file (PDF) where the archived passage is, to compare with it.",
      },
      ocr: {
        type: "boolean",
        description:
          "For a screenshot: true when OCR may have made this difference (the same letters but for dots, hamza, " +
          "punctuation and lookalike glyphs); such differences make the verdict `uncertain`, never `altered`.",
      },
      reason: {
        type: "string",
        enum: ["ocr", "damage"],
        description: "For a screenshot: why this difference cannot show an alteration, if it cannot.",
      },
      boxes: {
        type: "array",
        items: { $ref: "#/components/schemas/ImageBox" },
        description: "For a screenshot: the image regions of the words read here (none for words missing).",
      },
    },
    required: ["kind", "original", "quote", "start", "end", "quoteStart", "quoteEnd"],
  },
};
