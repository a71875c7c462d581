/**
 * Column types: how one cell is read, checked and normalised. Each builder returns a
 * `ColumnSpec` that carries the header, the help note, what the add-on needs to build data
 * validation, and the zod schema both the add-on and the worker parse the cell with — a column
 * is defined once. Schemas are idempotent: a parsed value parses to itself, so the worker can
 * re-validate what the add-on sent. One module per kind of cell, in ./cells/.
 */
export { bool, choice, readChoice, YES_NO } from "./cells/choice";
export { count } from "./cells/count";
export { date, readDate } from "./cells/date";
export { int, readNumber, shortYearMessage } from "./cells/number";
export { period } from "./cells/period";
export { blankToUndefined, type Col, type ColumnSchema, type ColumnSpec, type ColumnType, type CountFigure } from "./cells/spec";
export { code, NAME_MIN_LETTERS, name, nameProblem, names, phone, splitNames, text } from "./cells/text";
