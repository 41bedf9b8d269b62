export * from "./i18n";
export * from "./pages/html";
export * from "./pages/layout";
export * from "./pages/verify-page";
export * from "./pages/provenance-data";
export * from "./pages/provenance-page";
export * from "./client-assets";
