// google.script as a Sheets panel sees it, installed before the page's scripts run
// (page.addInitScript serialises this function, so it must stay self-contained). It keeps
// to what Google documents for google.script.run and no more:
// - google.script.run and every withSuccessHandler / withFailureHandler / withUserObject
//   return a runner; the with… calls return a NEW runner, leaving the one they were
//   called on as it was;
// - a server function is a method of a runner, called on it (detached or re-bound to
//   another `this`, it throws), returning nothing; the answer comes later, to the success
//   handler, or the Error to the failure handler (to the console if there is none);
// - one call per runner made by a with… call: a panel builds a fresh chain for each call;
// - arguments are primitives, plain objects and arrays of them (a form element only as
//   the sole argument); a Date, a function or another DOM element fails the call;
//   undefined in an array becomes null; the server gets a copy.
// Calls are handed to window.__gasCall(name, args), which the test exposes: it runs the
// server function in the Apps Script harness and resolves with { ok } or { error }.
export interface GasCallLog {
  calls: { name: string; args: unknown[] }[];
  closed: number;
  consoleFailures: string[];
}

export function installGoogleScriptStub(serverFunctions: string[]): void {
  const w = window as unknown as Record<string, unknown>;
  const log: GasCallLog = { calls: [], closed: 0, consoleFailures: [] };
  w.__gasLog = log;
  const gasCall = (name: string, args: unknown[]) =>
    (w.__gasCall as (n: string, a: unknown[]) => Promise<{ ok?: unknown; error?: string }>)(
      name,
      args,
    );

  function copy(v: unknown, inArray: boolean): unknown {
    if (v === undefined) return inArray ? null : undefined;
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return v;
    if (typeof v === 'function') throw new TypeError('Failed due to illegal value: a function');
    if (v instanceof Date) throw new TypeError('Failed due to illegal value: a Date');
    if (typeof Node !== 'undefined' && v instanceof Node)
      throw new TypeError('Failed due to illegal value: a DOM element');
    if (Array.isArray(v)) return v.map((x) => copy(x, true));
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null)
      throw new TypeError('Failed due to illegal value: not a plain object');
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const c = copy(x, false);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }

  interface Handlers {
    success: ((value: unknown, user?: unknown) => void) | null;
    failure: ((error: Error, user?: unknown) => void) | null;
    user: unknown;
  }

  const runners = new WeakSet<object>();
  function runner(h: Handlers, root = false): Record<string, unknown> {
    const r: Record<string, unknown> = {};
    let used = false;
    r.withSuccessHandler = (fn: Handlers['success']) => runner({ ...h, success: fn });
    r.withFailureHandler = (fn: Handlers['failure']) => runner({ ...h, failure: fn });
    r.withUserObject = (o: unknown) => runner({ ...h, user: o });
    for (const name of serverFunctions) {
      r[name] = function (this: unknown, ...args: unknown[]) {
        if (this !== r || !runners.has(r))
          throw new TypeError(`google.script.run.${name} must be called as a method of its runner`);
        // (google.script.run itself, without handlers, may be called again and again.)
        if (used) throw new Error(`this runner already made a call; start a new chain for ${name}`);
        used = !root;
        const isForm =
          args.length === 1 &&
          typeof HTMLFormElement !== 'undefined' &&
          args[0] instanceof HTMLFormElement;
        if (isForm) throw new TypeError('test: form arguments are not supported by this stand-in');
        const sent = args.map((a) => copy(a, false));
        log.calls.push({ name, args: sent });
        void gasCall(name, sent).then((answer) => {
          if ('error' in answer && answer.error !== undefined) {
            const e = new Error(answer.error);
            if (h.failure) h.failure(e, h.user);
            else {
              log.consoleFailures.push(answer.error);
              console.error(e);
            }
          } else if (h.success) h.success(answer.ok, h.user);
        });
      };
    }
    runners.add(r);
    return r;
  }

  w.google = {
    script: {
      run: runner({ success: null, failure: null, user: undefined }, true),
      host: {
        close() {
          log.closed++;
        },
        setHeight() {},
        setWidth() {},
        editor: { focus() {} },
      },
    },
  };
}
