export { CursorCodec, type Cursor, type KeysetValue } from './cursor';
export { keysetOrder, keysetWindow, type SortDirection } from './order';
export { Pager, Pagination, type Page } from './pager';
export { MAX_PAGE_SIZE, PAGE_PARAM_NAMES, pageParams } from './params';
