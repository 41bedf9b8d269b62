/** The JSON shapes of statements in responses, with the links a client follows next. */
import type { StatementView } from "@isnad/archive";

export function statementLinks(id: string) {
  const self = `/v1/statements/${id}`;
  return {
    self,
    page: `/s/${id}`,
    original: `${self}/original`,
    text: `${self}/text`,
    receipt: `${self}/receipt`,
    versions: `${self}/versions`,
  };
}

export function statementJson(view: Pick<StatementView, "record"> & Partial<StatementView>) {
  return {
    id: view.record.id,
    record: view.record,
    supersededBy: view.supersededBy ?? [],
    translations: view.translations ?? [],
    links: statementLinks(view.record.id),
  };
}
