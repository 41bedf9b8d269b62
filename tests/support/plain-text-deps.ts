/**
 * ArchiveDeps for benches and tests of quoting and indexing: the real stores, signer and clock,
 * with plain text decoded in process instead of the extraction pool (a few workers and a short
 * queue, measured elsewhere; many concurrent ingests would find it busy) and no log.
 */
import { systemClock, type ArchiveDeps, type ItemStore, type ObjectStore, type Signer } from "@isnad/archive";
import { fingerprintText } from "@isnad/core";

export function plainTextDeps(
  stores: { objects: ObjectStore; items: ItemStore },
  signer: Signer,
  options: { indexText: NonNullable<ArchiveDeps["indexText"]>; maxUploadBytes: number },
): ArchiveDeps {
  return {
    objects: stores.objects,
    items: stores.items,
    signer,
    clock: systemClock,
    extractor: {
      extract: (bytes) =>
        Promise.resolve({ mediaType: "text/plain", status: "ok", text: new TextDecoder().decode(bytes) }),
    },
    fingerprint: fingerprintText,
    indexText: options.indexText,
    limits: { maxUploadBytes: options.maxUploadBytes },
  };
}
