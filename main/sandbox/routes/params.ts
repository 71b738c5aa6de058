// Query and header validation with FastAPI's error shapes, collected so one 400 lists every problem.
import { Errors, Invalid, type ValidationDetail } from '../errors';
import type { RequestContext } from '../context';

export class Validation {
  readonly problems: ValidationDetail[] = [];

  constructor(private readonly ctx: RequestContext) {}

  int(
    where: 'query' | 'path',
    name: string,
    raw: string | undefined | null,
    range: { min?: number; max?: number; fallback?: number },
  ): number {
    if (raw === undefined || raw === null) {
      if (range.fallback !== undefined) return range.fallback;
      this.problems.push(Invalid.missing(where === 'path' ? 'query' : where, name));
      return NaN;
    }
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) {
      this.problems.push(Invalid.notInteger(where, name, raw));
      return NaN;
    }
    const value = Number(raw);
    if (range.min !== undefined && value < range.min) this.problems.push(Invalid.tooSmall(where, name, raw, range.min));
    else if (range.max !== undefined && value > range.max) this.problems.push(Invalid.tooBig(where, name, raw, range.max));
    return value;
  }

  queryString(name: string, range: { min?: number; max?: number; required?: boolean }): string | undefined {
    const raw = this.ctx.query.get(name);
    if (raw === null) {
      if (range.required) this.problems.push(Invalid.missing('query', name));
      return undefined;
    }
    return this.checkLength('query', name, raw, range);
  }

  header(name: string, range: { min?: number; max?: number; required?: boolean }): string | undefined {
    const raw = this.ctx.header(name);
    if (raw === undefined) {
      if (range.required) this.problems.push(Invalid.missing('header', name.toLowerCase()));
      return undefined;
    }
    return this.checkLength('header', name.toLowerCase(), raw, range);
  }

  private checkLength(where: 'query' | 'header', name: string, raw: string, range: { min?: number; max?: number }): string {
    if (range.min !== undefined && raw.length < range.min) this.problems.push(Invalid.tooShort(where, name, raw, range.min));
    else if (range.max !== undefined && raw.length > range.max) this.problems.push(Invalid.tooLong(where, name, raw, range.max));
    return raw;
  }

  /** Throws the 400 when anything was wrong. */
  done(): void {
    if (this.problems.length) throw Errors.validation(...this.problems);
  }
}
