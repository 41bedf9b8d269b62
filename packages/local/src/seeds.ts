/**
 * Archives seeds/ (manifest.json + files) through the same ingest use case as any upload.
 * Ingest is idempotent, so running it on every start costs a few reads and changes nothing.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ingest, type Services } from "@isnad/archive";

export interface SeedManifest {
  /** The seed publisher: `name` (the default), and optionally its names by language, domain, URL. */
  publisher: { id: string; name: string; names?: Record<string, string>; domain?: string; url?: string };
  statements: {
    file: string;
    mediaType?: string;
    title?: string;
    language?: string;
    publishedAt?: string;
    sourceUrl?: string;
  }[];
}

export async function readSeedManifest(seedsDir: string): Promise<SeedManifest> {
  return JSON.parse(await readFile(join(seedsDir, "manifest.json"), "utf8")) as SeedManifest;
}

export async function archiveSeeds(
  services: Services,
  seedsDir: string,
): Promise<{ id: string; created: boolean }[]> {
  const manifest = await readSeedManifest(seedsDir);
  const results = [];
  for (const s of manifest.statements) {
    const body = new Uint8Array(await readFile(join(seedsDir, s.file)));
    const { created, statement } = await ingest(services.archive, {
      publisher: manifest.publisher.id,
      body,
      declaredMediaType: s.mediaType ?? null,
      filename: s.file,
      fields: { title: s.title, language: s.language, publishedAt: s.publishedAt, sourceUrl: s.sourceUrl },
    });
    results.push({ id: statement.record.id, created });
  }
  return results;
}
