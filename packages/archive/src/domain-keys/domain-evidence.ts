/**
 * What a domain says about a publisher's keys, read fresh for each registration or rotation:
 * the well-known file over HTTPS (domain-file-fetch.ts) and the optional `_isnad` TXT record,
 * checked against the domain the publisher declared. Each failure is a BAD_REQUEST naming the
 * check (`details.check`) and what was found, so the press office can fix its side.
 */
import {
  isnadTxtKeyIds,
  parseIsnadTxtRecord,
  parsePublisherDomainFile,
  type PublisherDomainFile,
} from "@isnad/core";
import { ArchiveError } from "../errors";
import type { Clock } from "../clock";
import { resolveIsnadTxt } from "./domain-dns";
import { fetchDomainFile, type DomainFetchOptions } from "./domain-file-fetch";
import type { DomainEvidence } from "./domain-key-records";

export interface DomainStatement {
  file: PublisherDomainFile;
  evidence: DomainEvidence;
  /** The key ids the TXT record names; undefined when the domain publishes no isnad record. */
  txtKeyIds: string[] | undefined;
}

const refuse = (check: string, message: string, cause?: unknown) =>
  new ArchiveError("BAD_REQUEST", message, { cause, details: { check } });

export async function readDomainStatement(
  domain: string,
  publisher: string,
  options: DomainFetchOptions,
  clock: Clock,
): Promise<DomainStatement> {
  const [fetched, txt] = await Promise.all([
    fetchDomainFile(domain, options),
    resolveIsnadTxt(options.resolver, domain),
  ]);
  const fetchedAt = clock.now().toISOString();
  let file: PublisherDomainFile;
  try {
    file = parsePublisherDomainFile(fetched.body);
  } catch (cause) {
    throw refuse(
      "well-known",
      `the file at ${fetched.url} is not an isnad publisher file: ${(cause as Error).message}`,
      cause,
    );
  }
  if (file.domain !== domain) {
    throw refuse("domain", `the file at ${fetched.url} declares the domain ${file.domain}, not ${domain}`);
  }
  if (file.publisher !== undefined && file.publisher !== publisher) {
    throw refuse(
      "publisher",
      `the file at ${fetched.url} names the isnad publisher '${file.publisher}', not '${publisher}'`,
    );
  }
  let txtKeyIds: string[] | undefined;
  try {
    txtKeyIds = isnadTxtKeyIds(txt);
  } catch (cause) {
    throw refuse("txt", `the TXT record _isnad.${domain} is malformed: ${(cause as Error).message}`, cause);
  }
  const isnadRecords = txt.filter((r) => parseIsnadTxtRecord(r) !== undefined);
  return {
    file,
    txtKeyIds,
    evidence: {
      url: fetched.url,
      sha256: fetched.sha256,
      certificateSha256: fetched.certificateSha256,
      fetchedAt,
      txt: isnadRecords.length > 0 ? isnadRecords.join("\n") : null,
    },
  };
}
