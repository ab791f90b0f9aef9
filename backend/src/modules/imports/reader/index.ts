export { detectSource } from 'modules/imports/reader/detect';
export type { DetectedSource, DetectFailure } from 'modules/imports/reader/detect';
export { readRowBatches, readRowBatchesFromFile, readRows, readRowsFromFile } from 'modules/imports/reader/read-rows';
export * from 'modules/imports/reader/types';
export { readXlsxSheets } from 'modules/imports/reader/xlsx-reader';
