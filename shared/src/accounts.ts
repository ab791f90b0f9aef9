/** Companies and contacts: lists, detail pages, manual edits, merges of duplicates and their undo. */
export * from './accounts/company';
export * from './accounts/fields';
export * from './accounts/history';
export * from './accounts/contacts';
export * from './accounts/companies';
