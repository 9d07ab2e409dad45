/** Minimal logging the core may do without depending on a logging library (pino implements it). */
export interface CoreLog {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}
