export type SourceFormat = 'csv' | 'xlsx';
/** 'utf-16le' is what Excel's "Unicode Text" export writes (tab-delimited, with a BOM). */
export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

export interface ReadOptions {
  format?: SourceFormat;
  encoding?: TextEncoding;
  delimiter?: string;
  /** Worksheet name (XLSX); default: the first visible worksheet. */
  sheet?: string;
  /** Helps detection when the bytes cannot decide (a zip whose first entries are not in the head). */
  fileName?: string;
  /** A longer cell rejects its row with 'cell.too_large'; never more than this is buffered per cell. Default 1 MiB. */
  maxCellBytes?: number;
  /** Default 500. */
  maxColumns?: number;
  /** Bytes of cells buffered for one row; past it the row is rejected with 'row.too_large'. Default 16 MiB. */
  maxRowBytes?: number;
  /** XLSX shared strings kept in memory (count). Default 5,000,000. */
  maxSharedStrings?: number;
  /** XLSX shared strings kept in memory (UTF-8 bytes). Default 256 MiB. */
  maxSharedStringBytes?: number;
  signal?: AbortSignal;
  /**
   * CSV (readRowPieces only): once the first row is read, the rest of the file comes as CsvSegments of
   * about this many bytes, whole rows each, for other threads to parse (parseCsvSegment).
   */
  segmentBytes?: number;
}

export interface SourceRow {
  /** 1-based line of the row's first line in the file (CSV) or the sheet row number (XLSX). */
  line: number;
  cells: string[];
}

export type RowProblemReason =
  | 'cell.too_large'
  | 'row.too_many_columns'
  | 'row.too_large'
  | 'csv.unterminated_quote'
  | 'encoding.invalid_bytes';

export interface RowProblem {
  line: number;
  reason: RowProblemReason;
  detail?: string;
}

export type SourceItem = SourceRow | RowProblem;

export function isRowProblem(item: SourceItem): item is RowProblem {
  return 'reason' in item;
}

export type SourceFileErrorCode =
  | 'file.empty'
  | 'file.unsupported_type'
  | 'file.encoding_unknown'
  | 'xlsx.corrupt'
  | 'xlsx.sheet_not_found'
  | 'xlsx.too_many_shared_strings';

/** What kind of unsupported file it looked like, so the UI can say what to do. */
export type UnsupportedKind =
  | 'xls'
  | 'encrypted'
  | 'xlsb'
  | 'ods'
  | 'docx'
  | 'pptx'
  | 'zip'
  | 'pdf'
  | 'image'
  | 'archive'
  | 'html'
  | 'xml'
  | 'binary';

/** A problem with the file as a whole: nothing can be read from it. */
export class SourceFileError extends Error {
  constructor(
    readonly code: SourceFileErrorCode,
    message: string,
    readonly kind?: UnsupportedKind,
  ) {
    super(message);
    this.name = 'SourceFileError';
  }
}

export const DEFAULT_MAX_CELL_BYTES = 1024 * 1024;
export const DEFAULT_MAX_COLUMNS = 500;
export const DEFAULT_MAX_ROW_BYTES = 16 * 1024 * 1024;
export const DEFAULT_MAX_SHARED_STRINGS = 5_000_000;
export const DEFAULT_MAX_SHARED_STRING_BYTES = 256 * 1024 * 1024;
/** How much of the file detection looks at. */
export const HEAD_BYTES = 64 * 1024;
