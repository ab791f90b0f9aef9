export { detectSource } from 'modules/imports/reader/detect';
export type { DetectedSource, DetectFailure } from 'modules/imports/reader/detect';
export {
  isCsvSegment,
  parseCsvSegment,
  readRowBatches,
  readRowBatchesFromFile,
  readRowPieces,
  readRows,
  readRowsFromFile,
} from 'modules/imports/reader/read-rows';
export type { CsvSegment, SourcePiece } from 'modules/imports/reader/read-rows';
export * from 'modules/imports/reader/types';
export { readXlsxSheets } from 'modules/imports/reader/xlsx-reader';
