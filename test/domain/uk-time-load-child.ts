// Counts the date formatters made while main/domain loads, and once a time is shown (test/domain/uk-time.test.ts).
const made: string[] = [];
Intl.DateTimeFormat = new Proxy(Intl.DateTimeFormat, {
  construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
    made.push(args[1]?.timeZone ?? 'local');
    return Reflect.construct(target, args) as Intl.DateTimeFormat;
  },
});
const { ukDateTime } = await import('../../main/domain');
const atLoad = made.length;
ukDateTime('2026-12-02T06:35:12Z');
process.stdout.write(JSON.stringify({ atLoad, afterFirstTime: made.length }));

export {};
