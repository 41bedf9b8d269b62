/**
 * The verify page's pager for quotes found in many statements (issue #12: "the page says how
 * many more there are and pages through them"), in Arabic and English.
 */
import type { Lang } from "../i18n";

export interface QuotePagingStrings {
  label: string;
  /** {from}–{to} of {total}. */
  showing: string;
  /** When more statements may hold the quote than were examined. */
  incomplete: string;
  next: string;
  previous: string;
}

export const QUOTE_PAGING_STRINGS: Record<Lang, QuotePagingStrings> = {
  ar: {
    label: "صفحات النتائج",
    showing: "البيانات {from}–{to} من أصل {total} تحتوي هذا الاقتباس",
    incomplete:
      "قد تحتوي بيانات أخرى هذه الكلمات أيضًا: كلماتها شائعة في الأرشيف. اقتبس كلمات أكثر لتضييق البحث.",
    next: "التالية",
    previous: "السابقة",
  },
  en: {
    label: "Result pages",
    showing: "Statements {from}–{to} of {total} that hold this quote",
    incomplete:
      "More statements may hold these words: they are common in the archive. Quote more words to narrow it down.",
    next: "Next",
    previous: "Previous",
  },
};
